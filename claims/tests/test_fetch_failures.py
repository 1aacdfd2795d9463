"""A page that cannot be had ends its article `failed`, with the reason in words a person understands."""

import pytest

from claims.ingest_url import article_submit_url
from claims.models import Article, ArticleVersion
from factcheck.testing import Route


def _fetch(site, path, run_on_commit):
    with run_on_commit():
        article, _ = article_submit_url(url=site.url(path), created_by=None)
    article.refresh_from_db()
    return article


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "The page answered 404."),
        ("/broken", "The page answered 500."),
        ("/binary", "Not an HTML page (application/octet-stream)."),
        ("/binary-as-html", "Not an HTML page (binary content)."),
        ("/loop-a", "The page redirects in a loop."),
        ("/no-text", "No article text found on the page."),
        ("/private/memo", "The site's robots.txt does not allow us to fetch"),
    ],
)
def test_a_bad_page_ends_failed_with_its_reason(path, reason, site, run_on_commit, db):
    article = _fetch(site, path, run_on_commit)

    assert article.segmentation_status == Article.SegmentationStatus.FAILED
    assert article.fetch_error.startswith(reason)
    assert article.body == ""
    assert article.content_hash is None
    assert not ArticleVersion.objects.exists()
    assert not article.claims.exists()


def test_a_slow_answer_times_out(site, run_on_commit, settings, db):
    settings.FACTCHECK_FETCH_TIMEOUT_SECONDS = 1
    site.routes["/slow"] = Route("<p>late</p>", delay=2)

    article = _fetch(site, "/slow", run_on_commit)

    assert article.segmentation_status == Article.SegmentationStatus.FAILED
    assert article.fetch_error == "Timed out after 1 s."


def test_a_body_that_trickles_in_past_the_deadline_times_out(site, run_on_commit, settings, db):
    settings.FACTCHECK_FETCH_TIMEOUT_SECONDS = 1
    site.routes["/trickle"] = Route("<html><body>" + "<p>word</p>" * 100, trickle=0.05)

    article = _fetch(site, "/trickle", run_on_commit)

    assert article.fetch_error == "Timed out after 1 s."


def test_an_endless_body_is_cut_at_the_size_cap(site, run_on_commit, settings, db):
    settings.FACTCHECK_FETCH_MAX_BYTES = 200_000
    site.routes["/endless"] = Route(endless=50_000_000)

    article = _fetch(site, "/endless", run_on_commit)

    assert article.segmentation_status == Article.SegmentationStatus.FAILED
    assert article.fetch_error == "Larger than 200,000 bytes."


def test_a_declared_length_over_the_cap_is_refused_before_reading(site, run_on_commit, db):
    site.routes["/big"] = Route(b"<p>" + b"x" * 5_000_100 + b"</p>")

    article = _fetch(site, "/big", run_on_commit)

    assert article.fetch_error == "Larger than 5 MB."


def test_a_failed_fetch_is_told_to_webhook_subscribers(site, run_on_commit, settings, integrator, db):
    from factcheck.webhooks.models import WebhookDelivery
    from factcheck.webhooks.services import webhook_subscription_create

    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["hooks.example.org"]
    webhook_subscription_create(owner=integrator, url="https://hooks.example.org/h", events=["article.failed"])

    article = _fetch(site, "/missing", run_on_commit)

    payload = WebhookDelivery.objects.get(event="article.failed").payload
    assert payload["article"]["id"] == article.pk
    assert payload["article"]["fetch_error"] == "The page answered 404."
