"""Django's PostgreSQL backend, reading timestamps with psycopg's C parser.

Django registers its own timestamptz loader (to attach the connection's time zone) as a subclass of
psycopg's pure-Python loader, because psycopg's C loader cannot be subclassed. Every timestamp read
then goes through a regular expression in Python: about 8 µs each, 0.8 ms of a 50-claim API page,
more than the page's query takes in the database. The loader here keeps Django's behaviour (parse in
the session's time zone, then attach the connection's tzinfo) and hands only the parsing to the C
loader that psycopg uses everywhere else.
"""

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
        return self._parse(data).replace(tzinfo=self.timezone)


@functools.cache
def adapters_with_fast_timestamps(template: adapt.AdaptersMap, timezone) -> adapt.AdaptersMap:
    adapters = adapt.AdaptersMap(template)
    adapters.register_loader("timestamptz", type("TzLoader", (TzLoader,), {"timezone": timezone}))
    return adapters


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params["context"] = adapters_with_fast_timestamps(params["context"], self.timezone)
        return params
