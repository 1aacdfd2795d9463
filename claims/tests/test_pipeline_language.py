"""The article's language is detected at segmentation; one the English rules cannot serve is stored, not split."""

import pytest

from claims.language import body_language, unserved_reason
from claims.models import Article
from claims.pipeline import article_segment
from claims.text import content_hash

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH = (
    "The finance minister said on Tuesday that unemployment fell to 4.2 percent last year, "
    "the lowest rate in a decade. Opposition leaders disputed the figure."
)
GERMAN = (
    "Der Finanzminister sagte am Dienstag, dass die Arbeitslosigkeit im vergangenen Jahr auf "
    "4,2 Prozent gesunken sei, den niedrigsten Stand seit einem Jahrzehnt. Die Opposition bestritt die Zahl."
)


def _pending(body: str) -> Article:
    return Article.objects.create(title="Story", body=body, content_hash=content_hash(body))


def test_an_english_article_is_split_and_its_language_stored():
    article = _pending(ENGLISH)

    article_segment(article_id=article.pk)

    article.refresh_from_db()
    assert article.detected_language == "en"
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert article.segmentation_error == ""
    assert article.claims.count() == 2


def test_a_german_article_is_stored_unsplit_with_the_reason():
    # given an article in German
    article = _pending(GERMAN)

    # when it is segmented
    outcome = article_segment(article_id=article.pk)

    # then it is done, with no claims and no furniture, and says why
    article.refresh_from_db()
    assert outcome.status == Article.SegmentationStatus.DONE
    assert article.detected_language == "de"
    assert article.claims.count() == 0
    assert article.fragments.count() == 0
    assert article.segmentation_error == unserved_reason("de")
    assert "serves English" in article.segmentation_error
    assert "'de'" in article.segmentation_error


def test_a_long_text_is_judged_by_its_opening():
    assert body_language(ENGLISH * 2000) == "en"
    assert body_language(GERMAN * 2000) == "de"


def test_a_short_text_is_not_judged():
    assert body_language("Prices rose 5% in May.") == ""
    assert unserved_reason("") == ""
    assert unserved_reason("en") == ""
