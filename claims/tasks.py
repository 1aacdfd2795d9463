"""Celery tasks for articles: thin wrappers that take ids and call the segmentation pipeline."""

import dataclasses

import kombu.exceptions
import redis.exceptions
from celery import shared_task
from django import db

from . import pipeline

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


@shared_task(name="claims.sweep_stuck_articles")
def sweep_stuck_articles_task() -> dict:
    return dataclasses.asdict(pipeline.article_sweep_stuck())
