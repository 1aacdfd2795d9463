"""The PostgreSQL COPY writer of claims, used for a segmentation's first run in place of bulk_create."""

import functools
import json
import operator

import psycopg
from django.db import connection, models

from .models import Claim


def copy_claims(values: list[dict], *, now) -> None:
    """Insert claims with PostgreSQL's binary COPY: the rows bulk_create would insert.

    `values` give each claim's fields by attname (the same fields in every row); every other column
    takes the model's default, prepared once (auto_now fields: `now`). bulk_create prepares every
    field of every row in Python, which costs more than segmenting the article; binary rows, typed
    by the table's own columns, are neither formatted as text here nor parsed by PostgreSQL. A test
    holds the two to the same rows.
    """
    fields = [f for f in Claim._meta.concrete_fields if not f.primary_key]
    given = [f for f in fields if f.attname in values[0]]
    defaults = [f for f in fields if f.attname not in values[0]]
    default_values = tuple(_copy_value(f, _default_for(f, now)) for f in defaults)
    # The JSON fields given here hold short lists of strings (reasons): few distinct values, cached.
    json_text = functools.lru_cache(maxsize=1024)(lambda value: json.dumps(list(value)))
    row_of = [
        (lambda row, n=f.attname: json_text(tuple(row[n])))
        if isinstance(f, models.JSONField)
        else operator.itemgetter(f.attname)
        for f in given
    ]
    quote = connection.ops.quote_name
    table = quote(Claim._meta.db_table)
    columns = ", ".join(quote(f.column) for f in [*given, *defaults])
    # Through Django's error translation, as its own queries are: a database that went away is an
    # OperationalError the task retries, a refused row an IntegrityError that fails the article.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        # The columns' types as the database has them (binary COPY must match them exactly).
        cursor.execute(f"SELECT {columns} FROM {table} LIMIT 0")  # noqa: S608 - names from the model
        oids = [column.type_code for column in cursor.description]
        cursor.cursor.adapters.register_dumper(None, _JsonTextBinaryDumper)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(oids)
            for row in values:
                copy.write_row((*(value(row) for value in row_of), *default_values))


class _JsonTextBinaryDumper(psycopg.adapt.Dumper):
    """JSON text, already serialized, as binary jsonb: a version byte, then the text."""

    format = psycopg.pq.Format.BINARY
    oid = psycopg.postgres.types["jsonb"].oid

    def dump(self, obj: str) -> bytes:
        return b"\x01" + obj.encode()


def _default_for(field, now):
    return now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) else field.get_default()


def _copy_value(field, value):
    if isinstance(field, models.JSONField):
        return json.dumps(value, cls=field.encoder)
    return field.get_db_prep_save(value, connection)
