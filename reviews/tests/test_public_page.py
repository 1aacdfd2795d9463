"""The public fact-check page: HTML with ClaimReview JSON-LD (read by extruct), correction history, JSON variant."""

import extruct
from django.urls import reverse

from claims.models import Claim
from reviews.tests.api_helpers import corrected, published, submitted

# What Google's fact-check rich result needs: https://developers.google.com/search/docs/appearance/structured-data/factcheck
GOOGLE_REQUIRED = ("claimReviewed", "reviewRating", "url", "author")


def _claimreviews(html, url):
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True)
    return [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]


def test_page_embeds_a_claimreview_that_extruct_reads(reviewer, editor, client):
    claim, verdict = published(reviewer=reviewer, editor=editor)
    url = reverse("public-factcheck", args=[claim.pk])

    response = client.get(url)

    assert response.status_code == 200
    (review,) = _claimreviews(response.content.decode(), "http://testserver" + url)
    for field in GOOGLE_REQUIRED:
        assert review.get(field), field
    assert review["claimReviewed"] == claim.text
    assert review["reviewRating"]["alternateName"] == verdict.rating.label
    assert review["author"]["@type"] == "Organization"
    assert review["author"]["name"]
    assert review["url"].endswith(url)
    assert review["itemReviewed"]["@type"] == "Claim"


def test_page_shows_the_verdict_and_the_correction_history(reviewer, editor, other_editor, client):
    claim, first = published(reviewer=reviewer, editor=editor, summary="The first version.")
    corrected(claim=claim, editor=other_editor, author=editor, note="The survey was revised in December.")

    html = client.get(reverse("public-factcheck", args=[claim.pk])).content.decode()

    assert "Correction history" in html
    assert "The survey was revised in December." in html
    assert "The first version." in html
    assert "Mostly false" in html


def test_markup_in_the_claim_cannot_break_out_of_the_json_ld(reviewer, editor, client):
    claim, _ = published(reviewer=reviewer, editor=editor)
    hostile = 'He said </script><script>alert("x")</script> & more'
    Claim.objects.filter(pk=claim.pk).update(text=hostile)

    response = client.get(reverse("public-factcheck", args=[claim.pk]))

    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    (review,) = _claimreviews(html, "http://testserver/")
    assert review["claimReviewed"] == hostile


def test_unpublished_claim_has_no_public_page(reviewer, client):
    claim, _ = submitted(reviewer=reviewer)

    assert client.get(reverse("public-factcheck", args=[claim.pk])).status_code == 404
    assert client.get(reverse("public-factcheck-json", args=[claim.pk])).status_code == 404


def test_json_variant_has_the_verdict_history_and_claimreview(reviewer, editor, other_editor, client):
    claim, _ = published(reviewer=reviewer, editor=editor)
    corrected(claim=claim, editor=other_editor, author=editor)

    data = client.get(reverse("public-factcheck-json", args=[claim.pk])).json()

    assert data["claim"]["id"] == claim.pk
    assert data["verdict"]["version"] == 2
    assert [h["version"] for h in data["history"]] == [2, 1]
    assert data["claimreview"]["@type"] == "ClaimReview"
    assert data["verdict"]["sources"]
