"""import_articles as a command line: exit status, --sync without a worker, embedded mode without Redis."""

import json
import os
import subprocess
import sys

import pytest

from claims.models import Article
from factcheck.testing import ROOT, database_url, queued_messages, queued_tasks

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

HOMES = "The ministry said 4,000 homes were built in 2023. Critics said the real figure was closer to 2,500."
JOBS = "Unemployment fell to 4 percent in May. The central bank expects it to rise again next year."


def _feed(tmp_path, *records) -> str:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _import(*args, redis_url: str | None, **settings):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DATABASE_URL=database_url(), DJANGO_DEBUG="true", **settings)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return subprocess.run(
        [sys.executable, "manage.py", "import_articles", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_exit_status_is_non_zero_when_a_record_failed(tmp_path, celery_broker):
    feed = _feed(tmp_path, {"title": "Homes", "body": HOMES}, "{not json")

    result = _import(feed, "--sync", redis_url=celery_broker)

    assert result.returncode == 1
    assert "2 record(s): 1 new, 0 duplicate, 1 failed." in result.stdout
    assert f"{feed}:2: invalid JSON" in result.stderr
    assert list(Article.objects.values_list("title", flat=True)) == ["Homes"]


def test_sync_segments_inline_with_no_worker_running(tmp_path, celery_broker):
    feed = _feed(tmp_path, {"title": "Homes", "body": HOMES}, {"title": "Jobs", "body": JOBS})

    result = _import(feed, "--sync", redis_url=celery_broker)

    assert result.returncode == 0, result.stderr
    assert "2 record(s): 2 new, 0 duplicate, 0 failed." in result.stdout
    assert "Segmented 2, segmentation failed for 0." in result.stdout
    assert "100%" in result.stderr  # the progress bar
    assert set(Article.objects.values_list("segmentation_status", flat=True)) == {"done"}
    assert queued_messages(celery_broker) == 0


def test_without_sync_articles_wait_for_a_worker(tmp_path, celery_broker):
    feed = _feed(tmp_path, {"title": "Homes", "body": HOMES}, {"title": "Jobs", "body": JOBS})

    result = _import(feed, redis_url=celery_broker)

    assert result.returncode == 0, result.stderr
    assert set(Article.objects.values_list("segmentation_status", flat=True)) == {"pending"}
    # Stored together, so queued together: one task for the batch.
    ids = sorted(Article.objects.values_list("pk", flat=True))
    assert queued_tasks(celery_broker) == [("claims.segment_articles", [ids])]


def test_a_big_batch_is_queued_in_tasks_of_the_set_size(tmp_path, celery_broker):
    bodies = [HOMES, JOBS, "Bus fares rose by 12 percent in 2024, the city council said."]
    feed = _feed(tmp_path, *({"title": f"Story {n}", "body": body} for n, body in enumerate(bodies)))

    result = _import(feed, redis_url=celery_broker, FACTCHECK_SEGMENTATION_BATCH_SIZE="2")

    assert result.returncode == 0, result.stderr
    first, second, third = Article.objects.order_by("pk").values_list("pk", flat=True)
    assert queued_tasks(celery_broker) == [
        ("claims.segment_articles", [[first, second]]),
        ("claims.segment_article", [third]),
    ]


def test_embedded_mode_without_redis_segments_after_each_commit(tmp_path, celery_broker):
    feed = _feed(tmp_path, {"title": "Homes", "body": HOMES})

    result = _import(feed, redis_url=None)

    assert result.returncode == 0, result.stderr
    article = Article.objects.get()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert article.claims.count() == 2
