"""POST /articles/{id}/claims/ (a span or a fragment) and POST /claims/{id}/furniture/."""

import pytest

from claims.models import ArticleFragment, Claim
from claims.tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BODY = "Taxes fell 5% last year.\n\nPhoto: Jane Doe/Reuters\n\nDebt is at a record high."


def test_a_span_over_the_api_is_a_claim_with_exact_offsets(reviewer, api_client_for):
    article = ArticleFactory(body=BODY)
    start = BODY.index("Debt")

    response = api_client_for(reviewer).post(
        f"/api/v1/articles/{article.pk}/claims/", {"start": start, "end": len(BODY)}, format="json"
    )

    assert response.status_code == 201
    assert (response.data["start"], response.data["end"]) == (start, len(BODY))
    assert response.data["text"] == "Debt is at a record high."


def test_a_fragment_is_promoted_over_the_api(editor, api_client_for):
    article = ArticleFactory(body=BODY)
    start, end = BODY.index("Photo"), BODY.index("Reuters") + 7
    fragment = ArticleFragment.objects.create(
        article=article, start=start, end=end, kind="credit", text=BODY[start:end]
    )

    response = api_client_for(editor).post(
        f"/api/v1/articles/{article.pk}/claims/", {"fragment": fragment.pk}, format="json"
    )

    assert response.status_code == 201
    assert Claim.objects.get(pk=response.data["id"]).kind == "credit"


def test_an_overlapping_or_missing_span_is_400(reviewer, api_client_for):
    article = ArticleFactory(body=BODY)
    ClaimFactory(article=article, text=BODY[:24], start=0, end=24, position=0)
    client = api_client_for(reviewer)

    assert (
        client.post(f"/api/v1/articles/{article.pk}/claims/", {"start": 2, "end": 9}, format="json").status_code == 400
    )
    assert client.post(f"/api/v1/articles/{article.pk}/claims/", {}, format="json").status_code == 400
    assert Claim.objects.filter(article=article).count() == 1


def test_a_claim_is_marked_as_furniture_over_the_api(reviewer, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(reviewer).post(
        f"/api/v1/claims/{claim.pk}/furniture/", {"kind": "caption"}, format="json"
    )

    assert response.status_code == 200
    assert response.data["status"] == "dismissed"
    claim.refresh_from_db()
    assert claim.dismiss_reason == "furniture"
