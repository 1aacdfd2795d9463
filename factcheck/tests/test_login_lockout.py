"""Admin login: a username, or an address, is locked out after a few failures, until the cool-off or a release."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from factcheck.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")


def log_in(client, username, password, address="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def locked_out(response) -> bool:
    return response.status_code == 429 and b"too many login attempts" in response.content


def test_the_right_password_is_refused_after_too_many_wrong_ones(client, reviewer):
    # given: wrong passwords up to the limit
    answers = [log_in(client, reviewer.username, f"guess-{n}") for n in range(settings.AXES_FAILURE_LIMIT)]

    # when
    right = log_in(client, reviewer.username, PASSWORD)

    # then
    assert [a.status_code for a in answers[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert locked_out(answers[-1])
    assert locked_out(right)
    assert "_auth_user_id" not in client.session


def test_a_username_is_locked_out_whatever_the_address(client, reviewer):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, reviewer.username, f"guess-{n}", address=f"198.51.100.{n + 1}")

    assert locked_out(log_in(client, reviewer.username, PASSWORD, address="203.0.113.50"))


def test_an_address_is_locked_out_whatever_the_username(client, reviewer, editor):
    # given: one address tries wrong passwords for many names
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"someone-{n}", "guess", address="198.51.100.66")

    # then it may not log in even with a right password; another address may
    assert locked_out(log_in(client, editor.username, PASSWORD, address="198.51.100.66"))
    assert logged_in(log_in(client, editor.username, PASSWORD, address="203.0.113.9"))


def test_after_the_cool_off_the_right_password_works(client, reviewer):
    from axes.models import AccessAttempt

    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, reviewer.username, f"guess-{n}")
    assert locked_out(log_in(client, reviewer.username, PASSWORD))

    # when: the cool-off has passed since the last failure
    earlier = settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - earlier)

    assert logged_in(log_in(client, reviewer.username, PASSWORD))


def test_an_administrator_releases_a_lockout_in_the_admin(client, reviewer):
    from axes.models import AccessAttempt

    # given: the reviewer is locked out
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, reviewer.username, f"guess-{n}")
    attempt = AccessAttempt.objects.get(username=reviewer.username)

    # when: an administrator deletes the attempts in the admin
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listed = client.get(reverse("admin:axes_accessattempt_changelist"))
    released = client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    client.logout()

    # then
    assert listed.status_code == 200
    assert reviewer.username.encode() in listed.content
    assert released.status_code == 302
    assert logged_in(log_in(client, reviewer.username, PASSWORD))


def test_a_success_below_the_limit_logs_in(client, reviewer):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, reviewer.username, f"guess-{n}")

    assert logged_in(log_in(client, reviewer.username, PASSWORD))


def test_by_default_five_failures_lock_out_for_fifteen_minutes():
    # As the README's configuration table says; test_settings.py shows the environment changes them.
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
