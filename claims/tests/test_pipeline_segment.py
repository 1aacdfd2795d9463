"""article_segment: one run turns a pending article into claims and records how it went."""

import pytest

from claims.ingest import ArticleInput, article_ingest
from claims.models import Article, Claim
from claims.pipeline import article_segment
from claims.segmentation import SEGMENTER_VERSION, segment
from claims.tasks import segment_article_task
from claims.text import content_hash
from seeds.loader import seed_articles

pytestmark = pytest.mark.django_db(transaction=True)


def _pending(body: str, title: str = "Story") -> Article:
    # Stored directly, as an ingest whose message never arrived would leave it.
    return Article.objects.create(title=title, body=body, content_hash=content_hash(body))


def test_seed_article_ends_done_with_claims_at_exact_offsets():
    seed = seed_articles()[0]

    article, _ = article_ingest(article=ArticleInput(title=seed.title, body=seed.body, url=seed.url), created_by=None)

    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    expected = [s for s in segment(article.body) if not s.is_boilerplate]
    claims = list(article.claims.order_by("position"))
    assert [(c.start, c.end) for c in claims] == [(s.start, s.end) for s in expected]
    assert [c.position for c in claims] == list(range(len(claims)))
    for claim in claims:
        assert article.body[claim.start : claim.end] == claim.text == claim.original_text
        assert claim.segmenter_version == SEGMENTER_VERSION
    assert "Photo from open sources" not in " ".join(c.text for c in claims)


def test_run_records_segmenter_version_timing_attempts_and_claim_count():
    article = _pending("The army said 1,200 troops left in March. Officials confirmed the figure on Monday.")

    outcome = article_segment(article_id=article.pk)

    article.refresh_from_db()
    assert outcome.ran
    assert outcome.status == Article.SegmentationStatus.DONE
    assert outcome.claim_count == 2 == article.claims.count()
    assert article.segmenter_version == SEGMENTER_VERSION
    assert article.segmentation_ms is not None
    assert article.segmentation_ms >= 1
    assert article.segmentation_attempts == 1
    assert article.segmented_at >= article.segmentation_started_at
    assert article.segmentation_error == ""


def test_task_takes_an_id_and_reports_the_outcome():
    article = _pending("Inflation reached 9 percent in 2022, the central bank said.")

    result = segment_article_task.delay(article.pk).get()

    assert result["ran"] is True
    assert result["status"] == "done"
    assert result["claims_created"] == Claim.objects.filter(article=article).count() == 1


def test_article_that_is_already_done_is_left_alone():
    article = _pending("Prices rose 5% last year.")
    article_segment(article_id=article.pk)
    before = list(Claim.objects.filter(article=article).values_list("pk", flat=True))

    outcome = article_segment(article_id=article.pk)

    assert not outcome.ran
    assert list(Claim.objects.filter(article=article).values_list("pk", flat=True)) == before


def test_failed_article_is_not_retried_by_a_stray_message():
    article = _pending("Prices rose 5% last year.")
    Article.objects.filter(pk=article.pk).update(
        segmentation_status=Article.SegmentationStatus.FAILED, segmentation_error="SoftTimeLimitExceeded: ..."
    )

    outcome = article_segment(article_id=article.pk)

    article.refresh_from_db()
    assert not outcome.ran
    assert article.segmentation_status == Article.SegmentationStatus.FAILED
    assert not article.claims.exists()


def test_missing_article_is_a_no_op():
    outcome = article_segment(article_id=987654)

    assert not outcome.ran
