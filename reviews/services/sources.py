"""Sources: the evidence a verdict cites, attached to a claim once per normalised URL."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from claims.models import Claim, Source
from factcheck.errors import StateConflict
from factcheck.history import save_as
from factcheck.text import hidden_text_error, strip_invisible

from .. import workflow
from ..workflow import Action
from .common import event_record_here, lock_claim

_SOURCE_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def validate_http_url(url: str, *, field: str) -> str:
    """The url stripped, or a ValidationError naming `field` unless it is an http(s) URL."""
    url = (url or "").strip()
    if not url:
        raise ValidationError({field: "Enter a URL."})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError({field: "Enter a valid http:// or https:// URL."}) from None
    return url


def normalize_source_url(url: str) -> str:
    """The form of a URL used to spot the same source twice: case, default port, fragment, tracking."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    path = parts.path.rstrip("/")
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_SOURCE_TRACKING_PARAMS)
        )
    )
    # http and https copies of one page are the same source.
    return urlunsplit(("https" if scheme in _DEFAULT_PORTS else scheme, netloc, path, query, ""))


@transaction.atomic
def source_add(
    *,
    claim: Claim,
    actor,
    url: str,
    title: str = "",
    publisher: str = "",
    published_at=None,
    accessed_at=None,
    archive_url: str = "",
    excerpt: str = "",
    source_type: str = "other",
    cite_in_draft: bool = False,
):
    """Attach a piece of evidence to a claim; the same normalised URL is refused the second time.

    With `cite_in_draft`, a source added by the author of the claim's open draft is cited in it at
    once (the claim page, where the author is writing that draft).
    """
    locked = lock_claim(claim.pk)
    try:
        # On a published claim, evidence is for a correction: editors only.
        workflow.check(workflow.claim_action(Action.EDIT, locked.status), locked, user=actor)
    except StateConflict:
        label = Claim.Status(locked.status).label.lower()
        raise StateConflict(f"Cannot add sources to a claim that is {label}.") from None

    errors = {}
    try:
        url = validate_http_url(url, field="url")
    except ValidationError as error:
        errors.update(error.message_dict)
    archive_url = (archive_url or "").strip()
    if archive_url:
        try:
            archive_url = validate_http_url(archive_url, field="archive_url")
        except ValidationError as error:
            errors.update(error.message_dict)
    if source_type not in Source.SourceType.values:
        errors["source_type"] = f"Choose one of: {', '.join(Source.SourceType.values)}."
    # A verdict cites these to readers: they must read the same to everyone.
    shown = {"title": title, "publisher": publisher, "excerpt": excerpt}
    shown = {field: strip_invisible(value or "").strip() for field, value in shown.items()}
    for field, value in shown.items():
        if hidden := hidden_text_error(value, what=f"The source's {field}"):
            errors[field] = hidden
    if errors:
        raise ValidationError(errors)
    normalized = normalize_source_url(url)
    if Source.objects.filter(claim=locked, normalized_url=normalized).exists():
        raise ValidationError({"url": "This source is already attached to the claim."}, code="unique")

    source = Source(
        claim=locked,
        url=url,
        normalized_url=normalized,
        title=shown["title"],
        publisher=shown["publisher"],
        published_at=published_at,
        accessed_at=accessed_at or timezone.now(),
        archive_url=archive_url,
        excerpt=shown["excerpt"],
        source_type=source_type,
        added_by=actor,
    )
    source.full_clean(exclude=["claim", "added_by"])
    save_as(source, actor=actor)
    note = f"Added source {url}"
    draft = _authors_open_draft(locked, actor) if cite_in_draft else None
    if draft is not None:
        draft._history_user = actor
        draft.sources.add(source)
        note += f" and cited it in draft version {draft.version}"
    event_record_here(claim=locked, actor=actor, action="source_add", note=f"{note}.")
    return source


def _authors_open_draft(claim: Claim, actor):
    draft = claim.verdicts.filter(status__in=workflow.OPEN_VERDICT_STATES, author=actor).first()
    if draft is None:
        return None
    draft.claim = claim
    return draft if workflow.Action.EDIT in workflow.permitted(actor, draft) else None
