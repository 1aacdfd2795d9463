from django.db import migrations, models

import claims.migration_operations


class Migration(migrations.Migration):
    # The API's orderings by check-worthiness, creation time and position (without a status or
    # article filter) sorted the whole claims table for every page: over a second at a million
    # claims. CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("claims", "0004_claim_fk_indexes_covered_by_composites"),
    ]

    operations = [
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name="claim",
            index=models.Index(fields=["-checkworthiness", "-id"], name="claim_cw_idx"),
        ),
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name="claim",
            index=models.Index(fields=["-created_at", "-id"], name="claim_created_idx"),
        ),
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name="claim",
            index=models.Index(fields=["position", "id"], name="claim_position_idx"),
        ),
    ]
