import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

import claims.migration_operations


def analyze_claims(apps, schema_editor):
    # The planner estimates a full-text match from the statistics ANALYZE gathers on the index
    # expression; until then it guesses 0.5% of the table and prefers walking the primary key.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE claims_claim")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("claims", "0001_initial"),
    ]

    operations = [
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name="claim",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.search.SearchVector("text", config="english"), name="claim_text_search_idx"
            ),
        ),
        migrations.RunPython(analyze_claims, migrations.RunPython.noop, elidable=True),
    ]
