"""Every page carries the Content-Security-Policy, and our templates put nothing inline that it refuses.

test_browser_csp.py shows the pages working under the policy in a real browser.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from reviews.tests.api_helpers import published

pytestmark = pytest.mark.django_db

STRICT = "default-src 'self'"


def policy(response) -> str:
    return response.headers.get("Content-Security-Policy", "")


def test_html_pages_carry_the_policy(client, reviewer, editor):
    claim, _ = published(reviewer=reviewer, editor=editor)
    anonymous = {
        "admin login": client.get(reverse("admin:login")),
        "public fact-check": client.get(reverse("public-factcheck", args=[claim.pk])),
    }
    client.force_login(editor)
    desk = {
        "dashboard": client.get(reverse("admin:index")),
        "claim page": client.get(reverse("admin:claims_claim_change", args=[claim.pk])),
        "editor queue": client.get(reverse("admin:reviews_verdict_queue")),
        "API docs": client.get(reverse("api-docs")),
    }

    for name, response in {**anonymous, **desk}.items():
        assert response.status_code == 200, name
        assert STRICT in policy(response), name
        assert "unsafe" not in policy(response), name
        assert "frame-ancestors 'none'" in policy(response), name


def test_the_api_docs_script_is_a_file_of_its_own(client, editor):
    client.force_login(editor)

    page = client.get(reverse("api-docs")).content.decode()
    script = client.get(reverse("api-docs") + "?script=")

    assert "<script>" not in page
    assert '<script src="/api/docs/?script="></script>' in page
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_browsable_api_allows_inline_style_attributes_only(client, editor):
    client.force_login(editor)

    response = client.get("/api/v1/claims/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert STRICT in policy(response)
    assert "style-src-attr 'unsafe-inline'" in policy(response)
    assert "<style>" not in response.content.decode()


INLINE = [
    ("a <style> element", re.compile(r"<style[\s>]", re.I)),
    ("a style attribute", re.compile(r"\sstyle\s*=", re.I)),
    ("an event handler attribute", re.compile(r"\son[a-z]+\s*=", re.I)),
    ("an inline script", re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)),
    ("a javascript: URL", re.compile(r"javascript:", re.I)),
]


def our_templates() -> list[Path]:
    root = Path(settings.BASE_DIR)
    return sorted(
        path
        for app in ("claims", "reviews", "factcheck", "seeds")
        for path in (root / app).rglob("*.html")
        if "templates" in path.parts
    )


def test_our_templates_put_no_style_or_script_inline():
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {what}"
        for path in our_templates()
        for what, pattern in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]

    assert our_templates(), "no templates found"
    assert found == []
