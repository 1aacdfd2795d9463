"""Re-fetching an article: a new version only when the text changed, re-segmented keeping touched claims."""

import pytest

from claims.ingest_url import article_refetch, article_submit_url
from claims.models import Article, ArticleVersion
from factcheck.errors import RoleForbidden, StateConflict
from factcheck.testing import Route

from .site import HOMES, news_page

UPDATE = "Update: the ministry later said 3,800 homes were finished by December, not 4,000."


@pytest.fixture
def fetched(site, editor, run_on_commit):
    with run_on_commit():
        article, _ = article_submit_url(url=site.url("/news/homes"), created_by=editor)
    article.refresh_from_db()
    return article


def test_an_unchanged_page_makes_no_new_version(fetched, editor, site, run_on_commit):
    claims_before = list(fetched.claims.values_list("pk", "start", "end"))

    with run_on_commit():
        article_refetch(article=fetched, actor=editor)

    fetched.refresh_from_db()
    assert fetched.version == 1
    assert ArticleVersion.objects.filter(article=fetched).count() == 1
    assert list(fetched.claims.values_list("pk", "start", "end")) == claims_before
    assert site.paths_requested().count("/news/homes") == 2


def test_a_changed_page_makes_a_new_version_and_keeps_the_touched_claim(fetched, editor, site, run_on_commit):
    # given a reviewer worked on the second claim, and the page gained a paragraph at the top
    touched = fetched.claims.order_by("position")[1]
    touched.claimant = "The ministry"
    touched.assignee = editor
    touched.save(update_fields=["claimant", "assignee"])
    site.routes["/news/homes"] = Route(news_page(HOMES[0], [UPDATE, *HOMES[1]], canonical=site.url("/news/homes")))

    with run_on_commit():
        article_refetch(article=fetched, actor=editor)

    # then version 2 is the article's text, version 1 is kept, and the claims were made again
    fetched.refresh_from_db()
    assert fetched.version == 2
    assert UPDATE in fetched.body
    assert fetched.segmentation_status == Article.SegmentationStatus.DONE
    assert list(ArticleVersion.objects.filter(article=fetched).values_list("number", flat=True)) == [2, 1]
    assert UPDATE not in ArticleVersion.objects.get(article=fetched, number=1).body
    touched.refresh_from_db()
    assert touched.assignee == editor
    assert fetched.body[touched.start : touched.end] == touched.original_text
    texts = [claim.text for claim in fetched.claims.order_by("position")]
    assert any("3,800 homes" in text for text in texts)
    assert texts.count(touched.text) == 1
    positions = list(fetched.claims.order_by("start").values_list("position", flat=True))
    assert positions == sorted(positions)


def test_only_editors_may_refetch(fetched, reviewer):
    with pytest.raises(RoleForbidden):
        article_refetch(article=fetched, actor=reviewer)


def test_an_article_without_a_url_cannot_be_refetched(editor, db):
    from claims.tests.factories import ArticleFactory

    with pytest.raises(StateConflict):
        article_refetch(article=ArticleFactory(url=None), actor=editor)


def test_a_refetch_that_fails_keeps_the_article_and_records_why(fetched, editor, site, run_on_commit):
    site.routes["/news/homes"] = Route("gone", status=410, content_type="text/plain")

    with run_on_commit():
        article_refetch(article=fetched, actor=editor)

    fetched.refresh_from_db()
    assert fetched.segmentation_status == Article.SegmentationStatus.DONE
    assert fetched.fetch_error == "The page answered 410."
    assert fetched.claims.exists()


def test_refetching_an_article_whose_first_fetch_failed_fetches_it_as_new(editor, site, run_on_commit):
    site.routes["/later"] = Route("not yet", status=503, content_type="text/plain")
    with run_on_commit():
        article, _ = article_submit_url(url=site.url("/later"), created_by=editor)
    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.FAILED
    site.routes["/later"] = Route(news_page(*HOMES))

    with run_on_commit():
        article_refetch(article=article, actor=editor)

    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert article.fetch_error == ""
    assert article.claims.exists()


def test_refetch_over_the_api_is_for_editors(fetched, editor, reviewer, api_client_for, run_on_commit):
    url = f"/api/v1/articles/{fetched.pk}/refetch/"

    assert api_client_for(reviewer).post(url).status_code == 403
    with run_on_commit():
        response = api_client_for(editor).post(url)
    assert response.status_code == 202
