"""Failed deliveries retry with exponential backoff, a bounded number of times, every attempt logged; replay."""

from datetime import timedelta

from django.utils import timezone

from factcheck.webhooks.delivery import retry_delay, webhook_deliver
from factcheck.webhooks.models import WebhookDelivery
from factcheck.webhooks.services import webhook_emit, webhook_subscription_create


def _fail(times, status=500):
    return [(status, {}, b"down", 0)] * times


def test_backoff_doubles_from_the_base(settings):
    settings.FACTCHECK_WEBHOOK_RETRY_BASE_SECONDS = 30

    delays = [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)]

    assert delays == [30, 60, 120, 240]
    assert retry_delay(40) == timedelta(days=1)


def test_a_failed_attempt_schedules_the_next_one_after_the_backoff(
    integrator, receiver, settings, django_capture_on_commit_callbacks
):
    settings.FACTCHECK_WEBHOOK_RETRY_BASE_SECONDS = 30
    receiver.script = _fail(1, status=503)
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["article.failed"])
    with django_capture_on_commit_callbacks(execute=False):
        (delivery,) = webhook_emit(event="article.failed", payload={"article": {"id": 1}})

    # when the first attempt runs (and its retry is only queued, not run)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        webhook_deliver(delivery_id=delivery.pk, attempt=0)

    # then
    delivery.refresh_from_db()
    assert delivery.status == "pending"
    assert delivery.attempts == 1
    assert delivery.last_status_code == 503
    assert "HTTP 503" in delivery.last_error
    wait = (delivery.next_attempt_at - timezone.now()).total_seconds()
    assert 25 < wait <= 30
    assert len(queued) == 1


def test_retries_until_the_receiver_recovers(integrator, receiver, django_capture_on_commit_callbacks):
    receiver.script = _fail(2)
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(event="claim.published", payload={"x": 1})

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered"
    assert delivery.attempts == 3
    assert list(delivery.attempt_log.values_list("status_code", flat=True)) == [500, 500, 200]
    assert len(receiver.requests) == 3
    # the same event id every time, so the receiver can deduplicate
    assert len({r["headers"]["X-Factcheck-Delivery"] for r in receiver.requests}) == 1


def test_gives_up_after_the_attempt_limit(integrator, receiver, settings, django_capture_on_commit_callbacks):
    settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS = 3
    receiver.script = _fail(10)
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(event="claim.published", payload={"x": 1})

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.attempts == 3
    assert delivery.attempt_log.count() == 3
    assert len(receiver.requests) == 3


def test_a_duplicated_task_message_sends_once(integrator, receiver, django_capture_on_commit_callbacks):
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])
    with django_capture_on_commit_callbacks(execute=False):
        (delivery,) = webhook_emit(event="claim.published", payload={"x": 1})

    first = webhook_deliver(delivery_id=delivery.pk, attempt=0)
    second = webhook_deliver(delivery_id=delivery.pk, attempt=0)

    assert (first, second) == (True, False)
    assert len(receiver.requests) == 1


def test_replay_over_the_api_sends_again_and_keeps_the_log(
    integrator, receiver, settings, api_client_for, django_capture_on_commit_callbacks
):
    settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS = 1
    receiver.script = _fail(1)
    subscription = webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])
    with django_capture_on_commit_callbacks(execute=True):
        (delivery,) = webhook_emit(event="claim.published", payload={"x": 1})
    delivery.refresh_from_db()
    assert delivery.status == "failed"

    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(integrator).post(
            f"/api/v1/webhooks/{subscription.pk}/deliveries/{delivery.pk}/replay/", format="json"
        )

    # then
    assert response.status_code == 202
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert list(delivery.attempt_log.values_list("status_code", flat=True)) == [500, 200]
    listed = api_client_for(integrator).get(f"/api/v1/webhooks/{subscription.pk}/deliveries/")
    assert [a["status_code"] for a in listed.data[0]["attempt_log"]] == [500, 200]


def test_a_slow_receiver_times_out_and_the_attempt_says_so(
    integrator, receiver, settings, django_capture_on_commit_callbacks
):
    settings.FACTCHECK_WEBHOOK_TIMEOUT_SECONDS = 1
    settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS = 1
    receiver.script = [(200, {}, b"late", 3)]
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(event="claim.published", payload={"x": 1})

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert "Timeout" in delivery.attempt_log.get().error


def test_sweep_requeues_an_overdue_delivery(integrator, receiver, django_capture_on_commit_callbacks):
    from factcheck.webhooks.delivery import webhook_sweep

    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])
    with django_capture_on_commit_callbacks(execute=False):
        (delivery,) = webhook_emit(event="claim.published", payload={"x": 1})  # the message is "lost"
    WebhookDelivery.objects.filter(pk=delivery.pk).update(created_at=timezone.now() - timedelta(minutes=10))

    with django_capture_on_commit_callbacks(execute=True):
        requeued = webhook_sweep()

    assert requeued == 1
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
