"""published_rating: the rating of a claim's approved verdict, read in the claim's own query."""

import pytest
from django.db.models import F

from claims.models import Claim
from claims.tests.factories import ClaimFactory
from reviews.models import Rating, Verdict
from reviews.selectors import claim_admin_list, claim_rows, published_rating
from reviews.tests.factories import VerdictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims():
    """A claim for every case: no verdict, drafts only, approved, approved after superseded versions."""
    none, drafted, approved, corrected = ClaimFactory.create_batch(4)
    false, true = Rating.objects.get(slug="false"), Rating.objects.get(slug="true")
    VerdictFactory(claim=drafted, version=1, rating=true, status=Verdict.Status.DRAFT)
    VerdictFactory(claim=approved, version=1, rating=false, status=Verdict.Status.APPROVED)
    VerdictFactory(claim=corrected, version=1, rating=false, status=Verdict.Status.SUPERSEDED)
    VerdictFactory(claim=corrected, version=2, rating=true, status=Verdict.Status.APPROVED)
    VerdictFactory(claim=corrected, version=3, rating=false, status=Verdict.Status.DRAFT)
    return {"none": none, "drafted": drafted, "approved": approved, "corrected": corrected}


@pytest.mark.parametrize("field", ["slug", "label"])
def test_the_approved_versions_rating_or_none(claims, field):
    ratings = dict(Claim.objects.annotate(rating=published_rating(field)).values_list("id", "rating"))

    expected = {"none": None, "drafted": None, "approved": "false", "corrected": "true"}
    if field == "label":
        expected = {k: v and Rating.objects.get(slug=v).label for k, v in expected.items()}
    assert {name: ratings[claim.pk] for name, claim in claims.items()} == expected


def test_filters_and_orders_like_a_column(claims):
    rows = claim_rows().filter(published_rating="true").values_list("id", flat=True)
    assert list(rows) == [claims["corrected"].pk]

    ordered = Claim.objects.annotate(rating=published_rating("slug")).order_by(F("rating").asc(nulls_last=True), "id")
    assert [rating for (rating,) in ordered.values_list("rating")] == ["false", "true", None, None]


def test_nested_in_another_query_it_follows_the_outer_claim(claims):
    """Relabelled inside a subquery, the expression still refers to its own claim, not the outer one."""
    rated = Claim.objects.annotate(rating=published_rating("slug")).filter(rating__isnull=False)
    nested = Claim.objects.filter(pk__in=rated.values("pk")).order_by("pk").values_list("pk", flat=True)
    assert list(nested) == sorted([claims["approved"].pk, claims["corrected"].pk])


def test_admin_list_and_api_rows_read_it(claims):
    labels = dict(claim_admin_list().values_list("id", "current_rating_label"))
    slugs = dict(claim_rows().values_list("id", "published_rating"))

    assert labels[claims["approved"].pk] == Rating.objects.get(slug="false").label
    assert slugs[claims["corrected"].pk] == "true"
    assert labels[claims["none"].pk] is None
    assert slugs[claims["drafted"].pk] is None
