"""Writes to articles, claims and sources. Views, admin actions and tasks call these."""

import functools
import hashlib
import json
import logging
import math
import operator
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser

import psycopg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, connection, models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from .models import Article, Claim
from .touched import claims_untouched

logger = logging.getLogger(__name__)

# C0/C1 control characters other than tab and newline never belong in an article body.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "figure", "figcaption", "section", "article", "header", "footer", "tr", "table", "hr",
}  # fmt: skip
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "head"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r" *\n[ \n]*", lambda m: "\n\n" if m.group().count("\n") > 1 else "\n", text)


def normalize_body(body: str, *, is_html: bool = False) -> str:
    """The stored form of an article body: NFC, Unix newlines, no surrounding blank space."""
    if is_html:
        body = html_to_text(body)
    body = unicodedata.normalize("NFC", body)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return body.strip()


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def validate_body(body: str) -> None:
    if not body:
        raise ValidationError({"body": "The article body is empty."})
    size = len(body.encode("utf-8"))
    if size > settings.FACTCHECK_MAX_ARTICLE_BYTES:
        # The code sits on the field's error: a dict-shaped ValidationError drops a top-level code.
        limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
        raise ValidationError(
            {"body": ValidationError(f"The article body is {size} bytes; the limit is {limit}.", code="too_large")}
        )
    match = _CONTROL_CHARS.search(body)
    if match:
        message = f"The article body contains a control character (U+{ord(match.group()):04X})."
        raise ValidationError({"body": ValidationError(message, code="control_character")})


def _article_prepare(
    *,
    title: str,
    body: str,
    url: str | None = None,
    publisher: str = "",
    author: str = "",
    published_at=None,
    language: str = "en",
    created_by=None,
    is_html: bool = False,
) -> Article:
    """An unsaved article in its stored form (normalised body, content hash), or a ValidationError."""
    validate_body(body)
    body = normalize_body(body, is_html=is_html)
    validate_body(body)
    title = unicodedata.normalize("NFC", (title or "").strip())
    if not title:
        raise ValidationError({"title": "The article needs a title."})
    return Article(
        title=title[:500],
        body=body,
        url=url or None,
        publisher=publisher or "",
        author=author or "",
        published_at=published_at,
        language=language or "en",
        content_hash=content_hash(body),
        created_by=created_by,
    )


def _article_clean(article: Article) -> None:
    # Uniqueness is checked by the callers, in bulk, and the database constraints back it.
    article.full_clean(exclude=["content_hash"], validate_unique=False, validate_constraints=False)


def _url_taken() -> ValidationError:
    # The code sits on the field's error: a dict-shaped ValidationError drops a top-level code.
    message = "Another article with different text already has this URL."
    return ValidationError({"url": ValidationError(message, code="unique")})


def article_ingest(
    *,
    title: str,
    body: str,
    url: str | None = None,
    publisher: str = "",
    author: str = "",
    published_at=None,
    language: str = "en",
    created_by=None,
    is_html: bool = False,
) -> tuple[Article, bool]:
    """Store an article and queue its segmentation; identical content returns the stored article.

    Returns (article, created). Segmentation is queued only once the surrounding transaction
    commits, so a rolled-back ingest queues nothing.
    """
    article = _article_prepare(
        title=title,
        body=body,
        url=url,
        publisher=publisher,
        author=author,
        published_at=published_at,
        language=language,
        created_by=created_by,
        is_html=is_html,
    )
    existing = Article.objects.filter(content_hash=article.content_hash).first()
    if existing is not None:
        return existing, False
    if article.url and Article.objects.filter(url=article.url).exists():
        raise _url_taken()
    _article_clean(article)
    try:
        # The savepoint lets a concurrent ingest of the same text lose the race cleanly.
        with transaction.atomic():
            article.save()
    except IntegrityError:
        existing = Article.objects.filter(content_hash=article.content_hash).first()
        if existing is None:
            raise
        return existing, False
    _queue_segmentation([article.pk])
    return article, True


@dataclass(frozen=True)
class Ingested:
    """What became of one record given to article_ingest_batch."""

    article: Article | None  # None when the record was refused
    created: bool = False
    error: ValidationError | None = None


def article_ingest_batch(records: list[dict], *, created_by=None) -> list[Ingested]:
    """article_ingest for many records at once: one lookup of known texts and URLs, one insert.

    Each record holds article_ingest's arguments. A refused record does not stop the others, and
    leaves nothing stored. Within the batch, a repeated text counts as a duplicate of its first
    occurrence. Segmentation is queued, in batches, when the surrounding transaction commits. If a
    concurrent ingest stores one of the same texts or URLs first, the batch is stored one record
    at a time instead, each with its own savepoint.
    """
    from simple_history.utils import bulk_create_with_history

    results: list[Ingested | None] = [None] * len(records)
    prepared: dict[int, Article] = {}
    for index, fields in enumerate(records):
        try:
            prepared[index] = _article_prepare(created_by=created_by, **fields)
        except ValidationError as error:
            results[index] = Ingested(None, error=error)

    hashes = {article.content_hash for article in prepared.values()}
    known = {article.content_hash: article for article in Article.objects.filter(content_hash__in=hashes)}
    urls = {article.url for article in prepared.values() if article.url}
    taken = set(Article.objects.filter(url__in=urls).values_list("url", flat=True)) if urls else set()
    new: list[tuple[int, Article]] = []
    for index, article in prepared.items():
        if article.content_hash in known:
            results[index] = Ingested(known[article.content_hash])
            continue
        if article.url in taken:
            results[index] = Ingested(None, error=_url_taken())
            continue
        try:
            _article_clean(article)
        except ValidationError as error:
            results[index] = Ingested(None, error=error)
            continue
        known[article.content_hash] = article
        if article.url:
            taken.add(article.url)
        new.append((index, article))
        results[index] = Ingested(article, created=True)

    if new:
        try:
            with transaction.atomic():
                bulk_create_with_history([article for _, article in new], Article, default_user=created_by)
        except IntegrityError:
            # Another ingest stored one of these texts or URLs meanwhile: settle each record on its own.
            for index in prepared:
                results[index] = _ingest_one(records[index], created_by=created_by)
            return results
        _queue_segmentation([article.pk for _, article in new])
    return results


def _ingest_one(fields: dict, *, created_by) -> Ingested:
    try:
        with transaction.atomic():
            article, created = article_ingest(created_by=created_by, **fields)
    except ValidationError as error:
        return Ingested(None, error=error)
    return Ingested(article, created=created)


def _queue_segmentation(article_ids: list[int]) -> None:
    """Queue the articles' segmentation for when the transaction commits, in batches for the workers."""
    from .tasks import segment_article_task, segment_articles_task

    size = settings.FACTCHECK_SEGMENTATION_BATCH_SIZE
    batches = [article_ids[i : i + size] for i in range(0, len(article_ids), size)]

    def send():
        for batch in batches:
            if len(batch) == 1:
                segment_article_task.delay(batch[0])
            else:
                segment_articles_task.delay(batch)

    # robust: a broker outage must not undo the ingest; the sweep re-queues pending articles.
    transaction.on_commit(send, robust=True)


# --- Segmentation: claim the work, run the segmenter, replace untouched claims -----------------

# A database that is down or restarting; the task retries these with backoff. Anything else that
# goes wrong while segmenting fails the same way on every retry, so it ends the run as failed.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class SegmentationOutcome:
    article_id: int
    ran: bool  # False: the article was not waiting, or another worker owns it
    status: str = ""
    claims_created: int = 0
    claims_kept: int = 0
    elapsed_ms: int = 0
    error: str = ""

    @property
    def claim_count(self) -> int:
        return self.claims_created + self.claims_kept


@dataclass(frozen=True)
class SweepOutcome:
    requeued_pending: list[int]
    requeued_running: list[int]
    gave_up: list[int]


def article_segment(*, article_id: int) -> SegmentationOutcome:
    """Split a waiting article into claims, replacing the claims nobody has touched."""
    return article_segment_batch(article_ids=[article_id])[0]


def article_segment_batch(*, article_ids: list[int]) -> list[SegmentationOutcome]:
    """Split waiting articles into claims: claimed together, segmented one by one, written in one transaction.

    One outcome per id, in order. Safe to run twice for an article, or from two workers at once: the
    conditional update lets one run own each article, and a run only writes while it still owns
    it. A segmenter error fails that article alone; so does a write the database refuses (the batch
    is then written article by article). An unreachable database hands every article back to the
    queue and raises, for the task to retry.
    """
    from celery.exceptions import SoftTimeLimitExceeded

    from .segmentation import segment

    run_started = timezone.now()
    outcomes = {article_id: SegmentationOutcome(article_id=article_id, ran=False) for article_id in article_ids}
    bodies = _claim_segmentation(article_ids=article_ids, run_started=run_started)
    segmented: dict[int, tuple[list, int]] = {}
    failed: dict[int, str] = {}
    leftover: list[int] = []
    try:
        for article_id, body in bodies.items():
            clock = time.perf_counter()
            try:
                segments = [s for s in segment(body) if not s.is_boilerplate]
            except SoftTimeLimitExceeded as error:
                # This article used up the task's time: it fails; the ones after it go back to the queue.
                failed[article_id] = _failure_message(error)
                leftover = [i for i in bodies if i not in segmented and i not in failed]
                break
            except Exception as error:  # a segmenter bug on this text: the same on every retry
                logger.exception("segmentation of article %s failed", article_id)
                failed[article_id] = _failure_message(error)
            else:
                segmented[article_id] = (segments, math.ceil((time.perf_counter() - clock) * 1000))
        outcomes.update(_write_segmentations(segmented=segmented, failed=failed, run_started=run_started))
        if leftover:
            _release_segmentation(article_ids=leftover, run_started=run_started, requeue=True)
    except TRANSIENT_DATABASE_ERRORS:
        _release_segmentation(article_ids=list(bodies), run_started=run_started)
        raise

    for outcome in outcomes.values():
        if outcome.status == Article.SegmentationStatus.DONE:
            logger.info(
                "article %s segmented: %s claims (%s kept) in %s ms",
                outcome.article_id,
                outcome.claim_count,
                outcome.claims_kept,
                outcome.elapsed_ms,
            )
    return [outcomes[article_id] for article_id in article_ids]


def _failure_message(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _claim_segmentation(*, article_ids: list[int], run_started) -> dict[int, str]:
    """Take the waiting articles among `article_ids` for this run; their bodies by id."""
    # A run still marked running after the hard time limit has passed belongs to a worker that
    # died (SIGKILL, OOM, lost host): a redelivered message may take it over, up to the attempt cap.
    stale_before = run_started - timedelta(seconds=settings.FACTCHECK_SEGMENTATION_STUCK_SECONDS)
    waiting = Q(segmentation_status=Article.SegmentationStatus.PENDING) | Q(
        segmentation_status=Article.SegmentationStatus.RUNNING,
        segmentation_started_at__lt=stale_before,
        segmentation_attempts__lt=settings.FACTCHECK_SEGMENTATION_MAX_ATTEMPTS,
    )
    claimed = Article.objects.filter(waiting, pk__in=article_ids).update(
        segmentation_status=Article.SegmentationStatus.RUNNING,
        segmentation_started_at=run_started,
        segmentation_error="",
        segmentation_attempts=F("segmentation_attempts") + 1,
        updated_at=run_started,
    )
    if not claimed:
        return {}
    return dict(_owned_by(article_ids, run_started).order_by("pk").values_list("pk", "body"))


def _owned_by(article_ids, run_started):
    """The articles among `article_ids` that the run started at `run_started` still owns."""
    return Article.objects.filter(
        pk__in=article_ids,
        segmentation_status=Article.SegmentationStatus.RUNNING,
        segmentation_started_at=run_started,
    )


def _write_segmentations(*, segmented: dict, failed: dict, run_started) -> dict[int, SegmentationOutcome]:
    """Record the run's results in one transaction; if the database refuses that, one article at a time."""
    if not segmented and not failed:
        return {}
    try:
        with transaction.atomic():
            return _write_batch(segmented=segmented, failed=failed, run_started=run_started)
    except TRANSIENT_DATABASE_ERRORS:
        raise
    except Exception as error:  # a constraint or a value the database refuses: the same on every retry
        if len(segmented) + len(failed) > 1:
            # One write per article, so that only the one the database refuses fails.
            singles = [({i: r}, {}) for i, r in segmented.items()] + [({}, {i: m}) for i, m in failed.items()]
            outcomes = {}
            for one_segmented, one_failed in singles:
                outcomes.update(
                    _write_segmentations(segmented=one_segmented, failed=one_failed, run_started=run_started)
                )
            return outcomes
        if not segmented:
            raise  # recording a failure was refused: nothing left to fall back to
        (article_id,) = segmented
        logger.exception("writing the claims of article %s failed", article_id)
        return _write_segmentations(
            segmented={}, failed={article_id: _failure_message(error)}, run_started=run_started
        )


def _write_batch(*, segmented: dict, failed: dict, run_started) -> dict[int, SegmentationOutcome]:
    from claims.events import articles_segmentation_notify

    from .segmentation import SEGMENTER_VERSION

    existing = _lock_owned_runs(article_ids=[*segmented, *failed], run_started=run_started)
    now = timezone.now()
    outcomes, first_runs = {}, []
    for article_id, (segments, elapsed_ms) in segmented.items():
        if article_id not in existing:
            continue  # taken over by the sweep or a re-segmentation: that run writes
        if existing[article_id]:
            created, kept = _replace_untouched_claims(
                article_id=article_id,
                existing=existing[article_id],
                segments=segments,
                segmenter_version=SEGMENTER_VERSION,
            )
        else:
            first_runs.append((article_id, segments))
            created, kept = len(segments), 0
        outcomes[article_id] = SegmentationOutcome(
            article_id=article_id,
            ran=True,
            status=Article.SegmentationStatus.DONE,
            claims_created=created,
            claims_kept=kept,
            elapsed_ms=elapsed_ms,
        )
    _insert_first_claims(first_runs, segmenter_version=SEGMENTER_VERSION, now=now)
    done = list(outcomes)
    if done:
        # One branch per distinct timing (a batch's articles take a few ms each, mostly the same),
        # not one per article: building a 25-branch CASE cost the worker more than the update did.
        done_in_ms: dict[int, list[int]] = {}
        for article_id in done:
            done_in_ms.setdefault(outcomes[article_id].elapsed_ms, []).append(article_id)
        Article.objects.filter(pk__in=done).update(
            segmentation_status=Article.SegmentationStatus.DONE,
            segmentation_error="",
            segmented_at=now,
            segmentation_ms=Case(*(When(pk__in=ids, then=Value(ms)) for ms, ids in done_in_ms.items())),
            segmenter_version=SEGMENTER_VERSION,
            updated_at=now,
        )
    failures = [article_id for article_id in failed if article_id in existing]
    if failures:
        Article.objects.filter(pk__in=failures).update(
            segmentation_status=Article.SegmentationStatus.FAILED,
            segmentation_error=Case(*(When(pk=i, then=Value(failed[i])) for i in failures)),
            updated_at=now,
        )
    for article_id in failures:
        outcomes[article_id] = SegmentationOutcome(
            article_id=article_id, ran=True, status=Article.SegmentationStatus.FAILED, error=failed[article_id]
        )
    articles_segmentation_notify(done=done, failed=failures)
    return outcomes


def _lock_owned_runs(*, article_ids: list[int], run_started) -> dict[int, list[int]]:
    """Lock the articles this run still owns, then their claims; each owned article's claim ids.

    Articles first, then their claims, each in primary-key order, as every claim-editing service
    locks them, so a reviewer's split or assignment and this write queue behind each other. An
    article taken over (by the sweep or a re-segmentation) has another start time and is left out.
    """
    owned = list(_owned_by(article_ids, run_started).order_by("pk").select_for_update().values_list("pk", flat=True))
    claims: dict[int, list[int]] = {article_id: [] for article_id in owned}
    if owned:
        locked = Claim.objects.filter(article_id__in=owned).order_by("pk").select_for_update()
        for article_id, claim_id in locked.values_list("article_id", "pk"):
            claims[article_id].append(claim_id)
    return claims


def _release_segmentation(*, article_ids: list[int], run_started, requeue: bool = False) -> None:
    """Hand articles back to the queue: after a transient error (the retry claims them) or the time limit."""
    try:
        with transaction.atomic():
            released = list(
                _owned_by(article_ids, run_started).order_by("pk").select_for_update().values_list("pk", flat=True)
            )
            Article.objects.filter(pk__in=released).update(
                segmentation_status=Article.SegmentationStatus.PENDING, updated_at=timezone.now()
            )
            if requeue and released:
                _queue_segmentation(released)
    except TRANSIENT_DATABASE_ERRORS:
        # Still down: the articles stay running and the sweep re-queues them once they are stale.
        logger.warning("could not release articles %s after a database error", article_ids)


def _new_claim_values(article_id: int, segments, *, segmenter_version: str) -> list[dict]:
    """Field values of the claims of an article's first run, in position order."""
    return [
        {
            "article_id": article_id,
            "text": segment.text,
            "original_text": segment.text,
            "start": segment.start,
            "end": segment.end,
            "position": position,
            "checkworthiness": segment.checkworthiness,
            "reasons": list(segment.reasons),
            "claim_type": segment.claim_type,
            "segmenter_version": segmenter_version,
        }
        for position, segment in enumerate(segments)
    ]


def _insert_first_claims(first_runs: list[tuple[int, list]], *, segmenter_version: str, now) -> None:
    """Insert the claims of articles segmented for the first time: COPY on PostgreSQL, else bulk_create."""
    values = [
        row
        for article_id, segments in first_runs
        for row in _new_claim_values(article_id, segments, segmenter_version=segmenter_version)
    ]
    if not values:
        return
    if connection.vendor == "postgresql":
        copy_claims(values, now=now)
    else:
        Claim.objects.bulk_create(Claim(**row) for row in values)


def copy_claims(values: list[dict], *, now) -> None:
    """Insert claims with PostgreSQL's COPY: the rows bulk_create would insert, at a fraction of the cost.

    `values` give each claim's fields by attname (the same fields in every row); every other column
    takes the model's default, prepared once (auto_now fields: `now`). bulk_create prepared every
    field of every row in Python, which cost more than segmenting the article; a test holds the two
    to the same rows. Rows go in COPY's binary format, typed by the table's own columns: psycopg
    writes values without formatting and escaping them as text (its CPU for a COPY of 63,000 claims
    fell by 40%) and PostgreSQL reads numbers and timestamps without parsing them. JSON values are
    cached JSON text.
    """
    fields = [f for f in Claim._meta.concrete_fields if not f.primary_key]
    given = [f for f in fields if f.attname in values[0]]
    defaults = [f for f in fields if f.attname not in values[0]]
    default_values = tuple(_copy_value(f, _default_for(f, now)) for f in defaults)
    # The JSON fields given here hold short lists of strings (reasons): few distinct values, cached.
    json_text = functools.lru_cache(maxsize=1024)(lambda value: json.dumps(list(value)))
    row_of = [
        (lambda row, n=f.attname: json_text(tuple(row[n])))
        if isinstance(f, models.JSONField)
        else operator.itemgetter(f.attname)
        for f in given
    ]
    quote = connection.ops.quote_name
    table = quote(Claim._meta.db_table)
    columns = ", ".join(quote(f.column) for f in [*given, *defaults])
    # Through Django's error translation, as its own queries are: a database that went away is an
    # OperationalError the task retries, a refused row an IntegrityError that fails the article.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        # The columns' types as the database has them (binary COPY must match them exactly).
        cursor.execute(f"SELECT {columns} FROM {table} LIMIT 0")  # noqa: S608 - names from the model
        oids = [column.type_code for column in cursor.description]
        cursor.cursor.adapters.register_dumper(None, _JsonTextBinaryDumper)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(oids)
            for row in values:
                copy.write_row((*(value(row) for value in row_of), *default_values))


class _JsonTextBinaryDumper(psycopg.adapt.Dumper):
    """JSON text, already serialized, as binary jsonb: a version byte, then the text."""

    format = psycopg.pq.Format.BINARY
    oid = psycopg.postgres.types["jsonb"].oid

    def dump(self, obj: str) -> bytes:
        return b"\x01" + obj.encode()


def _default_for(field, now):
    return now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) else field.get_default()


def _copy_value(field, value):
    if isinstance(field, models.JSONField):
        return json.dumps(value, cls=field.encoder)
    return field.get_db_prep_save(value, connection)


def _replace_untouched_claims(
    *, article_id: int, existing: list[int], segments, segmenter_version: str
) -> tuple[int, int]:
    """Delete the untouched claims, insert the new segments around the kept ones, renumber by offset.

    Returns (created, kept). Runs inside the caller's transaction with the article's claims locked;
    `existing` are their ids (none on a first run, which then needs no deleting or renumbering).
    """
    claims = Claim.objects.filter(article_id=article_id)
    kept = []
    if existing:
        claims_untouched(claims).delete()
        kept = list(claims.order_by("start", "end", "pk").values_list("pk", "start", "end", "position"))

    spans = [(start, end) for _, start, end, _ in kept]
    fresh = [s for s in segments if not any(s.start < end and start < s.end for start, end in spans)]
    ordered = sorted(
        [(start, end, 0, pk) for pk, start, end, _ in kept] + [(s.start, s.end, 1, s) for s in fresh],
        key=lambda item: item[:3],
    )
    new_claims, kept_positions = [], {}
    for position, (_, _, is_new, item) in enumerate(ordered):
        if is_new:
            new_claims.append(
                Claim(
                    article_id=article_id,
                    text=item.text,
                    original_text=item.text,
                    start=item.start,
                    end=item.end,
                    position=position,
                    checkworthiness=item.checkworthiness,
                    reasons=list(item.reasons),
                    claim_type=item.claim_type,
                    segmenter_version=segmenter_version,
                )
            )
        else:
            kept_positions[item] = position

    if kept:
        # Move the kept claims above every final position first: renumbering in place would
        # collide on the unique (article, position) constraint one row at a time.
        top = max(max(position for *_, position in kept), len(ordered)) + 1
        claims.filter(pk__in=kept_positions).update(position=F("position") + top)
    Claim.objects.bulk_create(new_claims)
    for pk, position in kept_positions.items():
        claims.filter(pk=pk).update(position=position)
    return len(fresh), len(kept)


def article_resegment(*, article: Article, actor) -> Article:
    """Queue an article for segmentation again; claims a person has touched survive it unchanged.

    Editors only. The worker does the replacing, so this returns at once with the article pending.
    """
    from factcheck.errors import RoleForbidden
    from factcheck.roles import Role, roles_of

    if Role.EDITOR not in roles_of(actor):
        raise RoleForbidden("Only editors may re-segment articles.")
    now = timezone.now()
    with transaction.atomic():
        # A run in progress finds its start time gone and leaves the claims to the new run.
        Article.objects.filter(pk=article.pk).update(
            segmentation_status=Article.SegmentationStatus.PENDING,
            segmentation_started_at=None,
            segmentation_error="",
            segmentation_attempts=0,
            updated_at=now,
        )
        _queue_segmentation([article.pk])
    article.segmentation_status = Article.SegmentationStatus.PENDING
    article.segmentation_started_at = None
    article.segmentation_error = ""
    article.segmentation_attempts = 0
    article.updated_at = now
    return article


def article_sweep_stuck(
    *, pending_for: timedelta | None = None, running_for: timedelta | None = None, limit: int = 1000
) -> SweepOutcome:
    """Re-queue articles whose message was lost: pending too long, or running past every time limit.

    Articles that already used up their attempts end failed instead of looping forever.
    """
    from claims.events import articles_segmentation_notify

    now = timezone.now()
    if pending_for is None:
        pending_for = timedelta(seconds=settings.FACTCHECK_SEGMENTATION_PENDING_SECONDS)
    if running_for is None:
        running_for = timedelta(seconds=settings.FACTCHECK_SEGMENTATION_STUCK_SECONDS)
    max_attempts = settings.FACTCHECK_SEGMENTATION_MAX_ATTEMPTS
    stale_running = Article.objects.filter(
        segmentation_status=Article.SegmentationStatus.RUNNING, segmentation_started_at__lt=now - running_for
    )
    with transaction.atomic():
        # skip_locked: rows a worker is committing right now are not stuck.
        gave_up = _lock_ids(stale_running.filter(segmentation_attempts__gte=max_attempts), limit)
        Article.objects.filter(pk__in=gave_up).update(
            segmentation_status=Article.SegmentationStatus.FAILED,
            segmentation_error=(
                f"Gave up after {max_attempts} attempts: the worker stopped each time "
                "(killed, out of memory or past the time limit)."
            ),
            updated_at=now,
        )
        running = _lock_ids(stale_running.filter(segmentation_attempts__lt=max_attempts), limit)
        Article.objects.filter(pk__in=running).update(
            segmentation_status=Article.SegmentationStatus.PENDING, segmentation_started_at=None, updated_at=now
        )
        # Bumping updated_at keeps the next sweep from queueing the same article again at once.
        pending = _lock_ids(
            Article.objects.filter(
                segmentation_status=Article.SegmentationStatus.PENDING, updated_at__lt=now - pending_for
            ),
            limit,
        )
        Article.objects.filter(pk__in=pending).update(updated_at=now)
        _queue_segmentation([*running, *pending])
        articles_segmentation_notify(done=[], failed=gave_up)
    if gave_up or running or pending:
        logger.warning(
            "sweep: re-queued %s pending and %s stuck running articles, gave up on %s",
            len(pending),
            len(running),
            len(gave_up),
        )
    return SweepOutcome(requeued_pending=pending, requeued_running=running, gave_up=gave_up)


def _lock_ids(queryset, limit: int) -> list[int]:
    return list(queryset.order_by("pk").select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
