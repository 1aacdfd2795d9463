"""Redis down when a step commits: its notifications wait in the outbox and the sweep delivers them later."""

from datetime import timedelta

import pytest

from claims.tests.factories import ClaimFactory
from factcheck.testing import celery_broker_url, wait_until
from reviews import services
from reviews.models import Notification, PendingNotification
from reviews.services.notifications import notification_sweep

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Nothing listens here: the broker is "down" for this process only, not for anyone sharing Redis.
DOWN_BROKER = "redis://127.0.0.1:6390/0"


def test_a_notification_queued_while_redis_is_down_is_delivered_by_the_sweep(
    editor, reviewer, celery_broker, make_celery_worker
):
    claim = ClaimFactory()

    # given: the assignment commits while the broker is unreachable
    with celery_broker_url(DOWN_BROKER):
        services.claim_assign(claim=claim, actor=editor, assignee=reviewer)

    claim.refresh_from_db()
    assert claim.assignee == reviewer, "the step itself must not be undone by the outage"
    assert not Notification.objects.exists()
    (pending,) = PendingNotification.objects.all()
    assert pending.payload["recipient_ids"] == [reviewer.pk]

    # when: Redis is back, a worker runs and the periodic sweep looks at the outbox
    worker = make_celery_worker()
    worker.start()
    assert notification_sweep(older_than=timedelta(0)) == 1

    # then: told once, in the inbox and by mail, and the outbox is empty
    wait_until(
        lambda: Notification.objects.filter(recipient=reviewer, claim=claim, emailed_at__isnull=False).exists(),
        timeout=30,
        what="the swept notification to be written and mailed",
    )
    wait_until(lambda: not PendingNotification.objects.exists(), timeout=10, what="the outbox to empty")
    assert Notification.objects.filter(recipient=reviewer).count() == 1
