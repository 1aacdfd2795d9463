"""A worker killed with SIGKILL mid-batch loses no article and duplicates no claim once it is back."""

import time

import pytest
from django.db import transaction

from claims.ingest import ArticleInput, article_ingest, article_ingest_batch
from claims.models import Article
from claims.segmentation import segment
from factcheck.testing import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Short limits so a dead worker's message and run are recovered within the test: the message
# comes back after the visibility timeout, and the run it finds is then older than STUCK_SECONDS.
RECOVERY_ENV = {
    "CELERY_TASK_SOFT_TIME_LIMIT": "3",
    "CELERY_TASK_TIME_LIMIT": "4",
    "FACTCHECK_SEGMENTATION_STUCK_SECONDS": "5",
    "CELERY_VISIBILITY_TIMEOUT": "6",
}


def _body(n: int, sentences: int) -> str:
    return " ".join(
        f"In {1990 + i % 30} the agency counted {n * 100_000 + i:,} new cases in region {i % 17}, "
        f"up {i % 9 + 1} percent on the year before."
        for i in range(sentences)
    )


def _counts(ids):
    rows = Article.objects.filter(pk__in=ids).values_list("segmentation_status", flat=True)
    return {status: sum(1 for r in rows if r == status) for status in ("pending", "running", "done", "failed")}


def _restart_after_visibility_timeout(worker, killed_at: float) -> None:
    time.sleep(max(0.0, int(RECOVERY_ENV["CELERY_VISIBILITY_TIMEOUT"]) + 1 - (time.monotonic() - killed_at)))
    worker.start()


def _assert_each_has_its_segments_once(ids) -> None:
    for article in Article.objects.filter(pk__in=ids):
        expected = [(s.start, s.end) for s in segment(article.body) if not s.is_boilerplate]
        spans = list(article.claims.order_by("position").values_list("start", "end"))
        assert spans == expected, f"article {article.pk} has duplicate or missing claims"


def test_sigkilled_worker_restarted_finishes_all_fifty_articles_once(make_celery_worker):
    worker = make_celery_worker(env=RECOVERY_ENV)
    worker.start()
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
    at_kill = _counts(ids)
    assert at_kill == {"pending": 39, "running": 1, "done": 10, "failed": 0}

    # then: a new worker recovers the abandoned message once the visibility timeout has passed
    _restart_after_visibility_timeout(worker, killed_at)
    wait_until(lambda: _counts(ids)["done"] == 50, timeout=60, interval=0.1, what="all 50 articles to be done")

    _assert_each_has_its_segments_once(ids)
    # the abandoned run was taken over once, by the redelivered message
    assert Article.objects.get(pk=ids[long_one]).segmentation_attempts == 2


def test_sigkilled_worker_mid_import_batch_finishes_every_article_once(make_celery_worker):
    worker = make_celery_worker(env=RECOVERY_ENV)
    worker.start()
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

    # then: the redelivered task takes its abandoned run over and the second task runs as usual
    _restart_after_visibility_timeout(worker, killed_at)
    wait_until(lambda: _counts(ids)["done"] == 50, timeout=60, interval=0.1, what="all 50 articles to be done")

    _assert_each_has_its_segments_once(ids)
    attempts = dict(Article.objects.filter(pk__in=ids).values_list("pk", "segmentation_attempts"))
    assert {attempts[pk] for pk in first_task} == {2}
    assert {attempts[pk] for pk in second_task} == {1}
