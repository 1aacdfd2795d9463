"""The OpenAPI document states what the server enforces, and the server enforces what it states."""

import pytest

from claims.tests.factories import ArticleFactory, ClaimFactory


@pytest.fixture
def schema(client):
    return client.get("/api/schema/?format=json").json()


def _parameters(schema, path, method):
    return {p["name"]: p for p in schema["paths"][path][method]["parameters"]}


def _request(schema, path, method):
    ref = schema["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]


@pytest.mark.parametrize("path", ["/api/v1/claims/{id}/", "/api/v1/verdicts/{id}/"])
def test_if_match_is_required_on_patch_and_the_body_needs_a_key(schema, path):
    assert _parameters(schema, path, "patch")["If-Match"]["required"] is True
    assert {"412", "428"} <= set(schema["paths"][path]["patch"]["responses"])
    assert schema["paths"][path]["patch"]["requestBody"]["required"] is True
    assert _request(schema, path, "patch")["minProperties"] == 1


def test_request_bodies_take_no_other_keys(schema):
    requests = {name: c for name, c in schema["components"]["schemas"].items() if name.endswith("Request")}

    assert len(requests) >= 12
    assert {name for name, c in requests.items() if c.get("additionalProperties") is not False} == set()


def test_merge_takes_two_different_claims_and_split_a_bounded_offset(schema, settings):
    claims = _request(schema, "/api/v1/claims/merge/", "post")["properties"]["claims"]
    at = _request(schema, "/api/v1/claims/{id}/split/", "post")["properties"]["at"]

    assert (claims["minItems"], claims["uniqueItems"]) == (2, True)
    assert (at["minimum"], at["maximum"]) == (1, settings.FACTCHECK_MAX_ARTICLE_BYTES)


def test_claim_filters_state_their_bounds(schema):
    parameters = _parameters(schema, "/api/v1/claims/", "get")

    assert (
        parameters["checkworthiness_min"]["schema"]["minimum"],
        parameters["checkworthiness_min"]["schema"]["maximum"],
    ) == (0, 1)
    assert parameters["article"]["schema"]["type"] == "integer"
    assert parameters["updated_after"]["schema"]["minLength"] == 1
    assert parameters["page_size"]["schema"]["minimum"] == 1


def test_text_readers_see_states_the_characters_it_refuses(schema):
    title = _request(schema, "/api/v1/articles/", "post")["properties"]["title"]

    assert "\\u202e" in title["pattern"]


@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/claims/", "/api/v1/claimreviews/"])
def test_an_empty_updated_after_is_a_400_naming_it(url, integrator, api_client_for):
    response = api_client_for(integrator).get(url, {"updated_after": ""})

    assert response.status_code == 400
    assert list(response.data) == ["updated_after"]


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_a_checkworthiness_minimum_outside_0_to_1_is_a_400(value, integrator, api_client_for):
    ClaimFactory(checkworthiness=0.9)

    response = api_client_for(integrator).get("/api/v1/claims/", {"checkworthiness_min": value})

    assert response.status_code == 400
    assert list(response.data) == ["checkworthiness_min"]


def test_an_empty_search_still_means_no_search(integrator, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(integrator).get("/api/v1/claims/", {"q": ""})

    assert [row["id"] for row in response.data["results"]] == [claim.pk]


@pytest.mark.parametrize("value", ["abc", "0", "-3", ""])
def test_a_page_size_that_is_not_a_positive_number_is_a_400(value, integrator, api_client_for):
    ArticleFactory()

    response = api_client_for(integrator).get("/api/v1/articles/", {"page_size": value})

    assert response.status_code == 400
    assert list(response.data) == ["page_size"]


def test_merging_a_claim_with_itself_is_a_400(reviewer, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(reviewer).post("/api/v1/claims/merge/", {"claims": [claim.pk, claim.pk]}, format="json")

    assert response.status_code == 400
    assert list(response.data) == ["claims"]


@pytest.mark.parametrize(
    "path", ["/api/v1/claims/{}/claimreview/", "/api/v1/claims/{}/events/", "/fact-checks/{}.json"]
)
def test_an_id_beyond_any_key_is_not_found(path, integrator, api_client_for):
    response = api_client_for(integrator).get(path.format(9_999_999_999_999_999_999))  # 19 digits, over 2**63

    assert response.status_code == 404


def test_the_matching_filters_take_true_or_false(schema):
    parameters = _parameters(schema, "/api/v1/claims/", "get")

    for name in ("seen_before", "checked_before"):
        assert parameters[name]["schema"]["enum"] == ["false", "true"]
        assert parameters[name]["description"]


def test_the_public_search_states_its_bounds_and_needs_no_credentials(schema):
    operation = schema["paths"]["/api/v1/fact-checks/search/"]["get"]
    parameters = _parameters(schema, "/api/v1/fact-checks/search/", "get")

    assert parameters["q"]["required"] is True
    assert (parameters["q"]["schema"]["minLength"], parameters["q"]["schema"]["maxLength"]) == (1, 1000)
    assert (parameters["limit"]["schema"]["minimum"], parameters["limit"]["schema"]["maximum"]) == (1, 20)
    assert operation.get("security", [{}]) in ([{}], [])
    assert "429" in operation["responses"]


def test_deciding_a_match_takes_no_body_and_can_conflict(schema):
    for step in ("confirm", "reject"):
        operation = schema["paths"][f"/api/v1/claims/{{claim_id}}/matches/{{match_id}}/{step}/"]["post"]
        assert "requestBody" not in operation
        assert {"200", "403", "404", "409"} <= set(operation["responses"])
