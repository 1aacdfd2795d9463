from celery import shared_task

from . import webhooks


@shared_task(name="reviews.deliver_webhook")
def deliver_webhook_task(delivery_id: int, attempt: int = 0) -> bool:
    return webhooks.webhook_deliver(delivery_id=delivery_id, attempt=attempt)


@shared_task(name="reviews.sweep_webhooks")
def sweep_webhooks_task() -> int:
    return webhooks.webhook_sweep()
