"""Django's PostgreSQL backend, reading timestamps with psycopg's C parser and reusing safe plans.

Django registers its own timestamptz loader (to attach the connection's time zone) as a subclass of
psycopg's pure-Python loader, because psycopg's C loader cannot be subclassed. Every timestamp read
then goes through a regular expression in Python: about 8 µs each, 0.8 ms of a 50-claim API page,
more than the page's query takes in the database. The loader here keeps Django's behaviour (parse in
the session's time zone, then attach the connection's tzinfo) and hands only the parsing to the C
loader that psycopg uses everywhere else.

Plans: the settings prepare repeated statements but have PostgreSQL plan every run for its values
(plan_cache_mode=force_custom_plan), because a plan made for no value in particular can be a
disaster for a rare word or a recent timestamp. Planning is then most of what a short read costs
the database. Inside `generic_plans()`, for requests whose every statement is planned alike
whatever its values (a keyset page of claims, a token lookup), the session runs with PostgreSQL's
own choice (`auto`): prepared statements keep a generic plan once it is as cheap as the custom ones.
The session's setting only changes outside transactions, so no rollback can undo it unseen:
transactions always run with the connection's setting.
"""

import contextlib
import functools

import psycopg
from django.db.backends.postgresql import base
from django.db.backends.postgresql.psycopg_any import BaseTzLoader
from psycopg import adapt, pq
from psycopg.postgres import types

TIMESTAMPTZ_OID = types["timestamptz"].oid


class TzLoader(BaseTzLoader):
    """Django's loader (same `timezone` attribute, same values) with the parsing done in C."""

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        # psycopg's global map resolves its public loader class to the C build when one is installed.
        self._parse = psycopg.adapters.get_loader(TIMESTAMPTZ_OID, pq.Format.TEXT)(oid, context).load

    def load(self, data):
        value = self._parse(data)
        # In a UTC session (Django sets the session's zone) psycopg's tzinfo is already Django's.
        return value if value.tzinfo is self.timezone else value.replace(tzinfo=self.timezone)


@functools.cache
def adapters_with_fast_timestamps(template: adapt.AdaptersMap, timezone) -> adapt.AdaptersMap:
    adapters = adapt.AdaptersMap(template)
    adapters.register_loader("timestamptz", type("TzLoader", (TzLoader,), {"timezone": timezone}))
    return adapters


_UNKNOWN = "unknown"  # a session whose plan_cache_mode nobody here has set


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._generic_plans_depth = 0
        self._session_plan_cache_mode = None  # None: the connection's own setting

    def get_connection_params(self):
        params = super().get_connection_params()
        params["context"] = adapters_with_fast_timestamps(params["context"], self.timezone)
        return params

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        # A pooled connection may come back from another thread's generic_plans(): set it back at first use.
        self._session_plan_cache_mode = _UNKNOWN if self.pool else None
        return connection

    @contextlib.contextmanager
    def generic_plans(self):
        """Let prepared statements run outside transactions keep a generic plan (PostgreSQL's `auto`).

        Only for statements whose plan does not depend on their values: equality on an indexed
        column, a keyset position, a primary or unique key. A no-op without prepared statements.
        """
        self._generic_plans_depth += 1
        try:
            yield
        finally:
            self._generic_plans_depth -= 1

    def generic_plans_at_commit(self) -> None:
        """Let the checks PostgreSQL runs at this transaction's COMMIT reuse their plans (`auto`).

        A foreign-key check per inserted row runs at COMMIT with a statement PostgreSQL keeps
        prepared; under the connection's force_custom_plan it planned that primary-key lookup anew
        for every row. SET LOCAL ends with the transaction.
        """
        with self.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = auto")

    @property
    def prepares_statements(self) -> bool:
        options = self.settings_dict["OPTIONS"]
        return options.get("server_side_binding") is True and options.get("prepare_threshold") is not None

    def create_cursor(self, name=None):
        if self.autocommit:
            self._use_plan_cache_mode("auto" if self._generic_plans_depth else None)
        return super().create_cursor(name)

    def _set_autocommit(self, autocommit):
        if not autocommit:
            # A transaction starts: set the connection's own mode back first, where it cannot be rolled back.
            self._use_plan_cache_mode(None)
        super()._set_autocommit(autocommit)

    def _use_plan_cache_mode(self, mode: str | None) -> None:
        if mode == self._session_plan_cache_mode or not self.prepares_statements:
            return
        sql = "RESET plan_cache_mode" if mode is None else f"SET plan_cache_mode = {mode}"
        with self.wrap_database_errors:
            self.connection.execute(sql, prepare=False)
        self._session_plan_cache_mode = mode
