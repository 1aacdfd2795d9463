"""Which claim lists may reuse a generic plan: pages by status, article or assignee, not searches or ranges.

A generic plan is made for no value in particular; for a rare word or a recent timestamp it walks an
ordering index and filters the whole table. Those requests keep the connection's setting (a plan
for each run's values). Tested by the mode the session is left in after the request.
"""

import pytest

from claims.tests.factories import ArticleFactory, ClaimFactory
from factcheck.testing import session_plan_cache_mode
from reviews.api.filters import ClaimFilter

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


@pytest.fixture
def client(integrator, api_client_for):
    article = ArticleFactory()
    ClaimFactory.create_batch(3, article=article)
    client = api_client_for(integrator)
    client.article = article
    return client


def _list(client, params):
    response = client.get("/api/v1/claims/", params)
    assert response.status_code == 200, response.content[:300]
    return response


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "new"},
        {"status": "new", "ordering": "-checkworthiness"},
        {"ordering": "created_at", "page_size": "2"},
        {"assignee": "me"},
        {"format": "json"},
    ],
    ids=["first page", "status", "status by checkworthiness", "ordering", "assignee", "format"],
)
def test_plan_stable_lists_let_postgresql_reuse_a_plan(client, params):
    _list(client, params)
    assert session_plan_cache_mode() == "auto"


def test_article_filter_and_a_next_page_are_plan_stable(client):
    response = _list(client, {"article": client.article.pk, "page_size": "1"})
    next_page = response.data["next"]
    assert next_page

    assert client.get(next_page).status_code == 200
    assert session_plan_cache_mode() == "auto"


@pytest.mark.parametrize(
    "params",
    [
        {"q": "unemployment"},
        {"updated_after": "2026-01-01T00:00:00Z"},
        {"checkworthiness_min": "0.99"},
        {"rating": "false"},
        {"claim_type": "quantity"},
        {"status": "new", "q": "unemployment"},
    ],
    ids=["search", "updated after", "checkworthiness minimum", "rating", "claim type", "status and search"],
)
def test_value_sensitive_lists_are_planned_for_their_values(client, params):
    _list(client, {})  # leaves the session in auto
    _list(client, params)
    assert session_plan_cache_mode() == "force_custom_plan"


def test_other_endpoints_keep_the_connection_setting(client):
    claim_id = _list(client, {}).data["results"][0]["id"]

    assert client.get(f"/api/v1/claims/{claim_id}/").status_code == 200
    assert session_plan_cache_mode() == "force_custom_plan"


def test_a_page_reads_the_same_rows_either_way(client, monkeypatch):
    ClaimFactory.create_batch(5, article=client.article, status="dismissed")
    params = {"status": "new", "ordering": "-checkworthiness"}
    reused = [_list(client, params).data for _ in range(7)]  # psycopg prepares on the fifth run
    assert session_plan_cache_mode() == "auto"

    monkeypatch.setattr(ClaimFilter, "plan_stable", frozenset())
    planned = _list(client, params).data
    assert session_plan_cache_mode() == "force_custom_plan"

    assert all(page == planned for page in reused)
    assert len(planned["results"]) == 3
