"""People are told what needs them: in the inbox and by e-mail, as each chose, after commit, never twice."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews import services
from reviews.models import Notification
from reviews.services.notifications import Channels, notification_deliver, notification_preferences_set
from reviews.tests.api_helpers import corrected, published
from reviews.tests.wf_helpers import submitted_verdict

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


def test_assigning_a_claim_tells_the_assignee_in_the_inbox_and_by_mail(
    editor, reviewer, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=claim, actor=editor, assignee=reviewer)

    (notification,) = Notification.objects.filter(recipient=reviewer)
    assert (notification.kind, notification.claim_id, notification.actor) == (Kind.ASSIGNED, claim.pk, editor)
    assert notification.in_app
    assert notification.read_at is None
    assert f"edna assigned you claim #{claim.pk}" in notification.text
    (message,) = mail.outbox
    assert message.to == [reviewer.email]
    assert f"/admin/claims/claim/{claim.pk}/change/" in message.body


def test_nobody_is_told_about_what_they_did_themselves(reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=ClaimFactory(), actor=reviewer, assignee=reviewer)

    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_nothing_is_sent_when_the_step_is_rolled_back(editor, reviewer, django_capture_on_commit_callbacks):
    claim = ClaimFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        services.claim_assign(claim=claim, actor=editor, assignee=reviewer)
        transaction.set_rollback(True)

    assert callbacks == []
    assert Notification.objects.count() == 0


def test_a_redelivered_task_writes_and_mails_nothing_twice(editor, reviewer, django_capture_on_commit_callbacks):
    # given: the payload the task was queued with
    with (
        mock.patch("reviews.services.notifications._queue") as queue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.claim_assign(claim=ClaimFactory(), actor=editor, assignee=reviewer)
    (payload,) = queue.call_args.args

    # when: delivered twice
    from reviews.tasks import notify_task

    first = notify_task.apply(args=(payload,)).get()
    second = notify_task.apply(args=(payload,)).get()

    # then
    assert (first, second) == (1, 0)
    assert Notification.objects.filter(recipient=reviewer).count() == 1
    assert len(mail.outbox) == 1


def test_a_mail_that_failed_is_sent_by_the_retry(editor, reviewer):
    payload = {"kind": Kind.ASSIGNED, "event": "event:1", "recipient_ids": [reviewer.pk], "text": "Assigned."}

    with (
        mock.patch("reviews.services.notifications.send_mail", side_effect=OSError("no mail server")),
        pytest.raises(OSError),
    ):
        notification_deliver(**payload)
    sent = notification_deliver(**payload)

    assert sent == 1
    assert Notification.objects.get(recipient=reviewer).emailed_at is not None
    assert len(mail.outbox) == 1


def test_each_person_chooses_inbox_or_mail_per_kind(editor, reviewer, other_reviewer):
    notification_preferences_set(user=reviewer, choices={Kind.ASSIGNED: Channels(in_app=False, email=True)})
    notification_preferences_set(user=other_reviewer, choices={Kind.ASSIGNED: Channels(in_app=False, email=False)})
    payload = {"kind": Kind.ASSIGNED, "event": "event:7", "text": "Assigned.", "actor_id": editor.pk}

    notification_deliver(recipient_ids=[reviewer.pk, other_reviewer.pk], **payload)

    (by_mail,) = Notification.objects.all()
    assert (by_mail.recipient, by_mail.in_app) == (reviewer, False)
    assert [message.to for message in mail.outbox] == [[reviewer.email]]


def test_requesting_changes_tells_the_author_with_the_note(editor, reviewer, django_capture_on_commit_callbacks):
    claim, verdict = submitted_verdict(reviewer=reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        services.verdict_request_changes(verdict=verdict, actor=editor, note="Cite the 2020 table.")

    notification = Notification.objects.get(recipient=reviewer, kind=Kind.CHANGES_REQUESTED)
    assert (notification.claim_id, notification.verdict_id) == (claim.pk, verdict.pk)
    assert "Cite the 2020 table." in notification.text


def test_approval_tells_the_author_and_a_correction_tells_everyone_who_worked_on_the_claim(
    editor, other_editor, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim, _ = published(reviewer=reviewer, editor=editor)
    assert Notification.objects.filter(recipient=reviewer, kind=Kind.VERDICT_PUBLISHED).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        corrected(claim=claim, editor=other_editor, author=editor)

    assert Notification.objects.filter(recipient=editor, kind=Kind.VERDICT_PUBLISHED).count() == 1
    assert Notification.objects.filter(recipient=reviewer, kind=Kind.CORRECTION_PUBLISHED).count() == 1
    assert not Notification.objects.filter(recipient=other_editor).exists()


def test_the_matcher_tells_who_worked_on_a_claim_that_a_new_article_repeats_it(
    editor, reviewer, django_capture_on_commit_callbacks
):
    claim, _ = submitted_verdict(reviewer=reviewer)
    article = ArticleFactory(title="The minister repeats the figure")

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_matched_notify(claim=claim, article=article)
        services.claim_matched_notify(claim=claim, article=article)  # the matcher ran twice

    (notification,) = Notification.objects.filter(kind=Kind.CLAIM_MATCHED)
    assert notification.recipient == reviewer
    assert "The minister repeats the figure" in notification.text


def test_the_event_waits_in_the_outbox_until_its_task_has_delivered_it(
    editor, reviewer, django_capture_on_commit_callbacks
):
    from reviews.models import PendingNotification
    from reviews.services.notifications import notification_sweep

    # given: the step committed but its message never reached a worker
    with (
        mock.patch("reviews.services.notifications._queue") as lost,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.claim_assign(claim=ClaimFactory(), actor=editor, assignee=reviewer)
    assert lost.call_count == 1
    assert PendingNotification.objects.count() == 1

    # then: a sweep before the grace period leaves it to the task in flight
    assert notification_sweep() == 0

    # and one after it delivers it (tasks run in-process here) and empties the outbox
    assert notification_sweep(older_than=timedelta(0)) == 1
    assert Notification.objects.filter(recipient=reviewer).count() == 1
    assert PendingNotification.objects.count() == 0
    assert notification_sweep(older_than=timedelta(0)) == 0


def test_an_event_that_can_never_be_delivered_is_given_up_after_the_last_sweep(reviewer, settings, caplog):
    from reviews.models import PendingNotification
    from reviews.services.notifications import notification_sweep

    settings.FACTCHECK_NOTIFY_MAX_SWEEPS = 3
    # A kind a later version no longer has: its task fails every time it runs.
    pending = PendingNotification.objects.create(
        payload={"kind": "retired-kind", "event": "retired:1", "recipient_ids": [reviewer.pk], "text": "Old news."}
    )

    assert [notification_sweep(older_than=timedelta(0)) for _ in range(5)] == [1, 1, 1, 0, 0]

    pending.refresh_from_db()
    assert pending.sweeps == 3
    assert not Notification.objects.exists()
    (record,) = [r for r in caplog.records if "queued for the last time" in r.getMessage()]
    assert record.levelname == "ERROR"
    assert "retired:1" in record.getMessage()
