"""The claim rows' hand-built representation stays identical to DRF's field-by-field one.

ClaimSerializer.to_representation lists its fields by hand for speed, from a claim or from a list
row (selectors.claim_rows); this pins both to the declared fields, so a field added to Meta.fields
but not to the fast path fails here.
"""

import pytest
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from claims.models import Claim
from claims.tests.factories import ClaimFactory
from reviews.api.serializers import ClaimSerializer
from reviews.selectors import claim_list, claim_rows
from reviews.tests.api_helpers import published

pytestmark = pytest.mark.django_db


def _both(claim_id):
    """(the fast representation, DRF's generic one); the fast one is the same from a claim and a list row."""
    claim = claim_list().get(pk=claim_id)
    row = claim_rows().get(pk=claim_id)
    request = APIRequestFactory().get("/api/v1/claims/")
    serializer = ClaimSerializer(context={"request": request})
    fast = serializer.to_representation(claim)
    assert serializer.to_representation(row) == fast
    return fast, serializers.ModelSerializer.to_representation(serializer, claim)


def test_new_unassigned_claim_is_represented_as_drf_would(reviewer):
    claim = ClaimFactory(tags=["defence"], reasons=["number", "date"], claimant="Ministry of Defence")

    fast, generic = _both(claim.pk)

    assert list(fast) == list(ClaimSerializer.Meta.fields)
    assert fast == generic


def test_assigned_dismissed_claim_is_represented_as_drf_would(reviewer):
    claim = ClaimFactory(
        assignee=reviewer,
        status=Claim.Status.DISMISSED,
        dismiss_reason=Claim.DismissReason.OPINION,
        claimant_url="https://example.org/minister",
    )

    fast, generic = _both(claim.pk)

    assert fast["assignee"] == reviewer.username
    assert fast == generic


def test_published_claim_with_rating_and_links_is_represented_as_drf_would(reviewer, editor, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    claim, _ = published(reviewer=reviewer, editor=editor)

    with timezone.override("Europe/Kyiv"):
        fast, generic = _both(claim.pk)

    assert fast["rating"] == "false"
    assert fast["links"]["public"] is not None
    assert fast == generic


def test_kind_priority_and_due_date_are_read_only_fields_as_drf_would_give_them(reviewer, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    due = timezone.now().replace(microsecond=0)
    claim = ClaimFactory(kind="headline", priority=Claim.Priority.URGENT, due_at=due)

    with timezone.override("Europe/Kyiv"):
        fast, generic = _both(claim.pk)

    assert (fast["kind"], fast["priority"]) == ("headline", 2)
    assert fast["due_at"] == serializers.DateTimeField().to_representation(due)
    assert fast == generic
    assert {"kind", "priority", "due_at"} <= set(ClaimSerializer.Meta.read_only_fields)


def test_a_claim_without_a_due_date_shows_null(reviewer):
    fast, generic = _both(ClaimFactory().pk)

    assert (fast["kind"], fast["priority"], fast["due_at"]) == ("sentence", 0, None)
    assert fast == generic
