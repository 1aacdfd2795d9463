"""The database itself refuses claims and articles that break the model's invariants."""

import pytest
from django.db import IntegrityError, transaction

from claims.models import Article
from claims.tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def _refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(**fields)


def test_claim_end_must_follow_start():
    _refused(start=10, end=10)


def test_claim_checkworthiness_above_one_is_refused():
    _refused(checkworthiness=1.5)


def test_claim_checkworthiness_below_zero_is_refused():
    _refused(checkworthiness=-0.1)


def test_two_claims_cannot_share_a_position_in_one_article():
    claim = ClaimFactory(position=3)

    _refused(article=claim.article, position=3)


def test_same_position_in_different_articles_is_fine():
    ClaimFactory(position=0)
    ClaimFactory(position=0)


def test_article_url_is_unique_when_present():
    ArticleFactory(url="https://news.example.org/a")

    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://news.example.org/a")


def test_many_articles_may_have_no_url():
    ArticleFactory(url=None)
    ArticleFactory(url=None)

    assert Article.objects.filter(url__isnull=True).count() == 2


def test_content_hash_is_unique():
    article = ArticleFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(body=article.body)
