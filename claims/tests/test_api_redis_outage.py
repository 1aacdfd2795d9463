"""Redis down: the API keeps serving and stores articles (pending), throttles count per process, healthz says so.

A Redis of the test's own stands in for the cache and the broker, so stopping it leaves the shared
one alone.
"""

import logging

import pytest
from django.test import override_settings

from claims.models import Article
from factcheck.api import throttling
from factcheck.celery import app
from factcheck.testing import RedisServer, celery_broker_url, queued_messages

pytestmark = pytest.mark.django_db(transaction=True)  # segmentation is queued when the ingest commits

BODY = "The council spent {n} million euros on the bridge in 2022. Critics said the cost doubled."


@pytest.fixture
def own_redis():
    server = RedisServer()
    yield server
    server.close()


@pytest.fixture
def on_own_redis(own_redis, settings, monkeypatch):
    """The cache and the broker point at `own_redis`, and tasks are queued there (no worker runs them)."""
    cache_settings = {"default": {**_redis_cache(settings), "LOCATION": own_redis.url}}
    monkeypatch.setattr(throttling, "_local", throttling._LocalCounts())  # no state from or to other tests
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with override_settings(CACHES=cache_settings), celery_broker_url(own_redis.url):
            yield own_redis
    finally:
        app.conf.task_always_eager = eager


def test_with_redis_down_articles_are_stored_pending_and_every_request_answers(
    on_own_redis, integrator, api_client_for, caplog, monkeypatch
):
    # Try Redis again on every request, so the test also sees it come back at once.
    monkeypatch.setattr(throttling, "RETRY_SHARED_AFTER_SECONDS", 0)
    client = api_client_for(integrator)
    anonymous = api_client_for(None)

    # given: with Redis up, an article's segmentation is queued there and requests are counted there
    first = client.post("/api/v1/articles/", {"title": "Before", "body": BODY.format(n=1)}, format="json")
    assert first.status_code == 202
    assert queued_messages(on_own_redis.url) == 1
    assert client.get("/healthz").json() == {"status": "ok", "redis": "ok"}

    # when: Redis goes away while articles come in and lists are read
    on_own_redis.stop()
    with caplog.at_level(logging.WARNING, logger="factcheck.api.throttling"):
        posted = [
            client.post("/api/v1/articles/", {"title": f"During {n}", "body": BODY.format(n=n)}, format="json")
            for n in (2, 3, 4)
        ]
        reads = [
            client.get("/api/v1/articles/"),
            client.get("/api/v1/claims/"),
            client.get("/api/schema/"),
            anonymous.get("/api/v1/claimreviews/"),
        ]
        health = client.get("/healthz")

    # then: every article is stored, waiting for the sweep to queue its segmentation
    assert [response.status_code for response in posted] == [202, 202, 202]
    stored = Article.objects.filter(pk__in=[response.data["id"] for response in posted])
    assert sorted(stored.values_list("segmentation_status", flat=True)) == ["pending"] * 3
    assert [response.status_code for response in reads] == [200, 200, 200, 200]
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "redis": "unavailable"}
    throttle_warnings = [r for r in caplog.records if r.name == "factcheck.api.throttling"]
    assert len(throttle_warnings) == 1, [r.getMessage() for r in throttle_warnings]
    assert "counted per process" in throttle_warnings[0].getMessage()

    # when: Redis is back
    on_own_redis.start()

    # then: healthz says so and requests are counted in Redis again
    assert client.get("/healthz").json() == {"status": "ok", "redis": "ok"}
    assert client.get("/api/v1/ratings/").status_code == 200
    assert any(key.startswith(":1:throttle_user_") for key in _redis_keys(on_own_redis.url))


def test_with_redis_down_the_rate_still_holds_in_each_process(
    on_own_redis, integrator, api_client_for, settings, monkeypatch
):
    settings.FACTCHECK_API_THROTTLE_RATES = {"user": "2/minute", "anon": "100/minute"}
    monkeypatch.setattr(throttling.UserThrottle, "timer", staticmethod(lambda: 29_000_000 * 60.0 + 15))
    client = api_client_for(integrator)

    on_own_redis.stop()
    statuses = [client.get("/api/v1/ratings/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def _redis_cache(settings) -> dict:
    """The cache settings production uses with Redis (the embedded mode's are local memory)."""
    default = settings.CACHES["default"]
    if default["BACKEND"].endswith("RedisCache"):
        return dict(default)
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "OPTIONS": {}}


def _redis_keys(url: str) -> list[str]:
    import redis

    client = redis.Redis.from_url(url)
    try:
        return [key.decode() for key in client.keys("*")]
    finally:
        client.close()
