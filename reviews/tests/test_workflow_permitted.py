"""workflow.permitted: the steps a person may take on a claim or a verdict, exactly those apply() accepts."""

import pytest

from claims.models import Claim
from claims.tests.factories import ClaimFactory
from factcheck.errors import WorkflowError
from factcheck.tests.factories import UserFactory
from reviews import workflow
from reviews.models import Verdict
from reviews.tests.factories import VerdictFactory
from reviews.workflow import TRANSITIONS, VERDICT_TRANSITIONS, Action

pytestmark = pytest.mark.django_db

# The claim's state a verdict in each state normally sits beside.
CLAIM_STATE_FOR = {
    "draft": "in_review",
    "changes_requested": "in_review",
    "submitted": "awaiting_approval",
    "approved": "published",
    "superseded": "published",
}


def _verdict(*, author, status, claim_status=None):
    claim = ClaimFactory(status=claim_status or CLAIM_STATE_FOR[status])
    verdict = VerdictFactory(claim=claim, author=author, status=status)
    return Verdict.objects.select_related("claim").get(pk=verdict.pk)


def test_four_eyes_the_author_may_not_approve_and_another_editor_may(editor, other_editor, reviewer):
    verdict = _verdict(author=editor, status="submitted")

    assert Action.APPROVE not in workflow.permitted(editor, verdict)
    assert Action.APPROVE in workflow.permitted(other_editor, verdict)
    assert workflow.permitted(reviewer, verdict) == set()


def test_only_the_author_may_edit_and_submit_a_draft(reviewer, other_reviewer, editor):
    verdict = _verdict(author=reviewer, status="draft")

    assert workflow.permitted(reviewer, verdict) == {Action.EDIT, Action.SUBMIT}
    assert workflow.permitted(other_reviewer, verdict) == set()
    assert workflow.permitted(editor, verdict) == set()


def test_a_correction_draft_may_be_submitted_by_its_author_only_while_an_editor(editor, reviewer):
    verdict = _verdict(author=editor, status="draft", claim_status="published")
    demoted = _verdict(author=reviewer, status="draft", claim_status="published")

    assert Action.SUBMIT in workflow.permitted(editor, verdict)
    assert Action.SUBMIT not in workflow.permitted(reviewer, demoted)


def test_on_a_claim_permitted_is_the_claim_table(reviewer, editor):
    published = ClaimFactory(status="published")
    fresh = ClaimFactory(status="new")

    # Deciding a suggested match is desk work in every state; reusing a fact-check only for open work.
    assert workflow.permitted(reviewer, published) == {Action.COMMENT, Action.MATCH}
    assert workflow.permitted(editor, published) == {Action.CORRECT, Action.COMMENT, Action.MATCH}
    assert workflow.permitted(reviewer, fresh) == {
        Action.ASSIGN,
        Action.EDIT,
        Action.SPLIT,
        Action.MERGE,
        Action.DISMISS,
        Action.SCHEDULE,
        Action.COMMENT,
        Action.MATCH,
        Action.REUSE,
    }


def test_every_verdict_step_takes_a_claim_step_for_the_same_roles():
    for transition in VERDICT_TRANSITIONS.values():
        if transition.claim_step is not None:
            assert transition.roles == TRANSITIONS[transition.claim_step].roles


@pytest.mark.parametrize("status", list(Verdict.Status))
@pytest.mark.parametrize("role", ["reviewer", "editor", "integrator"])
@pytest.mark.parametrize("is_author", [True, False])
@pytest.mark.parametrize("action", list(VERDICT_TRANSITIONS))
def test_permitted_says_yes_exactly_where_apply_takes_the_step(action, role, is_author, status):
    # given
    user = UserFactory(username=f"someone-{role}", role=role)
    colleague = UserFactory(username="colleague", role="editor")
    verdict = _verdict(author=user if is_author else colleague, status=status)
    said = action in workflow.permitted(user, verdict)

    # when
    try:
        workflow.apply(action, verdict, actor=user)
        took = True
    except WorkflowError:
        took = False

    # then
    assert said == took
    verdict.refresh_from_db()
    assert (verdict.status != status) == (took and VERDICT_TRANSITIONS[action].target not in (None, status))


def test_permitted_on_a_claim_agrees_with_apply_for_every_state(reviewer):
    for state in Claim.Status:
        claim = ClaimFactory(status=state)
        for action in TRANSITIONS:
            said = action in workflow.permitted(reviewer, claim)
            try:
                workflow.check(action, claim, user=reviewer)
                took = True
            except WorkflowError:
                took = False
            assert said == took, (action, state)
