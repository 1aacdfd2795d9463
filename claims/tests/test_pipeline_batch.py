"""article_segment_batch: several articles claimed, segmented and written together; failures stay per article."""

import time

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection

from claims import pipeline, segmentation
from claims.models import Article, Claim
from claims.pg_copy import copy_claims
from claims.pipeline import article_segment_batch
from claims.segmentation import segment
from claims.tasks import segment_articles_task
from claims.text import content_hash

pytestmark = pytest.mark.django_db(transaction=True)

BODIES = [
    "The ministry said 4,000 homes were built in 2023. Critics said the real figure was closer to 2,500.",
    "Unemployment fell to 4 percent in May. The central bank expects it to rise again next year.",
    "The army said 1,200 troops left Niger in August. Officials confirmed the figure on Monday.",
]


def _pending(body: str) -> Article:
    return Article.objects.create(title=body[:30], body=body, content_hash=content_hash(body))


def _status(article: Article) -> str:
    article.refresh_from_db()
    return article.segmentation_status


def test_batch_writes_every_article_with_exact_offsets_and_reports_in_order():
    articles = [_pending(body) for body in BODIES]
    done_already = articles[1]
    article_segment_batch(article_ids=[done_already.pk])

    result = segment_articles_task.delay([a.pk for a in reversed(articles)]).get()

    assert [r["article_id"] for r in result] == [a.pk for a in reversed(articles)]
    assert [r["ran"] for r in result] == [True, False, True]  # the middle one was already done
    for article in articles:
        article.refresh_from_db()
        assert article.segmentation_status == Article.SegmentationStatus.DONE
        expected = [s for s in segment(article.body) if not s.is_boilerplate]
        claims = list(article.claims.order_by("position"))
        assert [(c.start, c.end, c.position) for c in claims] == [(s.start, s.end, i) for i, s in enumerate(expected)]
        assert all(article.body[c.start : c.end] == c.text for c in claims)
    assert Claim.objects.count() == sum(len([s for s in segment(b) if not s.is_boilerplate]) for b in BODIES)


def test_each_article_of_a_batch_records_its_own_segmentation_time(monkeypatch):
    again = BODIES[0] + " Again."
    articles = [_pending(body) for body in [*BODIES, again]]
    pauses = {BODIES[0]: 0.060, BODIES[1]: 0.001, BODIES[2]: 0.030, again: 0.060}

    def slow_segment(text):
        time.sleep(pauses[text])
        return segment(text)

    monkeypatch.setattr(segmentation, "segment", slow_segment)

    outcomes = article_segment_batch(article_ids=[a.pk for a in articles])

    recorded = dict(Article.objects.filter(pk__in=[a.pk for a in articles]).values_list("pk", "segmentation_ms"))
    assert recorded == {o.article_id: o.elapsed_ms for o in outcomes}
    for article in articles:
        assert recorded[article.pk] >= pauses[article.body] * 1000
    assert recorded[articles[1].pk] < 60  # not the slow ones' time


def test_a_segmenter_error_fails_that_article_alone(monkeypatch):
    articles = [_pending(body) for body in BODIES]

    def breaks_on_jobs(text):
        if "Unemployment" in text:
            raise ValueError("cannot split this")
        return segment(text)

    monkeypatch.setattr(segmentation, "segment", breaks_on_jobs)

    outcomes = article_segment_batch(article_ids=[a.pk for a in articles])

    assert [o.status for o in outcomes] == ["done", "failed", "done"]
    assert outcomes[1].error == "ValueError: cannot split this"
    failed = Article.objects.get(pk=articles[1].pk)
    assert failed.segmentation_error == "ValueError: cannot split this"
    assert not failed.claims.exists()
    assert articles[0].claims.exists()
    assert articles[2].claims.exists()


def test_a_write_the_database_refuses_fails_that_article_alone(monkeypatch):
    articles = [_pending(body) for body in BODIES]
    make_fields = pipeline.claim_fields

    def out_of_range_for_troops(segment, **kwargs):
        fields = make_fields(segment, **kwargs)
        if kwargs["article_id"] == articles[2].pk and kwargs["position"] == 0:
            fields["checkworthiness"] = 7.0  # violates claim_checkworthiness_range
        return fields

    monkeypatch.setattr(pipeline, "claim_fields", out_of_range_for_troops)

    outcomes = article_segment_batch(article_ids=[a.pk for a in articles])

    assert [o.status for o in outcomes] == ["done", "done", "failed"]
    assert outcomes[2].error.startswith("IntegrityError")
    assert _status(articles[2]) == Article.SegmentationStatus.FAILED
    assert not articles[2].claims.exists()
    assert articles[0].claims.count() == 2
    assert articles[1].claims.count() == 2


def test_time_limit_fails_the_slow_article_and_hands_the_rest_back(monkeypatch):
    articles = [_pending(body) for body in BODIES]
    slow = articles[1]

    def too_slow_on_jobs(text):
        if "Unemployment" in text and _status(slow) == Article.SegmentationStatus.RUNNING:
            raise SoftTimeLimitExceeded()
        return segment(text)

    monkeypatch.setattr(segmentation, "segment", too_slow_on_jobs)

    outcomes = article_segment_batch(article_ids=[a.pk for a in articles])

    assert [o.status for o in outcomes] == ["done", "failed", ""]
    assert _status(slow) == Article.SegmentationStatus.FAILED
    # The third went back to the queue; without a broker here, its task ran when the release committed.
    third = Article.objects.get(pk=articles[2].pk)
    assert third.segmentation_status == Article.SegmentationStatus.DONE
    assert third.segmentation_attempts == 2


@pytest.mark.postgresql
def test_copy_writes_the_rows_bulk_create_writes():
    from django.utils import timezone

    first, second = _pending(BODIES[0]), _pending(BODIES[0] + " ")
    segments = [s for s in segment(BODIES[0]) if not s.is_boilerplate]
    now = timezone.now()

    def values(article):
        return [
            pipeline.claim_fields(segment, article_id=article.pk, position=position, segmenter_version="9.9")
            for position, segment in enumerate(segments)
        ]

    copy_claims(values(first), now=now)
    Claim.objects.bulk_create(Claim(**row) for row in values(second))

    def rows(article):
        fields = [f.attname for f in Claim._meta.concrete_fields if f.attname not in ("id", "article_id")]
        return [
            {k: v for k, v in row.items() if k not in ("created_at", "updated_at")}
            for row in Claim.objects.filter(article=article).order_by("position").values(*fields)
        ]

    assert rows(first) == rows(second)
    assert len(rows(first)) == 2
    copied = Claim.objects.filter(article=first).first()
    assert copied.created_at == copied.updated_at == now
    assert connection.vendor == "postgresql"


@pytest.mark.postgresql
def test_copy_keeps_every_character_and_value_exactly():
    from django.utils import timezone

    article = _pending('A tab\there, a back\\slash, a quote " and an emoji 😀 on one line.\nAnd a second line.')
    text = article.body[:60]
    value = {
        "article_id": article.pk,
        "text": text,
        "original_text": text + "\r\n",
        "start": 0,
        "end": 60,
        "position": 0,
        "checkworthiness": 0.1 + 0.2,
        "reasons": ['quote "inside"', "back\\slash", "naïve"],
        "claim_type": "quantity",
        "segmenter_version": "9.9",
    }
    now = timezone.now()

    copy_claims([value], now=now)

    claim = Claim.objects.get(article=article)
    assert claim.text == text
    assert claim.original_text == text + "\r\n"
    assert claim.checkworthiness == 0.1 + 0.2
    assert claim.reasons == ['quote "inside"', "back\\slash", "naïve"]
    assert claim.tags == []
    assert (claim.status, claim.dismiss_reason, claim.assignee_id, claim.claimant_url) == ("new", "", None, "")
    assert claim.created_at == claim.updated_at == now
