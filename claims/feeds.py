"""RSS and Atom feeds: editors and integrators manage them; celery beat polls the due ones by conditional GET.

Each feed is polled in a task of its own and every failure is recorded on the feed with a growing
delay before the next try, so a broken feed never stops the others. New entries come in through
the by-URL path, once per link however many feeds carry it.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urljoin

import feedparser
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from factcheck.errors import RoleForbidden
from factcheck.roles import Role, roles_of

from .fetching import FetchProblem, HostBusy, fetch_feed
from .ingest_url import article_submit_url, url_check, url_clean
from .models import Feed, FeedEntry
from .pipeline import TRANSIENT_DATABASE_ERRORS

logger = logging.getLogger(__name__)

FEED_MANAGERS = frozenset({Role.EDITOR, Role.INTEGRATOR})
MAX_INTERVAL_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class PollOutcome:
    feed_id: int
    result: str  # ok, not_modified, failed, skipped
    new_entries: int = 0
    error: str = ""


def _check_manager(actor) -> None:
    if not roles_of(actor) & FEED_MANAGERS:
        raise RoleForbidden("Only editors and integrators manage feeds.")


def _clean_url(url: str, *, feed: Feed | None = None) -> str:
    url = url_check(url)
    if Feed.objects.filter(url=url).exclude(pk=getattr(feed, "pk", None)).exists():
        raise ValidationError({"url": ValidationError("This feed is polled already.", code="unique")})
    return url


def _clean_fields(fields: dict) -> dict:
    cleaned = {}
    if "name" in fields:
        cleaned["name"] = (fields["name"] or "").strip()[:200]
        if not cleaned["name"]:
            raise ValidationError({"name": "The feed needs a name."})
    if "publisher" in fields:
        cleaned["publisher"] = (fields["publisher"] or "").strip()[:200]
    if "is_active" in fields:
        cleaned["is_active"] = bool(fields["is_active"])
    if "poll_interval_minutes" in fields:
        minutes = fields["poll_interval_minutes"]
        if not isinstance(minutes, int) or not 1 <= minutes <= MAX_INTERVAL_MINUTES:
            raise ValidationError({"poll_interval_minutes": f"Between 1 and {MAX_INTERVAL_MINUTES} minutes."})
        cleaned["poll_interval_minutes"] = minutes
    return cleaned


def feed_create(
    *, actor, url: str, name: str, publisher: str = "", is_active: bool = True, poll_interval_minutes: int = 30
) -> Feed:
    """Add a feed (editors and integrators); an active feed is polled as soon as the transaction commits."""
    _check_manager(actor)
    fields = _clean_fields(
        {"name": name, "publisher": publisher, "is_active": is_active, "poll_interval_minutes": poll_interval_minutes}
    )
    feed = Feed(url=_clean_url(url), created_by=actor, next_poll_at=timezone.now(), **fields)
    try:
        with transaction.atomic():
            feed.save()
    except IntegrityError:
        raise ValidationError({"url": ValidationError("This feed is polled already.", code="unique")}) from None
    if feed.is_active:
        queue_feed_poll(feed.pk)
    return feed


def feed_update(*, feed: Feed, actor, **fields) -> Feed:
    """Change a feed's settings; a new URL starts over (no conditional GET, polled at once)."""
    _check_manager(actor)
    changed = _clean_fields(fields)
    if "url" in fields:
        url = _clean_url(fields["url"], feed=feed)
        if url != feed.url:
            changed.update(url=url, etag="", last_modified="", next_poll_at=timezone.now())
    for name, value in changed.items():
        setattr(feed, name, value)
    if changed:
        feed.save(update_fields=[*changed, "updated_at"])
        if "url" in changed and feed.is_active:
            queue_feed_poll(feed.pk)
    return feed


def feed_delete(*, feed: Feed, actor) -> None:
    """Stop polling and forget the feed; its entries stay, so their links still come in only once."""
    _check_manager(actor)
    feed.delete()


def feed_poll_now(*, feed: Feed, actor) -> None:
    _check_manager(actor)
    queue_feed_poll(feed.pk)


def queue_feed_poll(feed_id: int) -> None:
    from .tasks import poll_feed_task  # the tasks import this module

    transaction.on_commit(lambda: poll_feed_task.delay(feed_id), robust=True)


# --- polling ----------------------------------------------------------------------------------


def feeds_poll_due(*, limit: int = 200) -> list[int]:
    """Queue a poll of every active feed whose time has come; each is pushed to its next time first."""
    now = timezone.now()
    with transaction.atomic():
        # skip_locked: a feed being polled right now is not due again.
        due = list(
            Feed.objects.filter(is_active=True, next_poll_at__lte=now)
            .order_by("next_poll_at", "pk")
            .select_for_update(skip_locked=True)
            .only("pk", "poll_interval_minutes")[:limit]
        )
        for feed in due:
            # The poll sets the real next time; this keeps the next beat from queueing it twice meanwhile.
            feed.next_poll_at = now + timedelta(minutes=feed.poll_interval_minutes)
            feed.save(update_fields=["next_poll_at"])
            queue_feed_poll(feed.pk)
    return [feed.pk for feed in due]


def feed_poll(*, feed_id: int) -> PollOutcome:
    """Poll one feed by conditional GET and bring its new entries in; every failure is recorded on the feed.

    fetching.HostBusy and database outages propagate, for the task to retry.
    """
    feed = Feed.objects.filter(pk=feed_id, is_active=True).first()
    if feed is None:
        return PollOutcome(feed_id, "skipped")
    try:
        fetched = fetch_feed(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if fetched.status == 304:
            return _record(feed, Feed.Status.NOT_MODIFIED)
        parsed = feedparser.parse(
            fetched.body,
            response_headers={
                "content-type": fetched.headers.get("Content-Type", "application/xml"),
                "content-location": fetched.url,
            },
        )
        if parsed.bozo and not parsed.entries:
            raise FetchProblem(f"Not an RSS or Atom feed ({parsed.get('bozo_exception') or 'no entries'}).")
        new = _take_entries(feed, parsed.entries, base=fetched.url)
        return _record(
            feed,
            Feed.Status.OK,
            new_entries=new,
            etag=fetched.headers.get("ETag", "")[:500],
            last_modified=fetched.headers.get("Last-Modified", "")[:100],
        )
    except (HostBusy, *TRANSIENT_DATABASE_ERRORS):
        raise
    except FetchProblem as problem:
        return _record(feed, Feed.Status.FAILED, error=str(problem))
    except Exception as error:  # whatever breaks on this feed is recorded on it, never raised to the others
        logger.exception("polling feed %s failed", feed.pk)
        return _record(feed, Feed.Status.FAILED, error=f"Could not read the feed ({type(error).__name__}).")


def _take_entries(feed: Feed, entries, *, base: str) -> int:
    links = {}
    for entry in entries:
        link = entry.get("link")
        if not link:
            continue
        try:
            links.setdefault(url_clean(urljoin(base, link)), entry)
        except ValidationError:
            continue
    known = set(FeedEntry.objects.filter(url__in=list(links)).values_list("url", flat=True))
    new = 0
    for url, entry in links.items():
        if url in known:
            continue
        with transaction.atomic():
            try:
                with transaction.atomic():  # another feed polled right now may carry the same link
                    seen = FeedEntry.objects.create(
                        url=url,
                        feed=feed,
                        guid=str(entry.get("id") or "")[:2000],
                        title=str(entry.get("title") or "")[:500],
                    )
            except IntegrityError:
                continue
            try:
                seen.article, _ = article_submit_url(url=url, created_by=None, publisher=feed.publisher)
            except ValidationError as error:
                seen.error = " ".join(error.messages)[:2000]
            seen.save(update_fields=["article", "error"])
            new += 1
    return new


def _record(feed: Feed, status: str, *, new_entries: int = 0, error: str = "", **validators) -> PollOutcome:
    now = timezone.now()
    feed.last_status, feed.last_error, feed.last_polled_at = status, error[:2000], now
    fields = ["last_status", "last_error", "last_polled_at", "consecutive_failures", "next_poll_at", "updated_at"]
    interval = timedelta(minutes=feed.poll_interval_minutes)
    if status == Feed.Status.FAILED:
        feed.consecutive_failures += 1
        # Twice the interval after each failure in a row, up to the cap: a dead feed is asked rarely.
        delay = min(
            interval * 2**feed.consecutive_failures, timedelta(seconds=settings.FACTCHECK_FEED_MAX_BACKOFF_SECONDS)
        )
        feed.next_poll_at = now + max(delay, interval)
        logger.info("feed %s failed (%s in a row): %s", feed.pk, feed.consecutive_failures, error)
    else:
        feed.consecutive_failures = 0
        feed.next_poll_at = now + interval
    if status == Feed.Status.OK:
        feed.last_new_entries, feed.etag, feed.last_modified = (
            new_entries,
            validators["etag"],
            validators["last_modified"],
        )
        fields += ["last_new_entries", "etag", "last_modified"]
    feed.save(update_fields=fields)
    return PollOutcome(feed.pk, status, new_entries, error)
