"""A worker killed with SIGKILL mid-batch: with the default settings, every article is done within a minute.

The worker is restarted at once, as a supervisor would; its message stays unacknowledged in Redis
until the visibility timeout, so what brings the abandoned run back is the lease running out and
the beat sweep re-queueing it. No article is lost, and none gets its claims twice.
"""

import time

import pytest
from django.db import transaction

from claims.ingest import ArticleInput, article_ingest, article_ingest_batch
from claims.models import Article
from claims.segmentation import segment
from factcheck.testing import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Seconds from the kill to the last article done; the bound, with the default settings.
RECOVERY_BOUND = 60


def _body(n: int, sentences: int) -> str:
    return " ".join(
        f"In {1990 + i % 30} the agency counted {n * 100_000 + i:,} new cases in region {i % 17}, "
        f"up {i % 9 + 1} percent on the year before."
        for i in range(sentences)
    )


def _counts(ids):
    rows = Article.objects.filter(pk__in=ids).values_list("segmentation_status", flat=True)
    return {status: sum(1 for r in rows if r == status) for status in ("pending", "running", "done", "failed")}


def _assert_each_has_its_segments_once(ids) -> None:
    for article in Article.objects.filter(pk__in=ids):
        expected = [(s.start, s.end) for s in segment(article.body) if not s.is_boilerplate]
        spans = list(article.claims.order_by("position").values_list("start", "end"))
        assert spans == expected, f"article {article.pk} has duplicate or missing claims"


def _recover(worker, ids, *, killed_at: float, what: str) -> float:
    """Restart the killed worker at once and wait for every article; the seconds since the kill."""
    worker.start()
    wait_until(
        lambda: _counts(ids)["done"] == len(ids),
        timeout=RECOVERY_BOUND + 30,  # past the bound, so a slow recovery fails on the bound below, measured
        interval=0.2,
        what=f"all {len(ids)} articles to be done",
    )
    seconds = time.monotonic() - killed_at
    print(f"\nRECOVERY {what}: every article done {seconds:.1f} s after the worker was killed")
    return seconds


@pytest.fixture
def worker_and_beat(make_celery_worker, make_celery_beat):
    worker = make_celery_worker()
    worker.start()
    make_celery_beat().start()
    return worker


def test_sigkilled_worker_restarted_finishes_all_fifty_articles_within_a_minute(worker_and_beat):
    worker = worker_and_beat
    # One long article in the middle of the batch: the worker is certainly busy with it when killed.
    long_one = 10
    with transaction.atomic():
        ids = [
            article_ingest(
                article=ArticleInput(title=f"Cases {n}", body=_body(n, 8000 if n == long_one else 300)),
                created_by=None,
            )[0].pk
            for n in range(50)
        ]

    # when: the worker dies without warning while it is segmenting the batch
    wait_until(
        lambda: Article.objects.filter(pk=ids[long_one], segmentation_status="running").exists(),
        timeout=60,
        interval=0.005,
        what="the worker to be in the middle of the batch",
    )
    worker.kill()
    killed_at = time.monotonic()
    assert _counts(ids) == {"pending": 39, "running": 1, "done": 10, "failed": 0}

    # then
    seconds = _recover(worker, ids, killed_at=killed_at, what="worker killed, one article at a time")
    assert seconds < RECOVERY_BOUND
    _assert_each_has_its_segments_once(ids)
    # the abandoned run was taken over once, after its lease ran out
    assert Article.objects.get(pk=ids[long_one]).segmentation_attempts == 2


def test_sigkilled_worker_mid_import_batch_finishes_every_article_once_within_a_minute(worker_and_beat):
    worker = worker_and_beat
    # An import: stored together, segmented in two tasks of 25 whose claims are written at the end.
    with transaction.atomic():
        results = article_ingest_batch(
            articles=[ArticleInput(title=f"Cases {n}", body=_body(n, 8000 if n == 10 else 300)) for n in range(50)],
            created_by=None,
        )
    ids = [result.article.pk for result in results]
    first_task, second_task = ids[:25], ids[25:]

    # when: the worker dies while it is segmenting the first task's articles
    wait_until(
        lambda: _counts(first_task)["running"] == 25,
        timeout=60,
        interval=0.005,
        what="the worker to be in the middle of the first task",
    )
    worker.kill()
    killed_at = time.monotonic()
    assert _counts(first_task) == {"pending": 0, "running": 25, "done": 0, "failed": 0}
    assert _counts(second_task)["pending"] == 25

    # then: the second task runs as usual and the first task's abandoned run is taken over
    seconds = _recover(worker, ids, killed_at=killed_at, what="worker killed, import batch")
    assert seconds < RECOVERY_BOUND
    _assert_each_has_its_segments_once(ids)
    attempts = dict(Article.objects.filter(pk__in=ids).values_list("pk", "segmentation_attempts"))
    assert {attempts[pk] for pk in first_task} == {2}
    assert {attempts[pk] for pk in second_task} == {1}
