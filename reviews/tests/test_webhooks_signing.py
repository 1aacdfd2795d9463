"""A delivery is a JSON POST signed with HMAC-SHA256 over "<timestamp>.<body>" with the subscription's secret."""

import hashlib
import hmac
import json
import time

from factcheck.webhooks.models import WebhookDelivery
from factcheck.webhooks.services import webhook_emit, webhook_subscription_create


def test_delivery_is_signed_json_and_recorded_as_delivered(integrator, receiver, django_capture_on_commit_callbacks):
    subscription = webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(event="claim.published", payload={"claim": {"id": 7}})

    # then the receiver got one request it can verify with the shared secret alone
    (request,) = receiver.requests
    headers = request["headers"]
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Factcheck-Event"] == "claim.published"
    stamp, signature = (part.split("=", 1)[1] for part in headers["X-Factcheck-Signature"].split(","))
    expected = hmac.new(subscription.secret.encode(), f"{stamp}.".encode() + request["body"], hashlib.sha256)
    assert hmac.compare_digest(signature, expected.hexdigest())
    assert abs(int(stamp) - time.time()) < 60
    document = json.loads(request["body"])
    assert document["event"] == "claim.published"
    assert document["data"] == {"claim": {"id": 7}}
    delivery = WebhookDelivery.objects.get()
    assert document["id"] == str(delivery.event_id) == headers["X-Factcheck-Delivery"]
    assert delivery.status == "delivered"
    assert delivery.last_status_code == 200
    assert list(delivery.attempt_log.values_list("status_code", flat=True)) == [200]


def test_a_signature_with_another_secret_does_not_verify(integrator, receiver, django_capture_on_commit_callbacks):
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(event="claim.published", payload={"x": 1})

    request = receiver.requests[0]
    stamp, signature = (part.split("=", 1)[1] for part in request["headers"]["X-Factcheck-Signature"].split(","))
    forged = hmac.new(b"not-the-secret", f"{stamp}.".encode() + request["body"], hashlib.sha256).hexdigest()
    assert signature != forged


def test_only_active_subscriptions_to_the_event_get_a_delivery(
    integrator, receiver, django_capture_on_commit_callbacks
):
    wanted = webhook_subscription_create(owner=integrator, url=receiver.url("/a"), events=["claim.published"])
    webhook_subscription_create(owner=integrator, url=receiver.url("/b"), events=["article.segmented"])
    webhook_subscription_create(owner=integrator, url=receiver.url("/c"), events=["claim.published"], is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(event="claim.published", payload={"x": 1})

    assert [r["path"] for r in receiver.requests] == ["/a"]
    assert list(WebhookDelivery.objects.values_list("subscription_id", flat=True)) == [wanted.pk]


def test_nothing_is_sent_when_the_transaction_rolls_back(integrator, receiver, django_capture_on_commit_callbacks):
    from django.db import transaction

    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                webhook_emit(event="claim.published", payload={"x": 1})
                raise RuntimeError("the publishing transaction failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()
