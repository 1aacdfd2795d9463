"""Which events are emitted: article.segmented / article.failed, claim.published, verdict.corrected."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.events import articles_segmentation_notify
from claims.ingest import ArticleInput, article_ingest
from claims.tests.factories import ArticleFactory, ClaimFactory
from factcheck.webhooks.models import WebhookDelivery
from factcheck.webhooks.services import webhook_subscription_create
from reviews.tests.api_helpers import corrected, published

EVERYTHING = ["article.segmented", "article.failed", "claim.published", "verdict.corrected"]


def _events(receiver):
    return [json.loads(r["body"]) for r in receiver.requests]


def test_segmenting_an_article_emits_article_segmented(integrator, receiver, django_capture_on_commit_callbacks):
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=EVERYTHING)

    with django_capture_on_commit_callbacks(execute=True):
        article, _ = article_ingest(
            article=ArticleInput(
                title="Bridge",
                body="The council spent 4 million euros on the bridge in 2022. The cost doubled by 2024.",
            ),
            created_by=None,
        )

    (event,) = _events(receiver)
    assert event["event"] == "article.segmented"
    assert event["data"]["article"]["id"] == article.pk
    assert event["data"]["article"]["claim_count"] == article.claims.count() > 0


def test_a_failed_segmentation_emits_article_failed(integrator, receiver, django_capture_on_commit_callbacks):
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["article.failed"])
    article = ArticleFactory(segmentation_status="failed", segmentation_error="ValueError: unreadable")

    with django_capture_on_commit_callbacks(execute=True):
        articles_segmentation_notify(done=[], failed=[article.pk])

    (event,) = _events(receiver)
    assert event["event"] == "article.failed"
    assert event["data"]["article"]["segmentation_error"] == "ValueError: unreadable"


def test_a_batch_of_articles_is_described_with_one_query(integrator, receiver, django_capture_on_commit_callbacks):
    """Claim counts come with the articles, not one COUNT per article."""
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["article.segmented"])
    articles = ArticleFactory.create_batch(4)
    for n, article in enumerate(articles):
        ClaimFactory.create_batch(n, article=article)

    def notify(batch):
        with CaptureQueriesContext(connection) as ctx:
            articles_segmentation_notify(done=[a.pk for a in batch], failed=[])
        return [q["sql"] for q in ctx.captured_queries if 'FROM "claims_' in q["sql"]]

    with django_capture_on_commit_callbacks(execute=True):
        assert len(notify(articles[:1])) == len(notify(articles)) == 1

    counts = {e["data"]["article"]["id"]: e["data"]["article"]["claim_count"] for e in _events(receiver)}
    assert counts == {**{articles[0].pk: 0}, **{a.pk: n for n, a in enumerate(articles)}}


def test_approval_emits_claim_published_with_the_claimreview(
    integrator, reviewer, editor, receiver, django_capture_on_commit_callbacks
):
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])

    with django_capture_on_commit_callbacks(execute=True):
        claim, verdict = published(reviewer=reviewer, editor=editor)

    (event,) = _events(receiver)
    assert event["event"] == "claim.published"
    assert event["data"]["claim"]["id"] == claim.pk
    assert event["data"]["verdict"]["rating"] == "false"
    assert event["data"]["claimreview"]["@type"] == "ClaimReview"
    assert event["data"]["claimreview"]["claimReviewed"] == claim.text


def test_a_correction_emits_verdict_corrected_not_claim_published(
    integrator, reviewer, editor, other_editor, receiver, django_capture_on_commit_callbacks
):
    claim, _ = published(reviewer=reviewer, editor=editor)
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=EVERYTHING)

    with django_capture_on_commit_callbacks(execute=True):
        second = corrected(claim=claim, editor=other_editor, author=editor, note="The survey was revised.")

    (event,) = _events(receiver)
    assert event["event"] == "verdict.corrected"
    assert event["data"]["verdict"]["version"] == second.version == 2
    assert event["data"]["verdict"]["correction_note"] == "The survey was revised."


def test_a_refused_approval_emits_nothing(integrator, reviewer, receiver, django_capture_on_commit_callbacks):
    from factcheck.errors import RoleForbidden
    from reviews import services
    from reviews.tests.api_helpers import submitted

    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.published"])
    _, verdict = submitted(reviewer=reviewer)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RoleForbidden):
        services.verdict_approve(verdict=verdict, actor=reviewer)

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_the_sweep_giving_up_on_an_article_emits_article_failed(
    integrator, receiver, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from claims.pipeline import article_sweep_stuck

    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["article.failed"])
    article = ArticleFactory(
        segmentation_status="running",
        segmentation_started_at=timezone.now() - timedelta(days=1),
        segmentation_attempts=settings.FACTCHECK_SEGMENTATION_MAX_ATTEMPTS,
    )

    with django_capture_on_commit_callbacks(execute=True):
        outcome = article_sweep_stuck()

    assert outcome.gave_up == [article.pk]
    (event,) = _events(receiver)
    assert event["event"] == "article.failed"
    assert "Gave up" in event["data"]["article"]["segmentation_error"]
