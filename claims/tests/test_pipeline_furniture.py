"""A segmentation run records the page furniture beside the claims, the claims' kind and suggested claimant."""

import pytest

from claims.models import Article, ArticleFragment, Claim
from claims.pipeline import article_segment
from claims.segmentation import segment
from claims.text import content_hash
from seeds.loader import seed_articles

pytestmark = pytest.mark.django_db(transaction=True)


def _pending(body: str) -> Article:
    return Article.objects.create(title="Story", body=body, content_hash=content_hash(body))


def test_seed_furniture_is_stored_with_kind_and_exact_offsets():
    # given the scraped seed article
    article = _pending(seed_articles()[0].body)

    # when it is segmented
    article_segment(article_id=article.pk)

    # then every boilerplate segment is a fragment, at its offsets, and the claims carry their kind
    expected = [(s.start, s.end, s.kind) for s in segment(article.body) if s.is_boilerplate]
    fragments = list(ArticleFragment.objects.filter(article=article).order_by("start"))
    assert expected
    assert [(f.start, f.end, f.kind) for f in fragments] == expected
    for fragment in fragments:
        assert article.body[fragment.start : fragment.end] == fragment.text
    kinds = {s.start: s.kind for s in segment(article.body) if not s.is_boilerplate}
    assert {c.start: c.kind for c in Claim.objects.filter(article=article)} == kinds


def test_a_claim_gets_the_claimant_its_text_names():
    article = _pending("Inflation reached 9 percent in 2022, according to the central bank.")

    article_segment(article_id=article.pk)

    suggested = [s.claimant for s in segment(article.body) if not s.is_boilerplate]
    assert [c.claimant for c in Claim.objects.filter(article=article).order_by("position")] == suggested
    assert any(suggested)


def test_resegmenting_rewrites_the_furniture_once():
    article = _pending(seed_articles()[0].body)
    article_segment(article_id=article.pk)
    count = ArticleFragment.objects.filter(article=article).count()

    Article.objects.filter(pk=article.pk).update(segmentation_status=Article.SegmentationStatus.PENDING)
    article_segment(article_id=article.pk)

    assert ArticleFragment.objects.filter(article=article).count() == count
