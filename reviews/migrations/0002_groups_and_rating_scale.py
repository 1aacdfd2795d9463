from django.contrib.auth.management import create_permissions
from django.db import migrations

# The rating scale a desk starts with; editors can change it in the admin afterwards.
DEFAULT_SCALE = [
    # (slug, label, value, description)
    ("true", "True", 5, "The claim is accurate and nothing significant is missing."),
    ("mostly-true", "Mostly true", 4, "The claim is accurate but needs clarification or additional information."),
    ("half-true", "Half true", 3, "The claim is partially accurate but leaves out important details or takes things out of context."),
    ("mostly-false", "Mostly false", 2, "The claim contains an element of truth but ignores critical facts."),
    ("false", "False", 1, "The claim is not accurate."),
    ("misleading", "Misleading", None, "Accurate facts presented so as to leave a false impression."),
    ("unproven", "Unproven", None, "There is not enough evidence to rate the claim."),
]

READ = ["view"]
WRITE = ["view", "add", "change"]
ALL = ["view", "add", "change", "delete"]

GROUP_PERMISSIONS = {
    "Reviewers": {
        "claims": {"article": WRITE, "claim": WRITE, "source": ALL},
        "reviews": {"verdict": WRITE, "rating": READ, "workflowevent": READ},
    },
    "Editors": {
        "claims": {"article": WRITE, "claim": WRITE, "source": ALL},
        "reviews": {
            "verdict": WRITE,
            "rating": ALL,
            "workflowevent": READ,
            "apitoken": ALL,
            "webhooksubscription": READ,
            "webhookdelivery": READ,
        },
    },
    "Integrators": {
        "claims": {"article": ["view", "add"], "claim": READ},
        "reviews": {"rating": READ, "webhooksubscription": ALL, "webhookdelivery": READ},
    },
}


def install(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_label in ("claims", "reviews"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # the migration state's stub lacks it; create_permissions needs it
        create_permissions(app_config, verbosity=0, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, per_app in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, per_model in per_app.items():
            for model, verbs in per_model.items():
                codenames = [f"{verb}_{model}" for verb in verbs]
                group.permissions.add(
                    *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
                )

    Rating = apps.get_model("reviews", "Rating")
    for order, (slug, label, value, description) in enumerate(DEFAULT_SCALE):
        Rating.objects.get_or_create(
            slug=slug, defaults={"label": label, "value": value, "description": description, "order": order}
        )


def uninstall(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()
    apps.get_model("reviews", "Rating").objects.filter(
        slug__in=[slug for slug, *_ in DEFAULT_SCALE], verdicts__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
