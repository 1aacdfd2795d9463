"""Reading and editing claims over the API: filters, search, ordering, cursor pages, ETags."""

import pytest

from claims.models import Claim
from claims.tests.factories import ArticleFactory, ClaimFactory
from factcheck.api.filters import FilterSet
from reviews import services
from reviews.api.claims import ClaimViewSet
from reviews.api.filters import ClaimFilter
from reviews.tests.api_helpers import published

URL = "/api/v1/claims/"


def _ids(response):
    return [c["id"] for c in response.data["results"]]


def test_filters_by_status_article_type_and_checkworthiness(integrator, reviewer, api_client_for):
    article = ArticleFactory()
    strong = ClaimFactory(article=article, checkworthiness=0.9, claim_type="quantity")
    ClaimFactory(article=article, checkworthiness=0.2, claim_type="quantity")
    ClaimFactory(checkworthiness=0.95, claim_type="causation")
    working = ClaimFactory(article=article, checkworthiness=0.8)
    services.claim_assign(claim=working, actor=reviewer, assignee=reviewer)
    client = api_client_for(integrator)

    response = client.get(
        URL, {"article": article.pk, "checkworthiness_min": 0.5, "claim_type": "quantity", "status": "new"}
    )

    assert _ids(response) == [strong.pk]


def test_assignee_filter_takes_a_username_or_me(reviewer, other_reviewer, api_client_for):
    mine, theirs = ClaimFactory(), ClaimFactory()
    ClaimFactory()
    services.claim_assign(claim=mine, actor=reviewer, assignee=reviewer)
    services.claim_assign(claim=theirs, actor=reviewer, assignee=other_reviewer)
    client = api_client_for(reviewer)

    assert _ids(client.get(URL, {"assignee": "me"})) == [mine.pk]
    assert _ids(client.get(URL, {"assignee": other_reviewer.username})) == [theirs.pk]


def test_rating_and_updated_after_filters(integrator, reviewer, editor, api_client_for):
    claim, verdict = published(reviewer=reviewer, editor=editor, rating="false")
    ClaimFactory()
    client = api_client_for(integrator)

    assert _ids(client.get(URL, {"rating": "false"})) == [claim.pk]
    assert _ids(client.get(URL, {"rating": "true"})) == []
    after = client.get(URL, {"updated_after": claim.updated_at.isoformat()})
    assert claim.pk not in _ids(after)


def test_text_search_matches_word_forms(integrator, api_client_for):
    hit = ClaimFactory(text="Unemployment rates fell sharply in the northern regions.")
    ClaimFactory(text="The bridge cost four million euros.")
    client = api_client_for(integrator)

    # English stemming: "rate" finds "rates", "region" finds "regions"
    assert _ids(client.get(URL, {"q": "unemployment rate"})) == [hit.pk]
    assert _ids(client.get(URL, {"q": "northern region"})) == [hit.pk]
    assert _ids(client.get(URL, {"q": "bananas"})) == []


def test_invalid_filter_value_is_400(integrator, api_client_for):
    response = api_client_for(integrator).get(URL, {"status": "nonsense"})

    assert response.status_code == 400
    assert "status" in response.data


def test_filter_forms_share_a_class_but_not_their_values(integrator, api_client_for):
    """A form class per set of asked filters, built once; each request's values and errors stay its own."""
    new = ClaimFactory(checkworthiness=0.9)
    dismissed = ClaimFactory(status=Claim.Status.DISMISSED, dismiss_reason="opinion", checkworthiness=0.2)
    client = api_client_for(integrator)

    filterset = ClaimViewSet.filterset_class  # ClaimFilter, with the bounds the schema states
    assert client.get(URL, {"status": "nonsense"}).status_code == 400
    form_class = filterset._form_classes[("status",)]
    assert list(form_class.base_fields) == ["status"]
    assert _ids(client.get(URL, {"status": "dismissed"})) == [dismissed.pk]
    assert _ids(client.get(URL, {"status": "new"})) == [new.pk]
    assert client.get(URL, {"checkworthiness_min": "high"}).data == {"checkworthiness_min": ["Enter a number."]}
    assert _ids(client.get(URL, {"checkworthiness_min": "0.5", "status": "new"})) == [new.pk]
    assert _ids(client.get(URL, {"checkworthiness_min": "0.5", "status": "dismissed"})) == []
    assert filterset._form_classes[("status",)] is form_class
    assert {("status",), ("checkworthiness_min",), ("status", "checkworthiness_min")} <= set(filterset._form_classes)
    assert "_form_classes" not in FilterSet.__dict__


def test_an_unbound_filterset_has_every_filter():
    """The browsable API's filter form lists every filter, whatever was asked before."""
    assert list(ClaimFilter().form.fields) == list(ClaimFilter.base_filters)


def test_ordering_by_checkworthiness_pages_stably_with_ties(integrator, api_client_for):
    claims = [ClaimFactory(checkworthiness=0.5) for _ in range(4)] + [ClaimFactory(checkworthiness=0.9)]
    client = api_client_for(integrator)

    first = client.get(URL, {"ordering": "-checkworthiness", "page_size": 2})
    second = client.get(first.data["next"])
    third = client.get(second.data["next"])

    seen = _ids(first) + _ids(second) + _ids(third)
    assert seen[0] == claims[-1].pk
    assert sorted(seen) == sorted(c.pk for c in claims)
    assert len(set(seen)) == 5


def test_claim_detail_has_an_etag(integrator, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(integrator).get(f"{URL}{claim.pk}/")

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response.data["text"] == claim.text


def test_patch_without_if_match_is_428(reviewer, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(reviewer).patch(f"{URL}{claim.pk}/", {"text": "Reworded."}, format="json")

    assert response.status_code == 428
    claim.refresh_from_db()
    assert claim.text != "Reworded."


def test_patch_with_a_stale_etag_is_412(reviewer, api_client_for):
    claim = ClaimFactory()
    client = api_client_for(reviewer)
    etag = client.get(f"{URL}{claim.pk}/")["ETag"]
    client.patch(f"{URL}{claim.pk}/", {"text": "First edit."}, format="json", HTTP_IF_MATCH=etag)

    response = client.patch(f"{URL}{claim.pk}/", {"text": "Second edit."}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    claim.refresh_from_db()
    assert claim.text == "First edit."


def test_patch_with_the_current_etag_edits_and_returns_a_new_etag(reviewer, api_client_for):
    claim = ClaimFactory()
    client = api_client_for(reviewer)
    etag = client.get(f"{URL}{claim.pk}/")["ETag"]

    response = client.patch(
        f"{URL}{claim.pk}/", {"text": "Reworded.", "claimant": "The minister"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200
    assert response.data["text"] == "Reworded."
    assert response.data["claimant"] == "The minister"
    assert response["ETag"] != etag
    assert response["ETag"] == client.get(f"{URL}{claim.pk}/")["ETag"]


@pytest.mark.parametrize(
    "field", ["status", "start", "end", "original_text", "assignee", "checkworthiness", "segmenter_version"]
)
def test_system_fields_cannot_be_patched(reviewer, api_client_for, field):
    claim = ClaimFactory()
    client = api_client_for(reviewer)
    etag = client.get(f"{URL}{claim.pk}/")["ETag"]
    before = Claim.objects.values().get(pk=claim.pk)

    response = client.patch(f"{URL}{claim.pk}/", {field: "published"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 400
    after = Claim.objects.values().get(pk=claim.pk)
    assert after == before


def test_unknown_claim_is_404(integrator, api_client_for):
    assert api_client_for(integrator).get(f"{URL}999999/").status_code == 404


def test_patch_of_a_published_claim_is_409(reviewer, editor, api_client_for):
    claim, _ = published(reviewer=reviewer, editor=editor)
    client = api_client_for(reviewer)
    etag = client.get(f"{URL}{claim.pk}/")["ETag"]

    response = client.patch(
        f"{URL}{claim.pk}/", {"text": "Changed after publication."}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 409
    assert response.data["detail"]
