"""article_ingest_batch: many records, one lookup and one insert; refusals and duplicates settled per record."""

import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from claims.ingest import ArticleInput, article_ingest, article_ingest_batch
from claims.models import Article
from claims.text import content_hash

pytestmark = pytest.mark.django_db(transaction=True)

HOMES = "The ministry said 4,000 homes were built in 2023. Critics said the real figure was closer to 2,500."
JOBS = "Unemployment fell to 4 percent in May. The central bank expects it to rise again next year."


def _record(n: int, **fields) -> ArticleInput:
    return ArticleInput(title=f"Story {n}", body=f"The council said {n} buses were bought in 2024.", **fields)


def _store_in_another_connection(title: str, body: str) -> None:
    try:
        Article.objects.create(title=title, body=body, content_hash=content_hash(body))
    finally:
        connection.close()


def test_each_record_gets_its_own_result_in_order():
    stored, _ = article_ingest(
        article=ArticleInput(title="Homes", body=HOMES, url="https://news.example.org/homes"), created_by=None
    )

    results = article_ingest_batch(
        articles=[
            ArticleInput(title="Jobs", body=JOBS, url="https://news.example.org/jobs"),
            ArticleInput(title="Homes, again", body=HOMES),  # the text is already stored
            ArticleInput(title="Empty", body="  "),
            ArticleInput(title="Other text, stored URL", body="Prices rose.", url="https://news.example.org/homes"),
            ArticleInput(title="Jobs, again", body=JOBS),  # first seen earlier in this batch
            ArticleInput(
                title="Other text, URL of this batch", body="Rents fell.", url="https://news.example.org/jobs"
            ),
        ],
        created_by=None,
    )

    jobs = Article.objects.get(title="Jobs")
    assert [(r.article, r.created) for r in results] == [
        (jobs, True),
        (stored, False),
        (None, False),
        (None, False),
        (jobs, False),
        (None, False),
    ]
    assert results[2].error.message_dict == {"body": ["The article body is empty."]}
    assert results[3].error.error_dict["url"][0].code == "unique"
    assert results[5].error.error_dict["url"][0].code == "unique"
    assert Article.objects.count() == 2


def test_queries_do_not_grow_with_the_batch():
    def queries_for(records):
        # Inside a transaction, as the import command calls it; segmentation is queued for the commit.
        with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
            results = article_ingest_batch(articles=records, created_by=None)
        assert all(r.created for r in results)
        return len(ctx.captured_queries)

    few = queries_for([_record(n) for n in range(2)])
    # 30 articles still fit one INSERT on SQLite, whose statements take at most 999 parameters.
    many = queries_for([_record(n, url=f"https://news.example.org/{n}") for n in range(100, 130)])

    assert many == few + 1  # the URL lookup, skipped when no record has a URL


def test_new_articles_have_history_and_their_segmentation_runs(settings):
    results = article_ingest_batch(articles=[_record(n) for n in range(3)], created_by=None)

    for result in results:
        article = Article.objects.get(pk=result.article.pk)
        assert article.history.count() == 1
        # No broker in this test: the task runs in-process when the batch commits.
        assert article.segmentation_status == Article.SegmentationStatus.DONE
        assert article.claims.count() == 1


def test_losing_a_race_for_a_text_settles_the_batch_record_by_record(monkeypatch):
    from simple_history import utils

    insert = utils.bulk_create_with_history

    def another_ingest_gets_there_first(objs, model, **kwargs):
        # A concurrent ingest commits the same text between our lookup and our insert.
        thread = threading.Thread(target=_store_in_another_connection, args=("Homes (theirs)", HOMES))
        thread.start()
        thread.join(timeout=10)
        return insert(objs, model, **kwargs)

    monkeypatch.setattr(utils, "bulk_create_with_history", another_ingest_gets_there_first)

    results = article_ingest_batch(
        articles=[ArticleInput(title="Homes (ours)", body=HOMES), ArticleInput(title="Jobs", body=JOBS)],
        created_by=None,
    )

    theirs = Article.objects.get(title="Homes (theirs)")
    assert [(r.article, r.created) for r in results] == [(theirs, False), (Article.objects.get(title="Jobs"), True)]
    assert Article.objects.count() == 2
