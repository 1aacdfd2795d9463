"""List endpoints run the same number of queries whatever the page holds (1 row or 50)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews.tests.api_helpers import published


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize(
    ("url", "make_rows"),
    [
        ("/api/v1/claims/", lambda n: ClaimFactory.create_batch(n, article=ArticleFactory())),
        ("/api/v1/articles/", lambda n: [ClaimFactory(article=ArticleFactory()) for _ in range(n)]),
    ],
    ids=["claims", "articles"],
)
def test_list_query_count_does_not_grow_with_rows(url, make_rows, integrator, api_client_for):
    client = api_client_for(integrator)
    client.get(url)  # the token's last_used_at is written on first use only
    make_rows(1)
    one, response = _count_queries(client, url)
    assert len(response.data["results"]) == 1

    make_rows(49)
    fifty, response = _count_queries(client, url)

    assert len(response.data["results"]) == 50
    assert fifty == one


def test_claim_list_with_published_ratings_and_assignees_stays_flat(reviewer, editor, integrator, api_client_for):
    client = api_client_for(integrator)
    client.get("/api/v1/claims/")
    published(reviewer=reviewer, editor=editor)
    one, _ = _count_queries(client, "/api/v1/claims/")

    for _ in range(4):
        published(reviewer=reviewer, editor=editor)
    five, response = _count_queries(client, "/api/v1/claims/")

    assert {c["rating"] for c in response.data["results"]} == {"false"}
    assert five == one


def test_claimreview_feed_query_count_is_flat(reviewer, editor, api_client_for):
    client = api_client_for(None)
    published(reviewer=reviewer, editor=editor)
    one, _ = _count_queries(client, "/api/v1/claimreviews/")

    for _ in range(4):
        published(reviewer=reviewer, editor=editor)
    five, response = _count_queries(client, "/api/v1/claimreviews/")

    assert len(response.data["results"]) == 5
    assert five == one
