"""API keys: `Authorization: Token <key>`; only the key's SHA-256 is stored.

A key is shown once, when `api_token_create` makes it. Revoking sets `revoked_at`; a revoked key,
or the key of an inactive user, authenticates nobody.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from factcheck.roles import roles_remember

from .models import ApiToken

KEY_PREFIX = "fck_"
_PREFIX_LENGTH = 12
# last_used_at is informational; writing it on every request would turn reads into writes.
_LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_token_create(*, user, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for `user`; returns (token, key). The key is not stored and cannot be shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=key[:_PREFIX_LENGTH], key_hash=hash_key(key))
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


class HashedTokenAuthentication(authentication.BaseAuthentication):
    """DRF authentication for `Authorization: Token <key>` against hashed ApiToken rows."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header: give exactly one key after 'Token'."))
        try:
            key = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token header: the key must be ASCII.")) from None
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key: str):
        token = _token_lookup(hash_key(key))
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > _LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).filter(
                Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - _LAST_USED_RESOLUTION)
            ).update(last_used_at=now)
        group_names = getattr(token, "group_names", None)
        if group_names is not None:
            roles_remember(user=token.user, group_names=group_names)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


def _token_lookup(digest: str) -> ApiToken | None:
    """The live token for `digest` with its user and, on PostgreSQL, the user's group names."""
    tokens = ApiToken.objects.select_related("user").filter(key_hash=digest, revoked_at__isnull=True)
    if connection.vendor == "postgresql":
        # Every API request starts here: with the group names in the same query, roles_of needs no second one.
        tokens = tokens.annotate(group_names=ArraySubquery(Group.objects.filter(user=OuterRef("user")).values("name")))
    return tokens.first()
