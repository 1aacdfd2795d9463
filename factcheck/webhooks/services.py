"""Webhook subscriptions and the outbox: apps hand `webhook_emit` an event name and a payload.

Events are recorded as WebhookDelivery rows in the transaction that caused them and sent by a
Celery task after commit (`delivery.py`). Destinations go through the outbound client's guard
(`factcheck.http`), with FACTCHECK_WEBHOOK_ALLOWED_HOSTS as its allow-list.
"""

import json
import secrets

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from factcheck.http import DestinationRefused, Guard

from .events import EVENTS
from .models import WebhookDelivery, WebhookSubscription

GUARD = Guard(allowed_hosts_setting="FACTCHECK_WEBHOOK_ALLOWED_HOSTS")
check_destination = GUARD.check
checked_session = GUARD.session


def validate_subscription_url(url: str) -> None:
    try:
        check_destination(url)
    except DestinationRefused as error:
        raise ValidationError({"url": str(error)}) from None


# --- subscriptions ----------------------------------------------------------------------------


def _clean_events(events) -> list[str]:
    events = list(dict.fromkeys(events or ()))
    unknown = [event for event in events if event not in EVENTS]
    if unknown or not events:
        raise ValidationError({"events": f"Choose one or more of: {', '.join(EVENTS)}."})
    return events


def webhook_subscription_create(*, owner, url: str, events, is_active: bool = True) -> WebhookSubscription:
    """Subscribe `owner` to `events` at `url`; the generated secret signs every delivery."""
    validate_subscription_url(url)
    return WebhookSubscription.objects.create(
        owner=owner, url=url, events=_clean_events(events), is_active=is_active, secret=secrets.token_hex(32)
    )


def webhook_subscription_update(*, subscription: WebhookSubscription, **fields) -> WebhookSubscription:
    changed = []
    if "url" in fields:
        validate_subscription_url(fields["url"])
        subscription.url = fields["url"]
        changed.append("url")
    if "events" in fields:
        subscription.events = _clean_events(fields["events"])
        changed.append("events")
    if "is_active" in fields:
        subscription.is_active = bool(fields["is_active"])
        changed.append("is_active")
    if changed:
        subscription.save(update_fields=[*changed, "updated_at"])
    return subscription


# --- events -----------------------------------------------------------------------------------


def webhook_subscriptions(event: str) -> list[WebhookSubscription]:
    if event not in EVENTS:
        raise ValueError(f"Unknown webhook event {event!r}.")
    # Subscriptions are few; filtering events in Python keeps this portable (no JSON containment on SQLite).
    return [s for s in WebhookSubscription.objects.filter(is_active=True) if event in s.events]


def webhook_emit(*, event: str, payload: dict, subscriptions=None) -> list[WebhookDelivery]:
    """Record a delivery of `event` for each active subscription to it; they are sent after commit."""
    if subscriptions is None:
        subscriptions = webhook_subscriptions(event)
    if not subscriptions:
        return []
    payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(subscription=s, event=event, payload=payload) for s in subscriptions
    )
    for delivery in deliveries:
        queue_delivery(delivery.pk, attempt=0)
    return deliveries


def queue_delivery(delivery_id: int, *, attempt: int, countdown: float = 0) -> None:
    from .tasks import deliver_webhook_task  # the tasks module imports delivery, which imports this one

    # robust: a broker outage must not undo the write that caused the event; the sweep re-queues.
    transaction.on_commit(
        lambda: deliver_webhook_task.apply_async((delivery_id, attempt), countdown=countdown), robust=True
    )
