"""Notifications with the real thing: a `celery worker` process writes them after commit, once per message."""

import pytest
from django.db import transaction

from claims.tests.factories import ClaimFactory
from factcheck.testing import wait_until
from reviews import services
from reviews.models import Notification

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_tells_the_assignee_after_commit_and_a_redelivery_adds_nothing(
    editor, reviewer, celery_worker_process
):
    from reviews.tasks import notify_task

    claim = ClaimFactory()

    # when: the assignment is made; nothing is told before it commits
    with transaction.atomic():
        services.claim_assign(claim=claim, actor=editor, assignee=reviewer)
        assert not Notification.objects.exists()

    # then: the worker writes it, and mails it (its backend is the console)
    wait_until(
        lambda: Notification.objects.filter(recipient=reviewer, emailed_at__isnull=False).exists(),
        timeout=30,
        what="the notification to be written and mailed",
    )
    notification = Notification.objects.get(recipient=reviewer)

    # and the same message delivered again writes and mails nothing more
    payload = {
        "kind": notification.kind,
        "event": notification.event,
        "recipient_ids": [reviewer.pk],
        "text": notification.text,
        "actor_id": editor.pk,
        "claim_id": claim.pk,
    }
    notify_task.apply_async((payload,))
    wait_until(lambda: celery_worker_process.log_text.count("reviews.notify") >= 4, timeout=30, what="the redelivery")
    assert Notification.objects.filter(recipient=reviewer).count() == 1
    assert Notification.objects.get(pk=notification.pk).emailed_at == notification.emailed_at
