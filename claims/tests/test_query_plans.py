"""The planner can serve every claim list filter and ordering from an index, never by scanning the claims table.

Each test makes the real request (API as an integrator, admin as a reviewer), takes the SQL it ran
against the claims table and EXPLAINs it with sequential scans priced out, as they are on a table of
a million rows: a plan that still scans the table has no index to use.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from claims.tests.factories import ArticleFactory
from factcheck.api.authentication import api_token_create

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

RARE_WORD = "quokka"
STATUSES = [Claim.Status.NEW] * 6 + [Claim.Status.DISMISSED, Claim.Status.IN_REVIEW, Claim.Status.PUBLISHED]


@pytest.fixture
def claims(reviewer, other_reviewer):
    articles = [ArticleFactory() for _ in range(4)]
    rows = []
    for i in range(400):
        text = f"Claim {i} says unemployment fell by {i % 90} percent" + (
            f" says the {RARE_WORD}" if i % 50 == 0 else ""
        )
        status = STATUSES[i % len(STATUSES)]
        assigned = status in (Claim.Status.IN_REVIEW, Claim.Status.PUBLISHED)
        rows.append(
            Claim(
                article=articles[i % 4],
                position=i,
                text=text,
                original_text=text,
                start=i * 100,
                end=i * 100 + len(text),
                checkworthiness=(i % 97) / 97,
                status=status,
                assignee=(reviewer if i % 2 else other_reviewer) if assigned else None,
            )
        )
    Claim.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")


@pytest.fixture
def api(integrator):
    _, key = api_token_create(user=integrator, name="plans")
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


@pytest.fixture
def desk(reviewer):
    client = Client()
    client.force_login(reviewer)
    return client


def claim_plans(client, path, params=None, *, table="claims_claim") -> list[str]:
    """EXPLAIN (sequential scans off) of each SELECT on `table` that the request ran."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
    assert response.status_code == 200, response.content[:500]
    statements = [
        q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
    ]
    assert statements, f"the request read nothing from {table}"
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            for sql in statements:
                cursor.execute(f"EXPLAIN {sql}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
        finally:
            cursor.execute("SET LOCAL enable_seqscan = on")
    return plans


def sorts(plan: str) -> bool:
    return bool(re.search(r"^(\s*->\s*)?(Incremental )?Sort\b", plan, re.M))


def assert_no_claims_scan(plans):
    for plan in plans:
        assert not re.search(r"Seq Scan on claims_claim\b", plan), plan


def test_api_claim_list_pages_along_the_primary_key(claims, api):
    plans = claim_plans(api, "/api/v1/claims/")
    assert_no_claims_scan(plans)
    assert any("claims_claim_pkey" in plan for plan in plans)


def test_api_new_claims_by_checkworthiness_read_an_index_in_order(claims, api):
    # By status first, or by check-worthiness keeping the (common) new ones: the planner's choice.
    plans = claim_plans(api, "/api/v1/claims/", {"status": "new", "ordering": "-checkworthiness"})
    assert_no_claims_scan(plans)
    assert any(re.search("claim_status_cw_idx|claim_cw_idx", plan) and not sorts(plan) for plan in plans), plans


def test_api_text_search_uses_the_full_text_index(claims, api):
    plans = claim_plans(api, "/api/v1/claims/", {"q": RARE_WORD})
    assert_no_claims_scan(plans)
    assert any("claim_text_search_idx" in plan for plan in plans)


def test_api_assignee_filter_does_not_scan_claims(claims, api, reviewer):
    assert_no_claims_scan(claim_plans(api, "/api/v1/claims/", {"assignee": reviewer.username}))


def test_api_checkworthiness_minimum_does_not_scan_claims(claims, api):
    assert_no_claims_scan(claim_plans(api, "/api/v1/claims/", {"checkworthiness_min": "0.9"}))


@pytest.mark.parametrize(
    ("ordering", "index"),
    [
        ("-checkworthiness", "claim_cw_idx"),
        ("checkworthiness", "claim_cw_idx"),
        ("-created_at", "claim_created_idx"),
        ("created_at", "claim_created_idx"),
        ("position", "claim_position_idx"),
        ("-position", "claim_position_idx"),
        ("-updated_at", "claim_updated_idx"),
    ],
)
def test_api_orderings_over_all_claims_read_an_index_in_order(claims, api, ordering, index):
    """No sort of the whole table: a page is the first rows of an index, in either direction."""
    plans = claim_plans(api, "/api/v1/claims/", {"ordering": ordering})
    assert_no_claims_scan(plans)
    assert any(index in plan and not sorts(plan) for plan in plans), plans


def test_api_rare_checkworthiness_minimum_can_read_the_checkworthiness_index(claims, api):
    """Few claims reach 0.99: the index can hand them over without filtering every claim."""
    plans = claim_plans(api, "/api/v1/claims/", {"checkworthiness_min": "0.99"})
    assert_no_claims_scan(plans)
    assert any("claim_cw_idx" in plan for plan in plans), plans


def test_admin_changelist_default_order_uses_the_updated_index(claims, desk):
    plans = claim_plans(desk, "/admin/claims/claim/")
    assert_no_claims_scan(plans)
    assert any("claim_updated_idx" in plan for plan in plans)


def test_admin_assigned_to_me_does_not_scan_claims(claims, desk):
    plans = claim_plans(desk, "/admin/claims/claim/", {"assigned": "me"})
    assert_no_claims_scan(plans)
    assert any("claim_assigned_status_idx" in plan for plan in plans), plans


def test_deleting_a_user_finds_their_claims_through_the_partial_person_indexes(claims, reviewer):
    """Only claims with an assignee or a creator are in those indexes; what SET NULL looks up has one."""
    Claim.objects.filter(pk__in=Claim.objects.order_by("pk").values("pk")[:5]).update(created_by=reviewer)
    with CaptureQueriesContext(connection) as ctx:
        reviewer.delete()
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('UPDATE "claims_claim"')]
    assert {column for sql in updates for column in re.findall(r'SET "(\w+)" = NULL', sql)} == {
        "assignee_id",
        "created_by_id",
    }
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plans = []
        for sql in updates:
            cursor.execute(f"EXPLAIN {sql}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
        cursor.execute("SET LOCAL enable_seqscan = on")
    assert_no_claims_scan(plans)
    assert any("claim_assigned_status_idx" in plan for plan in plans), plans
    assert any("claim_created_by_idx" in plan for plan in plans), plans


def test_admin_new_claims_by_checkworthiness_use_the_status_index(claims, desk):
    plans = claim_plans(desk, "/admin/claims/claim/", {"status__exact": "new"})
    assert_no_claims_scan(plans)
    assert any("claim_status_cw_idx" in plan for plan in plans)


def test_admin_search_uses_the_full_text_index(claims, desk):
    plans = claim_plans(desk, "/admin/claims/claim/", {"q": RARE_WORD})
    assert_no_claims_scan(plans)
    assert any("claim_text_search_idx" in plan for plan in plans)


def test_admin_publisher_choices_come_from_the_publisher_index(claims, desk):
    plans = claim_plans(desk, "/admin/claims/claim/", table="claims_article")
    assert not [plan for plan in plans if "Seq Scan on claims_article" in plan]
    assert any("article_publisher_idx" in plan for plan in plans)
