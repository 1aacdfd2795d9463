"""Start-up checks: what the database must offer before claims can be matched."""

from django.core.checks import Error, Tags, register
from django.db import connections


@register(Tags.database)
def pg_trgm_installed(app_configs=None, databases=None, **kwargs):
    """On PostgreSQL, claim matching's "checked before" search needs the pg_trgm extension (claims migration 0014)."""
    errors = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            installed = cursor.fetchone() is not None
        # `migrate` runs this check before it migrates: until 0014 (which creates the extension) has run,
        # the extension is not missing yet.
        if not installed and _matching_migrated(connection):
            errors.append(
                Error(
                    f"The PostgreSQL extension pg_trgm is not installed in database {alias!r}; "
                    "claim matching needs it.",
                    hint="Run `python manage.py migrate` as a role that may CREATE EXTENSION, or have the "
                    "database owner run `CREATE EXTENSION pg_trgm;` (the postgresql-contrib package provides it).",
                    id="claims.E001",
                )
            )
    return errors


def _matching_migrated(connection) -> bool:
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    return recorder.has_table() and ("claims", "0014_claim_matching") in recorder.applied_migrations()
