"""Our PostgreSQL backend: Django's, with timestamps parsed by psycopg's C loader and statements prepared."""

import datetime

import psycopg
import pytest
from django.db import connection, transaction
from django.db.backends.postgresql.psycopg_any import get_adapters_template
from django.test import override_settings

from claims.models import Claim
from claims.tests.factories import ClaimFactory
from factcheck.db import generic_plans
from factcheck.db.postgresql.base import TIMESTAMPTZ_OID, DatabaseWrapper
from factcheck.testing import session_plan_cache_mode

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

# Fractions of every length, the epoch, leap day, far past and future, offsets that are not UTC.
TIMESTAMPS = [
    "2026-11-29 10:15:00+00",
    "2026-11-29 10:15:00.5+00",
    "2026-11-29 10:15:00.123456+00",
    "2026-11-29 10:15:00.000001+00",
    "1970-01-01 00:00:00+00",
    "2024-02-29 23:59:59.999999+00",
    "0001-01-01 00:00:00+00",
    "9999-12-31 23:59:59.999999+00",
    "2026-03-29 02:30:00+02",
    "2026-06-01 12:00:00-09:30",
]
SELECT = "SELECT " + ", ".join(f"'{value}'::timestamptz" for value in TIMESTAMPS)


def test_connection_reads_timestamps_with_the_c_loader():
    connection.ensure_connection()
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, psycopg.pq.Format.TEXT)
    with connection.cursor() as cursor:
        parse = loader(TIMESTAMPTZ_OID, cursor.cursor)._parse

    assert loader.timezone is datetime.UTC  # what Django's create_cursor compares with its own
    assert type(parse.__self__).__module__ in ("psycopg_binary._psycopg", "psycopg_c._psycopg")


def test_timestamps_equal_what_djangos_loader_reads():
    with connection.cursor() as cursor:
        cursor.execute(SELECT)
        ours = cursor.fetchone()
    params = {**connection.get_connection_params(), "context": get_adapters_template(True, datetime.UTC)}
    params.pop("cursor_factory")
    with psycopg.connect(**params) as django_loader:
        django_loader.execute("SET TIME ZONE 'UTC'")
        expected = django_loader.execute(SELECT).fetchone()

    assert ours == expected
    assert [value.isoformat() for value in ours] == [value.isoformat() for value in expected]
    assert all(value.tzinfo is datetime.UTC for value in ours)


def test_model_fields_round_trip():
    claim = ClaimFactory()
    stored = Claim.objects.get(pk=claim.pk)

    assert stored.created_at == claim.created_at
    assert stored.created_at.tzinfo is datetime.UTC


@override_settings(USE_TZ=False)
def test_without_time_zone_support_djangos_own_loader_answers_naive_datetimes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT '2026-11-29 10:15:00.5+00'::timestamptz")
        (value,) = cursor.fetchone()

    assert value == datetime.datetime(2026, 11, 29, 10, 15, 0, 500000)
    assert value.tzinfo is None


def test_a_repeated_statement_is_prepared_on_the_server():
    sql = "SELECT id FROM claims_claim WHERE id = %s"
    with connection.cursor() as cursor:
        for _ in range(6):
            cursor.execute(sql, [0])
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]

    assert "SELECT id FROM claims_claim WHERE id = $1" in prepared


def test_prepared_statements_are_planned_for_each_runs_values():
    """A generic plan took the admin's rare-word search through the whole table; every run is planned."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("force_custom_plan",)


def _query():
    return list(Claim.objects.values_list("pk", flat=True)[:1])


@pytest.mark.django_db(transaction=True)
def test_generic_plans_hand_the_choice_to_postgresql_and_give_it_back():
    _query()
    assert session_plan_cache_mode() == "force_custom_plan"

    with generic_plans():
        _query()
        assert session_plan_cache_mode() == "auto"
        _query()
        assert session_plan_cache_mode() == "auto"

    _query()
    assert session_plan_cache_mode() == "force_custom_plan"


@pytest.mark.django_db(transaction=True)
def test_transactions_run_with_the_connection_setting_even_inside_generic_plans():
    with generic_plans():
        _query()
        with transaction.atomic():
            _query()
            assert session_plan_cache_mode() == "force_custom_plan"
        _query()
        assert session_plan_cache_mode() == "auto"


def _rolled_back_transaction():
    with transaction.atomic():
        _query()
        1 / 0  # noqa: B018 - the transaction rolls back


@pytest.mark.django_db(transaction=True)
def test_a_rollback_cannot_bring_generic_plans_back():
    with generic_plans():
        _query()
    with pytest.raises(ZeroDivisionError):
        _rolled_back_transaction()

    # The setting went back before the transaction began, where the rollback cannot undo it.
    assert session_plan_cache_mode() == "force_custom_plan"


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_is_brought_in_line_too():
    with generic_plans():
        _query()
        connection.close()
        _query()
        assert session_plan_cache_mode() == "auto"
    connection.close()
    _query()
    assert session_plan_cache_mode() == "force_custom_plan"


@pytest.mark.django_db
def test_generic_plans_change_nothing_inside_a_test_transaction():
    with generic_plans():
        _query()
        assert session_plan_cache_mode() == "force_custom_plan"


@pytest.mark.django_db(transaction=True)
def test_without_prepared_statements_generic_plans_change_nothing(monkeypatch):
    _query()  # connected with the settings' options (force_custom_plan)
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", {})
    with generic_plans():
        _query()
        assert session_plan_cache_mode() == "force_custom_plan"


class _OneConnectionPool:
    """Hands out the same connection again, as a pool does once a thread has given it back."""

    def __init__(self, params):
        self.params, self.conn = params, None

    def open(self):
        pass

    def getconn(self):
        if self.conn is None:
            self.conn = psycopg.connect(**self.params)
            self.conn._pool = self
        return self.conn

    def putconn(self, conn):
        pass


@pytest.mark.django_db(transaction=True)
def test_a_pooled_connection_left_with_generic_plans_is_set_back_before_use(monkeypatch):
    params = connection.get_connection_params()
    pool = _OneConnectionPool(params)
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", {**connection.settings_dict["OPTIONS"], "pool": True})
    monkeypatch.setattr(DatabaseWrapper, "_connection_pools", {connection.alias: pool})
    try:
        with generic_plans():
            _query()
            assert session_plan_cache_mode() == "auto"
        connection.close()  # back to the pool, still in auto

        _query()  # the same connection, borrowed again

        assert connection.connection is pool.conn
        assert session_plan_cache_mode() == "force_custom_plan"
    finally:
        connection.close()
        pool.conn.close()
