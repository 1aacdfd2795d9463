"""itemReviewed.author is the claim's claimant, else the publisher; never the article's byline."""

from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews.claimreview import claimant_kind
from reviews.tests.api_helpers import published


def _item(api_client_for, claim):
    return api_client_for(None).get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["itemReviewed"]


def test_the_claimant_is_the_author_not_the_byline(reviewer, editor, api_client_for):
    # given an article with a byline and a claim whose claimant the text names
    article = ArticleFactory(author="Jane Reporter", publisher="Daily Example")
    claim = ClaimFactory(article=article, claimant="Maria Lopez")
    published(reviewer=reviewer, editor=editor, claim=claim)

    # then the claimant is named, as a person
    assert _item(api_client_for, claim)["author"] == {"@type": "Person", "name": "Maria Lopez"}


def test_an_organisation_claimant_is_an_organization(reviewer, editor, api_client_for):
    claim = ClaimFactory(claimant="the Health Ministry")
    published(reviewer=reviewer, editor=editor, claim=claim)

    assert _item(api_client_for, claim)["author"] == {"@type": "Organization", "name": "the Health Ministry"}


def test_without_a_claimant_the_publisher_is_named_never_the_byline(reviewer, editor, api_client_for):
    article = ArticleFactory(author="Jane Reporter", publisher="Daily Example")
    claim = ClaimFactory(article=article, claimant="")
    published(reviewer=reviewer, editor=editor, claim=claim)

    assert _item(api_client_for, claim)["author"] == {"@type": "Organization", "name": "Daily Example"}


def test_claimant_kind_reads_the_name():
    assert claimant_kind("Joe Biden") == "Person"
    assert claimant_kind("Bank of England") == "Organization"
    assert claimant_kind("the police") == "Organization"
