"""A fact-check page carries Open Graph and Twitter card tags and names the desk as the fact-checker."""

from bs4 import BeautifulSoup
from django.urls import reverse

from claims.tests.factories import ClaimFactory
from reviews.tests.api_helpers import published


def test_page_has_open_graph_and_twitter_card_tags(reviewer, editor, client, settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://factcheck.example.org"
    settings.FACTCHECK_PUBLISHER_NAME = "Example Fact Desk"
    claim = ClaimFactory(text="Unemployment fell by half since 2020.")
    published(reviewer=reviewer, editor=editor, claim=claim, rating="false", summary="It fell by a tenth.")

    html = client.get(reverse("public-factcheck", args=[claim.pk])).content
    soup = BeautifulSoup(html, "html.parser")

    def meta(attribute, name):
        tag = soup.find("meta", attrs={attribute: name})
        assert tag is not None, name
        return tag["content"]

    url = f"https://factcheck.example.org/fact-checks/{claim.pk}/"
    assert meta("property", "og:type") == "article"
    assert meta("property", "og:url") == url
    assert meta("property", "og:site_name") == "Example Fact Desk"
    assert meta("property", "og:title") == "Fact-check: Unemployment fell by half since 2020."
    assert meta("property", "og:description") == "False: It fell by a tenth."
    assert meta("property", "article:published_time")
    assert meta("name", "twitter:card") == "summary"
    assert meta("name", "twitter:title") == "Fact-check: Unemployment fell by half since 2020."
    assert meta("name", "twitter:description") == "False: It fell by a tenth."
    assert soup.find("link", rel="canonical")["href"] == url


def test_page_names_the_desk_as_the_fact_checker(reviewer, editor, client, settings):
    settings.FACTCHECK_PUBLISHER_NAME = "Example Fact Desk"
    claim, _ = published(reviewer=reviewer, editor=editor)

    soup = BeautifulSoup(client.get(reverse("public-factcheck", args=[claim.pk])).content, "html.parser")

    assert soup.select_one("#fc-factchecker").get_text(" ", strip=True) == "Fact-checked by Example Fact Desk"
    assert soup.select_one("header.site .site-name").get_text(strip=True) == "Example Fact Desk"


def test_public_pages_carry_no_inline_style_or_script(reviewer, editor, client):
    """The site runs under a Content-Security-Policy: styles come from a static file; the only script
    element is the ClaimReview's JSON-LD, a data block that never runs."""
    claim, _ = published(reviewer=reviewer, editor=editor)

    for url in (reverse("public-home"), reverse("public-factcheck", args=[claim.pk])):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        assert soup.find("style") is None, url
        assert soup.find(attrs={"style": True}) is None, url
        assert [s.get("type") for s in soup.find_all("script")] in ([], ["application/ld+json"]), url
