"""workflow.apply: checks a step, writes the new state (history too) and records the event, or writes nothing."""

import pytest

from claims.models import Claim
from claims.tests.factories import ClaimFactory
from factcheck.errors import RoleForbidden, StateConflict
from reviews import workflow
from reviews.models import Verdict, WorkflowEvent
from reviews.tests.factories import VerdictFactory
from reviews.workflow import Action

pytestmark = pytest.mark.django_db


def _locked_verdict(verdict):
    """The verdict as the services hand it to apply: re-read, with its claim row."""
    fresh = Verdict.objects.get(pk=verdict.pk)
    fresh.claim = Claim.objects.select_for_update().get(pk=verdict.claim_id)
    return fresh


def test_apply_moves_the_claim_records_the_event_and_the_history(reviewer):
    claim = ClaimFactory()

    event = workflow.apply(Action.ASSIGN, claim, actor=reviewer, changes={"assignee": reviewer}, note="Mine.")

    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == ("in_review", reviewer)
    assert (event.action, event.from_state, event.to_state, event.actor, event.note) == (
        "assign",
        "new",
        "in_review",
        reviewer,
        "Mine.",
    )
    latest = claim.history.latest()
    assert (latest.status, latest.assignee_id, latest.history_user) == ("in_review", reviewer.pk, reviewer)


def test_apply_refuses_a_step_from_the_wrong_state_and_writes_nothing(editor):
    claim = ClaimFactory(status="published")
    history = claim.history.count()

    with pytest.raises(StateConflict, match="Cannot dismiss a claim that is published."):
        workflow.apply(Action.DISMISS, claim, actor=editor, changes={"dismiss_reason": "opinion"})

    claim.refresh_from_db()
    assert (claim.status, claim.dismiss_reason) == ("published", "")
    assert not WorkflowEvent.objects.filter(claim=claim).exists()
    assert claim.history.count() == history


def test_apply_refuses_a_role_the_table_does_not_name(integrator):
    claim = ClaimFactory()

    with pytest.raises(RoleForbidden, match="Your role may not assign claims."):
        workflow.apply(Action.ASSIGN, claim, actor=integrator, changes={"assignee": integrator})

    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == ("new", None)


@pytest.mark.parametrize(
    ("action", "claim_before", "verdict_before", "verdict_after", "claim_after", "event"),
    [
        (Action.SUBMIT, "in_review", "draft", "submitted", "awaiting_approval", "submit"),
        (Action.SUBMIT, "in_review", "changes_requested", "submitted", "awaiting_approval", "submit"),
        (Action.APPROVE, "awaiting_approval", "submitted", "approved", "published", "approve"),
        (
            Action.REQUEST_CHANGES,
            "awaiting_approval",
            "submitted",
            "changes_requested",
            "in_review",
            "request_changes",
        ),
        # Corrections: the claim stays published; publishing one is named "correct" on the timeline.
        (Action.SUBMIT, "published", "draft", "submitted", "published", "submit"),
        (Action.APPROVE, "published", "submitted", "approved", "published", "correct"),
        (Action.REQUEST_CHANGES, "published", "submitted", "changes_requested", "published", "request_changes"),
    ],
)
def test_a_verdict_step_moves_the_verdict_and_its_claim_as_the_tables_say(
    editor, other_editor, action, claim_before, verdict_before, verdict_after, claim_after, event
):
    # given: the author is one editor, the actor the other (or the author, for a submission)
    claim = ClaimFactory(status=claim_before)
    verdict = VerdictFactory(claim=claim, author=editor, status=verdict_before)
    actor = editor if action == Action.SUBMIT else other_editor
    claim_history = claim.history.count()

    # when
    recorded = workflow.apply(action, _locked_verdict(verdict), actor=actor)

    # then
    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert (verdict.status, claim.status) == (verdict_after, claim_after)
    assert (recorded.action, recorded.from_state, recorded.to_state) == (event, claim_before, claim_after)
    assert verdict.history.latest().history_user == actor
    # The claim row is written when it moves, and when a verdict goes public (its page changes).
    claim_written = claim_after != claim_before or action == Action.APPROVE
    assert claim.history.count() == claim_history + claim_written
    assert claim.history.latest().history_user == (actor if claim_written else None)


def test_four_eyes_apply_refuses_the_author_and_writes_nothing(editor):
    claim = ClaimFactory(status="awaiting_approval")
    verdict = VerdictFactory(claim=claim, author=editor, status=Verdict.Status.SUBMITTED)

    with pytest.raises(RoleForbidden, match="You wrote this verdict; another editor must approve it."):
        workflow.apply(Action.APPROVE, _locked_verdict(verdict), actor=editor)

    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert (verdict.status, claim.status) == ("submitted", "awaiting_approval")
    assert not WorkflowEvent.objects.filter(claim=claim).exists()


def test_a_correction_is_editors_work_even_for_the_author(reviewer):
    claim = ClaimFactory(status="published")
    verdict = VerdictFactory(claim=claim, author=reviewer, status=Verdict.Status.DRAFT)

    with pytest.raises(RoleForbidden, match="Your role may not correct claims."):
        workflow.apply(Action.SUBMIT, _locked_verdict(verdict), actor=reviewer)

    verdict.refresh_from_db()
    assert verdict.status == "draft"
