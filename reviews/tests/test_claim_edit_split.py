"""Splitting a claim: two claims whose offsets point exactly at their text, positions still unique."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim
from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews.services import claim_split

pytestmark = pytest.mark.django_db

BODY = "Taxes fell 5% and spending rose 8% last year. Debt is at a record high."


def _claims():
    article = ArticleFactory(body=BODY)
    cut = BODY.index(" Debt")
    first = ClaimFactory(article=article, text=BODY[:cut], start=0, end=cut, position=0)
    second = ClaimFactory(article=article, text=BODY[cut + 1 :], start=cut + 1, end=len(BODY), position=1)
    return article, first, second


def test_split_halves_keep_exact_offsets_and_later_claims_move_down(reviewer):
    article, first, later = _claims()

    head, tail = claim_split(claim=first, actor=reviewer, at=first.text.index(" and") + 4)

    assert head.text == "Taxes fell 5% and"
    assert tail.text == "spending rose 8% last year."
    for claim in (head, tail):
        assert BODY[claim.start : claim.end] == claim.text == claim.original_text
    later.refresh_from_db()
    positions = list(Claim.objects.filter(article=article).order_by("position").values_list("pk", "position"))
    assert positions == [(head.pk, 0), (tail.pk, 1), (later.pk, 2)]
    assert head.events.get(action="split").note == tail.events.get(action="split").note


def test_split_at_either_end_is_refused(reviewer):
    _, first, _ = _claims()

    with pytest.raises(ValidationError):
        claim_split(claim=first, actor=reviewer, at=len(first.text))
    with pytest.raises(ValidationError):
        claim_split(claim=first, actor=reviewer, at=0)

    assert Claim.objects.filter(article=first.article).count() == 2


def test_a_reworded_claim_cannot_be_split(reviewer):
    _, first, _ = _claims()
    Claim.objects.filter(pk=first.pk).update(text="Taxes went down by five percent.")
    first.refresh_from_db()

    with pytest.raises(ValidationError):
        claim_split(claim=first, actor=reviewer, at=6)


def test_a_split_whose_second_half_is_only_spaces_is_refused(reviewer):
    article = ArticleFactory(body="Taxes fell 5%.   ")
    claim = ClaimFactory(article=article, text="Taxes fell 5%.   ", start=0, end=17, position=0)

    with pytest.raises(ValidationError, match="Both parts"):
        claim_split(claim=claim, actor=reviewer, at=14)
