"""The token lookup written as one PostgreSQL statement finds exactly what the ORM lookup finds."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.api.authentication import (
    HashedTokenAuthentication,
    _token_lookup_orm,
    _token_lookup_postgresql,
    api_token_create,
    api_token_revoke,
    hash_key,
)
from factcheck.roles import GROUP_FOR_ROLE, Role, roles_of

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def _fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_statement_loads_the_same_token_and_user_as_the_orm(editor):
    token, key = api_token_create(user=editor, name="desk sync")

    found, group_names = _token_lookup_postgresql(connection, hash_key(key))
    expected, _ = _token_lookup_orm(hash_key(key))

    assert found.pk == token.pk
    assert _fields(found) == _fields(expected)
    assert _fields(found.user) == _fields(expected.user)
    assert not found._state.adding
    assert found.user._state.db == "default"
    assert sorted(group_names) == sorted(editor.groups.values_list("name", flat=True))


def test_statement_reads_every_group_of_the_user(reviewer):
    reviewer.groups.add(Group.objects.get(name=GROUP_FOR_ROLE[Role.EDITOR]))
    _, key = api_token_create(user=reviewer)

    _, group_names = _token_lookup_postgresql(connection, hash_key(key))

    assert sorted(group_names) == sorted([GROUP_FOR_ROLE[Role.EDITOR], GROUP_FOR_ROLE[Role.REVIEWER]])


def test_statement_finds_nothing_for_an_unknown_or_revoked_key(integrator):
    token, key = api_token_create(user=integrator)
    assert _token_lookup_postgresql(connection, hash_key("fck_unknown")) is None

    api_token_revoke(token=token)

    assert _token_lookup_postgresql(connection, hash_key(key)) is None


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
