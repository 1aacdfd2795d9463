"""A running segmentation renews its lease while it works; only a run whose lease ran out is taken over."""

import time
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from claims import pipeline
from claims.models import Article
from claims.pipeline import article_segment, article_sweep_stuck
from claims.text import content_hash

pytestmark = pytest.mark.django_db(transaction=True)  # the heartbeat writes from a thread of its own

BODY = "Exports grew 12% in 2023. Imports fell by a third. The deficit closed."


@pytest.fixture
def lease(settings):
    settings.FACTCHECK_SEGMENTATION_HEARTBEAT_SECONDS = 5
    settings.FACTCHECK_SEGMENTATION_STUCK_SECONDS = 20
    settings.FACTCHECK_SEGMENTATION_MAX_ATTEMPTS = 5
    return settings


def _running(*, started_ago: timedelta, heartbeat_ago: timedelta | None, body: str = BODY) -> Article:
    article = Article.objects.create(title="Trade", body=body, content_hash=content_hash(body))
    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        segmentation_status=Article.SegmentationStatus.RUNNING,
        segmentation_started_at=now - started_ago,
        segmentation_heartbeat_at=None if heartbeat_ago is None else now - heartbeat_ago,
        segmentation_attempts=1,
        updated_at=now - started_ago,
    )
    return article


def test_long_run_that_still_renews_its_lease_is_never_taken_over(lease):
    # given: a run that started an hour ago and renewed its lease two seconds ago
    alive = _running(started_ago=timedelta(hours=1), heartbeat_ago=timedelta(seconds=2))

    # when: the sweep runs and the message is delivered a second time
    swept = article_sweep_stuck()
    redelivered = article_segment(article_id=alive.pk)

    # then
    alive.refresh_from_db()
    assert swept.requeued_running == []
    assert not redelivered.ran
    assert alive.segmentation_status == Article.SegmentationStatus.RUNNING
    assert alive.segmentation_attempts == 1
    assert not alive.claims.exists()


def test_run_whose_lease_ran_out_seconds_ago_is_taken_over_by_the_sweep(lease):
    # given: a run that stopped renewing its lease 25 seconds ago (its worker was killed)
    dead = _running(started_ago=timedelta(seconds=30), heartbeat_ago=timedelta(seconds=25))

    outcome = article_sweep_stuck()

    dead.refresh_from_db()
    assert outcome.requeued_running == [dead.pk]
    assert dead.segmentation_status == Article.SegmentationStatus.DONE
    assert dead.segmentation_attempts == 2
    assert dead.claims.count() == 3


def test_run_whose_lease_ran_out_is_taken_over_by_a_redelivered_message(lease):
    dead = _running(started_ago=timedelta(seconds=30), heartbeat_ago=timedelta(seconds=25))

    outcome = article_segment(article_id=dead.pk)

    dead.refresh_from_db()
    assert outcome.ran
    assert dead.segmentation_status == Article.SegmentationStatus.DONE
    assert dead.claims.count() == 3


def test_run_claimed_before_leases_existed_is_judged_by_its_start_time(lease):
    recent = _running(started_ago=timedelta(seconds=5), heartbeat_ago=None)
    old = _running(started_ago=timedelta(minutes=5), heartbeat_ago=None, body=BODY + " Prices rose.")

    outcome = article_sweep_stuck()

    assert outcome.requeued_running == [old.pk]
    recent.refresh_from_db()
    assert recent.segmentation_status == Article.SegmentationStatus.RUNNING


def test_running_segmentation_renews_its_lease_while_it_works(lease, monkeypatch):
    lease.FACTCHECK_SEGMENTATION_HEARTBEAT_SECONDS = 1
    article = Article.objects.create(title="Trade", body=BODY, content_hash=content_hash(BODY))
    real_segment = pipeline.segmentation.segment
    seen = {}

    def slow_segment(body):
        # given: an article that takes longer to segment than the heartbeat interval
        claimed = Article.objects.get(pk=article.pk)
        seen["started"] = claimed.segmentation_started_at
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                beat = Article.objects.values_list("segmentation_heartbeat_at", flat=True).get(pk=article.pk)
            except OperationalError:  # SQLite: the heartbeat's write holds the table for a moment
                beat = None
            if beat is not None and beat > claimed.segmentation_started_at:
                seen["renewed"] = beat
                break
            time.sleep(0.05)
        return real_segment(body)

    monkeypatch.setattr(pipeline.segmentation, "segment", slow_segment)

    # when
    outcome = article_segment(article_id=article.pk)

    # then: the lease was renewed while the run was still segmenting, and the run finished
    assert outcome.status == Article.SegmentationStatus.DONE
    assert seen["renewed"] > seen["started"]
