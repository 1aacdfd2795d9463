"""Past the cap the admin paginator estimates instead of running a full COUNT(*) over the claims."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from claims.paginators import EstimatedCountPaginator
from claims.tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


class SmallCapPaginator(EstimatedCountPaginator):
    exact_up_to = 5


def analyze_claims():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")


def unbounded_counts(queries) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "LIMIT" not in q["sql"].upper()]


def test_unfiltered_count_comes_from_table_statistics():
    # given: statistics taken at 30 claims, then 10 more stored
    article = ArticleFactory()
    ClaimFactory.create_batch(30, article=article)
    analyze_claims()
    ClaimFactory.create_batch(10, article=article)

    # when
    with CaptureQueriesContext(connection) as ctx:
        count = SmallCapPaginator(Claim.objects.order_by("pk"), 10).count

    # then: the statistics' figure, read without counting a single row
    assert count == 30
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


def test_filtered_count_past_the_cap_is_the_planner_estimate():
    article = ArticleFactory()
    ClaimFactory.create_batch(40, article=article, status=Claim.Status.NEW)
    ClaimFactory.create_batch(5, article=article, status=Claim.Status.DISMISSED)
    analyze_claims()

    with CaptureQueriesContext(connection) as ctx:
        count = SmallCapPaginator(Claim.objects.filter(status=Claim.Status.NEW).order_by("pk"), 10).count

    assert count > SmallCapPaginator.exact_up_to
    assert unbounded_counts(ctx.captured_queries) == []
    assert any(q["sql"].startswith("EXPLAIN") for q in ctx.captured_queries)


def test_pages_of_an_estimated_count_still_slice_the_rows():
    article = ArticleFactory()
    claims = ClaimFactory.create_batch(12, article=article, status=Claim.Status.NEW)
    analyze_claims()

    paginator = SmallCapPaginator(Claim.objects.filter(status=Claim.Status.NEW).order_by("pk"), 10)
    second = paginator.page(2)

    assert [c.pk for c in second.object_list] == [c.pk for c in claims[10:]]
