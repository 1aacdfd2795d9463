"""API tokens and webhooks live in factcheck's own apps: readable names, and old admin links still work."""

import pytest

pytestmark = pytest.mark.django_db


def test_admin_index_names_tokens_and_deliveries_in_plain_english(editor, client):
    client.force_login(editor)

    page = client.get("/admin/").content.decode()

    assert "API tokens" in page
    assert "Webhook deliveries" in page
    assert "deliverys" not in page.lower()


def test_editors_keep_their_permissions_on_the_moved_models(editor, client):
    client.force_login(editor)

    assert client.get("/admin/api/apitoken/").status_code == 200
    assert client.get("/admin/webhooks/webhookdelivery/").status_code == 200


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/reviews/apitoken/", "/admin/api/apitoken/"),
        ("/admin/reviews/webhookdelivery/7/change/?x=1", "/admin/webhooks/webhookdelivery/7/change/?x=1"),
        ("/admin/reviews/webhooksubscription/", "/admin/webhooks/webhooksubscription/"),
    ],
)
def test_old_admin_links_of_the_moved_models_redirect(client, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new
