"""Redis down at ingest time: articles are stored pending, the admin answers, the sweep finishes them later."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse

from claims.ingest import ArticleInput, article_ingest
from claims.models import Article
from claims.pipeline import article_sweep_stuck
from factcheck.testing import RedisServer, celery_broker_url, queued_messages, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Nothing listens here: the broker is "down" for this process only, not for anyone sharing Redis.
DOWN_BROKER = "redis://127.0.0.1:6390/0"
BODIES = [
    "The ministry said 4,000 homes were built in 2023. Critics said the real figure was closer to 2,500.",
    "Unemployment fell to 4 percent in May. The central bank expects it to rise again next year.",
]


def test_articles_ingested_while_redis_is_down_are_finished_by_the_sweep(
    client, editor, celery_broker, make_celery_worker
):
    # given: the broker is unreachable while articles come in
    with celery_broker_url(DOWN_BROKER):
        started = time.monotonic()
        articles = [
            article_ingest(article=ArticleInput(title=f"Story {n}", body=body), created_by=None)[0]
            for n, body in enumerate(BODIES)
        ]
        ingest_seconds = time.monotonic() - started
        client.force_login(editor)
        admin_page = client.get(reverse("admin:claims_article_changelist"))

    assert ingest_seconds < 10 * len(BODIES)
    assert admin_page.status_code == 200
    assert [a.refresh_from_db() or a.segmentation_status for a in articles] == ["pending", "pending"]
    assert queued_messages(celery_broker) == 0, "the messages reached the real broker after all"

    # when: Redis is back, a worker runs and the periodic sweep looks for lost messages
    worker = make_celery_worker()
    worker.start()
    outcome = article_sweep_stuck(pending_for=timedelta(0))

    # then
    ids = [a.pk for a in articles]
    assert sorted(outcome.requeued_pending) == sorted(ids)
    wait_until(
        lambda: Article.objects.filter(pk__in=ids, segmentation_status="done").count() == len(ids),
        timeout=30,
        what="the swept articles to be segmented",
    )
    assert [Article.objects.get(pk=pk).claims.count() for pk in ids] == [2, 2]


# Seconds from Redis answering again to the last article done; the bound, with the default settings.
RECOVERY_BOUND = 60
OUTAGE_SECONDS = 30


def test_articles_stored_while_redis_was_down_are_done_within_a_minute_of_its_return(
    make_celery_worker, make_celery_beat
):
    # given: a worker and beat on a Redis of the test's own, which then goes down for half a minute
    redis_server = RedisServer()
    try:
        make_celery_worker(env={"REDIS_URL": redis_server.url}).start()
        make_celery_beat(env={"REDIS_URL": redis_server.url}).start()
        with celery_broker_url(redis_server.url):
            redis_server.stop()
            down_at = time.monotonic()
            articles = [
                article_ingest(article=ArticleInput(title=f"Story {n}", body=body), created_by=None)[0]
                for n, body in enumerate(BODIES)
            ]
            ids = [a.pk for a in articles]
            assert Article.objects.filter(pk__in=ids, segmentation_status="pending").count() == len(ids)
            time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - down_at)))

            # when: Redis answers again (empty: what was queued before is gone)
            redis_server.start()
            back_at = time.monotonic()
            wait_until(
                lambda: Article.objects.filter(pk__in=ids, segmentation_status="done").count() == len(ids),
                timeout=RECOVERY_BOUND + 30,  # past the bound, so a slow recovery fails on the bound, measured
                interval=0.2,
                what="the articles stored during the outage to be segmented",
            )
            seconds = time.monotonic() - back_at
    finally:
        redis_server.close()

    # then
    print(f"\nRECOVERY broker restarted: every article done {seconds:.1f} s after Redis answered again")
    assert seconds < RECOVERY_BOUND
    assert [Article.objects.get(pk=pk).claims.count() for pk in ids] == [2, 2]
