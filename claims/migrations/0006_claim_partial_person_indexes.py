import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import claims.migration_operations


class Migration(migrations.Migration):
    # The assignee and creator indexes only ever look up claims that have one, and a claim the
    # segmenter writes has neither: as partial indexes the segmenter's inserts skip them. The new
    # assignee index is built before the old one goes, so "assigned to me" is never without one.
    # CREATE and DROP INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("claims", "0005_claim_ordering_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("assignee__isnull", False)),
                fields=["assignee", "status"],
                name="claim_assigned_status_idx",
            ),
        ),
        claims.migration_operations.RemoveIndexConcurrentlyOnPostgres(
            model_name="claim",
            name="claim_assignee_status_idx",
        ),
        claims.migration_operations.AddIndexConcurrentlyOnPostgres(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("created_by__isnull", False)),
                fields=["created_by"],
                name="claim_created_by_idx",
            ),
        ),
        claims.migration_operations.AlterFieldOnPostgres(
            model_name="claim",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
