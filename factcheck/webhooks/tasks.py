from celery import shared_task

from . import delivery


@shared_task(name="webhooks.deliver")
def deliver_webhook_task(delivery_id: int, attempt: int = 0) -> bool:
    return delivery.webhook_deliver(delivery_id=delivery_id, attempt=attempt)


# A message lost with a rename of these tasks is recovered by this sweep: it re-queues every
# pending delivery whose attempt is overdue.
@shared_task(name="webhooks.sweep")
def sweep_webhooks_task() -> int:
    return delivery.webhook_sweep()
