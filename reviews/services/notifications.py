"""Notifications: asked for where the event happens, written and mailed by a task after commit, never twice.

A service that makes something happen calls `notify(...)` inside its transaction, which writes the
event to the outbox (`PendingNotification`) and nothing else: after the commit the `reviews.notify`
task gets the event and its recipients (the `reviews.notify_sweep` task queues again what a broker
outage left in the outbox), and
`notification_deliver` writes one Notification per recipient who wants that kind (in the inbox, by
e-mail or both; `NotificationPreference`, else the kind's default) and mails those who asked for
e-mail. A redelivered task finds the rows (unique per event and recipient) and each mail already
claimed, so it writes and sends nothing twice. Nobody is told about what they did themselves.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from claims.models import Article, Claim
from factcheck.links import absolute_url
from factcheck.words import shorten

from ..models import Notification, NotificationPreference, PendingNotification
from ..selectors import claim_workers

Kind = Notification.Kind
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Channels:
    in_app: bool
    email: bool


# What a person gets until they choose: everything in the inbox; e-mail for what waits on them.
DEFAULTS = {
    Kind.ASSIGNED: Channels(in_app=True, email=True),
    Kind.CHANGES_REQUESTED: Channels(in_app=True, email=True),
    Kind.VERDICT_PUBLISHED: Channels(in_app=True, email=False),
    Kind.CLAIM_MATCHED: Channels(in_app=True, email=False),
    Kind.CORRECTION_PUBLISHED: Channels(in_app=True, email=False),
    Kind.MENTIONED: Channels(in_app=True, email=True),
}


# --- choosing --------------------------------------------------------------------------------


def notification_preferences(*, user) -> dict[str, Channels]:
    """Every kind with the channels `user` gets it on."""
    chosen = {
        p.kind: Channels(in_app=p.in_app, email=p.email) for p in NotificationPreference.objects.filter(user=user)
    }
    return {kind: chosen.get(kind, DEFAULTS[kind]) for kind in Kind}


@transaction.atomic
def notification_preferences_set(*, user, choices: dict[str, Channels]) -> None:
    """Store what `user` chose for each kind named in `choices`."""
    unknown = set(choices) - set(Kind.values)
    if unknown:
        raise ValueError(f"Unknown notification kinds: {', '.join(sorted(unknown))}.")
    for kind, channels in choices.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"in_app": channels.in_app, "email": channels.email}
        )


# --- telling -------------------------------------------------------------------------------


def notify(*, kind: str, event: str, recipients, text: str, actor=None, claim=None, verdict=None) -> None:
    """Have the notify task tell `recipients` about `event` once the surrounding transaction commits."""
    actor_id = getattr(actor, "pk", None)
    ids = sorted({getattr(r, "pk", r) for r in recipients if r is not None} - {actor_id, None})
    if not ids:
        return
    payload = {
        "kind": str(kind),
        "event": event,
        "recipient_ids": ids,
        "text": shorten(text, 500),
        "actor_id": actor_id,
        "claim_id": getattr(claim, "pk", None),
        "verdict_id": getattr(verdict, "pk", None),
    }
    pending = PendingNotification.objects.create(payload=payload)
    # robust: a broker outage must not undo the step that caused the event; the sweep queues it later.
    transaction.on_commit(lambda: _queue({**payload, "pending_id": pending.pk}), robust=True)


def _queue(payload: dict) -> None:
    from ..tasks import notify_task  # the task module imports this one

    notify_task.delay(payload)


def notification_sweep(*, older_than: timedelta = timedelta(minutes=2), limit: int = 1000) -> int:
    """Queue again the outbox's events whose task has not finished them by now; returns how many.

    An event queued FACTCHECK_NOTIFY_MAX_SWEEPS times is given up: logged as an error, left in the
    outbox, never queued again (its task fails whatever we do, and would fail every two minutes).
    """
    now = timezone.now()
    most = settings.FACTCHECK_NOTIFY_MAX_SWEEPS
    overdue = list(
        PendingNotification.objects.filter(queued_at__lt=now - older_than, sweeps__lt=most).order_by("queued_at")[
            :limit
        ]
    )
    PendingNotification.objects.filter(pk__in=[p.pk for p in overdue]).update(queued_at=now, sweeps=F("sweeps") + 1)
    for pending in overdue:
        if pending.sweeps + 1 == most:
            logger.error(
                "notification %s (outbox row %s) queued for the last time, after %s sweeps: if this delivery"
                " fails too, its recipients are not told",
                pending.payload.get("event"),
                pending.pk,
                most,
            )
        _queue({**pending.payload, "pending_id": pending.pk})
    return len(overdue)


def notification_deliver_pending(payload: dict) -> int:
    """The task's work: deliver one event (see notification_deliver), then take it out of the outbox."""
    payload = dict(payload)
    pending_id = payload.pop("pending_id", None)
    sent = notification_deliver(**payload)
    if pending_id is not None:
        PendingNotification.objects.filter(pk=pending_id).delete()
    return sent


def claim_matched_notify(*, claim: Claim, article: Article) -> None:
    """Tell the people who worked on `claim` that a new article makes the same claim (for the matcher)."""
    notify(
        kind=Kind.CLAIM_MATCHED,
        event=f"match:{claim.pk}:{article.pk}",
        recipients=claim_workers(claim_id=claim.pk),
        text=f"A new article, “{shorten(article.title, 80)}”, makes claim #{claim.pk} again: "
        f"“{shorten(claim.text, 120)}”",
        claim=claim,
    )


# --- delivering (the task) -------------------------------------------------------------------


def notification_deliver(
    *,
    kind: str,
    event: str,
    recipient_ids: list[int],
    text: str,
    actor_id: int | None = None,
    claim_id: int | None = None,
    verdict_id: int | None = None,
) -> int:
    """Write the notifications of one event and send its e-mails; returns how many mails were sent."""
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=recipient_ids, is_active=True)}
    chosen = {
        (p.user_id, p.kind): Channels(in_app=p.in_app, email=p.email)
        for p in NotificationPreference.objects.filter(user_id__in=users, kind=kind)
    }
    wanted = {pk: chosen.get((pk, kind), DEFAULTS[Kind(kind)]) for pk in users}
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=pk,
                kind=kind,
                event=event,
                actor_id=actor_id,
                claim_id=claim_id,
                verdict_id=verdict_id,
                text=text,
                in_app=channels.in_app,
            )
            for pk, channels in wanted.items()
            if channels.in_app or channels.email
        ],
        ignore_conflicts=True,  # a redelivered task: the rows are there already
    )
    mail_to = [pk for pk, channels in wanted.items() if channels.email and users[pk].email]
    unsent = Notification.objects.filter(event=event, recipient_id__in=mail_to, emailed_at__isnull=True)
    sent = 0
    for notification in unsent.order_by("pk"):
        # Claimed before sending: a second delivery of the task running at the same time skips it.
        if not Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        ):
            continue
        try:
            _mail(notification, users[notification.recipient_id])
        except Exception:
            # Unclaimed again, so the task's retry sends it.
            Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
            raise
        sent += 1
    return sent


def _mail(notification: Notification, user) -> None:
    lines = [notification.text, ""]
    if notification.claim_id:
        lines.append(
            f"Open the claim: {absolute_url(reverse('admin:claims_claim_change', args=[notification.claim_id]))}"
        )
    lines.append(f"Choose what you are told about: {absolute_url(reverse('admin:reviews_notification_preferences'))}")
    send_mail(
        subject=f"[{settings.FACTCHECK_PUBLISHER_NAME}] {shorten(notification.text, 120)}",
        message="\n".join(lines),
        from_email=None,  # DEFAULT_FROM_EMAIL
        recipient_list=[user.email],
    )


# --- reading ------------------------------------------------------------------------------------


def notification_read(*, notification_id: int, user) -> Notification | None:
    """Mark one of `user`'s notifications read; None when it is not theirs."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is not None and notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    return notification


def notifications_read_all(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
