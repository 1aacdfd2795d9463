"""Polling feeds: Atom and RSS, conditional GET, new entries once across feeds, errors recorded with backoff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.feeds import feed_create, feed_poll, feeds_poll_due
from claims.models import Article, Feed, FeedEntry
from factcheck.testing import Route

from .site import atom_feed, rss_feed

LAST_MODIFIED = "Thu, 02 May 2024 09:00:00 GMT"


def _atom(site, entries, etag="v1"):
    site.routes["/atom.xml"] = Route(
        atom_feed(entries, base=site.url("").rstrip("/")), content_type="application/atom+xml", etag=etag
    )


def _new_feed(editor, site, path, run_on_commit, **fields):
    with run_on_commit():
        return feed_create(actor=editor, url=site.url(path), name=path, **fields)


def test_a_new_atom_feed_is_polled_at_once_and_its_entries_become_articles(editor, site, run_on_commit):
    _atom(site, [("/news/homes", "Homes"), ("/news/grain", "Grain")])

    feed = _new_feed(editor, site, "/atom.xml", run_on_commit, publisher="Example Wire")

    feed.refresh_from_db()
    assert feed.last_status == Feed.Status.OK
    assert feed.last_new_entries == 2
    assert feed.etag == "v1"
    articles = Article.objects.order_by("url")
    assert [a.url for a in articles] == [site.url("/news/grain"), site.url("/news/homes")]
    assert all(a.segmentation_status == Article.SegmentationStatus.DONE for a in articles)
    assert all(a.publisher == "Example Wire" for a in articles)
    assert all(a.claims.exists() for a in articles)
    assert set(FeedEntry.objects.values_list("article_id", flat=True)) == {a.pk for a in articles}


def test_an_unchanged_feed_answers_304_and_nothing_is_fetched(editor, site, run_on_commit):
    _atom(site, [("/news/homes", "Homes")])
    feed = _new_feed(editor, site, "/atom.xml", run_on_commit)
    requests_before = len(site.requests)

    with run_on_commit():
        outcome = feed_poll(feed_id=feed.pk)

    assert outcome.result == Feed.Status.NOT_MODIFIED
    assert site.requests[requests_before:][0][1]["If-None-Match"] == "v1"
    assert site.paths_requested()[requests_before:] == ["/atom.xml"]
    assert Article.objects.count() == 1


def test_an_updated_rss_feed_brings_only_its_new_entries(editor, site, run_on_commit):
    # given an RSS feed with relative links and Last-Modified instead of an ETag
    def rss(entries, modified):
        return Route(rss_feed(entries, base=site.url("")), content_type="application/rss+xml", last_modified=modified)

    site.routes["/rss"] = rss([("/news/homes", "Homes")], LAST_MODIFIED)
    feed = _new_feed(editor, site, "/rss", run_on_commit)
    site.routes["/rss"] = rss([("/news/buses", "Buses"), ("/news/homes", "Homes")], "Fri, 03 May 2024 09:00:00 GMT")

    with run_on_commit():
        outcome = feed_poll(feed_id=feed.pk)

    assert outcome.new_entries == 1
    assert site.paths_requested().count("/news/homes") == 1
    assert Article.objects.filter(url=site.url("/news/buses")).exists()
    feed.refresh_from_db()
    assert feed.last_modified == "Fri, 03 May 2024 09:00:00 GMT"


def test_the_same_entry_in_two_feeds_comes_in_once(editor, site, run_on_commit):
    _atom(site, [("/news/homes", "Homes")])
    site.routes["/rss"] = Route(rss_feed([("/news/homes", "Homes")], base=site.url("")), content_type="text/xml")

    _new_feed(editor, site, "/atom.xml", run_on_commit)
    second = _new_feed(editor, site, "/rss", run_on_commit)

    second.refresh_from_db()
    assert second.last_new_entries == 0
    assert FeedEntry.objects.count() == 1
    assert Article.objects.count() == 1
    assert site.paths_requested().count("/news/homes") == 1


@pytest.mark.parametrize(
    ("route", "error"),
    [
        (Route("down", status=503, content_type="text/plain"), "The feed answered 503."),
        (Route("<html><body>Not a feed</body></html>"), "Not an RSS or Atom feed"),
    ],
)
def test_a_broken_feed_records_its_error_and_backs_off(route, error, editor, site, run_on_commit):
    site.routes["/broken-feed"] = route

    feed = _new_feed(editor, site, "/broken-feed", run_on_commit, poll_interval_minutes=10)

    feed.refresh_from_db()
    assert feed.last_status == Feed.Status.FAILED
    assert feed.last_error.startswith(error)
    assert feed.consecutive_failures == 1
    assert feed.next_poll_at - feed.last_polled_at == timedelta(minutes=20)
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.consecutive_failures == 2
    assert feed.next_poll_at - feed.last_polled_at == timedelta(minutes=40)


def test_a_broken_feed_does_not_stop_the_others(editor, site, run_on_commit):
    _atom(site, [("/news/homes", "Homes")])
    site.routes["/broken-feed"] = Route("down", status=500, content_type="text/plain")
    with run_on_commit():
        broken = Feed.objects.create(url=site.url("/broken-feed"), name="a broken", next_poll_at=timezone.now())
        working = Feed.objects.create(url=site.url("/atom.xml"), name="b working", next_poll_at=timezone.now())
        Feed.objects.create(url=site.url("/paused"), name="c paused", is_active=False, next_poll_at=timezone.now())

    with run_on_commit():
        polled = feeds_poll_due()

    assert polled == [broken.pk, working.pk]
    broken.refresh_from_db()
    working.refresh_from_db()
    assert broken.last_status == Feed.Status.FAILED
    assert working.last_status == Feed.Status.OK
    assert Article.objects.count() == 1
    assert feeds_poll_due() == []  # neither is due again yet


def test_a_feed_entry_pointing_inside_the_network_is_recorded_not_fetched(editor, site, run_on_commit):
    site.routes["/atom.xml"] = Route(
        atom_feed([("/latest/meta-data/", "Metadata")], base="http://169.254.169.254"),
        content_type="application/atom+xml",
    )

    _new_feed(editor, site, "/atom.xml", run_on_commit)

    entry = FeedEntry.objects.get()
    assert entry.article is None
    assert "not a public address" in entry.error
    assert not Article.objects.exists()
