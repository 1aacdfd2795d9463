"""Below the cap the admin paginator counts exactly, filtered or not."""

import pytest

from claims.models import Claim
from claims.paginators import EstimatedCountPaginator
from claims.tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_small_filtered_result_is_counted_exactly():
    ClaimFactory.create_batch(3, status=Claim.Status.NEW)
    ClaimFactory.create_batch(2, status=Claim.Status.DISMISSED)

    paginator = EstimatedCountPaginator(Claim.objects.filter(status=Claim.Status.NEW).order_by("pk"), 2)

    assert paginator.count == 3
    assert paginator.num_pages == 2


def test_small_table_is_counted_exactly_even_without_statistics():
    ClaimFactory.create_batch(4)

    assert EstimatedCountPaginator(Claim.objects.order_by("pk"), 50).count == 4


def test_a_list_is_counted_as_a_list():
    assert EstimatedCountPaginator(list(range(7)), 5).count == 7
