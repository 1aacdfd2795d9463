"""Feed to claims with the real thing: a `celery worker` process on Redis and PostgreSQL, the local site."""

import pytest

from claims.feeds import feed_create
from claims.models import Article, Feed
from claims.tasks import poll_feed_task
from factcheck.testing import Route, wait_until

from .site import HOMES, atom_feed

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_feed_entry_is_fetched_extracted_and_segmented_and_the_second_poll_fetches_nothing(
    make_celery_worker, site, editor
):
    # given a worker allowed to reach the local site, and a feed with one entry
    worker = make_celery_worker(env={"FACTCHECK_FETCH_ALLOWED_HOSTS": site.host})
    worker.start()
    site.routes["/atom.xml"] = Route(
        atom_feed([("/news/homes", HOMES[0])], base=site.url("").rstrip("/")),
        content_type="application/atom+xml",
        etag='"feed-v1"',
    )

    # when the feed is added (its first poll is queued on commit)
    feed = feed_create(actor=editor, url=site.url("/atom.xml"), name="Example News")

    # then its entry became an article with claims
    def segmented():
        return Article.objects.filter(segmentation_status=Article.SegmentationStatus.DONE).exists()

    wait_until(segmented, timeout=60, what="the feed's entry to be fetched and segmented")
    article = Article.objects.get()
    assert article.url == site.url("/news/homes")
    assert article.title == HOMES[0]
    assert article.claims.count() >= 3
    for claim in article.claims.all():
        assert article.body[claim.start : claim.end] == claim.text

    # and a second poll is answered 304 and fetches nothing more
    before = len(site.requests)
    poll_feed_task.delay(feed.pk)
    wait_until(
        lambda: Feed.objects.get(pk=feed.pk).last_status == Feed.Status.NOT_MODIFIED,
        timeout=30,
        what="the second poll",
    )
    assert site.paths_requested()[before:] == ["/atom.xml"]
    assert site.requests[before][1]["If-None-Match"] == '"feed-v1"'
    assert Article.objects.count() == 1
