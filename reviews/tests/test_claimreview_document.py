"""The ClaimReview document of a published verdict, its API endpoints, and the publication gate."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim
from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews import services
from reviews.tests.api_helpers import corrected, published, submitted


def test_document_has_the_fields_consumers_need(reviewer, editor, api_client_for, settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://factcheck.example.org"
    settings.FACTCHECK_PUBLISHER_NAME = "Example Fact Desk"
    article = ArticleFactory(url="https://news.example.org/a", title="Minister speaks")
    claim = ClaimFactory(article=article, claimant="The minister", text="Unemployment  fell\nby half.")
    published(reviewer=reviewer, editor=editor, claim=claim, rating="false")

    response = api_client_for(None).get(f"/api/v1/claims/{claim.pk}/claimreview/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    doc = response.json()
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] == "Unemployment fell by half."
    assert doc["url"] == f"https://factcheck.example.org/fact-checks/{claim.pk}/"
    assert doc["author"] == {
        "@type": "Organization",
        "name": "Example Fact Desk",
        "url": "https://factcheck.example.org/",
    }
    assert doc["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "False",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert doc["datePublished"]
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "The minister"}
    assert item["appearance"][0]["url"] == "https://news.example.org/a"
    assert item["datePublished"]


def test_off_scale_rating_has_a_name_but_no_number(reviewer, editor, api_client_for):
    claim, _ = published(reviewer=reviewer, editor=editor, rating="misleading")

    doc = api_client_for(None).get(f"/api/v1/claims/{claim.pk}/claimreview/").json()

    assert doc["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading"}


def test_unpublished_claim_has_no_claimreview(reviewer, api_client_for):
    claim, _ = submitted(reviewer=reviewer)

    assert api_client_for(None).get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 404


def test_feed_lists_published_documents_and_filters_by_updated_after(reviewer, editor, other_editor, api_client_for):
    first, _ = published(reviewer=reviewer, editor=editor)
    second, second_verdict = published(reviewer=reviewer, editor=editor)
    submitted(reviewer=reviewer)  # not published: never in the feed
    client = api_client_for(None)

    everything = client.get("/api/v1/claimreviews/")
    since = client.get("/api/v1/claimreviews/", {"updated_after": second_verdict.decided_at.isoformat()})
    correction = corrected(claim=first, editor=other_editor, author=editor)
    after_correction = client.get("/api/v1/claimreviews/", {"updated_after": second_verdict.decided_at.isoformat()})

    claim_ids = [doc["url"].rstrip("/").rsplit("/", 1)[-1] for doc in everything.data["results"]]
    assert claim_ids == [str(first.pk), str(second.pk)]
    assert since.data["results"] == []
    (doc,) = after_correction.data["results"]
    assert doc["correction"]["text"] == correction.correction_note
    assert doc["reviewRating"]["alternateName"] == "Mostly false"


def test_ratings_endpoint_shows_claimreview_numbers(integrator, api_client_for):
    response = api_client_for(integrator).get("/api/v1/ratings/")

    by_slug = {r["slug"]: r for r in response.data}
    assert by_slug["true"]["claimreview"] == {
        "alternateName": "True",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert by_slug["unproven"]["claimreview"] == {"alternateName": "Unproven"}


def test_publication_refuses_an_empty_claim_reviewed(reviewer, editor):
    claim, verdict = submitted(reviewer=reviewer)
    # a claim whose wording is only whitespace (written past the services, as a bad import would)
    Claim.objects.filter(pk=claim.pk).update(text="   \n ")

    with pytest.raises(ValidationError) as refused:
        services.verdict_approve(verdict=verdict, actor=editor)

    assert "claimReviewed" in str(refused.value.message_dict["text"])
    claim.refresh_from_db()
    assert claim.status == "awaiting_approval"


def test_publication_over_the_api_refuses_an_empty_claim_reviewed_with_400(reviewer, editor, api_client_for):
    claim, verdict = submitted(reviewer=reviewer)
    Claim.objects.filter(pk=claim.pk).update(text=" ")

    response = api_client_for(editor).post(f"/api/v1/verdicts/{verdict.pk}/approve/", format="json")

    assert response.status_code == 400
    assert "text" in response.data
