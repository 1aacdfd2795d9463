"""Who gets into the admin: reviewers and editors; integrators, outsiders and anonymous people do not."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from factcheck.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username):
    return client.post(
        reverse("admin:login"), {"username": username, "password": PASSWORD, "next": reverse("admin:index")}
    )


@pytest.mark.parametrize("role", ["reviewer", "editor"])
def test_desk_members_log_in_and_see_the_dashboard(client, role, request):
    user = request.getfixturevalue(role)

    response = _login(client, user.username)
    dashboard = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert dashboard.status_code == 200
    assert 'id="fc-dashboard"' in dashboard.content.decode()


def test_integrators_cannot_log_in(client, integrator):
    response = _login(client, integrator.username)

    assert response.status_code == 200  # the login form again, with its error
    assert client.get(reverse("admin:index")).status_code == 302


def test_staff_without_a_desk_role_cannot_log_in(client):
    get_user_model().objects.create_user(username="stray", password=PASSWORD, is_staff=True)

    _login(client, "stray")

    assert client.get(reverse("admin:claims_claim_changelist")).status_code == 302


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("admin:reviews_verdict_queue"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
