"""Celery tasks for articles and feeds: thin wrappers that take ids and call the pipeline, fetching and feeds."""

import dataclasses
import logging

import kombu.exceptions
import redis.exceptions
from celery import shared_task
from django import db
from django.utils.dateparse import parse_datetime

from . import feeds, ingest_url, matches, pipeline
from .fetching import HostBusy

logger = logging.getLogger(__name__)

# Database or broker unavailable: worth another try later. Everything else is decided (and
# recorded on the article) by the pipeline.
TRANSIENT_ERRORS = (
    *pipeline.TRANSIENT_DATABASE_ERRORS,
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)


# Retried with exponential backoff (2 s, 4 s, ... up to 5 minutes, jittered), at most 8 times.
RETRY_TRANSIENT = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="claims.segment_article", **RETRY_TRANSIENT)
def segment_article_task(article_id: int) -> dict:
    (outcome,) = _segment([article_id])
    return outcome


@shared_task(name="claims.segment_articles", **RETRY_TRANSIENT)
def segment_articles_task(article_ids: list[int]) -> list[dict]:
    """A batch of articles (an import's), taken, written and committed together."""
    return _segment(article_ids)


def _segment(article_ids: list[int]) -> list[dict]:
    try:
        return [dataclasses.asdict(o) for o in pipeline.article_segment_batch(article_ids=article_ids)]
    except pipeline.TRANSIENT_DATABASE_ERRORS:
        # The worker reuses its connection across tasks: drop a broken one before the retry.
        db.close_old_connections()
        raise


# Matching waits for segmentation: on Redis a lower number is served first and a task without one
# is 0. Its work goes in tasks of at most MATCH_CHUNK claims, so a worker busy matching a very long
# article is free again for segmentation within moments, and no task nears its time limit.
MATCH_PRIORITY = 9
MATCH_CHUNK = 50


@shared_task(name="claims.match", **RETRY_TRANSIENT)
def match_claims_task(article_ids: list[int], since: str) -> int:
    """Suggest matches for the claims a segmentation wrote (claims.matches); queued after it commits."""
    claim_ids = matches.new_claim_ids(article_ids=article_ids, since=parse_datetime(since))
    for start in range(MATCH_CHUNK, len(claim_ids), MATCH_CHUNK):
        match_claim_ids_task.apply_async((claim_ids[start : start + MATCH_CHUNK],), priority=MATCH_PRIORITY)
    return _match(claim_ids[:MATCH_CHUNK])


@shared_task(name="claims.match_claims", **RETRY_TRANSIENT)
def match_claim_ids_task(claim_ids: list[int]) -> int:
    return _match(claim_ids)


def _match(claim_ids: list[int]) -> int:
    try:
        return len(matches.claim_match(claim_ids=claim_ids)) if claim_ids else 0
    except TRANSIENT_ERRORS:
        db.close_old_connections()
        raise
    except Exception:
        # Matching is advice: its failure is logged and leaves the segmented claims as they are.
        logger.exception("matching claims %s..%s failed", claim_ids[0], claim_ids[-1])
        return 0


@shared_task(name="claims.refresh_term_statistics", **RETRY_TRANSIENT)
def refresh_term_statistics_task() -> int:
    """Count again how rare each word is among published claims (claims.matches); returns how many were read."""
    return matches.refresh_term_statistics().published_claims


@shared_task(name="claims.sweep_stuck_articles")
def sweep_stuck_articles_task() -> dict:
    return dataclasses.asdict(pipeline.article_sweep_stuck())


# --- fetching by URL and feeds ------------------------------------------------------------------

# Also retried: every request slot of the page's host stayed taken (fetching.HostBusy).
RETRY_BUSY = {**RETRY_TRANSIENT, "autoretry_for": (*TRANSIENT_ERRORS, HostBusy), "retry_backoff": 5}


@shared_task(name="claims.fetch_article", **RETRY_BUSY)
def fetch_article_task(article_id: int) -> dict:
    return _with_fresh_connection(lambda: dataclasses.asdict(ingest_url.article_fetch(article_id=article_id)))


@shared_task(name="claims.refetch_article", **RETRY_BUSY)
def refetch_article_task(article_id: int) -> dict:
    return _with_fresh_connection(lambda: dataclasses.asdict(ingest_url.article_refetch_run(article_id=article_id)))


@shared_task(name="claims.sweep_stuck_fetches")
def sweep_stuck_fetches_task() -> dict:
    return ingest_url.article_fetch_sweep()


@shared_task(name="claims.poll_due_feeds")
def poll_due_feeds_task() -> list[int]:
    return feeds.feeds_poll_due()


@shared_task(name="claims.poll_feed", **RETRY_BUSY)
def poll_feed_task(feed_id: int) -> dict:
    return _with_fresh_connection(lambda: dataclasses.asdict(feeds.feed_poll(feed_id=feed_id)))


def _with_fresh_connection(run):
    try:
        return run()
    except pipeline.TRANSIENT_DATABASE_ERRORS:
        db.close_old_connections()
        raise
