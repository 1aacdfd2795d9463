"""A JSON body nested past the parser's depth limit is a 400 with a message, on every write endpoint."""

import pytest

from claims.tests.factories import ClaimFactory
from factcheck.api.parsers import MAX_JSON_DEPTH
from reviews.tests.api_helpers import drafted


def nested(levels: int) -> str:
    """`{"title": "x", "body": [[[ ... ]]]}`: an object whose value is `levels` arrays deep."""
    return '{"title": "x", "body": ' + "[" * levels + "]" * levels + "}"


@pytest.fixture
def write_endpoints(reviewer):
    claim, verdict = drafted(reviewer=reviewer)
    other = ClaimFactory(article=claim.article)
    return {
        "articles": ("post", "/api/v1/articles/"),
        "webhooks": ("post", "/api/v1/webhooks/"),
        "claim": ("patch", f"/api/v1/claims/{other.pk}/"),
        "claim-assign": ("post", f"/api/v1/claims/{other.pk}/assign/"),
        "claim-dismiss": ("post", f"/api/v1/claims/{other.pk}/dismiss/"),
        "claim-split": ("post", f"/api/v1/claims/{other.pk}/split/"),
        "claim-sources": ("post", f"/api/v1/claims/{claim.pk}/sources/"),
        "claims-merge": ("post", "/api/v1/claims/merge/"),
        "verdict": ("patch", f"/api/v1/verdicts/{verdict.pk}/"),
    }


@pytest.mark.parametrize(
    ("role", "endpoint"),
    [
        ("integrator", "articles"),
        ("integrator", "webhooks"),
        ("reviewer", "articles"),
        ("reviewer", "claim"),
        ("reviewer", "claim-assign"),
        ("reviewer", "claim-dismiss"),
        ("reviewer", "claim-split"),
        ("reviewer", "claim-sources"),
        ("reviewer", "verdict"),
        ("editor", "claims-merge"),
        ("editor", "claim"),
    ],
)
@pytest.mark.parametrize("levels", [100, 1_000, 100_000])
def test_deeply_nested_json_is_a_400_with_a_message(role, endpoint, levels, write_endpoints, api_client_for, request):
    # given a user of the role, allowed to write there
    user = request.getfixturevalue(role)
    method, path = write_endpoints[endpoint]
    client = api_client_for(user)

    # when
    response = getattr(client, method)(path, data=nested(levels), content_type="application/json", HTTP_IF_MATCH="*")

    # then
    assert response.status_code == 400, response.content[:300]
    assert f"nested more than {MAX_JSON_DEPTH} levels deep" in response.json()["detail"]


def test_json_at_the_depth_limit_is_parsed(integrator, api_client_for):
    # the body field is refused as a list, by the serializer: the parser let it through
    response = api_client_for(integrator).post(
        "/api/v1/articles/", data=nested(MAX_JSON_DEPTH - 1), content_type="application/json"
    )

    assert response.status_code == 400
    assert "body" in response.json()
