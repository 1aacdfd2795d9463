"""The segmentation job: claim waiting articles, segment them, write their claims, release or sweep the rest.

Work is claimed with a conditional update (pending -> running, stamped with the run's start time)
and a run writes only while that stamp is still its own, so a redelivered message, a second
worker or a re-segmentation never produce a second set of claims. While it works, the run renews
its lease (claims/lease.py); a run whose lease ran out died, and is taken over.
"""

import logging
import math
import time
from dataclasses import dataclass
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from factcheck.errors import RoleForbidden
from factcheck.history import save_as
from factcheck.roles import Role, roles_of

from . import segmentation
from .events import articles_segmentation_notify
from .fragments import fragments_replace, languages_record
from .ingest import queue_segmentation
from .language import body_language, unserved_reason
from .lease import Heartbeat, lease_expired, owned_by
from .matches import queue_matching
from .models import Article, Claim
from .pg_copy import copy_claims
from .touched import claims_untouched

logger = logging.getLogger(__name__)

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
    run_started = timezone.now()
    outcomes = {article_id: SegmentationOutcome(article_id=article_id, ran=False) for article_id in article_ids}
    bodies = _claim_segmentation(article_ids=article_ids, run_started=run_started)
    with Heartbeat(article_ids=list(bodies), run_started=run_started):
        outcomes.update(_segment_claimed(bodies, run_started=run_started))

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


def _segment_claimed(bodies: dict[int, str], *, run_started) -> dict[int, SegmentationOutcome]:
    """Segment the articles this run claimed, then write what came of each."""
    outcomes: dict[int, SegmentationOutcome] = {}
    segmented: dict[int, tuple[list, int]] = {}
    failed: dict[int, str] = {}
    leftover: list[int] = []
    try:
        for article_id, body in bodies.items():
            clock = time.perf_counter()
            try:
                code = body_language(body)
                # An article the English rules cannot serve is stored with the reason, not split badly.
                reason = unserved_reason(code)
                found = [] if reason else segmentation.segment(body)
            except SoftTimeLimitExceeded as error:
                # This article used up the task's time: it fails; the ones after it go back to the queue.
                failed[article_id] = _failure_message(error)
                leftover = [i for i in bodies if i not in segmented and i not in failed]
                break
            except Exception as error:  # a segmenter bug on this text: the same on every retry
                logger.exception("segmentation of article %s failed", article_id)
                failed[article_id] = _failure_message(error)
            else:
                elapsed_ms = math.ceil((time.perf_counter() - clock) * 1000)
                segments = [s for s in found if not s.is_boilerplate]
                furniture = [s for s in found if s.is_boilerplate]
                segmented[article_id] = (segments, elapsed_ms, furniture, (code, reason))
        outcomes.update(_write_segmentations(segmented=segmented, failed=failed, run_started=run_started))
        if leftover:
            _release_segmentation(article_ids=leftover, run_started=run_started, requeue=True)
    except TRANSIENT_DATABASE_ERRORS:
        _release_segmentation(article_ids=list(bodies), run_started=run_started)
        raise
    return outcomes


def _failure_message(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _claim_segmentation(*, article_ids: list[int], run_started) -> dict[int, str]:
    """Take the waiting articles among `article_ids` for this run; their bodies by id."""
    # A run whose lease ran out belongs to a worker that died (SIGKILL, OOM, lost host): a
    # redelivered message may take it over, up to the attempt cap.
    waiting = Q(segmentation_status=Article.SegmentationStatus.PENDING) | (
        lease_expired(run_started) & Q(segmentation_attempts__lt=settings.FACTCHECK_SEGMENTATION_MAX_ATTEMPTS)
    )
    claimed = Article.objects.filter(waiting, pk__in=article_ids).update(
        segmentation_status=Article.SegmentationStatus.RUNNING,
        segmentation_started_at=run_started,
        segmentation_heartbeat_at=run_started,
        segmentation_error="",
        segmentation_attempts=F("segmentation_attempts") + 1,
        updated_at=run_started,
    )
    if not claimed:
        return {}
    return dict(owned_by(article_ids, run_started).order_by("pk").values_list("pk", "body"))


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
    existing = _lock_owned_runs(article_ids=[*segmented, *failed], run_started=run_started)
    now = timezone.now()
    outcomes, first_runs, furniture, languages = {}, [], {}, {}
    for article_id, (segments, elapsed_ms, fragments, language) in segmented.items():
        if article_id not in existing:
            continue  # taken over by the sweep or a re-segmentation: that run writes
        furniture[article_id], languages[article_id] = fragments, language
        if existing[article_id]:
            created, kept = _replace_untouched_claims(
                article_id=article_id,
                existing=existing[article_id],
                segments=segments,
                segmenter_version=segmentation.SEGMENTER_VERSION,
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
    _insert_first_claims(first_runs, segmenter_version=segmentation.SEGMENTER_VERSION, now=now)
    fragments_replace(furniture=furniture, rerun={i for i in furniture if existing[i]})
    done = list(outcomes)
    if done:
        # One branch per distinct timing (a batch's articles mostly share one), not one per article:
        # building a branch per article cost the worker more than the update did.
        done_in_ms: dict[int, list[int]] = {}
        for article_id in done:
            done_in_ms.setdefault(outcomes[article_id].elapsed_ms, []).append(article_id)
        Article.objects.filter(pk__in=done).update(
            segmentation_status=Article.SegmentationStatus.DONE,
            segmentation_error="",
            segmented_at=now,
            segmentation_ms=Case(*(When(pk__in=ids, then=Value(ms)) for ms, ids in done_in_ms.items())),
            segmenter_version=segmentation.SEGMENTER_VERSION,
            updated_at=now,
        )
        languages_record(languages)
        # The claims written from `now` on are this run's new ones; only they are matched.
        queue_matching(article_ids=done, since=now)
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
    owned = list(owned_by(article_ids, run_started).order_by("pk").select_for_update().values_list("pk", flat=True))
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
                owned_by(article_ids, run_started).order_by("pk").select_for_update().values_list("pk", flat=True)
            )
            Article.objects.filter(pk__in=released).update(
                segmentation_status=Article.SegmentationStatus.PENDING, updated_at=timezone.now()
            )
            if requeue and released:
                queue_segmentation(released)
    except TRANSIENT_DATABASE_ERRORS:
        # Still down: the articles stay running and the sweep re-queues them once their lease runs out.
        logger.warning("could not release articles %s after a database error", article_ids)


def claim_fields(segment, *, article_id: int, position: int, segmenter_version: str) -> dict:
    """A new claim's field values, by attname, from one segment: every path that writes claims uses these."""
    return {
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
        "kind": segment.kind,
        "claimant": segment.claimant[:200],
    }


def _insert_first_claims(first_runs: list[tuple[int, list]], *, segmenter_version: str, now) -> None:
    """Insert the claims of articles segmented for the first time: COPY on PostgreSQL, else bulk_create."""
    values = [
        claim_fields(segment, article_id=article_id, position=position, segmenter_version=segmenter_version)
        for article_id, segments in first_runs
        for position, segment in enumerate(segments)
    ]
    if not values:
        return
    if connection.vendor == "postgresql":
        copy_claims(values, now=now)
    else:
        Claim.objects.bulk_create(Claim(**row) for row in values)


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
            fields = claim_fields(item, article_id=article_id, position=position, segmenter_version=segmenter_version)
            new_claims.append(Claim(**fields))
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
    if Role.EDITOR not in roles_of(actor):
        raise RoleForbidden("Only editors may re-segment articles.")
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        # A run in progress finds its start time gone and leaves the claims to the new run.
        locked.segmentation_status = Article.SegmentationStatus.PENDING
        locked.segmentation_started_at = None
        locked.segmentation_error = ""
        locked.segmentation_attempts = 0
        fields = ("segmentation_status", "segmentation_started_at", "segmentation_error", "segmentation_attempts")
        save_as(locked, actor=actor, fields=(*fields, "updated_at"))
        queue_segmentation([locked.pk])
    for field in (*fields, "updated_at"):
        setattr(article, field, getattr(locked, field))
    return article


def article_sweep_stuck(*, pending_for: timedelta | None = None, limit: int = 1000) -> SweepOutcome:
    """Re-queue articles whose message was lost: pending too long, or running with a lease that ran out.

    Articles that already used up their attempts end failed instead of looping forever.
    """
    now = timezone.now()
    if pending_for is None:
        pending_for = timedelta(seconds=settings.FACTCHECK_SEGMENTATION_PENDING_SECONDS)
    max_attempts = settings.FACTCHECK_SEGMENTATION_MAX_ATTEMPTS
    stale_running = Article.objects.filter(lease_expired(now))
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
        queue_segmentation([*running, *pending])
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
