"""Celery tasks for the desk: thin wrappers that take plain values and call a service."""

from smtplib import SMTPException

from celery import shared_task

from claims.pipeline import TRANSIENT_DATABASE_ERRORS

from .services import notifications


# A mail server or database that does not answer is worth another try; the rows already written
# and the mails already sent are not repeated (see notification_deliver).
@shared_task(
    name="reviews.notify",
    autoretry_for=(SMTPException, OSError, *TRANSIENT_DATABASE_ERRORS),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def notify_task(payload: dict) -> int:
    return notifications.notification_deliver_pending(payload)


@shared_task(name="reviews.notify_sweep")
def notify_sweep_task() -> int:
    return notifications.notification_sweep()
