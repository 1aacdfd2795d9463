"""API tokens and webhooks move down to factcheck.api and factcheck.webhooks, rows and all.

The tables are renamed to the new apps' names; the models leave this app's state only (the new
apps' first migrations take them up without touching the database). Content types, and with them
the permissions the desk groups hold, follow the models.
"""

from django.db import migrations

MOVED = {"apitoken": "api", "webhooksubscription": "webhooks", "webhookdelivery": "webhooks", "webhookattempt": "webhooks"}


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, new_label in MOVED.items():
        old = ContentType.objects.filter(app_label="reviews", model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=new_label, model=model).first()
        if new is None:
            old.app_label = new_label
            old.save(update_fields=["app_label"])
            continue
        # Both exist (the new one made after a flush): carry the grants over, then drop the old.
        for permission in Permission.objects.filter(content_type=old):
            moved, _ = Permission.objects.get_or_create(
                content_type=new, codename=permission.codename, defaults={"name": permission.name}
            )
            moved.group_set.add(*permission.group_set.all())
            moved.user_set.add(*permission.user_set.all())
        old.delete()


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, new_label in MOVED.items():
        ContentType.objects.filter(app_label=new_label, model=model).update(app_label="reviews")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_groups_and_rating_scale"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="apitoken", table="api_apitoken"),
                migrations.AlterModelTable(name="webhooksubscription", table="webhooks_webhooksubscription"),
                migrations.AlterModelTable(name="webhookdelivery", table="webhooks_webhookdelivery"),
                migrations.AlterModelTable(name="webhookattempt", table="webhooks_webhookattempt"),
            ],
            state_operations=[
                migrations.DeleteModel(name="WebhookAttempt"),
                migrations.DeleteModel(name="WebhookDelivery"),
                migrations.DeleteModel(name="WebhookSubscription"),
                migrations.DeleteModel(name="ApiToken"),
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
