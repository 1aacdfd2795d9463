"""The claims' GIN indexes without a pending list (fastupdate off).

With fastupdate on, rows inserted since the last VACUUM wait in a pending list that every search reads
whole; matching searches the claims for every new claim, right after the claims were inserted.
ALTER INDEX ... SET only changes the option (no rebuild, no long lock); the pending list already there
is merged at once. The model state records the option; SQLite has none of these indexes.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

INDEXES = ("claim_text_search_idx", "claim_published_search_idx", "claim_published_trgm_idx")


def fastupdate(value):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in INDEXES:
            schema_editor.execute(f"ALTER INDEX {name} SET (fastupdate = {value})")
            if value == "off":
                schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])

    return run


def _indexes(fastupdate_value):
    return [
        django.contrib.postgres.indexes.GinIndex(
            django.contrib.postgres.search.SearchVector("text", config="english"),
            name="claim_text_search_idx",
            fastupdate=fastupdate_value,
        ),
        django.contrib.postgres.indexes.GinIndex(
            django.contrib.postgres.search.SearchVector("text", config="english"),
            condition=models.Q(("status", "published")),
            name="claim_published_search_idx",
            fastupdate=fastupdate_value,
        ),
        django.contrib.postgres.indexes.GinIndex(
            django.contrib.postgres.indexes.OpClass("text", name="gin_trgm_ops"),
            condition=models.Q(("status", "published")),
            name="claim_published_trgm_idx",
            fastupdate=fastupdate_value,
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0015_claim_matching_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                *(migrations.RemoveIndex(model_name="claim", name=name) for name in INDEXES),
                *(migrations.AddIndex(model_name="claim", index=index) for index in _indexes(False)),
            ],
            database_operations=[migrations.RunPython(fastupdate("off"), fastupdate("on"))],
        ),
    ]
