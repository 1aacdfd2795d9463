"""Assignment, dismissal and reopening: each step is an event with who, when, from and to."""

import pytest
from django.core.exceptions import ValidationError

from claims.tests.factories import ClaimFactory
from reviews import services
from reviews.models import WorkflowEvent

pytestmark = pytest.mark.django_db


def test_assigning_to_a_named_reviewer_and_reassigning_are_events(reviewer, other_reviewer, editor):
    claim = ClaimFactory()

    services.claim_assign(claim=claim, actor=editor, assignee=reviewer)
    services.claim_assign(claim=claim, actor=editor, assignee=other_reviewer)

    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == ("in_review", other_reviewer)
    events = list(WorkflowEvent.objects.filter(claim=claim).values_list("action", "from_state", "to_state", "note"))
    assert events == [
        ("assign", "new", "in_review", "Assigned to rita."),
        ("assign", "in_review", "in_review", "Assigned to raul."),
    ]


def test_unassigning_returns_the_claim_to_new(reviewer):
    claim = ClaimFactory()
    services.claim_assign(claim=claim, actor=reviewer, assignee=reviewer)

    services.claim_assign(claim=claim, actor=reviewer, assignee=None)

    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == ("new", None)


def test_claims_cannot_be_assigned_to_an_integrator(reviewer, integrator):
    claim = ClaimFactory()

    with pytest.raises(ValidationError):
        services.claim_assign(claim=claim, actor=reviewer, assignee=integrator)

    claim.refresh_from_db()
    assert claim.status == "new"


def test_dismissing_needs_a_known_reason_and_reopen_clears_it(reviewer):
    claim = ClaimFactory()
    with pytest.raises(ValidationError):
        services.claim_dismiss(claim=claim, actor=reviewer, reason="boring")

    services.claim_dismiss(claim=claim, actor=reviewer, reason="duplicate", note="Same as #4.")
    claim.refresh_from_db()
    assert (claim.status, claim.dismiss_reason) == ("dismissed", "duplicate")
    assert claim.events.get(action="dismiss").note == "Duplicate. Same as #4."

    services.claim_reopen(claim=claim, actor=reviewer)
    claim.refresh_from_db()
    assert (claim.status, claim.dismiss_reason) == ("new", "")
