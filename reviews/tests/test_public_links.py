"""Public links in every document: from the request when FACTCHECK_PUBLIC_BASE_URL is unset, else from it.

`make run PORT=8101` serves on 127.0.0.1:8101; its pages, feed, sitemap and API must link there.
Webhook payloads are written without a request and follow the setting, else the first allowed host.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from lxml import etree

from factcheck.webhooks.models import WebhookDelivery
from factcheck.webhooks.services import webhook_subscription_create
from reviews.tests.api_helpers import published

HOST = "127.0.0.1:8101"


@pytest.fixture
def unset(settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]


def _links_in_documents(client, api_client, claim_id, **headers):
    """Every absolute link to a fact-check page the public site and the API hand out."""
    page_url = reverse("public-factcheck", args=[claim_id])
    soup = BeautifulSoup(client.get(page_url, **headers).content, "html.parser")
    json_ld = json.loads(soup.find("script", type="application/ld+json").string)
    as_json = client.get(reverse("public-factcheck-json", args=[claim_id]), **headers).json()
    feed = etree.fromstring(client.get(reverse("public-feed"), **headers).content)
    sitemap = etree.fromstring(client.get(reverse("public-sitemap"), **headers).content)
    return {
        "canonical": soup.find("link", rel="canonical")["href"],
        "og:url": soup.find("meta", property="og:url")["content"],
        "json-ld": json_ld["url"],
        "json": as_json["claimreview"]["url"],
        "feed": feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}id").text,
        "sitemap": sitemap.find("{http://www.sitemaps.org/schemas/sitemap/0.9}url/*").text,
        "api claim": api_client.get(f"/api/v1/claims/{claim_id}/", **headers).json()["links"]["public"],
        "api claims": api_client.get("/api/v1/claims/", **headers).json()["results"][0]["links"]["public"],
        "api claimreview": api_client.get(f"/api/v1/claims/{claim_id}/claimreview/", **headers).json()["url"],
        "api feed": api_client.get("/api/v1/claimreviews/", **headers).json()["results"][0]["url"],
    }


def test_unset_every_link_uses_the_host_and_port_the_request_came_to(
    unset, reviewer, editor, integrator, client, api_client_for
):
    claim, _ = published(reviewer=reviewer, editor=editor)

    links = _links_in_documents(client, api_client_for(integrator), claim.pk, HTTP_HOST=HOST)

    expected = f"http://{HOST}/fact-checks/{claim.pk}/"
    assert links == dict.fromkeys(links, expected)


def test_set_every_link_uses_the_configured_base(settings, reviewer, editor, integrator, client, api_client_for):
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://factcheck.example.org"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    claim, _ = published(reviewer=reviewer, editor=editor)

    links = _links_in_documents(client, api_client_for(integrator), claim.pk, HTTP_HOST=HOST)

    expected = f"https://factcheck.example.org/fact-checks/{claim.pk}/"
    assert links == dict.fromkeys(links, expected)


def test_the_claimreview_names_the_desk_at_the_request_host(unset, reviewer, editor, client):
    claim, _ = published(reviewer=reviewer, editor=editor)

    doc = client.get(reverse("public-factcheck-json", args=[claim.pk]), HTTP_HOST=HOST).json()["claimreview"]

    assert doc["author"]["url"] == f"http://{HOST}/"


def test_a_published_claims_etag_is_the_same_for_a_get_and_the_patch_that_sends_it(
    unset, reviewer, editor, api_client_for
):
    """The ETag covers the claim's links, built from the request: a PATCH must compute it alike."""
    claim, _ = published(reviewer=reviewer, editor=editor)
    api = api_client_for(editor)
    etag = api.get(f"/api/v1/claims/{claim.pk}/", HTTP_HOST=HOST)["ETag"]

    response = api.patch(
        f"/api/v1/claims/{claim.pk}/", {"claimant": "The mayor"}, format="json", HTTP_HOST=HOST, HTTP_IF_MATCH=etag
    )

    assert response.status_code != 412, response.content


def test_webhook_payloads_use_the_configured_base(settings, reviewer, editor, integrator, receiver):
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://factcheck.example.org"
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

    claim, _ = published(reviewer=reviewer, editor=editor)

    payload = WebhookDelivery.objects.get(event="claim.published").payload
    assert payload["claim"]["public_url"] == f"https://factcheck.example.org/fact-checks/{claim.pk}/"
    assert payload["claimreview"]["url"] == payload["claim"]["public_url"]


def test_unset_webhook_payloads_use_the_first_allowed_host(settings, reviewer, editor, integrator, receiver):
    """No request is being answered when a payload is written (a task may write it): the rule is explicit."""
    settings.FACTCHECK_PUBLIC_BASE_URL = ""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["desk.example.org", "testserver"]
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

    claim, _ = published(reviewer=reviewer, editor=editor)

    payload = WebhookDelivery.objects.get(event="claim.published").payload
    assert payload["claim"]["public_url"] == f"https://desk.example.org/fact-checks/{claim.pk}/"
    assert payload["claim"]["api_url"] == f"https://desk.example.org/api/v1/claims/{claim.pk}/"
