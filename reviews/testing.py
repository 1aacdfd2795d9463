"""Test support for the desk's data migrations."""

import importlib

_states = {}

# The data migrations that make rows every test expects, each rerun at its own migration state.
DATA_MIGRATIONS = (
    ("reviews", "0002_groups_and_rating_scale", "install"),
    ("reviews", "0003_move_api_and_webhook_models", "content_types_follow"),
)


def restore_data_migration_rows() -> None:
    """Put back what the data migrations made (the desk groups with their permissions, the rating scale).

    A transactional test ends by emptying every table, so the tests after it would otherwise find
    no Reviewers group and no ratings. The migrations' own functions are rerun, so the rows are the same.
    """
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from factcheck.roles import GROUP_FOR_ROLE

    from .models import Rating

    if (
        Group.objects.filter(name__in=GROUP_FOR_ROLE.values()).count() == len(GROUP_FOR_ROLE)
        and Rating.objects.exists()
    ):
        return
    for app_label, name, function in DATA_MIGRATIONS:
        key = (app_label, name)
        if key not in _states:
            _states[key] = MigrationLoader(connection).project_state(key).apps
        migration = importlib.import_module(f"{app_label}.migrations.{name}")
        getattr(migration, function)(_states[key], None)
