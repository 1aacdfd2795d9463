"""Moving API tokens and webhooks out of reviews keeps every row and every group's permission."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reviews", "0002_groups_and_rating_scale")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_tokens_deliveries_and_grants_survive_the_move():
    # given rows stored while the models still belonged to reviews
    old = _migrate(BEFORE)
    User = old.get_model("auth", "User")
    owner = User.objects.create(username="ingrid")
    old.get_model("reviews", "ApiToken").objects.create(user=owner, prefix="fck_abc", key_hash="a" * 64)
    subscription = old.get_model("reviews", "WebhookSubscription").objects.create(
        owner=owner, url="https://hooks.example.org/", secret="s", events=["claim.published"]
    )
    old.get_model("reviews", "WebhookDelivery").objects.create(
        subscription=subscription, event="claim.published", payload={"claim": {"id": 1}}
    )

    # when the move runs
    executor = MigrationExecutor(connection)
    new = _migrate(executor.loader.graph.leaf_nodes())

    # then the rows are there under the new apps, and the groups keep their grants
    assert new.get_model("api", "ApiToken").objects.get().prefix == "fck_abc"
    assert new.get_model("webhooks", "WebhookDelivery").objects.get().payload == {"claim": {"id": 1}}
    Group = new.get_model("auth", "Group")
    editors = set(Group.objects.get(name="Editors").permissions.values_list("content_type__app_label", "codename"))
    assert ("api", "change_apitoken") in editors
    assert ("webhooks", "view_webhookdelivery") in editors
    ContentType = new.get_model("contenttypes", "ContentType")
    assert not ContentType.objects.filter(app_label="reviews", model__in=["apitoken", "webhookdelivery"]).exists()
