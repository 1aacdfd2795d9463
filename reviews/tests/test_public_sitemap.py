"""/sitemap.xml lists every published fact-check page, with the date of its latest version."""

from django.urls import reverse
from lxml import etree

from reviews.tests.api_helpers import corrected, published, submitted

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _urls(client):
    response = client.get(reverse("public-sitemap"))
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.findall(f"{SITEMAP}url")}


def test_sitemap_lists_the_published_fact_check_pages_only(reviewer, editor, other_editor, client):
    first, _ = published(reviewer=reviewer, editor=editor)
    second, _ = published(reviewer=reviewer, editor=editor)
    correction = corrected(claim=second, editor=other_editor, author=editor)
    waiting, _ = submitted(reviewer=reviewer)

    urls = _urls(client)

    assert set(urls) == {
        "http://testserver" + reverse("public-factcheck", args=[first.pk]),
        "http://testserver" + reverse("public-factcheck", args=[second.pk]),
    }
    assert urls["http://testserver" + reverse("public-factcheck", args=[second.pk])] == (
        correction.decided_at.date().isoformat()
    )
    assert not any(url.endswith(reverse("public-factcheck", args=[waiting.pk])) for url in urls)
