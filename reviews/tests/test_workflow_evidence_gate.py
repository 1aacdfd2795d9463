"""The evidence gate: a verdict is submitted only when it cites FACTCHECK_MIN_SOURCES sources of its claim."""

import pytest
from django.core.exceptions import ValidationError

from claims.tests.factories import SourceFactory
from reviews import services
from reviews.models import Rating, Verdict
from reviews.tests.wf_helpers import claim_in_review

pytestmark = pytest.mark.django_db


def _draft(claim, reviewer, sources):
    return services.verdict_create(
        claim=claim,
        actor=reviewer,
        rating=Rating.objects.get(slug="false"),
        summary="Wrong figure.",
        explanation="",
        sources=sources,
    )


def test_a_verdict_citing_no_source_cannot_be_submitted(reviewer):
    claim, _ = claim_in_review(reviewer=reviewer, sources=1)
    verdict = _draft(claim, reviewer, sources=[])

    with pytest.raises(ValidationError) as refusal:
        services.verdict_submit(verdict=verdict, actor=reviewer)

    assert "sources" in refusal.value.message_dict
    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert (verdict.status, claim.status) == (Verdict.Status.DRAFT, "in_review")


def test_the_minimum_comes_from_the_setting(reviewer, settings):
    settings.FACTCHECK_MIN_SOURCES = 2
    claim, cited = claim_in_review(reviewer=reviewer, sources=2)
    verdict = _draft(claim, reviewer, sources=cited[:1])

    with pytest.raises(ValidationError, match="at least 2 sources"):
        services.verdict_submit(verdict=verdict, actor=reviewer)

    services.verdict_update(verdict=verdict, actor=reviewer, sources=cited)
    services.verdict_submit(verdict=verdict, actor=reviewer)
    claim.refresh_from_db()
    assert claim.status == "awaiting_approval"


def test_a_verdict_cannot_cite_a_source_of_another_claim(reviewer):
    claim, _ = claim_in_review(reviewer=reviewer, sources=0)
    elsewhere = SourceFactory()

    with pytest.raises(ValidationError) as refusal:
        _draft(claim, reviewer, sources=[elsewhere])

    assert "sources" in refusal.value.message_dict
    assert not Verdict.objects.filter(claim=claim).exists()
