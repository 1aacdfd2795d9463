"""Paginators for the admin on tables too big to count on every page view."""

import json

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property


class EstimatedCountPaginator(Paginator):
    """Counts exactly up to `exact_up_to` rows and estimates beyond, so no page view scans the table.

    On PostgreSQL a full `COUNT(*)` over a million claims costs more than the rest of the page; the
    changelist needs a count only to draw the page links. The unfiltered count comes from the
    planner's statistics (`pg_class.reltuples`), a filtered one from a count capped at
    `exact_up_to + 1` rows, and when the cap is reached from the planner's row estimate for the
    query. Other databases (the embedded SQLite) count exactly.
    """

    exact_up_to = 10_000

    @cached_property
    def count(self):
        queryset = self.object_list
        if not isinstance(queryset, QuerySet) or connections[queryset.db].vendor != "postgresql":
            return super().count
        # Only the keys: the annotations and joins of the list's queryset do not change how many rows there are.
        queryset = queryset.order_by().values("pk")
        if not queryset.query.where:
            estimate = self._table_estimate(queryset)
            if estimate > self.exact_up_to:
                return estimate
        capped = queryset[: self.exact_up_to + 1].count()
        if capped <= self.exact_up_to:
            return capped
        return max(self._query_estimate(queryset), capped)

    @staticmethod
    def _table_estimate(queryset) -> int:
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        # -1 means the table was never analysed: no estimate.
        return row[0] if row and row[0] is not None else -1

    @staticmethod
    def _query_estimate(queryset) -> int:
        sql, params = queryset.query.sql_with_params()
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])
