"""API tokens: stored hashed, shown once by the command, revocable, refused when revoked."""

import hashlib
from io import StringIO

import pytest
from django.contrib.admin.sites import site
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from rest_framework.test import APIClient

from factcheck.api.authentication import api_token_create
from factcheck.api.models import ApiToken


def _client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_command_prints_the_key_once_as_its_last_line_and_stores_only_its_hash(integrator):
    out = StringIO()

    call_command("apitoken", integrator.username, "--name", "newsroom sync", stdout=out)

    key = out.getvalue().strip().splitlines()[-1]
    token = ApiToken.objects.get(user=integrator)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.prefix, token.key_hash, token.name}
    assert key.startswith(token.prefix)
    assert _client(key).get("/api/v1/ratings/").status_code == 200


def test_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="no user"):
        call_command("apitoken", "ghost", stdout=StringIO())


def test_wrong_key_is_401_with_a_token_challenge(integrator):
    api_token_create(user=integrator)

    response = _client("fck_not-a-real-key").get("/api/v1/ratings/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_revoked_token_is_401(integrator):
    token, key = api_token_create(user=integrator)
    assert _client(key).get("/api/v1/ratings/").status_code == 200

    from factcheck.api.authentication import api_token_revoke

    api_token_revoke(token=token)

    assert _client(key).get("/api/v1/ratings/").status_code == 401


def test_token_of_an_inactive_user_is_401(integrator):
    _, key = api_token_create(user=integrator)
    integrator.is_active = False
    integrator.save(update_fields=["is_active"])

    assert _client(key).get("/api/v1/ratings/").status_code == 401


def test_use_records_last_used_at(integrator):
    token, key = api_token_create(user=integrator)
    assert token.last_used_at is None

    _client(key).get("/api/v1/ratings/")

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_editor_revokes_a_token_in_the_admin(editor, integrator):
    token, key = api_token_create(user=integrator)
    admin = site._registry[ApiToken]
    request = RequestFactory().post("/admin/api/apitoken/")
    request.user = editor
    request._messages = _Messages()

    assert admin.has_change_permission(request)
    admin.revoke(request, ApiToken.objects.filter(pk=token.pk))

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _client(key).get("/api/v1/ratings/").status_code == 401


def test_reviewer_cannot_revoke_tokens_in_the_admin(reviewer, client):
    api_token_create(user=reviewer)
    client.force_login(reviewer)

    response = client.get("/admin/api/apitoken/")

    assert response.status_code == 403


class _Messages:
    def __init__(self):
        self.sent = []

    def add(self, level, message, extra_tags=""):
        self.sent.append(message)
