"""Titles, bodies, claim wording, verdict text and sources that hide or reorder text: a 400, an admin error."""

import pytest
from django.urls import reverse

from claims.models import Article, Claim, Source
from claims.tests.factories import ClaimFactory
from reviews.models import Verdict
from reviews.tests.api_helpers import drafted

BODY = "The council spent 4 million euros on the bridge in 2022. Critics said the cost doubled."
RLO = "\u202e"


def test_api_refuses_an_article_title_or_body_that_hides_text(integrator, api_client_for):
    client = api_client_for(integrator)

    by_title = client.post("/api/v1/articles/", {"title": f"Bridge {RLO}costs", "body": BODY}, format="json")
    by_body = client.post(
        "/api/v1/articles/", {"title": "Bridge", "body": BODY.replace(" ", "\u200b", 1)}, format="json"
    )
    by_entity = client.post(
        "/api/v1/articles/", {"title": "Bridge", "body": f"<p>{BODY}&#x202e;</p>", "is_html": True}, format="json"
    )

    assert (by_title.status_code, list(by_title.data)) == (400, ["title"])
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in by_title.data["title"][0]
    assert (by_body.status_code, list(by_body.data)) == (400, ["body"])
    assert "U+200B" in by_body.data["body"][0]
    assert (by_entity.status_code, list(by_entity.data)) == (400, ["body"])
    assert not Article.objects.exists()


def test_a_leading_byte_order_mark_and_soft_hyphens_are_stripped_from_an_article(integrator, api_client_for):
    response = api_client_for(integrator).post(
        "/api/v1/articles/",
        {"title": "\ufeffBridge", "body": "\ufeff" + BODY.replace("council", "coun\u00adcil")},
        format="json",
    )

    assert response.status_code == 202
    article = Article.objects.get()
    assert (article.title, article.body) == ("Bridge", BODY)


def test_api_refuses_claim_wording_that_hides_text(reviewer, api_client_for):
    claim = ClaimFactory()
    client = api_client_for(reviewer)
    etag = client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]

    response = client.patch(
        f"/api/v1/claims/{claim.pk}/", {"text": f"Prices {RLO}rose"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 400
    assert list(response.data) == ["text"]
    claim.refresh_from_db()
    assert RLO not in claim.text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("summary", f"Wrong by {RLO}half."),
        ("explanation", "<p>The survey says &#x202e;otherwise.</p>"),
        ("explanation", "<p>The survey says \u2066otherwise.</p>"),
    ],
)
def test_api_refuses_verdict_text_that_hides_text(field, value, reviewer, api_client_for):
    claim, verdict = drafted(reviewer=reviewer)
    client = api_client_for(reviewer)
    etag = client.get(f"/api/v1/verdicts/{verdict.pk}/")["ETag"]

    response = client.patch(f"/api/v1/verdicts/{verdict.pk}/", {field: value}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 400
    assert list(response.data) == [field]
    fresh = Verdict.objects.get(pk=verdict.pk)
    assert (fresh.summary, fresh.explanation) == (verdict.summary, verdict.explanation)


def test_api_refuses_a_new_verdict_whose_summary_hides_text(reviewer, api_client_for):
    claim, verdict = drafted(reviewer=reviewer)
    Verdict.objects.filter(pk=verdict.pk).delete()

    response = api_client_for(reviewer).post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"rating": "false", "summary": f"Wrong {RLO}half."}, format="json"
    )

    assert response.status_code == 400
    assert list(response.data) == ["summary"]
    assert not Verdict.objects.filter(claim=claim).exists()


def test_api_refuses_a_source_whose_title_hides_text(reviewer, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(reviewer).post(
        f"/api/v1/claims/{claim.pk}/sources/",
        {"url": "https://stats.example.org/a", "title": f"Survey {RLO}2026"},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.data) == ["title"]
    assert not Source.objects.exists()


def test_admin_shows_a_form_error_for_an_article_title_that_hides_text(client, editor):
    client.force_login(editor)
    fields = {"title": f"Bridge {RLO}costs", "body": BODY, "url": "", "publisher": "", "author": "", "language": "en"}

    response = client.post(reverse("admin:claims_article_add"), fields)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "U+202E" in errors["title"][0]
    assert not Article.objects.exists()


def test_admin_claim_page_reports_claim_wording_that_hides_text(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:claims_claim_step", args=[claim.pk, "edit"]), {"text": f"Prices {RLO}rose"}, follow=True
    )

    assert "U+202E" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).text == claim.text
