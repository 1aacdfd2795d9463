"""The admin: add an article by URL, see the page as fetched (sandboxed), re-fetch; editors manage feeds."""

from django.urls import reverse

from claims.models import Article, Feed


def _add_url(client, url):
    fields = {"url": url, "title": "", "body": "", "publisher": "", "author": "", "language": "en"}
    return client.post(reverse("admin:claims_article_add"), fields, follow=True)


def test_adding_a_url_in_the_admin_fetches_and_segments_it(client, editor, site, run_on_commit):
    client.force_login(editor)

    with run_on_commit():
        response = _add_url(client, site.url("/news/homes"))

    assert response.status_code == 200
    article = Article.objects.get()
    assert article.created_by == editor
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert "queued to be fetched" in response.content.decode()


def test_the_admin_refuses_neither_url_nor_body(client, editor):
    client.force_login(editor)

    response = _add_url(client, "")

    assert "Give a URL to fetch, or a title and a body." in response.content.decode()
    assert not Article.objects.exists()


def test_the_admin_refuses_an_internal_url(client, editor, settings):
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = []
    client.force_login(editor)

    response = _add_url(client, "http://127.0.0.1:8000/admin/")

    assert "not a public address" in response.content.decode()
    assert not Article.objects.exists()


def test_the_page_as_fetched_is_served_sandboxed_without_scripts(client, reviewer, site, run_on_commit):
    from claims.ingest_url import article_submit_url

    with run_on_commit():
        article, _ = article_submit_url(url=site.url("/news/homes"), created_by=None)
    client.force_login(reviewer)

    page = client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    response = client.get(reverse("admin:claims_article_snapshot", args=[article.pk]))

    assert 'sandbox=""' in page
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox;")
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert b"Minister says 4,000 homes were built" in response.content


def test_the_snapshot_is_for_the_desk_only(client, integrator, site, run_on_commit):
    from claims.ingest_url import article_submit_url

    with run_on_commit():
        article, _ = article_submit_url(url=site.url("/news/homes"), created_by=None)
    client.force_login(integrator)

    response = client.get(reverse("admin:claims_article_snapshot", args=[article.pk]))

    assert response.status_code == 302  # to the login page: integrators have no admin


def test_an_editor_adds_a_feed_in_the_admin(client, editor, settings):
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = ["news.example.org"]
    client.force_login(editor)

    response = client.post(
        reverse("admin:claims_feed_add"),
        {
            "url": "https://news.example.org/feed.xml",
            "name": "News",
            "publisher": "",
            "is_active": "",
            "poll_interval_minutes": 15,
        },
        follow=True,
    )

    assert response.status_code == 200
    feed = Feed.objects.get()
    assert feed.created_by == editor
    assert feed.poll_interval_minutes == 15


def test_the_feed_list_shows_each_feeds_error(client, editor):
    Feed.objects.create(
        url="https://news.example.org/feed", name="News", last_status="failed", last_error="The feed answered 503."
    )
    client.force_login(editor)

    page = client.get(reverse("admin:claims_feed_changelist")).content.decode()

    assert "The feed answered 503." in page


def test_reviewers_do_not_manage_feeds_in_the_admin(client, reviewer):
    client.force_login(reviewer)

    assert client.get(reverse("admin:claims_feed_changelist")).status_code == 403
    assert client.get(reverse("admin:claims_feed_add")).status_code == 403
