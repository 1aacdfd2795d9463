"""Throttles: per user and per anonymous address, counted in the shared cache, 429 with Retry-After."""

import pytest
from django.core.cache import cache

from factcheck.api.throttling import AnonThrottle, UserThrottle

WINDOW_START = 29_000_000 * 60.0  # a minute boundary


@pytest.fixture
def clock(monkeypatch):
    """The throttles' clock, set by the test: {"now": seconds}."""
    now = {"now": WINDOW_START + 15}
    for throttle in (UserThrottle, AnonThrottle):
        monkeypatch.setattr(throttle, "timer", staticmethod(lambda: now["now"]))
    return now


def test_user_over_the_rate_gets_429_with_retry_after(integrator, api_client_for, settings, clock):
    settings.FACTCHECK_API_THROTTLE_RATES = {"user": "3/minute", "anon": "100/minute"}
    client = api_client_for(integrator)

    statuses = [client.get("/api/v1/ratings/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    clock["now"] = WINDOW_START + 50.5
    response = client.get("/api/v1/ratings/")
    assert response.status_code == 429
    assert response["Retry-After"] == "10"  # the window ends at +60 s


def test_the_next_window_starts_a_new_count(integrator, api_client_for, settings, clock):
    settings.FACTCHECK_API_THROTTLE_RATES = {"user": "2/minute", "anon": "100/minute"}
    client = api_client_for(integrator)

    assert [client.get("/api/v1/ratings/").status_code for _ in range(3)] == [200, 200, 429]
    clock["now"] = WINDOW_START + 60
    assert [client.get("/api/v1/ratings/").status_code for _ in range(3)] == [200, 200, 429]


def test_the_count_is_per_user_and_shared_across_clients(integrator, reviewer, api_client_for, settings, clock):
    settings.FACTCHECK_API_THROTTLE_RATES = {"user": "2/minute", "anon": "100/minute"}
    # two tokens (two processes, say) of one user share one count
    first, second = api_client_for(integrator), api_client_for(integrator)

    assert first.get("/api/v1/ratings/").status_code == 200
    assert second.get("/api/v1/ratings/").status_code == 200
    assert first.get("/api/v1/ratings/").status_code == 429
    # another user has their own
    assert api_client_for(reviewer).get("/api/v1/ratings/").status_code == 200
    # counted in the shared cache, refused requests included
    assert cache.get(f"throttle_user_{integrator.pk}:{int(WINDOW_START // 60)}") == 3


def test_anonymous_callers_are_throttled_per_address(api_client_for, settings, clock):
    settings.FACTCHECK_API_THROTTLE_RATES = {"user": "100/minute", "anon": "2/minute"}
    client = api_client_for(None)

    statuses = [client.get("/api/v1/claimreviews/", REMOTE_ADDR="203.0.113.7").status_code for _ in range(3)]
    other = client.get("/api/v1/claimreviews/", REMOTE_ADDR="203.0.113.8")

    assert statuses == [200, 200, 429]
    assert other.status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_anonymous_count(api_client_for, settings, clock):
    settings.FACTCHECK_API_THROTTLE_RATES = {"user": "100/minute", "anon": "2/minute"}
    client = api_client_for(None)

    statuses = [
        client.get(
            "/api/v1/claimreviews/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]
