"""The desk in a real browser: a reviewer researches a seed claim, an editor publishes it, the public sees it.

Headless Debian Chromium driven by Selenium against pytest-django's live server. Screenshots of every
step go to screenshots/browser/ (git-ignored).
"""

import os
import shutil
import tempfile
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


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for binary in (CHROMIUM, CHROMEDRIVER):
        if not Path(binary).exists():
            pytest.fail(f"{binary} is missing: install Debian's chromium and chromium-driver")
    profile = tempfile.mkdtemp(prefix="fc-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
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


class Desk:
    """Small verbs over the driver, each waiting explicitly for the page it leads to."""

    def __init__(self, driver, base_url):
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver = driver
        self.base_url = base_url
        self.wait = WebDriverWait(driver, WAIT_SECONDS)
        self.step = 0

    def shot(self, name):
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


def test_reviewer_researches_a_seed_claim_and_an_editor_publishes_it(browser, live_server, reviewer, editor):
    from selenium.webdriver.support.ui import Select

    # given: the seed article, segmented into claims
    seed = seed_articles()[0]
    article, _ = article_ingest(article=seed, created_by=None)
    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    top = Claim.objects.filter(article=article, status="new").order_by("-checkworthiness", "id").first()
    assert top is not None
    desk = Desk(browser, live_server.url)

    # the reviewer logs in and filters the new claims
    desk.log_in(reviewer.username)
    desk.shot("reviewer-dashboard")
    desk.open(reverse("admin:claims_claim_changelist"))
    new_filter = desk.visible('#changelist-filter a[href*="status__exact=new"]')
    desk.click_and_wait_for_reload(new_filter)
    desk.visible("#result_list")
    assert "status__exact=new" in browser.current_url
    desk.shot("reviewer-new-claims")

    # opens the most check-worthy claim of the seed article
    first_row = desk.visible("#result_list tbody tr:first-child th a")
    desk.click_and_wait_for_reload(first_row)
    desk.visible("#fc-claim")
    assert urlsplit(browser.current_url).path == reverse("admin:claims_claim_change", args=[top.pk])
    assert desk.visible("#fc-highlight").text == article.body[top.start : top.end].strip()
    desk.shot("reviewer-claim-page")

    # assigns it to themself
    desk.click_and_wait_for_reload(desk.visible("#fc-assign-me"))
    desk.success_message("assigned to you")
    desk.text_in("#fc-assignee", reviewer.username)
    desk.shot("reviewer-assigned")

    # adds a source
    desk.visible("#fc-source-form input[name=url]").send_keys("https://www.defense.gov/News/Releases/niger-withdrawal")
    desk.visible("#fc-source-form input[name=title]").send_keys("Department of Defense statement")
    Select(desk.visible("#fc-source-form select[name=source_type]")).select_by_visible_text("Official statement")
    desk.click_and_wait_for_reload(desk.visible("#fc-add-source"))
    desk.success_message("source is added")
    desk.text_in("#fc-sources", "Department of Defense statement")
    desk.shot("reviewer-source-added")

    # drafts a verdict citing it, then submits it
    Select(desk.visible("#fc-verdict-form select[name=rating]")).select_by_visible_text("Mostly true")
    desk.visible("#fc-verdict-form input[name=summary]").send_keys("The withdrawal was announced as described.")
    desk.visible("#fc-verdict-form textarea[name=explanation]").send_keys("The Pentagon confirmed the timeline.")
    desk.visible("#fc-verdict-form input[name=sources]").click()
    desk.click_and_wait_for_reload(desk.visible("#fc-save-verdict"))
    desk.success_message("draft is saved")
    desk.shot("reviewer-verdict-drafted")
    desk.click_and_wait_for_reload(desk.visible("#fc-submit-verdict"))
    desk.success_message("submitted for approval")
    desk.text_in("#fc-status", "Awaiting approval")
    assert desk.present("#fc-approve") == []  # a reviewer never sees the approve button
    desk.shot("reviewer-submitted-no-approve-button")

    # the editor approves it from the queue
    desk.log_in(editor.username)
    desk.open(reverse("admin:reviews_verdict_queue"))
    row = desk.visible(f'tr.fc-queue-row[data-claim="{top.pk}"]')
    desk.shot("editor-queue")
    desk.click_and_wait_for_reload(row.find_element("css selector", "button.fc-approve"))
    desk.success_message("approved and published")
    desk.visible("#fc-queue-empty")
    desk.shot("editor-approved")

    # the public fact-check page shows it
    desk.open(reverse("public-factcheck", args=[top.pk]))
    desk.text_in("body", "The withdrawal was announced as described.")
    desk.text_in("body", "Mostly true")
    desk.shot("public-fact-check")
    top.refresh_from_db()
    assert top.status == "published"

    # and the editor's dashboard counts it
    desk.open(reverse("admin:index"))
    desk.text_in("#fc-chart-ratings", "Mostly true")
    desk.shot("editor-dashboard")
