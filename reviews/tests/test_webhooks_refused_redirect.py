"""A redirect the outbound guard refuses ends the delivery as failed at once; it is not retried."""

import pytest

from factcheck.webhooks.delivery import webhook_deliver
from factcheck.webhooks.models import WebhookDelivery
from factcheck.webhooks.services import webhook_emit, webhook_subscription_create


@pytest.fixture
def subscribed(integrator, receiver, settings, django_capture_on_commit_callbacks):
    """A delivery to a receiver we trust, not yet attempted; retries are the default eight."""
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = [receiver.host]
    settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS = 8
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])
    with django_capture_on_commit_callbacks(execute=False):
        (delivery,) = webhook_emit(event="claim.published", payload={"x": 1})
    return delivery


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
        "http://[2002:7f00:1::]/admin",
        "file:///etc/passwd",
    ],
)
def test_a_refused_redirect_fails_the_delivery_at_once(
    location, subscribed, receiver, django_capture_on_commit_callbacks
):
    # given the receiver redirects to a destination the guard refuses
    receiver.script = [(307, {"Location": location}, b"", 0)]

    # when the first attempt runs
    with django_capture_on_commit_callbacks(execute=False) as queued:
        webhook_deliver(delivery_id=subscribed.pk, attempt=0)

    # then the delivery is over: failed, nothing left to retry
    subscribed.refresh_from_db()
    assert subscribed.status == WebhookDelivery.Status.FAILED
    assert subscribed.attempts == 1
    assert subscribed.next_attempt_at is None
    assert subscribed.last_error.startswith("Refused: ")
    assert queued == []
    assert len(receiver.requests) == 1


def test_a_redirect_to_a_host_that_does_not_resolve_is_retried(
    subscribed, receiver, django_capture_on_commit_callbacks
):
    # A name that does not resolve now may resolve later (a DNS outage): that is worth a retry.
    receiver.script = [(307, {"Location": "http://hook.invalid/"}, b"", 0)]

    with django_capture_on_commit_callbacks(execute=False) as queued:
        webhook_deliver(delivery_id=subscribed.pk, attempt=0)

    subscribed.refresh_from_db()
    assert subscribed.status == WebhookDelivery.Status.PENDING
    assert subscribed.next_attempt_at is not None
    assert "does not resolve" in subscribed.last_error
    assert len(queued) == 1
