"""The public home page: published fact-checks newest first, with rating badges, search and pages."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews.models import Verdict
from reviews.public import PAGE_SIZE
from reviews.tests.api_helpers import corrected, published, submitted


def _publish(reviewer, editor, *, text, days_ago=0, rating="false", summary="The figure is wrong.", title=None):
    article = ArticleFactory(title=title) if title else ArticleFactory()
    claim = ClaimFactory(article=article, text=text)
    claim, verdict = published(reviewer=reviewer, editor=editor, claim=claim, rating=rating, summary=summary)
    # Spread the publications out in time, as a desk's would be.
    Verdict.objects.filter(pk=verdict.pk).update(decided_at=timezone.now() - timedelta(days=days_ago))
    return claim


def _listed(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        {
            "claim": int(item["data-claim"]),
            "rating": item.select_one(".rating").get_text(strip=True),
            "badge": item.select_one(".rating")["class"],
            "href": item.select_one("h2 a")["href"],
        }
        for item in soup.select("#fc-factchecks li.factcheck")
    ]


def test_home_lists_published_fact_checks_newest_first_with_rating_badges(reviewer, editor, client):
    # given: three fact-checks published on different days, and a claim still waiting for an editor
    old = _publish(reviewer, editor, text="Old claim about the budget.", days_ago=30, rating="true")
    new = _publish(reviewer, editor, text="New claim about the bridge.", days_ago=1, rating="mostly-false")
    middle = _publish(reviewer, editor, text="Middle claim about schools.", days_ago=10, rating="half-true")
    waiting, _ = submitted(reviewer=reviewer)

    # when
    response = client.get(reverse("public-home"))

    # then
    assert response.status_code == 200
    rows = _listed(response)
    assert [row["claim"] for row in rows] == [new.pk, middle.pk, old.pk]
    assert waiting.pk not in [row["claim"] for row in rows]
    assert [row["rating"] for row in rows] == ["Mostly false", "Half true", "True"]
    assert [row["badge"] for row in rows] == [
        ["rating", "rating-mostly-false"],
        ["rating", "rating-half-true"],
        ["rating", "rating-true"],
    ]
    assert rows[0]["href"] == reverse("public-factcheck", args=[new.pk])


def test_a_correction_keeps_its_place_and_shows_its_new_rating(reviewer, editor, other_editor, client):
    first = _publish(reviewer, editor, text="First claim.", days_ago=20)
    _publish(reviewer, editor, text="Second claim.", days_ago=5)

    corrected(claim=first, editor=other_editor, author=editor, rating="mostly-false")

    rows = _listed(client.get(reverse("public-home")))
    assert [row["claim"] for row in rows][-1] == first.pk
    assert rows[-1]["rating"] == "Mostly false"


def test_search_finds_fact_checks_by_words_of_the_claim_the_summary_or_the_article_title(reviewer, editor, client):
    bridge = _publish(reviewer, editor, text="The bridge cost 4 million euros.", summary="It cost twice that.")
    schools = _publish(
        reviewer, editor, text="Class sizes fell.", summary="Teachers' unions counted more pupils per class."
    )
    niger = _publish(reviewer, editor, text="All troops have left.", title="US troops leave Niger")

    def found(q):
        return [row["claim"] for row in _listed(client.get(reverse("public-home"), {"q": q}))]

    assert found("bridge") == [bridge.pk]
    assert found("unions") == [schools.pk]  # in the summary only
    assert found("Niger") == [niger.pk]  # in the article's title only
    assert found("troops Niger") == [niger.pk]  # words from the claim and the title together
    assert found("bridge Niger") == []  # every word must match
    assert found("volcano") == []


def test_a_search_without_results_says_so(reviewer, editor, client):
    _publish(reviewer, editor, text="The bridge cost 4 million euros.")

    response = client.get(reverse("public-home"), {"q": "volcano"})

    soup = BeautifulSoup(response.content, "html.parser")
    assert "No published fact-check matches" in soup.select_one("#fc-no-results").get_text()
    assert soup.select_one("#fc-q")["value"] == "volcano"


@pytest.mark.parametrize("q", ["", "claim"])
def test_pages_hold_twenty_fact_checks_and_keep_the_search(reviewer, editor, client, q):
    claims = [_publish(reviewer, editor, text=f"Numbered claim {n}.", days_ago=n) for n in range(PAGE_SIZE + 3)]

    first = client.get(reverse("public-home"), {"q": q} if q else {})
    second = client.get(reverse("public-home"), {"q": q, "page": 2} if q else {"page": 2})

    assert [row["claim"] for row in _listed(first)] == [c.pk for c in claims[:PAGE_SIZE]]
    assert [row["claim"] for row in _listed(second)] == [c.pk for c in claims[PAGE_SIZE:]]
    older = BeautifulSoup(first.content, "html.parser").select_one(".pagination a[rel=next]")["href"]
    assert "page=2" in older
    assert (f"q={q}" in older) == bool(q)
    newer = BeautifulSoup(second.content, "html.parser").select_one(".pagination a[rel=prev]")["href"]
    assert "page=1" in newer


def test_a_page_past_the_end_shows_the_last_one(reviewer, editor, client):
    claim = _publish(reviewer, editor, text="Only claim.")

    response = client.get(reverse("public-home"), {"page": "99"})

    assert response.status_code == 200
    assert [row["claim"] for row in _listed(response)] == [claim.pk]


def test_an_empty_desk_has_a_home_page(db, client):
    response = client.get(reverse("public-home"))

    assert response.status_code == 200
    assert "Nothing has been published yet." in response.content.decode()


def test_a_page_costs_the_same_few_queries_however_many_fact_checks_it_shows(
    reviewer, editor, client, django_assert_max_num_queries
):
    for n in range(PAGE_SIZE + 1):
        _publish(reviewer, editor, text=f"Numbered claim {n}.", days_ago=n)

    # the count, and the page's rows with their claim, article and rating
    with django_assert_max_num_queries(2):
        response = client.get(reverse("public-home"))

    assert len(_listed(response)) == PAGE_SIZE
