"""Claim matching in a real browser (#17): a reworded claim of a new article is found checked before;
the reviewer says "Same claim" and the claim becomes another appearance of the fact-check, and "Not the
same" drops a wrong suggestion for good.

Uses test_browser's headless Chromium and its small verbs. Ingest, segmentation and matching run as
in production, their tasks in-process.
"""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from claims.ingest import ArticleInput, article_ingest
from claims.matches import claim_match
from claims.models import Article, Claim, ClaimMatch
from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews.tests.api_helpers import published
from reviews.tests.test_browser import Desk, browser  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FACT_CHECK = "Unemployment in Westland fell to 5% in 2019."
OTHER_FACT_CHECK = "Unemployment in Westland fell to 5% in 2018."
REWORDED = "Westland's unemployment dropped to five per cent in 2019."
BODY = (
    f"Ministers gathered in the capital on Monday to mark the anniversary of the jobs plan. {REWORDED} "
    "The harbour bridge will reopen to traffic next spring after three years of repairs."
)


def _fact_check(text, *, url, reviewer, editor):
    article = ArticleFactory(url=url, title="Jobs report", published_at=datetime(2024, 1, 5, tzinfo=UTC))
    claim, _ = published(reviewer=reviewer, editor=editor, claim=ClaimFactory(article=article, text=text))
    return claim


def test_a_reviewer_confirms_a_reworded_claim_and_rejects_a_wrong_suggestion(browser, live_server, reviewer, editor):  # noqa: F811
    # given: two published fact-checks, and a new article repeating one of them in other words
    fact_check = _fact_check(FACT_CHECK, url="https://first.example.org/jobs", reviewer=reviewer, editor=editor)
    other = _fact_check(OTHER_FACT_CHECK, url="https://first.example.org/slump", reviewer=reviewer, editor=editor)
    article, created = article_ingest(
        article=ArticleInput(title="Jobs plan anniversary", body=BODY, url="https://second.example.org/anniversary"),
        created_by=None,
    )
    article.refresh_from_db()
    assert created
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    repeat = Claim.objects.get(article=article, text=REWORDED)
    matched = {m.candidate_id: m for m in ClaimMatch.objects.filter(claim=repeat)}
    assert matched[fact_check.pk].checked  # matched after segmentation, with no one asking
    # A wrong suggestion to turn down: the 2018 fact-check. The current matcher finds it but may rank it
    # below the relatedness worth a reviewer's look in so small a pool; then an earlier version stored it.
    if other.pk not in matched:
        matched[other.pk] = ClaimMatch.objects.create(
            claim=repeat, candidate=other, score=0.62, reasons=["different year"], matcher_version="old", checked=True
        )
    wrong, right = matched[other.pk], matched[fact_check.pk]
    desk = Desk(browser, live_server.url)
    claim_url = reverse("admin:claims_claim_change", args=[repeat.pk])

    # the reviewer opens the new claim and finds the fact-check under Checked before
    desk.log_in(reviewer.username)
    desk.open(claim_url)
    suggestion = desk.visible(f'#fc-checked-before .fc-match[data-match="{right.pk}"]')
    assert FACT_CHECK in suggestion.text
    assert "False" in suggestion.text  # the published rating
    assert (
        suggestion.find_element("css selector", "a.fc-match-public")
        .get_attribute("href")
        .endswith(reverse("public-factcheck", args=[fact_check.pk]))
    )
    desk.visible(f'#fc-checked-before .fc-match[data-match="{wrong.pk}"]')
    desk.shot("matches-checked-before", at="#fc-checked-before")

    # says the 2009 claim is not the same: it is gone, and stays gone when the matcher runs again
    desk.click_and_wait_for_reload(desk.visible(f'.fc-match[data-match="{wrong.pk}"] button.fc-match-reject'))
    desk.success_message("not the same claim")
    assert desk.present(f'.fc-match[data-match="{wrong.pk}"]') == []
    claim_match(claim_ids=[repeat.pk])
    desk.open(claim_url)
    desk.visible(f'.fc-match[data-match="{right.pk}"]')
    assert desk.present(f'.fc-match[data-match="{wrong.pk}"]') == []
    wrong.refresh_from_db()
    assert wrong.status == ClaimMatch.Status.REJECTED

    # says the 2019 claim is the same: the claim is now an appearance of that fact-check
    desk.click_and_wait_for_reload(desk.visible(f'.fc-match[data-match="{right.pk}"] button.fc-match-confirm'))
    desk.success_message("same claim")
    desk.text_in("#fc-status", "Already fact-checked")
    desk.text_in("#fc-reused", f"fact-check #{fact_check.pk}")
    desk.text_in(f'.fc-match[data-match="{right.pk}"] .fc-match-decided', f"decided by {reviewer.username}")
    desk.shot("matches-same-claim")
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.REUSED
    assert repeat.fact_check_id == fact_check.pk

    # the link leads to the fact-check, whose page lists the new appearance
    desk.click_and_wait_for_reload(desk.visible("#fc-fact-check-link"))
    desk.text_in("#fc-appearances", "Jobs plan anniversary")
    desk.shot("matches-appearances", at="#fc-appearances")
