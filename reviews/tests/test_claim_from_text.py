"""Claims a reviewer makes from the text (a span, a promoted fragment) and claims marked as furniture."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import Article, ArticleFragment, Claim
from claims.pipeline import article_segment
from claims.tests.factories import ArticleFactory, ClaimFactory
from factcheck.errors import RoleForbidden, StateConflict
from factcheck.tests.factories import UserFactory
from reviews.services import claim_create_from_span, claim_mark_furniture, claim_promote_fragment

pytestmark = pytest.mark.django_db

BODY = "Taxes fell 5% last year.\n\nPhoto: Jane Doe/Reuters\n\nDebt is at a record high."
CAPTION = BODY.index("Photo")
CAPTION_END = BODY.index("Reuters") + len("Reuters")


def _article():
    article = ArticleFactory(body=BODY)
    first = ClaimFactory(article=article, text="Taxes fell 5% last year.", start=0, end=24, position=0)
    last_start = BODY.index("Debt")
    last = ClaimFactory(article=article, text=BODY[last_start:], start=last_start, end=len(BODY), position=1)
    fragment = ArticleFragment.objects.create(
        article=article, start=CAPTION, end=CAPTION_END, kind="credit", text=BODY[CAPTION:CAPTION_END]
    )
    return article, first, last, fragment


def test_a_span_becomes_a_claim_at_exact_offsets_between_its_neighbours(reviewer):
    article, first, last, _ = _article()

    # when the reviewer selects the caption with the blank lines around it
    claim = claim_create_from_span(article=article, start=CAPTION - 2, end=CAPTION_END + 1, actor=reviewer)

    # then the claim is the trimmed text, created by the reviewer, placed by offset, audited
    assert (claim.start, claim.end) == (CAPTION, CAPTION_END)
    assert claim.text == claim.original_text == BODY[CAPTION:CAPTION_END]
    assert claim.created_by == reviewer
    positions = list(Claim.objects.filter(article=article).order_by("position").values_list("pk", flat=True))
    assert positions == [first.pk, claim.pk, last.pk]
    assert claim.events.get().action == "create"
    assert claim.history.count() == 1
    # the furniture under it is gone
    assert not ArticleFragment.objects.filter(article=article).exists()


def test_a_fragment_is_promoted_with_its_kind(editor):
    article, _, _, fragment = _article()

    claim = claim_promote_fragment(fragment=fragment, actor=editor)

    assert (claim.start, claim.end, claim.kind) == (CAPTION, CAPTION_END, "credit")
    assert "credit" in claim.events.get().note


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 5), (5, 5), (0, len(BODY) + 1), (24, 26), (3, 10), (20, CAPTION + 3)],
    ids=["before", "empty", "past-the-end", "whitespace", "inside-a-claim", "overlapping"],
)
def test_a_bad_span_is_refused_and_nothing_is_written(reviewer, start, end):
    article, *_ = _article()

    with pytest.raises(ValidationError):
        claim_create_from_span(article=article, start=start, end=end, actor=reviewer)

    assert Claim.objects.filter(article=article).count() == 2


def test_only_the_desk_makes_claims(integrator):
    article, *_ = _article()

    with pytest.raises(RoleForbidden):
        claim_create_from_span(article=article, start=CAPTION, end=CAPTION_END, actor=integrator)
    with pytest.raises(RoleForbidden):
        claim_create_from_span(article=article, start=CAPTION, end=CAPTION_END, actor=UserFactory())

    assert Claim.objects.filter(article=article).count() == 2


def test_a_claim_marked_as_furniture_is_dismissed_with_the_kind(reviewer):
    _, first, *_ = _article()

    claim_mark_furniture(claim=first, kind="caption", actor=reviewer)

    first.refresh_from_db()
    assert (first.status, first.dismiss_reason, first.kind) == ("dismissed", "furniture", "caption")
    assert "caption" in first.events.get(action="dismiss").note
    with pytest.raises(ValidationError):
        claim_mark_furniture(claim=ClaimFactory(), kind="sentence", actor=reviewer)
    with pytest.raises(StateConflict):
        claim_mark_furniture(claim=first, kind="caption", actor=reviewer)


@pytest.mark.django_db(transaction=True)
def test_resegmentation_keeps_reviewer_decisions_and_records_no_furniture_over_them(reviewer):
    # given a segmented article whose credit a reviewer promoted and whose first claim they marked furniture
    body = "Taxes fell 5% last year, the ministry said.\n\nPhoto: Jane Doe/Reuters\n\nDebt is at a record high."
    article = Article.objects.create(title="Story", body=body, content_hash="x" * 64)
    article_segment(article_id=article.pk)
    fragment = ArticleFragment.objects.get(article=article)
    promoted = claim_promote_fragment(fragment=fragment, actor=reviewer)
    marked = Claim.objects.get(article=article, start=0)
    claim_mark_furniture(claim=marked, kind="promo", actor=reviewer)

    # when the article is segmented again
    Article.objects.filter(pk=article.pk).update(segmentation_status=Article.SegmentationStatus.PENDING)
    article_segment(article_id=article.pk)

    # then both decisions stand, and the furniture is not recorded again over the promoted claim
    assert Claim.objects.filter(pk=promoted.pk, start=promoted.start, end=promoted.end).exists()
    assert Claim.objects.get(pk=marked.pk).dismiss_reason == "furniture"
    assert not ArticleFragment.objects.filter(article=article).exists()
    spans = list(Claim.objects.filter(article=article).order_by("position").values_list("start", flat=True))
    assert spans == sorted(spans)
    assert len(spans) == 3
