"""The pipeline with the real thing: PostgreSQL, Redis and a `celery worker` process."""

import pytest
from django.db import transaction

from claims.ingest import ArticleInput, article_ingest
from claims.models import Article
from claims.segmentation import segment
from claims.tasks import segment_article_task
from claims.text import content_hash
from factcheck.testing import queued_messages, wait_until
from seeds.loader import seed_articles

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BODY = "The ministry said 4,000 homes were built in 2023. Critics said the real figure was closer to 2,500."


def _all_done(ids, timeout=30):
    wait_until(
        lambda: Article.objects.filter(pk__in=ids, segmentation_status="done").count() == len(ids),
        timeout=timeout,
        what=f"{len(ids)} articles to be segmented",
    )


def test_seed_article_ingested_through_the_pipeline_ends_done_with_its_claims(celery_worker_process):
    seed = seed_articles()[0]

    article, created = article_ingest(
        article=ArticleInput(title=seed.title, body=seed.body, url=seed.url), created_by=None
    )
    _all_done([article.pk])

    article.refresh_from_db()
    assert created
    expected = [(s.start, s.end) for s in segment(article.body) if not s.is_boilerplate]
    claims = list(article.claims.order_by("position"))
    assert [(c.start, c.end) for c in claims] == expected
    for claim in claims:
        assert article.body[claim.start : claim.end] == claim.text
    assert article.segmentation_attempts == 1


def test_each_task_delivered_twice_to_racing_workers_gives_one_set_of_claims(make_celery_worker):
    worker = make_celery_worker(concurrency=2)
    worker.start()
    # given: articles whose message got duplicated (a redelivery racing the original)
    articles = [
        Article.objects.create(
            title=f"Homes {n}", body=f"{BODY} Part {n}.", content_hash=content_hash(f"{BODY} Part {n}.")
        )
        for n in range(20)
    ]

    for article in articles:
        segment_article_task.delay(article.pk)
        segment_article_task.delay(article.pk)
    _all_done([a.pk for a in articles])
    wait_until(lambda: queued_messages(worker.env["REDIS_URL"]) == 0, timeout=30, what="the queue to drain")

    for article in articles:
        article.refresh_from_db()
        spans = list(article.claims.values_list("start", "end"))
        assert len(spans) == len(set(spans)) == 3
        assert article.segmentation_attempts == 1


def test_rolled_back_ingest_queues_nothing(celery_broker):
    def ingest_then_fail():
        with transaction.atomic():
            article_ingest(article=ArticleInput(title="Homes", body=BODY), created_by=None)
            raise RuntimeError("the caller failed after ingesting")

    with pytest.raises(RuntimeError):
        ingest_then_fail()

    assert Article.objects.count() == 0
    assert queued_messages(celery_broker) == 0
    # the same ingest, committed, does queue its message
    article_ingest(article=ArticleInput(title="Homes", body=BODY), created_by=None)
    assert queued_messages(celery_broker) == 1


def test_article_past_the_soft_time_limit_ends_failed_with_the_reason(celery_worker_process):
    # given: a body that takes the segmenter well over a second (stored directly, past the ingest limit)
    sentence = "In 2023 the agency counted 1,234 new cases in 17 regions, up 8 percent on the year before. "
    body = sentence * 40_000
    article = Article.objects.create(title="Huge", body=body, content_hash=content_hash(body))

    # Time limits travel with the message, so the sender sets them.
    segment_article_task.apply_async(args=[article.pk], soft_time_limit=1, time_limit=30)
    wait_until(
        lambda: Article.objects.filter(pk=article.pk, segmentation_status="failed").exists(),
        timeout=30,
        what="the article to fail",
    )

    article.refresh_from_db()
    assert article.segmentation_error.startswith("SoftTimeLimitExceeded")
    assert not article.claims.exists()


def test_task_retries_with_backoff_while_the_database_is_unreachable(make_celery_worker):
    # given: a worker whose database does not answer (nothing listens on that port)
    worker = make_celery_worker(env={"DATABASE_URL": "postgres://postgres@127.0.0.1:5499/unreachable"})
    worker.start()

    segment_article_task.delay(12345)

    wait_until(lambda: worker.log_text.count("Retry in") >= 2, timeout=30, what="two retries")
    retries = [line for line in worker.log_text.splitlines() if "Retry in" in line]
    assert all("OperationalError" in line for line in retries), retries
