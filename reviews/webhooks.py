"""Signed webhooks: subscriptions, events, and delivery with retries, an attempt log and replay.

Events are recorded as WebhookDelivery rows in the transaction that caused them and sent by a
Celery task after commit. Each attempt is claimed with a conditional update on the attempt count, so
a redelivered or duplicated task message sends nothing twice. Destinations must be http(s) and may
not resolve to loopback, private, link-local or otherwise non-public addresses unless the host is
listed in FACTCHECK_WEBHOOK_ALLOWED_HOSTS; the check runs again on every redirect hop, which this
module follows itself.
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import socket
import time
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .models import WebhookAttempt, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

ARTICLE_SEGMENTED = "article.segmented"
ARTICLE_FAILED = "article.failed"
CLAIM_PUBLISHED = "claim.published"
VERDICT_CORRECTED = "verdict.corrected"
EVENTS = (ARTICLE_SEGMENTED, ARTICLE_FAILED, CLAIM_PUBLISHED, VERDICT_CORRECTED)

SIGNATURE_HEADER = "X-Factcheck-Signature"
EVENT_HEADER = "X-Factcheck-Event"
DELIVERY_HEADER = "X-Factcheck-Delivery"
MAX_REDIRECTS = 5
# How long an in-flight attempt keeps its claim before the sweep may hand the delivery out again.
_ATTEMPT_LEASE = timedelta(minutes=5)


class DestinationRefused(Exception):
    """The URL is not one we send webhooks to (scheme, or an address inside our network)."""


# --- destinations ---------------------------------------------------------------------------


def _is_allowed_host(host: str, port: int) -> bool:
    allowed = {entry.lower() for entry in settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS}
    return host in allowed or f"{host}:{port}" in allowed


def _address_refusal(host: str, port: int, address: str) -> str | None:
    """Why `host` at `address` may not receive webhooks, or None when it may."""
    if _is_allowed_host(host, port):
        return None
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast:
        return f"The host {host!r} resolves to {ip}, which is not a public address."
    return None


def check_destination(url: str) -> None:
    """Raise DestinationRefused unless `url` is http(s) and every address it resolves to is public."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise DestinationRefused(f"Malformed URL: {error}.") from None
    if parts.scheme not in ("http", "https"):
        raise DestinationRefused("Webhook URLs must use http or https.")
    host = (parts.hostname or "").lower()
    if not host:
        raise DestinationRefused("The webhook URL has no host.")
    if parts.username or parts.password:
        raise DestinationRefused("Webhook URLs may not carry credentials.")
    port = port or (443 if parts.scheme == "https" else 80)
    if _is_allowed_host(host, port):
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise DestinationRefused(f"The host {host!r} does not resolve ({error}).") from None
    for info in infos:
        reason = _address_refusal(host, port, info[4][0])
        if reason:
            raise DestinationRefused(reason)


class _CheckedConnectionMixin:
    """Checks the address the socket actually connected to.

    check_destination resolves the name before the request; the connection resolves it again, and
    a name that answers differently the second time (DNS rebinding) is caught here.
    """

    def _new_conn(self):
        sock = super()._new_conn()
        reason = _address_refusal(self.host.lower(), self.port, sock.getpeername()[0])
        if reason:
            sock.close()
            raise DestinationRefused(reason)
        return sock


class _CheckedHTTPConnection(_CheckedConnectionMixin, HTTPConnection):
    pass


class _CheckedHTTPSConnection(_CheckedConnectionMixin, HTTPSConnection):
    pass


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class _CheckedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _CheckedHTTPPool, "https": _CheckedHTTPSPool}


def checked_session() -> requests.Session:
    """A requests session that refuses to connect to internal addresses and ignores proxy settings."""
    session = requests.Session()
    session.trust_env = False  # no proxies from the environment: the destination check must hold
    adapter = _CheckedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


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
        _queue(delivery.pk, attempt=0)
    return deliveries


def _queue(delivery_id: int, *, attempt: int, countdown: float = 0) -> None:
    from .tasks import deliver_webhook_task

    # robust: a broker outage must not undo the write that caused the event; the sweep re-queues.
    transaction.on_commit(
        lambda: deliver_webhook_task.apply_async((delivery_id, attempt), countdown=countdown), robust=True
    )


def _absolute(path: str) -> str:
    return settings.FACTCHECK_PUBLIC_BASE_URL.rstrip("/") + path


def article_payload(article) -> dict:
    """The article as webhooks describe it; `article` comes annotated with its claim_count."""
    return {
        "article": {
            "id": article.pk,
            "title": article.title,
            "url": article.url,
            "segmentation_status": article.segmentation_status,
            "segmentation_error": article.segmentation_error,
            "segmenter_version": article.segmenter_version,
            "claim_count": article.claim_count,
            "api_url": _absolute(reverse("api-article-detail", args=[article.pk])),
        }
    }


def articles_segmentation_notify(*, done: list[int], failed: list[int]) -> None:
    """Emit article.segmented for the `done` articles and article.failed for the `failed` ones."""
    from claims.models import Article

    for event, article_ids in ((ARTICLE_SEGMENTED, done), (ARTICLE_FAILED, failed)):
        if not article_ids:
            continue
        # Once per batch of segmented articles: the payloads, one query for them all, only for listeners.
        subscriptions = webhook_subscriptions(event)
        if subscriptions:
            articles = (
                Article.objects.filter(pk__in=article_ids)
                .defer("body")
                .annotate(claim_count=Count("claims"))
                .order_by("pk")
            )
            for article in articles:
                webhook_emit(event=event, payload=article_payload(article), subscriptions=subscriptions)


def verdict_published_notify(*, verdict, correction: bool) -> None:
    """Emit claim.published (first publication) or verdict.corrected for an approved verdict."""
    from .claimreview import claimreview_document
    from .selectors import published_verdicts

    verdict = published_verdicts().get(pk=verdict.pk)
    claim = verdict.claim
    payload = {
        "claim": {
            "id": claim.pk,
            "text": claim.text,
            "article": claim.article_id,
            "status": claim.status,
            "public_url": _absolute(reverse("public-factcheck", args=[claim.pk])),
            "api_url": _absolute(reverse("api-claim-detail", args=[claim.pk])),
        },
        "verdict": {
            "id": verdict.pk,
            "version": verdict.version,
            "rating": verdict.rating.slug,
            "summary": verdict.summary,
            "correction_note": verdict.correction_note,
            "decided_at": verdict.decided_at,
        },
        "claimreview": claimreview_document(verdict=verdict, first_published_at=verdict.first_published_at),
    }
    webhook_emit(event=VERDICT_CORRECTED if correction else CLAIM_PUBLISHED, payload=payload)


# --- signing and delivery ---------------------------------------------------------------------


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


def _read_capped(response, cap: int, deadline: float) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=8192):
        chunks.append(chunk)
        size += len(chunk)
        if size >= cap or time.monotonic() > deadline:
            break
    return b"".join(chunks)[:cap]


def post_signed(*, url: str, body: bytes, headers: dict) -> tuple[int, bytes]:
    """POST `body`, following redirects by hand so each hop's destination is checked again."""
    timeout = settings.FACTCHECK_WEBHOOK_TIMEOUT_SECONDS
    deadline = time.monotonic() + timeout
    with checked_session() as session:
        for _hop in range(MAX_REDIRECTS + 1):
            check_destination(url)
            response = session.post(
                url, data=body, headers=headers, timeout=(min(5, timeout), timeout), allow_redirects=False, stream=True
            )
            try:
                location = response.headers.get("Location")
                if response.is_redirect and location:
                    url = urljoin(url, location)
                    continue
                content = _read_capped(response, settings.FACTCHECK_WEBHOOK_MAX_RESPONSE_BYTES, deadline)
                return response.status_code, content
            finally:
                response.close()
    raise DestinationRefused(f"More than {MAX_REDIRECTS} redirects.")


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

    status_code, error = None, ""
    started = time.monotonic()
    if not subscription.is_active:
        error = "The subscription is inactive."
    else:
        try:
            status_code, content = post_signed(url=subscription.url, body=body, headers=headers)
            if not 200 <= status_code < 300:
                error = f"HTTP {status_code}: {content[:500].decode('utf-8', 'replace')}"
        except DestinationRefused as refused:
            error = f"Refused: {refused}"
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
    if made >= settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS or not subscription.is_active:
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
    _queue(delivery_id, attempt=made, countdown=delay.total_seconds())
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
    _queue(locked.pk, attempt=0)
    return locked


def webhook_sweep() -> int:
    """Re-queue pending deliveries whose scheduled attempt is overdue (a lost message, a worker crash)."""
    overdue = timezone.now() - timedelta(minutes=1)
    stuck = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True, created_at__lt=overdue) | Q(next_attempt_at__lt=overdue)
    )
    count = 0
    for delivery_id, attempts in stuck.values_list("id", "attempts")[:1000]:
        _queue(delivery_id, attempt=attempts)
        count += 1
    return count
