"""API keys: `Authorization: Token <key>`; only the key's SHA-256 is stored.

A key is shown once, when `api_token_create` makes it. Revoking sets `revoked_at`; a revoked key,
or the key of an inactive user, authenticates nobody.
"""

import functools
import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken
from .workflow import roles_remember

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


@functools.cache
def _token_lookup_sql() -> tuple[str, int]:
    """The one statement that reads a live token, its user and the user's group names, and the token's width.

    Written out once from the models' own columns: the ORM would compile the same statement on every
    request, which cost more than running it.
    """
    User = get_user_model()
    qn = connections[router.db_for_read(ApiToken)].ops.quote_name
    groups_field = User._meta.get_field("groups")
    group, membership = groups_field.related_model._meta, groups_field.remote_field.through._meta
    token_fields = ApiToken._meta.concrete_fields
    names = {
        "token": qn(ApiToken._meta.db_table),
        "token_user": qn(ApiToken._meta.get_field("user").column),
        "key_hash": qn(ApiToken._meta.get_field("key_hash").column),
        "revoked_at": qn(ApiToken._meta.get_field("revoked_at").column),
        "user": qn(User._meta.db_table),
        "user_pk": qn(User._meta.pk.column),
        "group": qn(group.db_table),
        "group_pk": qn(group.pk.column),
        "group_name": qn(group.get_field("name").column),
        "membership": qn(membership.db_table),
        "member_user": qn(membership.get_field("user").column),
        "member_group": qn(membership.get_field("group").column),
    }
    columns = [f"t.{qn(f.column)}" for f in token_fields] + [f"u.{qn(f.column)}" for f in User._meta.concrete_fields]
    sql = (  # noqa: S608 - the identifiers come from the models; the key hash is a bound parameter
        "SELECT {columns}, ARRAY(SELECT g.{group_name} FROM {group} g "
        "JOIN {membership} m ON m.{member_group} = g.{group_pk} WHERE m.{member_user} = u.{user_pk}) "
        "FROM {token} t JOIN {user} u ON u.{user_pk} = t.{token_user} "
        "WHERE t.{key_hash} = %s AND t.{revoked_at} IS NULL"
    ).format(columns=", ".join(columns), **names)
    return sql, len(token_fields)


def _active_token(*, key_hash: str) -> ApiToken | None:
    """The unrevoked token with this hash, its user loaded, and the user's roles remembered; one query."""
    sql, width = _token_lookup_sql()
    alias = router.db_for_read(ApiToken)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [key_hash])
        row = cursor.fetchone()
    if row is None:
        return None
    User = get_user_model()
    token = ApiToken.from_db(alias, [f.attname for f in ApiToken._meta.concrete_fields], row[:width])
    user = User.from_db(alias, [f.attname for f in User._meta.concrete_fields], row[width:-1])
    token.user = user
    roles_remember(user=user, group_names=row[-1] or [])
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
        token = _active_token(key_hash=hash_key(key))
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > _LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).filter(
                Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - _LAST_USED_RESOLUTION)
            ).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
