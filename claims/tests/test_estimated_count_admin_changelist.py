"""The admin claim list never counts the whole claims table, filtered or not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from claims.paginators import EstimatedCountPaginator
from claims.tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def unbounded_counts(queries) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "LIMIT" not in q["sql"].upper()]


@pytest.mark.parametrize("params", [{}, {"assigned": "me"}, {"status__exact": "new"}, {"q": "unemployment"}])
def test_changelist_runs_no_unbounded_count(client, reviewer, params):
    # given
    article = ArticleFactory()
    ClaimFactory.create_batch(5, article=article, text="Unemployment fell by half.", assignee=reviewer)
    ClaimFactory.create_batch(5, article=article, status=Claim.Status.NEW)
    client.force_login(reviewer)

    # when
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/admin/claims/claim/", params)

    # then
    assert response.status_code == 200
    assert unbounded_counts(ctx.captured_queries) == []


def test_claim_admin_uses_the_estimated_count_paginator():
    from django.contrib import admin

    model_admin = admin.site._registry[Claim]

    assert issubclass(model_admin.paginator, EstimatedCountPaginator)
    assert model_admin.show_full_result_count is False
