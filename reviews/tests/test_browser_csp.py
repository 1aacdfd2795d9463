"""The Content-Security-Policy holds in a real browser, and the desk's pages break none of it.

Headless Debian Chromium (as in test_browser.py) reads each page with the policy in force; every
CSP violation it reports lands in the browser console, which the test reads. Screenshots go to
screenshots/browser/ (git-ignored).
"""

import pytest
from django.urls import reverse

from claims.models import ClaimMatch
from claims.tests.factories import ClaimFactory
from reviews.tests.api_helpers import published, submitted
from reviews.tests.test_browser import Desk, chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs a script the page did not ship; the policy must refuse it (and the browser report that).
INLINE_SCRIPT_PROBE = """
window.__fcInlineRan = false;
const script = document.createElement("script");
script.textContent = "window.__fcInlineRan = true;";
document.head.appendChild(script);
return window.__fcInlineRan;
"""


@pytest.fixture
def console_browser():
    with chromium(console_log=True) as driver:
        yield driver


def csp_messages(driver) -> list[str]:
    """The console messages about the Content-Security-Policy since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


def test_the_admin_public_page_and_api_docs_break_no_csp_rule(console_browser, live_server, reviewer, editor):
    # given: a published fact-check, a verdict waiting in the editor queue, claims on the dashboard
    claim, _ = published(reviewer=reviewer, editor=editor)
    waiting, _ = submitted(reviewer=reviewer, claim=ClaimFactory(article=claim.article))
    ClaimFactory.create_batch(3, article=claim.article)
    # the claim page's Checked before and the dashboard's most repeated claims have something to show
    ClaimMatch.objects.create(
        claim=waiting, candidate=claim, score=0.9, reasons=["same wording"], matcher_version="t", checked=True
    )
    desk = Desk(console_browser, live_server.url)
    pages = [
        ("dashboard", reverse("admin:index"), "#fc-chart-states svg, #fc-chart-states .fc-bar"),
        ("claim list", reverse("admin:claims_claim_changelist"), "#result_list"),
        ("claim page", reverse("admin:claims_claim_change", args=[waiting.pk]), "#fc-checked-before .fc-match"),
        ("editor queue", reverse("admin:reviews_verdict_queue"), f'tr.fc-queue-row[data-claim="{waiting.pk}"]'),
        ("article list", reverse("admin:claims_article_changelist"), "#result_list"),
        ("public fact-check", reverse("public-factcheck", args=[claim.pk]), "blockquote"),
        ("API docs", reverse("api-docs"), ".swagger-ui .opblock"),
        ("browsable API", "/api/v1/articles/", ".response-info"),
        ("browsable API detail", f"/api/v1/claims/{waiting.pk}/", ".response-info"),
    ]

    # when: the editor logs in and reads each page
    desk.log_in(editor.username)
    violations = {"login": csp_messages(console_browser)}
    rendered, enforced = {}, {}
    for name, path, ready in pages:
        desk.open(path)
        rendered[name] = shown(desk, ready)
        desk.shot(f"csp-{name.replace(' ', '-')}")
        violations[name] = csp_messages(console_browser)
        enforced[name] = console_browser.execute_script(INLINE_SCRIPT_PROBE) is False
        csp_messages(console_browser)  # the probe's own report

    # then: every page works with the policy in force, and nothing of ours breaks it
    assert rendered == {name: True for name, _, _ in pages}
    assert enforced == {name: True for name, _, _ in pages}
    assert violations == {name: [] for name in violations}


def shown(desk, selector) -> bool:
    """Whether `selector` becomes visible (a page whose script was refused may never show it)."""
    from selenium.common.exceptions import TimeoutException

    try:
        desk.visible(selector)
    except TimeoutException:
        return False
    return True
