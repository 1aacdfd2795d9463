"""Webhook delivery: signing, attempts with retries and an attempt log, replay, and the sweep.

Each attempt is claimed with a conditional update on the attempt count, so a redelivered or
duplicated task message sends nothing twice. A destination the guard refuses, on the first hop or
on a redirect, ends the delivery as failed at once: asking again gets the same answer. A host
name that does not resolve is retried like any other network failure.
"""

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from factcheck import http

from .models import WebhookAttempt, WebhookDelivery
from .services import GUARD, queue_delivery

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Factcheck-Signature"
EVENT_HEADER = "X-Factcheck-Event"
DELIVERY_HEADER = "X-Factcheck-Delivery"
# How long an in-flight attempt keeps its claim before the sweep may hand the delivery out again.
_ATTEMPT_LEASE = timedelta(minutes=5)


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    """The signature header value: `t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def delivery_body(delivery: WebhookDelivery) -> bytes:
    document = {
        "id": str(delivery.event_id),
        "event": delivery.event,
        "created_at": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(document, separators=(",", ":"), sort_keys=True).encode("utf-8")


def retry_delay(attempts_made: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt: base, 2x base, 4x base, ... capped at a day."""
    seconds = settings.FACTCHECK_WEBHOOK_RETRY_BASE_SECONDS * 2 ** max(attempts_made - 1, 0)
    return timedelta(seconds=min(seconds, 86_400))


def post_signed(*, url: str, body: bytes, headers: dict) -> tuple[int, bytes]:
    """POST a signed body through the guarded client; each redirect hop is checked again."""
    return http.post(
        guard=GUARD,
        url=url,
        body=body,
        headers=headers,
        timeout=settings.FACTCHECK_WEBHOOK_TIMEOUT_SECONDS,
        max_bytes=settings.FACTCHECK_WEBHOOK_MAX_RESPONSE_BYTES,
    )


def webhook_deliver(*, delivery_id: int, attempt: int) -> bool:
    """Make attempt number `attempt + 1` of a delivery. Returns False when it was not ours to make."""
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=WebhookDelivery.Status.PENDING, attempts=attempt
    ).update(attempts=attempt + 1, next_attempt_at=now + _ATTEMPT_LEASE)
    if claimed != 1:
        return False
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    subscription = delivery.subscription
    body = delivery_body(delivery)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "factcheck-webhooks/1",
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.event_id),
        SIGNATURE_HEADER: sign(secret=subscription.secret, timestamp=int(time.time()), body=body),
    }

    status_code, error, final = None, "", False
    started = time.monotonic()
    if not subscription.is_active:
        error, final = "The subscription is inactive.", True
    else:
        try:
            status_code, content = post_signed(url=subscription.url, body=body, headers=headers)
            if not 200 <= status_code < 300:
                error = f"HTTP {status_code}: {content[:500].decode('utf-8', 'replace')}"
        except http.HostUnresolved as failure:
            error = str(failure)
        except http.DestinationRefused as refused:
            error, final = f"Refused: {refused}", True
        except requests.RequestException as failure:
            error = f"{type(failure).__name__}: {failure}"
    duration_ms = int((time.monotonic() - started) * 1000)

    made = attempt + 1
    WebhookAttempt.objects.create(
        delivery=delivery, status_code=status_code, error=error[:2000], duration_ms=duration_ms
    )
    finished = timezone.now()
    if not error:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.DELIVERED,
            delivered_at=finished,
            last_status_code=status_code,
            last_error="",
            next_attempt_at=None,
        )
        return True
    if final or made >= settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.FAILED, last_status_code=status_code, last_error=error[:2000],
            next_attempt_at=None,
        )  # fmt: skip
        logger.warning("webhook delivery %s failed after %s attempts: %s", delivery_id, made, error)
        return True
    delay = retry_delay(made)
    WebhookDelivery.objects.filter(pk=delivery_id).update(
        last_status_code=status_code, last_error=error[:2000], next_attempt_at=finished + delay
    )
    queue_delivery(delivery_id, attempt=made, countdown=delay.total_seconds())
    return True


@transaction.atomic
def webhook_delivery_replay(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again (same event id and body, freshly signed), with a new round of attempts."""
    locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    locked.status = WebhookDelivery.Status.PENDING
    locked.attempts = 0
    locked.next_attempt_at = None
    locked.delivered_at = None
    locked.save(update_fields=["status", "attempts", "next_attempt_at", "delivered_at"])
    queue_delivery(locked.pk, attempt=0)
    return locked


def webhook_sweep() -> int:
    """Re-queue pending deliveries whose scheduled attempt is overdue (a lost message, a worker crash)."""
    overdue = timezone.now() - timedelta(minutes=1)
    stuck = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True, created_at__lt=overdue) | Q(next_attempt_at__lt=overdue)
    )
    count = 0
    for delivery_id, attempts in stuck.values_list("id", "attempts")[:1000]:
        queue_delivery(delivery_id, attempt=attempts)
        count += 1
    return count
