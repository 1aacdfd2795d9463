"""Articles by URL: stored at once as `fetching`, fetched and extracted by a task, then segmented as any other.

A URL already known (as given, or as a page's canonical URL) returns its article. A fetched page
whose canonical URL or text is already stored turns the new article into a `duplicate` pointing at
the stored one. Re-fetching makes a new version only when the text changed; the segmentation that
follows keeps the claims a person has touched (their offsets follow their text into the new version).
"""

import logging
import time
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from factcheck.errors import RoleForbidden, StateConflict
from factcheck.http import DestinationRefused
from factcheck.roles import Role, roles_of

from .events import articles_segmentation_notify
from .extraction import ExtractedPage, decode_html, extract_article, snapshot_pack
from .fetching import GUARD, FetchProblem, HostBusy, Page, fetch_page
from .ingest import queue_segmentation
from .models import Article, ArticleVersion, Claim
from .pipeline import TRANSIENT_DATABASE_ERRORS
from .text import content_hash, normalize_body, validate_body
from .touched import claims_untouched

logger = logging.getLogger(__name__)
Status = Article.SegmentationStatus


@dataclass(frozen=True)
class FetchOutcome:
    article_id: int
    result: str  # fetched, duplicate, failed, unchanged, changed, skipped
    detail: str = ""


def url_clean(url: str) -> str:
    """The form a submitted URL is stored and compared in: no fragment, scheme and host in lower case."""
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError({"url": ValidationError("Enter an http:// or https:// URL.", code="invalid")}) from None
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def url_check(url: str) -> str:
    """The cleaned URL if we may fetch it; a ValidationError on `url` if not (scheme, address, credentials)."""
    url = url_clean(url)
    try:
        GUARD.check(url)
    except DestinationRefused as refusal:
        raise ValidationError({"url": ValidationError(str(refusal), code="refused")}) from None
    return url


def article_by_url(url: str) -> Article | None:
    """The article stored for `url` (given or canonical); a duplicate answers with the article it repeats."""
    found = Article.objects.filter(Q(url=url) | Q(canonical_url=url)).order_by("pk").first()
    if found is not None and found.duplicate_of_id:
        return Article.objects.filter(pk=found.duplicate_of_id).first() or found
    return found


def article_submit_url(*, url: str, created_by, publisher: str = "") -> tuple[Article, bool]:
    """Store an article to be fetched from `url` and queue the fetch on commit; a known URL returns its article.

    Returns (article, created). A URL that is not http(s) or points inside our network is refused
    with a ValidationError on `url`.
    """
    existing = article_by_url(url_clean(url))
    if existing is not None:
        return existing, False
    url = url_check(url)
    article = Article(
        title=url[:500],
        body="",
        url=url,
        publisher=(publisher or "")[:200],
        created_by=created_by,
        segmentation_status=Status.FETCHING,
    )
    try:
        with transaction.atomic():  # a concurrent submission of the same URL loses the race cleanly
            article.save()
    except IntegrityError:
        existing = article_by_url(url)
        if existing is None:
            raise
        return existing, False
    queue_fetch(article.pk)
    return article, True


def queue_fetch(article_id: int, *, refetch: bool = False) -> None:
    from .tasks import fetch_article_task, refetch_article_task  # the tasks import this module

    task = refetch_article_task if refetch else fetch_article_task
    # robust: a broker outage must not undo the submission; the fetch sweep re-queues it.
    transaction.on_commit(lambda: task.delay(article_id), robust=True)


# --- fetching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fetched:
    page: Page
    extracted: ExtractedPage
    body: str
    content_hash: str
    charset: str
    extract_ms: int


def _fetch_and_extract(url: str) -> _Fetched:
    page = fetch_page(url)
    clock = time.perf_counter()
    html, charset = decode_html(page.html, page.content_type)
    extracted = extract_article(html, url=page.url)
    if extracted is None:
        raise FetchProblem("No article text found on the page.")
    body = normalize_body(extracted.text)
    try:
        validate_body(body)
    except ValidationError as error:
        raise FetchProblem(" ".join(error.messages)) from None
    extract_ms = round((time.perf_counter() - clock) * 1000)
    return _Fetched(page, extracted, body, content_hash(body), charset, extract_ms)


def _try_fetch(article_id: int, url: str) -> _Fetched | str:
    """The page fetched and extracted, or why not; HostBusy and database outages propagate (retry)."""
    try:
        return _fetch_and_extract(url)
    except FetchProblem as problem:
        return str(problem)
    except (HostBusy, *TRANSIENT_DATABASE_ERRORS):
        raise
    except Exception as error:  # an extraction bug on this page fails the same way on every retry
        logger.exception("fetching article %s from %s failed", article_id, url)
        return f"Could not read the page ({type(error).__name__})."


def _version(article_id: int, number: int, got: _Fetched) -> ArticleVersion:
    return ArticleVersion(
        article_id=article_id,
        number=number,
        body=got.body,
        content_hash=got.content_hash,
        url=got.page.url[:2000],
        html_zlib=snapshot_pack(got.page.html),
        content_type=got.page.content_type[:100],
        charset=got.charset[:40],
        fetch_ms=got.page.fetch_ms,
        extract_ms=got.extract_ms,
    )


def article_fetch(*, article_id: int) -> FetchOutcome:
    """Fetch a `fetching` article's page, extract it, and queue its segmentation; safe to run twice.

    A page that cannot be had ends the article `failed` with the reason in `fetch_error`.
    fetching.HostBusy and database outages propagate, for the task to retry.
    """
    taken = Article.objects.filter(pk=article_id, segmentation_status=Status.FETCHING).update(
        fetch_attempts=F("fetch_attempts") + 1, updated_at=timezone.now()
    )
    if not taken:
        return FetchOutcome(article_id, "skipped")
    url = Article.objects.values_list("url", flat=True).get(pk=article_id)
    got = _try_fetch(article_id, url)
    if isinstance(got, str):
        return _fetch_failed(article_id, got)
    with transaction.atomic():
        waiting = Article.objects.filter(pk=article_id, segmentation_status=Status.FETCHING)
        article = waiting.select_for_update().first()
        if article is None:
            return FetchOutcome(article_id, "skipped")
        duplicate = _stored_duplicate(got, exclude=article_id)
        if duplicate is None:
            _fill(article, got)
            try:
                with transaction.atomic():
                    article.save(update_fields=_FILLED)
            except IntegrityError:  # the same text or canonical URL was stored meanwhile
                duplicate = _stored_duplicate(got, exclude=article_id)
                if duplicate is None:
                    raise
        if duplicate is not None:
            Article.objects.filter(pk=article_id).update(
                segmentation_status=Status.DUPLICATE,
                duplicate_of=duplicate,
                title=_title(got, default=url),
                fetched_at=timezone.now(),
                fetch_error="",
                updated_at=timezone.now(),
            )
            return FetchOutcome(article_id, "duplicate", f"article {duplicate.pk}")
        _version(article_id, 1, got).save()
        queue_segmentation([article_id])
    return FetchOutcome(article_id, "fetched")


def _title(got: _Fetched, *, default: str) -> str:
    return unicodedata.normalize("NFC", got.extracted.title or default)[:500]


_FILLED = [
    "title", "body", "content_hash", "canonical_url", "publisher", "author", "published_at", "language",
    "fetched_at", "fetch_error", "version", "segmentation_status", "updated_at",
]  # fmt: skip


def _fill(article: Article, got: _Fetched) -> None:
    extracted, now = got.extracted, timezone.now()
    article.title = _title(got, default=article.url)
    article.body = got.body
    article.content_hash = got.content_hash
    article.canonical_url = extracted.canonical_url[:2000]
    article.publisher = article.publisher or extracted.publisher
    article.author = extracted.author
    article.published_at = extracted.published_at
    article.language = extracted.language or "en"
    article.fetched_at = now
    article.fetch_error = ""
    article.version = 1
    article.segmentation_status = Status.PENDING
    article.updated_at = now


def _stored_duplicate(got: _Fetched, *, exclude: int) -> Article | None:
    by_text = Article.objects.filter(content_hash=got.content_hash).exclude(pk=exclude).first()
    if by_text is not None:
        return by_text
    canonical = got.extracted.canonical_url
    found = Article.objects.filter(Q(canonical_url=canonical) | Q(url=canonical)).exclude(pk=exclude)
    found = found.exclude(segmentation_status=Status.FETCHING).order_by("pk").first()
    if found is not None and found.duplicate_of_id:
        return Article.objects.filter(pk=found.duplicate_of_id).first()
    return found


def _fetch_failed(article_id: int, reason: str) -> FetchOutcome:
    with transaction.atomic():
        failed = Article.objects.filter(pk=article_id, segmentation_status=Status.FETCHING).update(
            segmentation_status=Status.FAILED, fetch_error=reason[:2000], updated_at=timezone.now()
        )
        if failed:
            articles_segmentation_notify(done=[], failed=[article_id])
    logger.info("fetching article %s failed: %s", article_id, reason)
    return FetchOutcome(article_id, "failed" if failed else "skipped", reason)


# --- re-fetching ------------------------------------------------------------------------------


def article_refetch(*, article: Article, actor) -> Article:
    """Queue a fetch of the article's URL again (editors). A page that failed is fetched as new."""
    if Role.EDITOR not in roles_of(actor):
        raise RoleForbidden("Only editors may re-fetch articles.")
    if not article.url:
        raise StateConflict("This article has no URL to fetch.")
    if article.segmentation_status == Status.FETCHING:
        raise StateConflict("This article is being fetched already.")
    if article.segmentation_status == Status.DUPLICATE:
        raise StateConflict(f"This article repeats article {article.duplicate_of_id}; re-fetch that one.")
    with transaction.atomic():
        if article.content_hash is None:  # the first fetch failed: this is another first fetch
            Article.objects.filter(pk=article.pk).update(
                segmentation_status=Status.FETCHING, fetch_error="", fetch_attempts=0, updated_at=timezone.now()
            )
            queue_fetch(article.pk)
            article.segmentation_status = Status.FETCHING
        else:
            queue_fetch(article.pk, refetch=True)
    return article


def article_refetch_run(*, article_id: int) -> FetchOutcome:
    """Fetch a stored article's page again; a changed text becomes a new version and is segmented again."""
    article = Article.objects.filter(pk=article_id, content_hash__isnull=False).only("url").first()
    if article is None or not article.url:
        return FetchOutcome(article_id, "skipped")
    got = _try_fetch(article_id, article.url)
    if isinstance(got, str):
        Article.objects.filter(pk=article_id).update(fetch_error=got[:2000], updated_at=timezone.now())
        return FetchOutcome(article_id, "failed", got)
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article_id)
        now = timezone.now()
        if got.content_hash == locked.content_hash:
            Article.objects.filter(pk=article_id).update(fetched_at=now, fetch_error="", updated_at=now)
            return FetchOutcome(article_id, "unchanged")
        other = Article.objects.filter(content_hash=got.content_hash).exclude(pk=article_id).first()
        if other is not None:
            reason = f"The page's text is now the same as article {other.pk}'s; this article keeps its text."
            Article.objects.filter(pk=article_id).update(fetch_error=reason, updated_at=now)
            return FetchOutcome(article_id, "failed", reason)
        _new_version(locked, got, now=now)
        queue_segmentation([article_id])
    return FetchOutcome(article_id, "changed", f"version {locked.version}")


def _new_version(article: Article, got: _Fetched, *, now) -> None:
    if not ArticleVersion.objects.filter(article=article, number=article.version).exists():
        # The current text came in without a page (pasted): keep it as the version it was.
        ArticleVersion.objects.create(
            article=article, number=article.version, body=article.body, content_hash=article.content_hash
        )
    _version(article.pk, article.version + 1, got).save()
    lost = _follow_claims(article, got.body)
    if lost:
        logger.warning("article %s v%s: claims %s are no longer in the text", article.pk, article.version + 1, lost)
    canonical = got.extracted.canonical_url[:2000]
    if Article.objects.filter(canonical_url=canonical).exclude(pk=article.pk).exists():
        canonical = article.canonical_url
    article.body, article.content_hash, article.version = got.body, got.content_hash, article.version + 1
    article.title = _title(got, default=article.title)
    article.canonical_url, article.fetched_at, article.fetch_error = canonical, now, ""
    # As a re-segmentation: a run in progress finds its start time gone and leaves the claims to the next.
    article.segmentation_status, article.segmentation_started_at = Status.PENDING, None
    article.segmentation_error, article.segmentation_attempts, article.updated_at = "", 0, now
    article.save(
        update_fields=[
            "body", "content_hash", "version", "title", "canonical_url", "fetched_at", "fetch_error",
            "segmentation_status", "segmentation_started_at", "segmentation_error", "segmentation_attempts",
            "updated_at",
        ]
    )  # fmt: skip


def _follow_claims(article: Article, body: str) -> list[int]:
    """Move each claim's offsets to where its text stands in the new body; the touched claims not found."""
    claims = list(Claim.objects.filter(article=article).order_by("pk").select_for_update())
    moved, missing = [], []
    for claim in claims:
        start = _nearest(body, claim.original_text, claim.start)
        if start is None:
            missing.append(claim.pk)
        elif start != claim.start:
            claim.start, claim.end = start, start + len(claim.original_text)
            moved.append(claim)
    Claim.objects.bulk_update(moved, ["start", "end"])
    if not missing:
        return []
    touched = set(missing) - set(claims_untouched(Claim.objects.filter(pk__in=missing)).values_list("pk", flat=True))
    return sorted(touched)


def _nearest(body: str, text: str, near: int) -> int | None:
    best, at = None, body.find(text) if text else -1
    while at != -1:
        if best is None or abs(at - near) < abs(best - near):
            best = at
        at = body.find(text, at + 1)
    return best


# --- recovery ---------------------------------------------------------------------------------


def article_fetch_sweep(*, stuck_for: timedelta | None = None, limit: int = 1000) -> dict:
    """Re-queue fetches whose message was lost or whose worker died; give up after the attempt cap."""
    now = timezone.now()
    stuck_for = stuck_for or timedelta(seconds=settings.FACTCHECK_SEGMENTATION_STUCK_SECONDS)
    stuck = Article.objects.filter(segmentation_status=Status.FETCHING, updated_at__lt=now - stuck_for)
    max_attempts = settings.FACTCHECK_FETCH_MAX_ATTEMPTS
    with transaction.atomic():
        gave_up = _lock_ids(stuck.filter(fetch_attempts__gte=max_attempts), limit)
        Article.objects.filter(pk__in=gave_up).update(
            segmentation_status=Status.FAILED,
            fetch_error=f"Gave up after {max_attempts} attempts: the fetch never finished.",
            updated_at=now,
        )
        requeued = _lock_ids(stuck.filter(fetch_attempts__lt=max_attempts), limit)
        Article.objects.filter(pk__in=requeued).update(updated_at=now)
        for article_id in requeued:
            queue_fetch(article_id)
        articles_segmentation_notify(done=[], failed=gave_up)
    return {"requeued": requeued, "gave_up": gave_up}


def _lock_ids(queryset, limit: int) -> list[int]:
    return list(queryset.order_by("pk").select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
