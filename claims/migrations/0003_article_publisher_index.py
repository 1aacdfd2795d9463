from django.db import migrations, models

import claims.migration_operations


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("claims", "0002_claim_text_search_index"),
    ]

    operations = [
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name="article",
            index=models.Index(fields=["publisher"], name="article_publisher_idx"),
        ),
    ]
