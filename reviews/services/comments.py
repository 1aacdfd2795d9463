"""The desk's thread on a claim: comments with @mentions, which tell the people named."""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Claim
from factcheck.roles import GROUP_FOR_ROLE, Role
from factcheck.words import shorten

from .. import workflow
from ..models import Comment, Notification, Verdict
from ..workflow import Action
from .common import lock_claim
from .notifications import notify

MAX_COMMENT_CHARS = 5000
# "@rita", "@r.jones": a username (Django's characters) after a space or the start of the text.
_MENTION = re.compile(r"(?<![\w@.+-])@([\w.@+-]+)")


def mentioned_users(body: str) -> list:
    """The active desk members a text names with @username (case-insensitive), in the order named."""
    names = [name.rstrip(".@+-") for name in _MENTION.findall(body or "")]
    wanted = {name.lower() for name in names if name}
    if not wanted:
        return []
    desk_groups = [GROUP_FOR_ROLE[Role.REVIEWER], GROUP_FOR_ROLE[Role.EDITOR]]
    User = get_user_model()
    found = {
        user.get_username().lower(): user
        for user in User.objects.filter(is_active=True, groups__name__in=desk_groups).distinct()
        if user.get_username().lower() in wanted
    }
    return list(dict.fromkeys(found[name.lower()] for name in names if name.lower() in found))


@transaction.atomic
def comment_add(
    *, claim: Claim, actor, body: str, verdict: Verdict | None = None, kind: str = Comment.Kind.COMMENT
) -> Comment:
    """Post to a claim's internal thread; the desk members it @mentions are told."""
    locked = lock_claim(claim.pk)
    workflow.check(Action.COMMENT, locked, user=actor)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write something first."})
    if len(body) > MAX_COMMENT_CHARS:
        raise ValidationError({"body": f"At most {MAX_COMMENT_CHARS} characters; this is {len(body)}."})
    comment = Comment.objects.create(claim=locked, verdict=verdict, author=actor, kind=kind, body=body)
    mentions = [user for user in mentioned_users(body) if user.pk != getattr(actor, "pk", None)]
    comment.mentions.set(mentions)
    notify(
        kind=Notification.Kind.MENTIONED,
        event=f"comment:{comment.pk}",
        recipients=mentions,
        actor=actor,
        claim=locked,
        verdict=verdict,
        text=f"{actor.get_username()} mentioned you on claim #{locked.pk}: {shorten(body, 300)}",
    )
    return comment
