"""The public "has this been checked?" search: published fact-checks only, ranked by the matcher, its own rate."""

import pytest

from claims.models import Claim
from claims.tests.factories import ClaimFactory
from factcheck.api.throttling import SearchThrottle
from reviews.api.search import MAX_LIMIT, MAX_QUERY_LENGTH
from reviews.tests.api_helpers import published

pytestmark = pytest.mark.django_db

URL = "/api/v1/fact-checks/search/"
FACT_CHECK = "Unemployment in Westland fell to 5% in 2019."
REWORDED = "Westland's unemployment dropped to five per cent in 2019, the minister said."


@pytest.fixture
def fact_checks(reviewer, editor):
    """The fact-check a reworded sentence repeats, and another on the same country."""
    answer, _ = published(reviewer=reviewer, editor=editor, claim=ClaimFactory(text=FACT_CHECK))
    other, _ = published(
        reviewer=reviewer,
        editor=editor,
        claim=ClaimFactory(text="Westland's harbour traffic fell by 20% in 2019."),
        rating="true",
    )
    return answer, other


def test_a_reworded_sentence_finds_its_fact_check_first_without_credentials(fact_checks, api_client_for):
    answer, _ = fact_checks

    response = api_client_for(None).get(URL, {"q": REWORDED})

    assert response.status_code == 200, response.content
    first = response.json()["results"][0]
    assert first["claim"] == answer.pk
    assert first["text"] == FACT_CHECK
    assert (first["rating"], first["rating_label"]) == ("false", "False")
    assert first["summary"] == "The figure is wrong."
    assert 0 < first["score"] <= 1
    assert first["reasons"]
    assert first["published_at"]
    assert first["public_url"].endswith(f"/fact-checks/{answer.pk}/")
    assert first["claimreview_url"].endswith(f"/api/v1/claims/{answer.pk}/claimreview/")
    assert first["claimreview_url"].startswith("http")


def test_unpublished_claims_are_never_listed_however_alike(fact_checks, reviewer, api_client_for):
    answer, _ = fact_checks
    unpublished = [
        ClaimFactory(text=REWORDED),
        ClaimFactory(text=REWORDED, status=Claim.Status.IN_REVIEW),
        ClaimFactory(text=REWORDED, status=Claim.Status.AWAITING_APPROVAL),
        ClaimFactory(text=REWORDED, status=Claim.Status.DISMISSED),
    ]

    results = api_client_for(None).get(URL, {"q": REWORDED, "limit": MAX_LIMIT}).json()["results"]

    assert results[0]["claim"] == answer.pk
    assert not {r["claim"] for r in results} & {c.pk for c in unpublished}
    assert all(Claim.objects.get(pk=r["claim"]).status == Claim.Status.PUBLISHED for r in results)


def test_a_sentence_nothing_checked_resembles_finds_nothing(fact_checks, api_client_for):
    response = api_client_for(None).get(URL, {"q": "The new bridge over the Corbel river opens in spring."})

    assert response.status_code == 200
    assert response.json() == {"results": []}


def test_limit_bounds_the_answer(fact_checks, api_client_for):
    results = api_client_for(None).get(URL, {"q": "Westland unemployment and harbour traffic in 2019", "limit": 1})

    assert results.status_code == 200
    assert len(results.json()["results"]) == 1


def test_credentials_are_not_needed_nor_read(fact_checks, integrator, api_client_for):
    client = api_client_for(None)
    client.credentials(HTTP_AUTHORIZATION="Token not-a-key")

    assert client.get(URL, {"q": REWORDED}).status_code == 200
    assert api_client_for(integrator).get(URL, {"q": REWORDED}).status_code == 200


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "q", "Give the sentence to look for"),
        ({"q": ""}, "q", "Give the sentence to look for"),
        ({"q": "   "}, "q", "Give the sentence to look for"),
        ({"q": "x" * (MAX_QUERY_LENGTH + 1)}, "q", "too long"),
        ({"q": "Unemployment\x01fell"}, "q", "control characters"),
        ({"q": REWORDED, "limit": 0}, "limit", ""),
        ({"q": REWORDED, "limit": MAX_LIMIT + 1}, "limit", ""),
        ({"q": REWORDED, "limit": "many"}, "limit", "whole number"),
    ],
    ids=["missing", "empty", "blank", "too-long", "control", "limit-0", "limit-over", "limit-text"],
)
def test_bad_input_is_a_400_saying_what_is_wrong(params, field, message, api_client_for):
    response = api_client_for(None).get(URL, params)

    assert response.status_code == 400
    assert set(response.data) == {field}
    assert message in str(response.data[field][0])


def test_the_longest_sentence_allowed_is_answered(fact_checks, api_client_for):
    sentence = (REWORDED + " ") * (MAX_QUERY_LENGTH // (len(REWORDED) + 1))

    assert api_client_for(None).get(URL, {"q": sentence[:MAX_QUERY_LENGTH]}).status_code == 200


WINDOW_START = 29_000_000 * 60.0


def test_the_search_has_its_own_rate_per_address(fact_checks, api_client_for, settings, monkeypatch):
    monkeypatch.setattr(SearchThrottle, "timer", staticmethod(lambda: WINDOW_START + 15))
    settings.FACTCHECK_API_THROTTLE_RATES = {
        "user": "100/minute",
        "anon": "100/minute",
        "factcheck_search": "2/minute",
    }
    client = api_client_for(None)

    statuses = [client.get(URL, {"q": REWORDED}, REMOTE_ADDR="203.0.113.7").status_code for _ in range(3)]
    refused = client.get(URL, {"q": REWORDED}, REMOTE_ADDR="203.0.113.7")
    other_address = client.get(URL, {"q": REWORDED}, REMOTE_ADDR="203.0.113.8")
    other_endpoint = client.get("/api/v1/claimreviews/", REMOTE_ADDR="203.0.113.7")

    assert statuses == [200, 200, 429]
    assert refused.status_code == 429
    assert refused["Retry-After"] == "45"
    assert other_address.status_code == 200
    assert other_endpoint.status_code == 200


def test_the_search_rate_is_a_setting_with_a_default(settings):
    assert settings.FACTCHECK_API_THROTTLE_RATES["factcheck_search"] == "30/minute"
