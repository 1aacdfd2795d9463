"""The bell counts what is unread, the inbox lists it, opening one reads it; each person picks their channels."""

import pytest
from django.urls import reverse

from claims.tests.factories import ClaimFactory
from reviews.models import Notification, NotificationPreference
from reviews.services.notifications import notification_deliver

pytestmark = pytest.mark.django_db


def _told(user, n=1, **fields):
    for i in range(n):
        notification_deliver(
            kind=Notification.Kind.ASSIGNED,
            event=f"event:{Notification.objects.count() + i + 100}",
            recipient_ids=[user.pk],
            text=f"Claim {i} is yours.",
            **fields,
        )


def test_the_bell_on_every_desk_page_counts_unread_notifications(client, reviewer):
    _told(reviewer, 3)
    client.force_login(reviewer)

    for url in (reverse("admin:index"), reverse("admin:claims_claim_changelist")):
        html = client.get(url).content.decode()
        assert 'id="fc-bell"' in html, url
        assert '<span class="fc-bell-count" id="fc-bell-count">3</span>' in html, url


def test_opening_a_notification_reads_it_and_goes_to_its_claim(client, reviewer):
    claim = ClaimFactory()
    _told(reviewer, claim_id=claim.pk)
    notification = Notification.objects.get()
    client.force_login(reviewer)

    inbox = client.get(reverse("admin:reviews_notification_changelist")).content.decode()
    response = client.get(reverse("admin:reviews_notification_open", args=[notification.pk]))

    assert "Claim 0 is yours." in inbox
    assert "fc-unread" in inbox
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_claim_change", args=[claim.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert 'id="fc-bell-count"' not in client.get(reverse("admin:index")).content.decode()


def test_nobody_opens_or_sees_anothers_notifications(client, reviewer, other_reviewer):
    _told(reviewer)
    notification = Notification.objects.get()
    client.force_login(other_reviewer)

    inbox = client.get(reverse("admin:reviews_notification_changelist")).content.decode()
    response = client.get(reverse("admin:reviews_notification_open", args=[notification.pk]))

    assert "Claim 0 is yours." not in inbox
    assert response.status_code == 403
    notification.refresh_from_db()
    assert notification.read_at is None


def test_marking_all_read_empties_the_bell(client, reviewer):
    _told(reviewer, 2)
    client.force_login(reviewer)

    client.post(reverse("admin:reviews_notification_read_all"))

    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_mail_only_notifications_stay_out_of_the_inbox(client, reviewer):
    NotificationPreference.objects.create(user=reviewer, kind="assigned", in_app=False, email=True)
    _told(reviewer)
    client.force_login(reviewer)

    inbox = client.get(reverse("admin:reviews_notification_changelist")).content.decode()

    assert "Claim 0 is yours." not in inbox
    assert 'id="fc-bell-count"' not in inbox


def test_the_preferences_page_saves_each_kind_and_channel(client, reviewer):
    client.force_login(reviewer)
    url = reverse("admin:reviews_notification_preferences")
    page = client.get(url).content.decode()
    assert 'name="assigned__email"' in page
    assert "checked" in page

    client.post(url, {"assigned__in_app": "on", "mentioned__email": "on"})

    chosen = {p.kind: (p.in_app, p.email) for p in NotificationPreference.objects.filter(user=reviewer)}
    assert chosen["assigned"] == (True, False)
    assert chosen["mentioned"] == (False, True)
    assert chosen["changes_requested"] == (False, False)


def test_the_bell_stops_counting_at_a_hundred(client, reviewer):
    from reviews import selectors

    _told(reviewer, selectors.UNREAD_COUNT_CAP + 1)
    client.force_login(reviewer)

    html = client.get(reverse("admin:index")).content.decode()

    assert '<span class="fc-bell-count" id="fc-bell-count">99+</span>' in html
