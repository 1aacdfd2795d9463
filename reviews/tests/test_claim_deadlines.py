"""Claims carry a deadline and a priority; the list sorts and filters by them, the dashboard counts overdue work."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from claims.tests.factories import ClaimFactory
from factcheck.errors import RoleForbidden, StateConflict
from reviews import services
from reviews.selectors import dashboard_overdue_per_person

pytestmark = pytest.mark.django_db


def test_scheduling_records_the_deadline_and_priority_in_words(editor):
    claim = ClaimFactory()
    due = timezone.now().replace(microsecond=0) + timedelta(days=2)

    services.claim_schedule(claim=claim, actor=editor, due_at=due, priority=Claim.Priority.URGENT)

    claim.refresh_from_db()
    assert (claim.due_at, claim.priority) == (due, Claim.Priority.URGENT)
    event = claim.events.get(action="schedule")
    assert event.note.startswith("Set the deadline to ")
    assert event.note.endswith(" and set the priority to urgent.")


def test_scheduling_what_is_already_set_records_nothing(editor):
    claim = ClaimFactory(priority=Claim.Priority.HIGH)

    services.claim_schedule(claim=claim, actor=editor, due_at=None, priority=Claim.Priority.HIGH)

    assert not claim.events.exists()


def test_a_deadline_needs_a_time_zone_and_a_priority_one_of_the_three(editor):
    claim = ClaimFactory()

    with pytest.raises(ValidationError):
        services.claim_schedule(claim=claim, actor=editor, due_at=timezone.now().replace(tzinfo=None))
    with pytest.raises(ValidationError):
        services.claim_schedule(claim=claim, actor=editor, priority=7)


def test_published_claims_take_no_deadline_and_integrators_set_none(editor, integrator):
    with pytest.raises(StateConflict):
        services.claim_schedule(claim=ClaimFactory(status="published"), actor=editor, priority=1)
    with pytest.raises(RoleForbidden):
        services.claim_schedule(claim=ClaimFactory(), actor=integrator, priority=1)


def _listed(client, query):
    return client.get(reverse("admin:claims_claim_changelist") + query).content.decode()


def test_the_list_filters_overdue_and_due_today_work(client, reviewer):
    now = timezone.now()
    overdue = ClaimFactory(text="Overdue claim about taxes.", due_at=now - timedelta(hours=2), status="in_review")
    done = ClaimFactory(text="Published late claim about rates.", due_at=now - timedelta(hours=2), status="published")
    later = ClaimFactory(text="Claim due next month about wages.", due_at=now + timedelta(days=30))
    client.force_login(reviewer)

    html = _listed(client, "?due=overdue")

    assert overdue.text in html
    assert done.text not in html
    assert later.text not in html
    assert "overdue</span>" in html
    assert later.text not in _listed(client, "?due=week")
    assert later.text not in _listed(client, "?due=today")


def test_due_today_is_todays_open_work(client, reviewer):
    start = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    today = ClaimFactory(text="Claim due late today.", due_at=start + timedelta(hours=23, minutes=59))
    tomorrow = ClaimFactory(text="Claim due tomorrow.", due_at=start + timedelta(days=1, hours=1))
    client.force_login(reviewer)

    html = _listed(client, "?due=today")

    assert today.text in html
    assert tomorrow.text not in html


def test_the_list_sorts_by_priority_and_shows_it(client, reviewer):
    ClaimFactory(text="An ordinary claim.")
    ClaimFactory(text="An urgent claim.", priority=Claim.Priority.URGENT)
    client.force_login(reviewer)

    response = client.get(reverse("admin:claims_claim_changelist"), {"o": "4"})  # priority and deadline
    rows = [str(claim) for claim in response.context["cl"].result_list]

    assert rows[0] == "An urgent claim."
    assert '<span class="fc-priority p2">Urgent</span>' in response.content.decode()
    assert "An urgent claim." in _listed(client, "?priority__exact=2")
    assert "An ordinary claim." not in _listed(client, "?priority__exact=2")


def test_the_dashboard_shows_overdue_work_per_person(client, editor, reviewer):
    past = timezone.now() - timedelta(days=1)
    ClaimFactory.create_batch(2, assignee=reviewer, status="in_review", due_at=past)
    ClaimFactory(due_at=past)
    ClaimFactory(assignee=editor, status="in_review", due_at=timezone.now() + timedelta(days=1))
    client.force_login(editor)

    html = client.get(reverse("admin:index")).content.decode()

    assert dashboard_overdue_per_person() == [(reviewer, 2), (None, 1)]
    section = html.split('id="fc-overdue-work"', 1)[1].split("</section>", 1)[0]
    assert f"?due=overdue&amp;assigned={reviewer.pk}" in section
    assert "2 overdue" in section
    assert "Unassigned" in section
    assert "edna" not in section


def test_the_claim_page_sets_the_deadline(client, editor):
    claim = ClaimFactory()
    client.force_login(editor)

    client.post(
        reverse("admin:claims_claim_step", args=[claim.pk, "schedule"]),
        {"due_at": "2030-05-03T17:00", "priority": "1"},
    )

    claim.refresh_from_db()
    assert claim.due_at.isoformat() == "2030-05-03T17:00:00+00:00"
    assert claim.priority == Claim.Priority.HIGH
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "3 May 2030, 17:00" in page
