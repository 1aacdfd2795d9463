"""The token lookup finds the live token, its user and the user's roles (in one query on PostgreSQL).

On PostgreSQL the lookup is one statement written by hand (see _token_lookup_postgresql); it must
find exactly what the ORM lookup finds.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.exceptions import AuthenticationFailed

from factcheck.api.authentication import (
    HashedTokenAuthentication,
    _token_lookup,
    _token_lookup_postgresql,
    api_token_create,
    api_token_revoke,
    hash_key,
)
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


def _fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.mark.postgresql
def test_the_statement_finds_what_the_orm_finds(editor):
    editor.groups.add(Group.objects.get(name=GROUP_FOR_ROLE[Role.REVIEWER]))
    token, key = api_token_create(user=editor, name="desk sync")

    found = _token_lookup_postgresql(hash_key(key))
    expected = _token_lookup(hash_key(key))

    assert found.pk == token.pk
    assert _fields(found) == _fields(expected)
    assert _fields(found.user) == _fields(expected.user)
    assert not found._state.adding
    assert found.user._state.db == "default"
    assert sorted(found.group_names) == sorted(editor.groups.values_list("name", flat=True))


@pytest.mark.postgresql
def test_the_statement_finds_nothing_for_an_unknown_or_revoked_key(integrator):
    token, key = api_token_create(user=integrator)
    assert _token_lookup_postgresql(hash_key("fck_unknown")) is None

    api_token_revoke(token=token)

    assert _token_lookup_postgresql(hash_key(key)) is None
