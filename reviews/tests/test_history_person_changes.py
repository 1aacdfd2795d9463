"""Every change a person makes reaches simple-history, with that person, including rows moved in bulk."""

import pytest

from claims.models import Claim
from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews import services
from reviews.models import Rating, Verdict, WorkflowEvent
from reviews.services import claim_dismiss, claim_merge, claim_reopen, claim_split, source_add
from reviews.tests.wf_helpers import submitted_verdict

pytestmark = pytest.mark.django_db

BODY = "Taxes fell 5% and spending rose 8%. Debt is at a record high. Prices rose."


def _claims(*texts):
    article = ArticleFactory(body=BODY)
    claims = []
    for position, text in enumerate(texts):
        start = BODY.index(text)
        claims.append(ClaimFactory(article=article, text=text, start=start, end=start + len(text), position=position))
    return claims


def test_a_transition_is_recorded_in_the_claims_history_as_the_actors(reviewer):
    claim = ClaimFactory()

    services.claim_assign(claim=claim, actor=reviewer, assignee=reviewer)

    latest = claim.history.latest()
    assert (latest.status, latest.history_user) == ("in_review", reviewer)


def test_merging_records_the_moved_sources_and_timeline_in_their_history(reviewer):
    # given
    first, second = _claims("Taxes fell 5% and spending rose 8%.", "Debt is at a record high.")
    source = source_add(claim=second, actor=reviewer, url="https://budget.example.org/2024")
    claim_dismiss(claim=second, actor=reviewer, reason="opinion")
    claim_reopen(claim=second, actor=reviewer)
    moved_events = list(WorkflowEvent.objects.filter(claim=second))

    # when
    merged = claim_merge(claims=[first, second], actor=reviewer)

    # then
    latest = source.history.latest()
    assert (latest.claim_id, latest.history_type, latest.history_user) == (merged.pk, "~", reviewer)
    for event in moved_events:
        latest = event.history.latest()
        assert (latest.claim_id, latest.history_type, latest.history_user) == (merged.pk, "~", reviewer)


def test_merging_records_the_absorbed_claims_deletion_as_the_actors(reviewer):
    first, second = _claims("Taxes fell 5% and spending rose 8%.", "Debt is at a record high.")

    claim_merge(claims=[first, second], actor=reviewer)

    gone = Claim.history.filter(id=second.pk).latest()
    assert (gone.history_type, gone.history_user) == ("-", reviewer)


def test_splitting_records_the_later_claims_new_positions_in_their_history(reviewer):
    # given
    first, middle, last = _claims("Taxes fell 5% and spending rose 8%.", "Debt is at a record high.", "Prices rose.")

    # when
    claim_split(claim=first, actor=reviewer, at=first.text.index(" and") + 4)

    # then
    for claim, position in ((middle, 2), (last, 3)):
        claim.refresh_from_db()
        latest = claim.history.latest()
        assert claim.position == position
        assert (latest.position, latest.history_user) == (position, reviewer)


def test_publishing_a_correction_records_the_superseded_version_in_its_history(reviewer, editor, other_editor):
    # given: a published verdict and a submitted correction
    claim, first = submitted_verdict(reviewer=reviewer)
    services.verdict_approve(verdict=first, actor=editor)
    correction = services.verdict_create(
        claim=claim,
        actor=editor,
        rating=Rating.objects.get(slug="mostly-false"),
        summary="The figure is 30 percent, not 40.",
        explanation="",
        sources=list(claim.sources.all()),
        correction_note="The first version misread the table.",
    )
    services.verdict_submit(verdict=correction, actor=editor)

    # when
    services.verdict_approve(verdict=correction, actor=other_editor)

    # then
    latest = Verdict.objects.get(pk=first.pk).history.latest()
    assert (latest.status, latest.history_user) == (Verdict.Status.SUPERSEDED, other_editor)
