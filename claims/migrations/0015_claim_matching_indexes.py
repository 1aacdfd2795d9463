"""The indexes of claim matching, built concurrently on PostgreSQL so a deploy does not lock the claims table.

The published claims' full-text and trigram indexes are partial: "checked before" searches only them.
SQLite gets the two plain partial indexes; its candidates come from the FTS5 table of 0012.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

import claims.migration_operations


def analyze_claims(apps, schema_editor):
    # The planner needs the new index expressions' statistics to prefer them (as in 0002).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE claims_claim")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("claims", "0014_claim_matching"),
    ]

    operations = [
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name='claim',
            index=models.Index(condition=models.Q(('match_group__isnull', False)), fields=['match_group'], name='claim_match_group_idx'),
        ),
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name='claim',
            index=models.Index(condition=models.Q(('fact_check__isnull', False)), fields=['fact_check'], name='claim_fact_check_idx'),
        ),
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name='claim',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.SearchVector('text', config='english'), condition=models.Q(('status', 'published')), name='claim_published_search_idx'),
        ),
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name='claim',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass('text', name='gin_trgm_ops'), condition=models.Q(('status', 'published')), name='claim_published_trgm_idx'),
        ),
        migrations.RunPython(analyze_claims, migrations.RunPython.noop, elidable=True),
    ]
