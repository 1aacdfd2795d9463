"""An article by URL: stored at once as `fetching`, then fetched, extracted by trafilatura and segmented."""

import zlib

from claims.extraction import snapshot_unpack
from claims.models import Article, ArticleVersion

from .site import HOMES

URL = "/api/v1/articles/"


def test_a_url_alone_answers_202_fetching_then_the_article_is_extracted_and_segmented(
    integrator, api_client_for, site, run_on_commit
):
    # when
    with run_on_commit():
        response = api_client_for(integrator).post(URL, {"url": site.url("/news/homes")}, format="json")

    # then: the answer came before the fetch, the article went on to be segmented
    assert response.status_code == 202
    assert response.data["segmentation_status"] == "fetching"
    article = Article.objects.get(pk=response.data["id"])
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert article.title == HOMES[0]
    assert article.claims.exists()
    for claim in article.claims.all():
        assert article.body[claim.start : claim.end] == claim.text


def test_the_main_text_and_metadata_are_extracted_without_the_page_furniture(
    editor, site, api_client_for, run_on_commit
):
    with run_on_commit():
        api_client_for(editor).post(URL, {"url": site.url("/news/homes")}, format="json")

    article = Article.objects.get()
    for paragraph in HOMES[1]:
        assert paragraph in article.body
    for furniture in ("Advertisement", "Read more", "cookies", "Sponsored", "All rights reserved", "Photo: Jonas"):
        assert furniture not in article.body
    assert article.author == "Amina Diallo"
    assert article.publisher == "Example News"
    assert article.language == "en"
    assert article.published_at.isoformat() == "2024-05-02T08:30:00+00:00"
    assert article.canonical_url == site.url("/news/homes")
    assert article.url == site.url("/news/homes")
    assert article.fetched_at is not None
    assert article.fetch_error == ""


def test_the_page_as_fetched_is_kept_compressed_as_the_first_version(editor, site, api_client_for, run_on_commit):
    with run_on_commit():
        api_client_for(editor).post(URL, {"url": site.url("/news/homes")}, format="json")

    article = Article.objects.get()
    version = ArticleVersion.objects.get(article=article)
    assert version.number == article.version == 1
    assert version.body == article.body
    assert version.content_hash == article.content_hash
    assert snapshot_unpack(version.html_zlib) == site.routes["/news/homes"].body
    assert len(version.html_zlib) < len(site.routes["/news/homes"].body)
    assert zlib.decompress(bytes(version.html_zlib)).startswith(b"<!DOCTYPE html>")
    assert version.charset == "utf-8"
    assert version.fetch_ms is not None
    assert version.extract_ms is not None


def test_a_publisher_given_with_the_url_wins_over_the_pages_site_name(editor, site, api_client_for, run_on_commit):
    with run_on_commit():
        api_client_for(editor).post(URL, {"url": site.url("/news/homes"), "publisher": "Wire"}, format="json")

    assert Article.objects.get().publisher == "Wire"


def test_a_redirect_is_followed_and_the_final_url_recorded(editor, site, api_client_for, run_on_commit):
    with run_on_commit():
        api_client_for(editor).post(URL, {"url": site.url("/moved")}, format="json")

    article = Article.objects.get()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert article.url == site.url("/moved")
    assert article.canonical_url == site.url("/news/homes")
    assert ArticleVersion.objects.get().url == site.url("/news/homes")


def test_without_a_body_or_url_the_api_answers_400(integrator, api_client_for):
    response = api_client_for(integrator).post(URL, {"title": "Only a title"}, format="json")

    assert response.status_code == 400
    assert "url" in response.data
    assert not Article.objects.exists()


def test_a_body_without_a_title_is_still_refused(integrator, api_client_for):
    response = api_client_for(integrator).post(URL, {"body": "Some text."}, format="json")

    assert response.status_code == 400
    assert "title" in response.data
