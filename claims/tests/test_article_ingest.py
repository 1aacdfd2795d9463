"""article_ingest: normalised, hashed, idempotent, validated, queued only after commit."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from claims.ingest import ArticleInput, article_ingest
from claims.models import Article

pytestmark = pytest.mark.django_db(transaction=True)

BODY = "The army said 1,200 troops left in March.\nOfficials confirmed the figure on Monday."


def test_identical_content_returns_the_stored_article():
    first, created_first = article_ingest(article=ArticleInput(title="Troops", body=BODY), created_by=None)
    again, created_again = article_ingest(
        article=ArticleInput(title="Another title", body=BODY + "\n"), created_by=None
    )

    assert created_first
    assert not created_again
    assert again.pk == first.pk
    assert Article.objects.count() == 1


def test_body_is_normalised_to_nfc_and_unix_newlines():
    decomposed = "Cafe\u0301 prices rose 5%.\r\nThe mayor said so.\r"

    article, _ = article_ingest(article=ArticleInput(title="Prices", body=decomposed), created_by=None)

    assert article.body == "Caf\u00e9 prices rose 5%.\nThe mayor said so."


def test_same_text_in_other_unicode_form_is_a_duplicate():
    first, _ = article_ingest(article=ArticleInput(title="a", body="Caf\u00e9 prices rose."), created_by=None)
    second, created = article_ingest(article=ArticleInput(title="b", body="Cafe\u0301 prices rose."), created_by=None)

    assert not created
    assert second.pk == first.pk


def test_html_is_reduced_to_text():
    article, _ = article_ingest(
        article=ArticleInput(
            title="HTML", body="<p>Prices rose 5%.</p><script>alert(1)</script><p>The mayor said so.</p>", is_html=True
        ),
        created_by=None,
    )

    assert article.body == "Prices rose 5%.\n\nThe mayor said so."


@pytest.mark.parametrize(
    ("body", "field"),
    [("", "body"), ("   \n\t ", "body"), ("bad \x00 byte", "body"), ("bell \x07 here", "body")],
)
def test_invalid_bodies_are_refused_and_nothing_is_stored(body, field):
    with pytest.raises(ValidationError) as refused:
        article_ingest(article=ArticleInput(title="t", body=body), created_by=None)

    assert field in refused.value.message_dict
    assert Article.objects.count() == 0


def test_body_over_the_size_limit_is_refused(settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 100

    with pytest.raises(ValidationError) as refused:
        article_ingest(article=ArticleInput(title="t", body="x" * 101), created_by=None)

    assert "limit is 100" in refused.value.message_dict["body"][0]


def test_empty_title_is_refused():
    with pytest.raises(ValidationError) as refused:
        article_ingest(article=ArticleInput(title="  ", body=BODY), created_by=None)

    assert "title" in refused.value.message_dict


def test_new_article_is_segmented_after_commit():
    article, _ = article_ingest(article=ArticleInput(title="Troops", body=BODY), created_by=None)

    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert [c.text for c in article.claims.order_by("position")] == [
        "The army said 1,200 troops left in March.",
        "Officials confirmed the figure on Monday.",
    ]


def test_rolled_back_ingest_stores_and_queues_nothing():
    def ingest_then_fail():
        with transaction.atomic():
            article_ingest(article=ArticleInput(title="Troops", body=BODY), created_by=None)
            raise RuntimeError("the caller failed after ingesting")

    with pytest.raises(RuntimeError):
        ingest_then_fail()

    assert Article.objects.count() == 0
