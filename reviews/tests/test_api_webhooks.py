"""Integrators manage their own webhook subscriptions over the API."""

from factcheck.webhooks.models import WebhookSubscription
from factcheck.webhooks.services import webhook_subscription_create

HOOK = "https://hooks.example.org/factcheck"


def test_create_shows_the_secret_once(integrator, api_client_for, settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["hooks.example.org"]
    client = api_client_for(integrator)

    created = client.post("/api/v1/webhooks/", {"url": HOOK, "events": ["claim.published"]}, format="json")
    read = client.get(f"/api/v1/webhooks/{created.data['id']}/")

    assert created.status_code == 201
    assert created.data["secret"] == WebhookSubscription.objects.get().secret
    assert len(created.data["secret"]) == 64
    assert "secret" not in read.data


def test_unknown_event_is_400(integrator, api_client_for, settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["hooks.example.org"]

    response = api_client_for(integrator).post(
        "/api/v1/webhooks/", {"url": HOOK, "events": ["claim.deleted"]}, format="json"
    )

    assert response.status_code == 400
    assert "events" in response.data


def test_claim_matched_is_an_event_to_subscribe_to_and_the_schema_lists_it(
    integrator, api_client_for, settings, client
):
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["hooks.example.org"]
    api = api_client_for(integrator)

    created = api.post("/api/v1/webhooks/", {"url": HOOK, "events": ["claim.matched"]}, format="json")
    changed = api.patch(
        f"/api/v1/webhooks/{created.data['id']}/", {"events": ["claim.published", "claim.matched"]}, format="json"
    )
    schema = client.get("/api/schema/?format=json").json()

    assert created.status_code == 201, created.content
    assert created.data["events"] == ["claim.matched"]
    assert changed.data["events"] == ["claim.published", "claim.matched"]
    assert "claim.matched" in schema["components"]["schemas"]["EventsEnum"]["enum"]


def test_integrators_see_only_their_own_subscriptions(integrator, api_client_for, settings):
    from factcheck.tests.factories import UserFactory

    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["hooks.example.org"]
    other = UserFactory(username="otto", role="integrator")
    mine = webhook_subscription_create(owner=integrator, url=HOOK, events=["claim.published"])
    theirs = webhook_subscription_create(owner=other, url=HOOK, events=["claim.published"])
    client = api_client_for(integrator)

    listed = client.get("/api/v1/webhooks/")

    assert [s["id"] for s in listed.data] == [mine.pk]
    assert client.get(f"/api/v1/webhooks/{theirs.pk}/").status_code == 404
    assert client.patch(f"/api/v1/webhooks/{theirs.pk}/", {"is_active": False}, format="json").status_code == 404
    assert client.delete(f"/api/v1/webhooks/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


def test_patch_changes_events_and_refuses_an_internal_url(integrator, api_client_for, settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["hooks.example.org"]
    subscription = webhook_subscription_create(owner=integrator, url=HOOK, events=["claim.published"])
    client = api_client_for(integrator)

    changed = client.patch(f"/api/v1/webhooks/{subscription.pk}/", {"events": ["verdict.corrected"]}, format="json")
    refused = client.patch(f"/api/v1/webhooks/{subscription.pk}/", {"url": "http://10.0.0.5/"}, format="json")

    assert changed.status_code == 200
    assert changed.data["events"] == ["verdict.corrected"]
    assert refused.status_code == 400
    subscription.refresh_from_db()
    assert subscription.url == HOOK
