import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import claims.migration_operations


class Migration(migrations.Migration):
    # Drops the single-column indexes on claims.article_id and claims.assignee_id: the unique
    # (article, position) constraint and claim_assignee_status_idx lead with the same columns, and
    # every index on this table is paid again for each claim the segmenter writes.
    dependencies = [
        ("claims", "0003_article_publisher_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        claims.migration_operations.AlterFieldOnPostgres(
            model_name="claim",
            name="article",
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="claims", to="claims.article"),
        ),
        claims.migration_operations.AlterFieldOnPostgres(
            model_name="claim",
            name="assignee",
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="assigned_claims", to=settings.AUTH_USER_MODEL),
        ),
    ]
