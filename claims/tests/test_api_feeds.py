"""Feeds over the API: editors and integrators manage them; the URL goes through the fetch guard."""

from claims.models import Feed

URL = "/api/v1/feeds/"


def test_an_integrator_adds_a_feed_and_it_is_polled(integrator, api_client_for, site, run_on_commit):
    from factcheck.testing import Route

    from .site import atom_feed

    site.routes["/atom.xml"] = Route(atom_feed([], base=site.url("")), content_type="application/atom+xml")

    with run_on_commit():
        response = api_client_for(integrator).post(
            URL, {"url": site.url("/atom.xml"), "name": "Example"}, format="json"
        )

    assert response.status_code == 201
    feed = Feed.objects.get()
    assert feed.created_by == integrator
    assert feed.last_status == Feed.Status.OK
    assert response.data["poll_interval_minutes"] == 30


def test_a_feed_inside_the_network_is_refused(editor, api_client_for, settings):
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = []

    response = api_client_for(editor).post(URL, {"url": "http://10.0.0.1/feed", "name": "Internal"}, format="json")

    assert response.status_code == 400
    assert "url" in response.data
    assert not Feed.objects.exists()


def test_the_same_feed_twice_is_refused(editor, api_client_for, settings):
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = ["news.example.org"]
    Feed.objects.create(url="https://news.example.org/feed", name="News")

    response = api_client_for(editor).post(
        URL, {"url": "https://news.example.org/feed", "name": "Again"}, format="json"
    )

    assert response.status_code == 400
    assert Feed.objects.count() == 1


def test_an_editor_pauses_a_feed_and_sees_its_error(editor, api_client_for):
    feed = Feed.objects.create(
        url="https://news.example.org/feed", name="News", last_status="failed", last_error="The feed answered 503."
    )

    response = api_client_for(editor).patch(f"{URL}{feed.pk}/", {"is_active": False}, format="json")

    assert response.status_code == 200
    assert response.data["is_active"] is False
    assert response.data["last_error"] == "The feed answered 503."
    feed.refresh_from_db()
    assert feed.is_active is False


def test_reviewers_may_not_touch_feeds(reviewer, api_client_for):
    feed = Feed.objects.create(url="https://news.example.org/feed", name="News")
    client = api_client_for(reviewer)

    assert client.get(URL).status_code == 403
    assert client.delete(f"{URL}{feed.pk}/").status_code == 403
    assert Feed.objects.exists()
