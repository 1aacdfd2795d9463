"""The token lookup finds the live token, its user and the user's roles (in one query on PostgreSQL)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.exceptions import AuthenticationFailed

from factcheck.api.authentication import HashedTokenAuthentication, api_token_create, api_token_revoke
from factcheck.roles import GROUP_FOR_ROLE, Role, roles_of

pytestmark = pytest.mark.django_db


def test_finds_the_token_and_its_user(editor):
    token, key = api_token_create(user=editor, name="desk sync")

    user, found = HashedTokenAuthentication().authenticate_credentials(key)

    assert found.pk == token.pk
    assert user == editor
    assert user.username == editor.username
    assert not found._state.adding


def test_reads_every_role_group_of_the_user(reviewer):
    reviewer.groups.add(Group.objects.get(name=GROUP_FOR_ROLE[Role.EDITOR]))
    _, key = api_token_create(user=reviewer)

    user, _ = HashedTokenAuthentication().authenticate_credentials(key)

    assert roles_of(user) == {Role.EDITOR, Role.REVIEWER}


def test_finds_nothing_for_an_unknown_or_revoked_key(integrator):
    token, key = api_token_create(user=integrator)
    auth = HashedTokenAuthentication()
    with pytest.raises(AuthenticationFailed):
        auth.authenticate_credentials("fck_unknown")

    api_token_revoke(token=token)

    with pytest.raises(AuthenticationFailed):
        auth.authenticate_credentials(key)


@pytest.mark.postgresql
def test_authenticating_costs_one_query_and_needs_none_for_the_roles(reviewer):
    _, key = api_token_create(user=reviewer)
    auth = HashedTokenAuthentication()
    auth.authenticate_credentials(key)  # the first use stamps last_used_at

    with CaptureQueriesContext(connection) as ctx:
        user, _ = auth.authenticate_credentials(key)
        roles = roles_of(user)

    assert user == reviewer
    assert roles == {Role.REVIEWER}
    assert len(ctx.captured_queries) == 1
