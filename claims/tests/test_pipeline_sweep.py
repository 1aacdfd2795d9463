"""The periodic sweep re-queues articles whose message was lost, and gives up on hopeless ones."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Article
from claims.pipeline import article_sweep_stuck
from claims.tasks import sweep_stuck_articles_task
from claims.text import content_hash

pytestmark = pytest.mark.django_db(transaction=True)


def _article(body: str, *, status: str, age: timedelta, attempts: int = 0) -> Article:
    article = Article.objects.create(title="Story", body=body, content_hash=content_hash(body))
    then = timezone.now() - age
    Article.objects.filter(pk=article.pk).update(
        segmentation_status=status,
        segmentation_started_at=then if status == Article.SegmentationStatus.RUNNING else None,
        segmentation_attempts=attempts,
        updated_at=then,
    )
    return article


@pytest.fixture
def limits(settings):
    settings.FACTCHECK_SEGMENTATION_PENDING_SECONDS = 300
    settings.FACTCHECK_SEGMENTATION_STUCK_SECONDS = 600
    settings.FACTCHECK_SEGMENTATION_MAX_ATTEMPTS = 3
    return settings


def test_article_pending_too_long_is_queued_again_and_segmented(limits):
    lost = _article("Unemployment fell to 4 percent in May.", status="pending", age=timedelta(minutes=6))

    outcome = article_sweep_stuck()

    lost.refresh_from_db()
    assert outcome.requeued_pending == [lost.pk]
    assert lost.segmentation_status == Article.SegmentationStatus.DONE
    assert lost.claims.count() == 1


def test_recently_ingested_article_is_left_to_its_own_message(limits):
    fresh = _article("Unemployment fell to 4 percent in May.", status="pending", age=timedelta(minutes=1))

    outcome = article_sweep_stuck()

    fresh.refresh_from_db()
    assert outcome.requeued_pending == []
    assert fresh.segmentation_status == Article.SegmentationStatus.PENDING


def test_article_running_past_every_time_limit_is_run_again(limits):
    stuck = _article("Exports grew 12% in 2023.", status="running", age=timedelta(minutes=11), attempts=1)

    outcome = article_sweep_stuck()

    stuck.refresh_from_db()
    assert outcome.requeued_running == [stuck.pk]
    assert stuck.segmentation_status == Article.SegmentationStatus.DONE
    assert stuck.segmentation_attempts == 2
    assert stuck.claims.count() == 1


def test_article_that_killed_its_worker_every_time_ends_failed(limits):
    hopeless = _article("Exports grew 12% in 2023.", status="running", age=timedelta(minutes=11), attempts=3)

    outcome = article_sweep_stuck()

    hopeless.refresh_from_db()
    assert outcome.gave_up == [hopeless.pk]
    assert hopeless.segmentation_status == Article.SegmentationStatus.FAILED
    assert "Gave up after 3 attempts" in hopeless.segmentation_error
    assert not hopeless.claims.exists()


def test_running_article_within_its_time_limit_is_left_alone(limits):
    busy = _article("Exports grew 12% in 2023.", status="running", age=timedelta(minutes=2), attempts=1)

    outcome = article_sweep_stuck()

    busy.refresh_from_db()
    assert outcome.requeued_running == []
    assert busy.segmentation_status == Article.SegmentationStatus.RUNNING


def test_sweep_is_scheduled_with_celery_beat(settings):
    from factcheck.celery import app

    entry = app.conf.beat_schedule["sweep-stuck-articles"]

    assert entry["task"] == sweep_stuck_articles_task.name
    assert entry["schedule"] == settings.FACTCHECK_SEGMENTATION_SWEEP_SECONDS
