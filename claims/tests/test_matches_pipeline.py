"""The claims.match task: queued when a segmentation commits, matches only the new claims, never fails it."""

import logging

import pytest
from django.db import connection

from claims import matches
from claims.checks import pg_trgm_installed
from claims.ingest import ArticleInput, article_ingest
from claims.models import Article, Claim, ClaimMatch
from claims.tasks import MATCH_PRIORITY, match_claim_ids_task, match_claims_task
from claims.tests.factories import ClaimFactory

FACT_CHECK = "Unemployment in Westland fell to 5% in 2019."
BODY = (
    "Westland's unemployment dropped to five per cent in 2019, the minister told parliament on Monday. "
    "The new harbour in Corbel will open next spring after years of delays."
)


@pytest.fixture
def fact_check(db):
    return ClaimFactory(text=FACT_CHECK, status=Claim.Status.PUBLISHED)


@pytest.mark.django_db(transaction=True)
def test_a_segmented_articles_new_claims_are_matched_after_it_commits(fact_check):
    article, _ = article_ingest(article=ArticleInput(title="Jobs", body=BODY), created_by=None)

    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    (match,) = ClaimMatch.objects.filter(candidate=fact_check)
    assert match.claim.article_id == article.pk
    assert match.claim.text.startswith("Westland's unemployment")
    assert match.checked is True


@pytest.mark.django_db(transaction=True)
def test_only_the_claims_written_since_the_run_started_are_matched(fact_check):
    old = ClaimFactory(text="Westland's unemployment dropped to five per cent in 2019.")
    later = Claim.objects.filter(pk=old.pk).values_list("created_at", flat=True).get()

    assert matches.new_claim_ids(article_ids=[old.article_id], since=later.replace(year=later.year + 1)) == []
    assert matches.new_claim_ids(article_ids=[old.article_id], since=later) == [old.pk]
    assert match_claims_task.apply(args=([old.article_id], later.isoformat())).get() == 1


@pytest.mark.django_db(transaction=True)
def test_a_long_articles_claims_are_matched_in_short_tasks_behind_segmentation(fact_check, monkeypatch):
    body = " ".join(f"Westland's unemployment dropped to {n} per cent in {1950 + n}." for n in range(60))
    monkeypatch.setattr("claims.tasks.MATCH_CHUNK", 25)
    first, more = [], []  # what was queued, passed on unchanged
    for task, seen in ((match_claims_task, first), (match_claim_ids_task, more)):
        queue = task.apply_async
        monkeypatch.setattr(
            task, "apply_async", lambda *a, _q=queue, _s=seen, **kw: _s.append((a, kw)) or _q(*a, **kw)
        )

    article, _ = article_ingest(article=ArticleInput(title="Jobs", body=body), created_by=None)

    # then: segmentation's messages carry no priority (0, served first on Redis); matching's come after
    assert MATCH_PRIORITY > 0
    assert [kw["priority"] for _, kw in first + more] == [MATCH_PRIORITY] * 3
    ids = list(article.claims.order_by("pk").values_list("pk", flat=True))
    assert len(ids) == 60
    assert [a[0][0] for a, _ in more] == [ids[25:50], ids[50:]]
    # and every claim was matched, the chunks together
    assert set(ClaimMatch.objects.filter(candidate=fact_check).values_list("claim_id", flat=True)) == set(ids)


@pytest.mark.django_db(transaction=True)
def test_a_matching_failure_is_logged_and_the_segmentation_stands(fact_check, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("index gone")

    monkeypatch.setattr(matches, "claim_match", broken)

    with caplog.at_level(logging.ERROR, logger="claims.tasks"):
        article, _ = article_ingest(article=ArticleInput(title="Jobs", body=BODY), created_by=None)

    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert article.claims.count() == 2
    assert not ClaimMatch.objects.exists()
    assert "matching claims" in caplog.text
    assert "index gone" in caplog.text


@pytest.mark.postgresql
@pytest.mark.django_db
def test_the_start_up_check_says_plainly_when_pg_trgm_is_missing():
    assert pg_trgm_installed(databases=["default"]) == []

    with connection.cursor() as cursor:
        # Rolled back with the test's transaction (PostgreSQL's DDL is transactional).
        cursor.execute("DROP EXTENSION pg_trgm CASCADE")
    (error,) = pg_trgm_installed(databases=["default"])

    assert error.id == "claims.E001"
    assert "pg_trgm" in error.msg
    assert "CREATE EXTENSION pg_trgm" in error.hint
