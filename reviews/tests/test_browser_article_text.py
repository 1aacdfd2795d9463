"""The article page in a real browser: promote a caption of the seed article, and make a claim from a selection.

Uses test_browser's headless Chromium and its small verbs; asserts the claims' exact offsets.
"""

import pytest
from django.urls import reverse

from claims.ingest import article_ingest
from claims.models import Article, ArticleFragment, Claim
from reviews.tests.test_browser import Desk, browser  # noqa: F401 (the fixture)
from seeds.loader import seed_articles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Select the first words of a run of body text the way a reader's mouse does: a DOM range,
# counted in UTF-16 units by the browser, which the page's script turns into body offsets.
SELECT = """
const run = document.querySelector(arguments[0] + ' span[data-start]');
const node = run.firstChild;
const range = document.createRange();
range.setStart(node, 0);
range.setEnd(node, arguments[1]);
const selection = window.getSelection();
selection.removeAllRanges();
selection.addRange(range);
"""


def test_reviewer_promotes_a_caption_and_makes_a_claim_from_a_selection(browser, live_server, reviewer):  # noqa: F811
    # given the seed article, segmented, with its furniture stored
    article, _ = article_ingest(article=seed_articles()[0], created_by=None)
    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    caption, credit = ArticleFragment.objects.filter(article=article).order_by("start").exclude(kind="dateline")[:2]
    assert caption.kind == "caption"
    desk = Desk(browser, live_server.url)
    desk.log_in(reviewer.username)

    # when the reviewer opens the article page, the furniture is marked with its kind
    desk.open(reverse("admin:claims_article_change", args=[article.pk]))
    mark = desk.visible(f'mark.fc-furniture[data-fragment="{caption.pk}"]')
    assert mark.find_element("css selector", ".fc-kind").text.lower() == "caption"
    desk.shot("article-text-marked")

    # and promotes the caption with one click
    desk.click_and_wait_for_reload(mark.find_element("css selector", "button.fc-promote"))
    desk.success_message("now a claim")
    promoted = Claim.objects.get(article=article, start=caption.start)
    assert (promoted.end, promoted.kind, promoted.text) == (caption.end, "caption", caption.text)
    assert article.body[promoted.start : promoted.end] == promoted.text
    desk.visible(f'a.fc-claim[data-claim="{promoted.pk}"]')
    desk.shot("article-caption-promoted")

    # then selects the first words of the credit line and makes them a claim
    words = "Photo credits"
    browser.execute_script(SELECT, f'mark.fc-furniture[data-fragment="{credit.pk}"]', len(words))
    desk.wait.until(lambda driver: desk.visible("#fc-span-end").get_attribute("value") != "")
    assert desk.visible("#fc-span-start").get_attribute("value") == str(credit.start)
    desk.shot("article-selection")
    desk.click_and_wait_for_reload(desk.visible("#fc-span-submit"))
    desk.success_message("selected text is now a claim")

    made = Claim.objects.get(article=article, start=credit.start)
    assert (made.end, made.text) == (credit.start + len(words), words)
    assert made.created_by == reviewer
    assert [c.start for c in Claim.objects.filter(article=article).order_by("position")] == sorted(
        Claim.objects.filter(article=article).values_list("start", flat=True)
    )
    desk.shot("article-selection-claimed")
