"""Webhook destinations: http(s) only, never internal addresses unless allowed, checked on every redirect."""

import pytest

from factcheck.http import DestinationRefused
from factcheck.webhooks.models import WebhookDelivery, WebhookSubscription
from factcheck.webhooks.services import check_destination, webhook_emit, webhook_subscription_create
from reviews.tests.api_helpers import Receiver


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/hook",
        "file:///etc/passwd",
        "gopher://example.org/",
        "http://127.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://10.1.2.3/hook",
        "http://172.16.0.1/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[fe80::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://100.64.0.1/hook",
        "http://user:pass@example.org/hook",
        "http:///nohost",
    ],
)
def test_refuses_non_http_and_internal_destinations(url, settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = []

    with pytest.raises(DestinationRefused):
        check_destination(url)


def test_a_listed_host_may_be_internal(settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1:9999"]

    check_destination("http://127.0.0.1:9999/hook")  # no exception

    with pytest.raises(DestinationRefused):
        check_destination("http://127.0.0.1:9998/hook")


def test_a_public_address_is_accepted(settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = []

    check_destination("https://93.184.215.14/hook")  # a literal public address needs no lookup


def test_subscribing_an_internal_url_over_the_api_is_400(integrator, api_client_for, settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = []

    response = api_client_for(integrator).post(
        "/api/v1/webhooks/", {"url": "http://169.254.169.254/", "events": ["claim.published"]}, format="json"
    )

    assert response.status_code == 400
    assert "url" in response.data
    assert not WebhookSubscription.objects.exists()


def test_a_redirect_to_an_internal_address_is_refused(integrator, settings, django_capture_on_commit_callbacks):
    # given a receiver we trust that redirects to the cloud metadata address
    receiver = Receiver()
    try:
        settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = [receiver.host]
        settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS = 1
        receiver.script = [(307, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"", 0)]
        webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

        with django_capture_on_commit_callbacks(execute=True):
            webhook_emit(event="claim.published", payload={"x": 1})
    finally:
        receiver.close()

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert "not a public address" in delivery.attempt_log.get().error
    assert len(receiver.requests) == 1


def test_a_redirect_between_allowed_hosts_is_followed(integrator, settings, django_capture_on_commit_callbacks):
    first, second = Receiver(), Receiver()
    try:
        settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = [first.host, second.host]
        first.script = [(308, {"Location": second.url("/moved")}, b"", 0)]
        webhook_subscription_create(owner=integrator, url=first.url(), events=["claim.published"])

        with django_capture_on_commit_callbacks(execute=True):
            webhook_emit(event="claim.published", payload={"x": 1})
    finally:
        first.close()
        second.close()

    assert WebhookDelivery.objects.get().status == "delivered"
    assert [r["path"] for r in second.requests] == ["/moved"]
    assert second.requests[0]["body"] == first.requests[0]["body"]


def test_a_huge_response_is_read_only_up_to_the_cap(integrator, settings, django_capture_on_commit_callbacks):
    receiver = Receiver()
    try:
        settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = [receiver.host]
        settings.FACTCHECK_WEBHOOK_MAX_RESPONSE_BYTES = 1024
        settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS = 1
        receiver.script = [(500, {}, b"E" * 5_000_000, 0)]
        webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

        with django_capture_on_commit_callbacks(execute=True):
            webhook_emit(event="claim.published", payload={"x": 1})
    finally:
        receiver.close()

    error = WebhookDelivery.objects.get().last_error
    assert error.startswith("HTTP 500")
    assert len(error) < 1100


def test_the_connection_itself_refuses_an_internal_peer(settings):
    # A name can resolve to a public address for the check and to 127.0.0.1 for the connection
    # (DNS rebinding); the session used for deliveries checks the address it actually connected to.
    from factcheck.webhooks.services import checked_session

    receiver = Receiver()
    try:
        settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = []
        with pytest.raises(DestinationRefused, match="not a public address"), checked_session() as session:
            session.post(receiver.url(), data=b"{}", timeout=5)
        settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = [receiver.host]
        with checked_session() as session:
            allowed = session.post(receiver.url(), data=b"{}", timeout=5)
    finally:
        receiver.close()

    assert allowed.status_code == 200
    assert len(receiver.requests) == 1
