"""The desk in a real browser: an editor assigns a seed claim, the reviewer is told, researches it and
talks it over with an @mention; the editor asks for changes, sees what changed, previews and approves;
the public finds the fact-check.

Headless Debian Chromium driven by Selenium against pytest-django's live server. Screenshots of every
step go to screenshots/browser/ (git-ignored), named `NN-step.png` in the order taken.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from claims.ingest import article_ingest
from claims.models import Article, Claim
from factcheck.tests.factories import PASSWORD
from seeds.loader import seed_articles

# Debian's packages (chromium, chromium-driver); CHROMIUM_BIN / CHROMEDRIVER_BIN point elsewhere.
CHROMIUM = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = Path(settings.BASE_DIR) / "screenshots" / "browser"
WAIT_SECONDS = 15

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@contextmanager
def chromium(*, console_log: bool = False):
    """Debian's headless Chromium through chromedriver, with a fresh profile; `console_log` keeps the console."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for binary in (CHROMIUM, CHROMEDRIVER):
        if not Path(binary).exists():
            pytest.fail(f"{binary} is missing: install Debian's chromium and chromium-driver")
    profile = tempfile.mkdtemp(prefix="fc-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1400,1000",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def browser():
    with chromium() as driver:
        yield driver


class Desk:
    """Small verbs over the driver, each waiting explicitly for the page it leads to."""

    def __init__(self, driver, base_url):
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver = driver
        self.base_url = base_url
        self.wait = WebDriverWait(driver, WAIT_SECONDS)
        self.step = 0

    def shot(self, name, at=None):
        """Save a screenshot; `at` is a selector to scroll into view first (the step's part of a long page)."""
        if at is not None:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", self.visible(at))
        self.step += 1
        self.driver.save_screenshot(str(SHOTS / f"{self.step:02d}-{name}.png"))

    def visible(self, selector):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ec

        return self.wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, selector)))

    def present(self, selector):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def text_in(self, selector, text):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ec

        self.wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, selector), text))

    def click_and_wait_for_reload(self, element):
        """Click, then wait until a new document has loaded (the old one's marker is gone)."""
        from selenium.common.exceptions import WebDriverException

        self.driver.execute_script("window.__fcOldPage = true;")
        element.click()

        def reloaded(driver):
            try:
                return driver.execute_script(
                    "return document.readyState === 'complete' && window.__fcOldPage === undefined;"
                )
            except WebDriverException:  # the navigation is still swapping documents
                return False

        self.wait.until(reloaded)

    def open(self, path):
        self.driver.get(self.base_url + path)

    def log_in(self, username):
        self.driver.delete_all_cookies()
        self.open(reverse("admin:login"))
        self.visible("#id_username").send_keys(username)
        self.visible("#id_password").send_keys(PASSWORD)
        self.click_and_wait_for_reload(self.visible("input[type=submit]"))
        self.visible("#fc-dashboard")

    def success_message(self, text):
        self.text_in("ul.messagelist li.success", text)

    def open_details(self, selector):
        """Open a collapsed <details> panel (its form is hidden until then)."""
        details = self.driver.find_element("css selector", selector)
        if not details.get_attribute("open"):
            details.find_element("css selector", "summary").click()

    def type_into(self, selector, text, *, clear=False):
        field = self.visible(selector)
        if clear:
            field.clear()
        field.send_keys(text)
        return field

    def select(self, selector, visible_text):
        from selenium.webdriver.support.ui import Select

        Select(self.visible(selector)).select_by_visible_text(visible_text)

    def width_of(self, selector) -> float:
        return self.driver.execute_script(
            "return document.querySelector(arguments[0]).getBoundingClientRect().width;", selector
        )


def test_the_desk_assigns_discusses_reviews_and_publishes_a_seed_claim(browser, live_server, reviewer, editor):
    # given: the seed article, segmented into claims
    seed = seed_articles()[0]
    article, _ = article_ingest(article=seed, created_by=None)
    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    top = Claim.objects.filter(article=article, status="new").order_by("-checkworthiness", "id").first()
    assert top is not None
    desk = Desk(browser, live_server.url)
    claim_url = reverse("admin:claims_claim_change", args=[top.pk])

    # the editor finds the most check-worthy new claim in the list, where the claim's words get the room
    desk.log_in(editor.username)
    desk.open(reverse("admin:claims_claim_changelist"))
    desk.click_and_wait_for_reload(desk.visible('#changelist-filter a[href*="status__exact=new"]'))
    desk.visible("#result_list")
    desk.shot("editor-new-claims")
    # every column fits beside the filters, and the claim's words have the widest
    assert desk.width_of("#result_list") <= desk.width_of("#changelist-form") + 1
    assert desk.width_of("#result_list th.field-claim_text") > 0.35 * desk.width_of("#result_list")
    desk.click_and_wait_for_reload(desk.visible("#result_list tbody tr:first-child th a"))
    assert urlsplit(browser.current_url).path == claim_url
    assert desk.visible("#fc-highlight").text == article.body[top.start : top.end].strip()

    # sets it urgent, due in two days, and assigns it to the reviewer
    desk.select("#fc-schedule-form select[name=priority]", "Urgent")
    desk.click_and_wait_for_reload(desk.visible("#fc-save-schedule"))
    desk.success_message("deadline and priority are saved")
    desk.text_in("#fc-priority", "Urgent")
    desk.select("#fc-assign-form select[name=assignee]", reviewer.username)
    desk.click_and_wait_for_reload(desk.visible("#fc-assign"))
    desk.success_message("claim is assigned")
    desk.text_in("#fc-assignee", reviewer.username)
    desk.shot("editor-assigned-urgent")

    # the reviewer's bell counts the assignment; the inbox leads to the claim
    desk.log_in(reviewer.username)
    desk.text_in("#fc-bell-count", "1")
    desk.shot("reviewer-bell")
    desk.click_and_wait_for_reload(desk.visible("#fc-bell"))
    item = desk.visible('#fc-notifications li[data-kind="assigned"] a')
    assert f"{editor.username} assigned you claim #{top.pk}" in item.text
    desk.shot("reviewer-inbox")
    desk.click_and_wait_for_reload(item)
    assert urlsplit(browser.current_url).path == claim_url
    assert desk.present("#fc-bell-count") == []  # read by opening it

    # adds a source, then drafts a verdict in Markdown, watching the live preview, and submits it
    desk.type_into("#fc-source-form input[name=url]", "https://www.defense.gov/News/Releases/niger-withdrawal")
    desk.type_into("#fc-source-form input[name=title]", "Department of Defense statement")
    desk.select("#fc-source-form select[name=source_type]", "Official statement")
    desk.click_and_wait_for_reload(desk.visible("#fc-add-source"))
    desk.success_message("source is added")
    assert desk.visible("#fc-verdict-form input[name=sources]").is_selected()  # cited at once
    desk.select("#fc-verdict-form select[name=rating]", "Mostly true")
    desk.type_into("#fc-verdict-form input[name=summary]", "The withdrawal was announced as described.")
    desk.type_into("#fc-verdict-form textarea[name=explanation]", "The Pentagon **confirmed** the timeline.")
    desk.text_in("#fc-explanation-preview strong", "confirmed")
    desk.shot("reviewer-markdown-preview", at="#fc-verdicts")
    desk.click_and_wait_for_reload(desk.visible("#fc-save-verdict"))
    desk.success_message("draft is saved")
    desk.click_and_wait_for_reload(desk.visible("#fc-submit-verdict"))
    desk.success_message("submitted for approval")
    desk.text_in("#fc-status", "Awaiting approval")
    assert desk.present("#fc-approve") == []  # a reviewer never sees the approve button

    # and asks the editor something in the desk's thread
    desk.type_into("#fc-comment-form textarea[name=body]", f"@{editor.username} is the statement enough on its own?")
    desk.click_and_wait_for_reload(desk.visible("#fc-post-comment"))
    desk.success_message("comment is posted")
    desk.text_in("#fc-thread .fc-mention", f"@{editor.username}")
    desk.shot("reviewer-comment-with-mention", at="#fc-comments")

    # the editor is told about the mention, and asks for changes from the queue
    desk.log_in(editor.username)
    desk.text_in("#fc-bell-count", "1")
    desk.open(reverse("admin:reviews_verdict_queue"))
    row = desk.visible(f'tr.fc-queue-row[data-claim="{top.pk}"]')
    assert "The Pentagon confirmed the timeline." in row.text  # the whole verdict, explanation rendered
    assert "Department of Defense statement" in row.text
    desk.shot("editor-queue", at="#fc-queue")
    row.find_element("css selector", "textarea[name=note]").send_keys("Add the AP report on the timing.")
    desk.click_and_wait_for_reload(row.find_element("css selector", "button.fc-request-changes"))
    desk.success_message("Changes are requested")
    desk.shot("editor-requested-changes")

    # the reviewer reads the note above the form, adds the report (cited at once) and resubmits
    desk.log_in(reviewer.username)
    desk.open(claim_url)
    desk.text_in("#fc-changes-note", "Add the AP report on the timing.")
    desk.text_in("#fc-thread", "Add the AP report on the timing.")
    desk.shot("reviewer-changes-requested", at="#fc-verdicts")
    desk.open_details("#fc-sources details")
    desk.type_into("#fc-source-form input[name=url]", "https://apnews.com/article/niger-us-troops-withdrawal")
    desk.type_into("#fc-source-form input[name=title]", "AP report")
    desk.click_and_wait_for_reload(desk.visible("#fc-add-source"))
    desk.success_message("source is added")
    summary = "The withdrawal was announced as described, by September."
    desk.type_into("#fc-verdict-form input[name=summary]", summary, clear=True)
    desk.click_and_wait_for_reload(desk.visible("#fc-save-verdict"))
    desk.success_message("draft is saved")
    desk.click_and_wait_for_reload(desk.visible("#fc-submit-verdict"))
    desk.success_message("submitted for approval")

    # the editor sees what changed since, previews the public page and approves
    desk.log_in(editor.username)
    desk.open(reverse("admin:reviews_verdict_queue"))
    row = desk.visible(f'tr.fc-queue-row[data-claim="{top.pk}"]')
    changes = row.find_element("css selector", ".fc-changes")
    assert "Cites a new source: AP report" in changes.text
    assert changes.find_element("css selector", ".fc-diff ins").text.strip() == "described, by September."
    desk.shot("editor-sees-what-changed", at=f'tr.fc-queue-row[data-claim="{top.pk}"]')
    desk.click_and_wait_for_reload(row.find_element("css selector", "a.fc-approve"))
    desk.text_in("#fc-preview h1", summary)
    desk.text_in("#fc-preview", "Mostly true")
    desk.shot("editor-preview")
    desk.click_and_wait_for_reload(desk.visible("#fc-confirm-approve"))
    desk.success_message("approved and published")
    desk.visible("#fc-queue-empty")
    desk.shot("editor-approved")

    # the public home lists it with its rating, and links to its page
    desk.driver.delete_all_cookies()  # a reader, not the editor
    desk.open(reverse("public-home"))
    listed = desk.visible(f'#fc-factchecks li.factcheck[data-claim="{top.pk}"]')
    assert listed.find_element("css selector", ".rating").text == "Mostly true"
    assert summary in listed.text
    desk.shot("public-home")
    desk.click_and_wait_for_reload(listed.find_element("css selector", "h2 a"))
    assert urlsplit(browser.current_url).path == reverse("public-factcheck", args=[top.pk])
    desk.text_in("body", summary)
    desk.text_in("section strong", "confirmed")
    assert "is the statement enough" not in desk.visible("body").text  # the desk's thread stays inside
    desk.shot("public-fact-check")
    top.refresh_from_db()
    assert top.status == "published"
