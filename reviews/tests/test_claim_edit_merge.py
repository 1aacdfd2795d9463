"""Merging adjacent claims of one article: one claim spanning both, sources and timeline kept."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim
from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews.models import WorkflowEvent
from reviews.services import claim_dismiss, claim_merge, claim_reopen, source_add

pytestmark = pytest.mark.django_db

BODY = "Taxes fell 5%. Spending rose 8%. Debt is at a record high."


def _three():
    article = ArticleFactory(body=BODY)
    parts = ["Taxes fell 5%.", "Spending rose 8%.", "Debt is at a record high."]
    claims = []
    for position, text in enumerate(parts):
        start = BODY.index(text)
        claims.append(ClaimFactory(article=article, text=text, start=start, end=start + len(text), position=position))
    return article, claims


def test_merging_adjacent_claims_spans_both_and_keeps_sources_and_events(reviewer):
    article, (first, second, third) = _three()
    source_add(claim=second, actor=reviewer, url="https://budget.example.org/2024")
    claim_dismiss(claim=second, actor=reviewer, reason="opinion")
    claim_reopen(claim=second, actor=reviewer)

    merged = claim_merge(claims=[second, first], actor=reviewer)

    assert merged.pk == first.pk
    assert merged.text == "Taxes fell 5%. Spending rose 8%." == BODY[merged.start : merged.end]
    assert list(merged.sources.values_list("url", flat=True)) == ["https://budget.example.org/2024"]
    assert set(WorkflowEvent.objects.filter(claim=merged).values_list("action", flat=True)) >= {
        "source_add",
        "dismiss",
        "reopen",
        "merge",
    }
    assert list(Claim.objects.filter(article=article).order_by("position").values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
    ]


def test_claims_that_are_not_adjacent_are_not_merged(reviewer):
    _, (first, _, third) = _three()

    with pytest.raises(ValidationError):
        claim_merge(claims=[first, third], actor=reviewer)

    assert Claim.objects.filter(pk__in=[first.pk, third.pk]).count() == 2


def test_claims_of_different_articles_are_not_merged(reviewer):
    _, (first, *_) = _three()
    elsewhere = ClaimFactory()

    with pytest.raises(ValidationError):
        claim_merge(claims=[first, elsewhere], actor=reviewer)
