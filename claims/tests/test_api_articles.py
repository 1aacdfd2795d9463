"""Pushing and reading articles over the API: 202/200, size and character limits, JSON only, pagination."""

import json

import pytest

from claims.models import Article
from claims.tests.factories import ArticleFactory

URL = "/api/v1/articles/"
BODY = "The council spent 4 million euros on the bridge in 2022. Critics said the cost doubled."


def test_new_article_is_accepted_with_links_and_pending_status(integrator, api_client_for):
    # when
    response = api_client_for(integrator).post(URL, {"title": "Bridge", "body": BODY}, format="json")

    # then
    assert response.status_code == 202
    article = Article.objects.get()
    assert response.data["id"] == article.pk
    assert response.data["segmentation_status"] == "pending"
    assert response.data["links"]["self"] == f"/api/v1/articles/{article.pk}/"
    assert article.created_by == integrator


def test_identical_content_answers_200_with_the_stored_article(integrator, api_client_for):
    client = api_client_for(integrator)
    first = client.post(URL, {"title": "Bridge", "body": BODY}, format="json")

    second = client.post(URL, {"title": "Other title", "body": BODY + "\n"}, format="json")

    assert second.status_code == 200
    assert second.data["id"] == first.data["id"]
    assert Article.objects.count() == 1


def test_article_detail_shows_status_error_and_claim_count(integrator, api_client_for):
    from claims.tests.factories import ClaimFactory

    article = ArticleFactory(segmentation_status="failed", segmentation_error="ValueError: boom")
    ClaimFactory.create_batch(3, article=article)

    response = api_client_for(integrator).get(f"{URL}{article.pk}/")

    assert response.status_code == 200
    assert response.data["claim_count"] == 3
    assert response.data["segmentation_status"] == "failed"
    assert response.data["segmentation_error"] == "ValueError: boom"


def test_body_over_the_limit_is_413_and_nothing_is_stored(integrator, api_client_for, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 1000

    response = api_client_for(integrator).post(URL, {"title": "Long", "body": "word " * 300}, format="json")

    assert response.status_code == 413
    assert "body" in response.data
    assert Article.objects.count() == 0


def test_request_far_over_the_limit_is_refused_before_parsing(integrator, api_client_for, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 100

    payload = json.dumps({"title": "Huge", "body": "x" * 200_000})
    response = api_client_for(integrator).post(URL, payload, content_type="application/json")

    assert response.status_code == 413
    assert Article.objects.count() == 0


@pytest.mark.parametrize("char", ["\u0000", "\u0007", "\u001b", "\u0085", "\ud800"])
def test_control_characters_or_lone_surrogates_are_400(integrator, api_client_for, char):
    payload = json.dumps({"title": "Bad", "body": f"Before {char} after."})

    response = api_client_for(integrator).post(URL, payload, content_type="application/json")

    assert response.status_code == 400
    assert Article.objects.count() == 0


def test_invalid_utf8_is_400(integrator, api_client_for):
    payload = b'{"title": "Bad", "body": "caf\xe9 au lait"}'

    response = api_client_for(integrator).post(URL, payload, content_type="application/json")

    assert response.status_code == 400
    assert "UTF-8" in response.data["detail"]
    assert Article.objects.count() == 0


def test_form_encoded_write_is_415(integrator, api_client_for):
    response = api_client_for(integrator).post(URL, {"title": "Form", "body": BODY})  # multipart

    assert response.status_code == 415
    assert Article.objects.count() == 0


def test_missing_title_is_400_with_field_error(integrator, api_client_for):
    response = api_client_for(integrator).post(URL, {"body": BODY}, format="json")

    assert response.status_code == 400
    assert "title" in response.data


def test_system_fields_in_the_request_are_refused_by_name(integrator, api_client_for):
    response = api_client_for(integrator).post(
        URL, {"title": "Bridge", "body": BODY, "segmentation_status": "done", "content_hash": "0" * 64}, format="json"
    )

    assert response.status_code == 400
    assert response.data == {"segmentation_status": ["This field is read-only."], "content_hash": ["Unknown field."]}
    assert not Article.objects.exists()


def test_article_list_pages_with_a_cursor_newest_first(integrator, api_client_for):
    articles = ArticleFactory.create_batch(5)
    client = api_client_for(integrator)

    first = client.get(URL, {"page_size": 3})
    second = client.get(first.data["next"])

    ids = [a["id"] for a in first.data["results"]] + [a["id"] for a in second.data["results"]]
    assert ids == sorted((a.pk for a in articles), reverse=True)
    assert second.data["next"] is None
    assert "count" not in first.data


def test_page_size_is_capped_at_200(integrator, api_client_for):
    ArticleFactory.create_batch(205)

    response = api_client_for(integrator).get(URL, {"page_size": 1000})

    assert len(response.data["results"]) == 200


def test_an_article_shows_its_detected_language_read_only(integrator, api_client_for):
    article = ArticleFactory(detected_language="uk")

    response = api_client_for(integrator).get(f"{URL}{article.pk}/")

    assert response.status_code == 200
    assert response.data["detected_language"] == "uk"
