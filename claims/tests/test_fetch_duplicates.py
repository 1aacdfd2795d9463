"""The same URL, canonical URL or extracted text brings back the stored article instead of a second one."""

from claims.ingest import ArticleInput, article_ingest
from claims.ingest_url import article_submit_url
from claims.models import Article
from factcheck.testing import Route

from .site import HOMES, news_page

URL = "/api/v1/articles/"


def test_the_same_url_again_answers_200_with_the_stored_article(integrator, api_client_for, site, run_on_commit):
    client = api_client_for(integrator)
    with run_on_commit():
        first = client.post(URL, {"url": site.url("/news/homes")}, format="json")

    second = client.post(URL, {"url": site.url("/news/homes#comments")}, format="json")

    assert second.status_code == 200
    assert second.data["id"] == first.data["id"]
    assert Article.objects.count() == 1
    assert site.paths_requested().count("/news/homes") == 1


def test_a_url_that_is_another_pages_canonical_url_answers_with_that_article(editor, site, run_on_commit, db):
    with run_on_commit():
        first, _ = article_submit_url(url=site.url("/moved"), created_by=editor)

    again, created = article_submit_url(url=site.url("/news/homes"), created_by=editor)

    assert not created
    assert again.pk == first.pk


def test_a_page_with_the_text_of_a_stored_article_becomes_a_duplicate_of_it(editor, site, run_on_commit, db):
    # given the text came in pasted before
    pasted, _ = article_ingest(
        article=ArticleInput(title=HOMES[0], body=f"{HOMES[0]}\n" + "\n".join(HOMES[1])), created_by=editor
    )
    site.routes["/copy"] = Route(news_page(*HOMES))

    with run_on_commit():
        fetched, created = article_submit_url(url=site.url("/copy"), created_by=editor)

    fetched.refresh_from_db()
    assert created  # the caller got an id at once; the fetch found the text stored
    assert fetched.segmentation_status == Article.SegmentationStatus.DUPLICATE
    assert fetched.duplicate_of == pasted
    assert not fetched.claims.exists()
    # and the URL now answers with the stored article
    assert article_submit_url(url=site.url("/copy"), created_by=editor) == (pasted, False)


def test_a_page_whose_canonical_url_is_stored_becomes_a_duplicate(editor, site, run_on_commit, db):
    site.routes["/amp/homes"] = Route(news_page(HOMES[0], [*HOMES[1], "Extra."], canonical=site.url("/news/homes")))
    with run_on_commit():
        original, _ = article_submit_url(url=site.url("/news/homes"), created_by=editor)
        amp, _ = article_submit_url(url=site.url("/amp/homes"), created_by=editor)

    amp.refresh_from_db()
    assert amp.segmentation_status == Article.SegmentationStatus.DUPLICATE
    assert amp.duplicate_of_id == original.pk
