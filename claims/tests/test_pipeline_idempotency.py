"""A message delivered twice, two workers racing, a worker that died mid-run: one set of claims."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from claims.models import Article, Claim
from claims.pipeline import article_segment
from claims.tasks import segment_article_task
from claims.text import content_hash

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "The ministry said 4,000 homes were built in 2023. Critics said the real figure was closer to 2,500. "
    "The mayor promised 10,000 more by 2030."
)


def _pending(body: str = BODY) -> Article:
    return Article.objects.create(title="Homes", body=body, content_hash=content_hash(body))


def _race(article_ids: list[int], runners: int) -> list[dict]:
    barrier = threading.Barrier(runners)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            for article_id in article_ids:
                # Each thread stands for a worker of its own: celery's "no join inside a task" flag is one
                # global, which another thread's eager sub-task (matching, queued on commit) sets meanwhile.
                results.append(segment_article_task.apply(args=[article_id]).get(disable_sync_subtasks=False))
        except Exception as error:  # surfaced below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def test_same_task_delivered_twice_produces_one_set_of_claims():
    article = _pending()

    first = segment_article_task.apply(args=[article.pk]).get()
    second = segment_article_task.apply(args=[article.pk]).get()

    assert first["ran"]
    assert not second["ran"]
    assert Claim.objects.filter(article=article).count() == first["claims_created"] == 3


@pytest.mark.postgresql
def test_workers_racing_on_the_same_articles_produce_one_set_of_claims_each():
    articles = [_pending(f"{BODY} Story {n} of the series.") for n in range(8)]

    results = _race([a.pk for a in articles], runners=3)

    assert len(results) == 3 * len(articles)
    for article in articles:
        ran = [r for r in results if r["article_id"] == article.pk and r["ran"]]
        assert len(ran) == 1
        article.refresh_from_db()
        assert article.segmentation_status == Article.SegmentationStatus.DONE
        assert article.segmentation_attempts == 1
        claims = list(article.claims.values_list("start", "end"))
        assert len(claims) == len(set(claims)) == ran[0]["claims_created"]


def test_redelivered_message_takes_over_a_run_whose_worker_died(settings):
    settings.FACTCHECK_SEGMENTATION_STUCK_SECONDS = 60
    article = _pending()
    # given: a worker claimed the article two minutes ago and was killed before committing
    Article.objects.filter(pk=article.pk).update(
        segmentation_status=Article.SegmentationStatus.RUNNING,
        segmentation_started_at=timezone.now() - timedelta(minutes=2),
        segmentation_attempts=1,
    )

    outcome = article_segment(article_id=article.pk)

    article.refresh_from_db()
    assert outcome.ran
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert article.segmentation_attempts == 2
    assert article.claims.count() == 3


def test_run_that_may_still_be_alive_is_not_taken_over(settings):
    settings.FACTCHECK_SEGMENTATION_STUCK_SECONDS = 60
    article = _pending()
    Article.objects.filter(pk=article.pk).update(
        segmentation_status=Article.SegmentationStatus.RUNNING,
        segmentation_started_at=timezone.now() - timedelta(seconds=10),
        segmentation_attempts=1,
    )

    outcome = article_segment(article_id=article.pk)

    article.refresh_from_db()
    assert not outcome.ran
    assert article.segmentation_status == Article.SegmentationStatus.RUNNING
    assert not article.claims.exists()


def test_dead_run_is_not_taken_over_once_its_attempts_are_used_up(settings):
    settings.FACTCHECK_SEGMENTATION_STUCK_SECONDS = 60
    settings.FACTCHECK_SEGMENTATION_MAX_ATTEMPTS = 3
    article = _pending()
    Article.objects.filter(pk=article.pk).update(
        segmentation_status=Article.SegmentationStatus.RUNNING,
        segmentation_started_at=timezone.now() - timedelta(minutes=2),
        segmentation_attempts=3,
    )

    outcome = article_segment(article_id=article.pk)

    assert not outcome.ran
    assert not Claim.objects.filter(article=article).exists()
