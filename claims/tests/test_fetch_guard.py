"""Fetching goes through the outbound guard: internal addresses are refused unless allow-listed, on every hop."""

import pytest
from django.core.exceptions import ValidationError

from claims.ingest_url import article_submit_url
from claims.models import Article
from factcheck.testing import LocalSite, Route

URL = "/api/v1/articles/"


def test_without_the_allow_list_the_local_site_is_refused_at_once(site, settings, integrator, api_client_for):
    # given the same local site, no longer allow-listed
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = []

    response = api_client_for(integrator).post(URL, {"url": site.url("/news/homes")}, format="json")

    assert response.status_code == 400
    assert "not a public address" in response.data["url"][0]
    assert not Article.objects.exists()
    assert site.requests == []


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{other}/news/homes",
        "http://[::1]:{other}/news/homes",
        "http://10.0.0.7/news",
        "http://192.168.1.20/news",
        "http://169.254.169.254/latest/meta-data/",
    ],
)
def test_a_redirect_to_a_private_address_is_refused(target, site, run_on_commit, db):
    # given an allowed page that redirects elsewhere inside the network (another port is another host)
    with LocalSite({"/news/homes": Route("<p>internal</p>")}) as other:
        site.routes["/jump"] = Route(status=302, headers={"Location": target.format(other=other.server.server_port)})

        with run_on_commit():
            article, _ = article_submit_url(url=site.url("/jump"), created_by=None)

        assert other.requests == []
    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.FAILED
    assert article.fetch_error.startswith("The page redirects to an address we may not fetch")


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a", "file:///etc/passwd", "http://user:pw@example.org/a", "javascript:alert(1)"]
)
def test_only_http_urls_without_credentials_are_taken(url, settings, db):
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = ["example.org"]

    with pytest.raises(ValidationError) as refused:
        article_submit_url(url=url, created_by=None)

    assert "url" in refused.value.message_dict
    assert not Article.objects.exists()


def test_the_allow_list_is_its_own_and_not_the_webhooks(site, settings, db):
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = []
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = [site.host]

    with pytest.raises(ValidationError):
        article_submit_url(url=site.url("/news/homes"), created_by=None)
