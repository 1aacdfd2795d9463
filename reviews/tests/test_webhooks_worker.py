"""Webhook delivery with the real thing: a `celery worker` process sends, retries after the backoff, logs."""

import json

import pytest
from django.db import transaction

from factcheck.testing import wait_until
from factcheck.webhooks.models import WebhookDelivery
from factcheck.webhooks.services import webhook_emit, webhook_subscription_create
from reviews.tests.api_helpers import Receiver

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_delivers_after_commit_and_retries_after_the_backoff(integrator, make_celery_worker, settings):
    receiver = Receiver()
    try:
        receiver.script = [(503, {}, b"busy", 0)]
        settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = [receiver.host]
        worker = make_celery_worker(
            env={"FACTCHECK_WEBHOOK_ALLOWED_HOSTS": receiver.host, "FACTCHECK_WEBHOOK_RETRY_BASE_SECONDS": "2"}
        )
        worker.start()
        subscription = webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

        # when an event is recorded in a transaction, nothing is sent before it commits
        with transaction.atomic():
            (delivery,) = webhook_emit(event="claim.published", payload={"claim": {"id": 5}})
            assert receiver.requests == []

        # then
        wait_until(
            lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == "delivered",
            timeout=30,
            what="the webhook to be delivered",
        )
    finally:
        receiver.close()

    delivery.refresh_from_db()
    first, second = delivery.attempt_log.order_by("at")
    assert (first.status_code, second.status_code) == (503, 200)
    assert (second.at - first.at).total_seconds() >= 1.9  # the worker waited out the backoff
    assert [json.loads(r["body"])["data"] for r in receiver.requests] == [{"claim": {"id": 5}}] * 2
    assert subscription.deliveries.count() == 1
