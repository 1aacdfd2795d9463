"""The browsable API works with the admin session, and session writes need the CSRF token."""

from rest_framework.test import APIClient

from claims.tests.factories import ClaimFactory


def test_session_reads_work_and_writes_without_csrf_are_refused(reviewer):
    claim = ClaimFactory()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reviewer)

    read = client.get(f"/api/v1/claims/{claim.pk}/")
    write = client.post(f"/api/v1/claims/{claim.pk}/assign/", {"assignee": "me"}, format="json")

    assert read.status_code == 200
    assert write.status_code == 403
    assert "CSRF" in write.data["detail"]
    claim.refresh_from_db()
    assert claim.status == "new"


def test_session_write_with_the_csrf_token_goes_through(reviewer):
    claim = ClaimFactory()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reviewer)
    client.get("/admin/")  # any page that sets the CSRF cookie
    token = client.cookies["csrftoken"].value

    response = client.post(
        f"/api/v1/claims/{claim.pk}/assign/", {"assignee": "me"}, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 200
    assert response.data["status"] == "in_review"


def test_browsable_api_renders_for_a_logged_in_reviewer(reviewer, client):
    client.force_login(reviewer)

    response = client.get("/api/v1/claims/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
