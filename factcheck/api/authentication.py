"""API keys: `Authorization: Token <key>`; only the key's SHA-256 is stored.

A key is shown once, when `api_token_create` makes it. Revoking sets `revoked_at`; a revoked key,
or the key of an inactive user, authenticates nobody.
"""

import functools
import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Q
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
        digest = hash_key(key)
        token = _token_lookup_postgresql(digest) if connection.vendor == "postgresql" else _token_lookup(digest)
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
    """The live token for `digest` with its user; roles_of reads the user's groups when it needs them."""
    return ApiToken.objects.select_related("user").filter(key_hash=digest, revoked_at__isnull=True).first()


def _token_lookup_postgresql(digest: str) -> ApiToken | None:
    """What _token_lookup() finds, and the user's group names as `group_names`, in one statement.

    Raw SQL on purpose: building and compiling this join with the ORM on every API request took the
    unfiltered claim list past bench-scale's 4x budget (docs/ARCHITECTURE.md). The columns come from
    the models' metadata; a test holds the result equal to _token_lookup().
    """
    sql, token_columns, user_columns = _token_statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [digest])
        row = cursor.fetchone()
    if row is None:
        return None
    n_token, n_user = len(token_columns), len(user_columns)
    token = ApiToken.from_db(connection.alias, token_columns, row[:n_token])
    token.user = get_user_model().from_db(connection.alias, user_columns, row[n_token : n_token + n_user])
    token.group_names = row[-1]
    return token


@functools.cache
def _token_statement() -> tuple[str, list[str], list[str]]:
    User = get_user_model()
    quote = connection.ops.quote_name
    token_fields, user_fields = ApiToken._meta.concrete_fields, User._meta.concrete_fields
    groups_field = User._meta.get_field("groups")

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    columns = ", ".join([f"t.{quote(f.column)}" for f in token_fields] + [f"u.{quote(f.column)}" for f in user_fields])
    membership, user_pk = quote(groups_field.m2m_db_table()), quote(User._meta.pk.column)
    # Identifiers from the models' metadata, quoted; the key's hash is the only value, a parameter.
    group_names = (
        f"ARRAY(SELECT g.{column(Group, 'name')} FROM {quote(Group._meta.db_table)} g"  # noqa: S608
        f" JOIN {membership} m ON m.{quote(groups_field.m2m_reverse_name())} = g.{column(Group, 'id')}"
        f" WHERE m.{quote(groups_field.m2m_column_name())} = u.{user_pk})"
    )
    sql = (
        f"SELECT {columns}, {group_names} FROM {quote(ApiToken._meta.db_table)} t"  # noqa: S608
        f" JOIN {quote(User._meta.db_table)} u ON u.{user_pk} = t.{column(ApiToken, 'user')}"
        f" WHERE t.{column(ApiToken, 'key_hash')} = %s AND t.{column(ApiToken, 'revoked_at')} IS NULL"
    )
    return sql, [f.attname for f in token_fields], [f.attname for f in user_fields]
