"""The article page: the whole text with furniture marked by kind, "Make claim" on a fragment, a claim from a span."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.models import ArticleFragment, Claim
from claims.tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BODY = "Taxes fell 5% last year.\n\nPhoto: Jane <b>Doe</b>/Reuters\n\nDebt is at a record high."
CAPTION = BODY.index("Photo")
CAPTION_END = BODY.index("Reuters") + len("Reuters")


def _article():
    article = ArticleFactory(body=BODY)
    ClaimFactory(article=article, text="Taxes fell 5% last year.", start=0, end=24, position=0)
    fragment = ArticleFragment.objects.create(
        article=article, start=CAPTION, end=CAPTION_END, kind="credit", text=BODY[CAPTION:CAPTION_END]
    )
    return article, fragment


def _messages(response):
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def test_the_page_shows_the_text_with_furniture_marked_and_claims_linked(client, reviewer):
    article, fragment = _article()
    client.force_login(reviewer)

    page = client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()

    assert f'<mark class="fc-furniture" data-fragment="{fragment.pk}"><span class="fc-kind">credit</span>' in page
    assert f'name="fragment" value="{fragment.pk}"' in page
    assert "Jane &lt;b&gt;Doe&lt;/b&gt;" in page  # the text is escaped
    assert 'class="fc-claim fc-claim-new"' in page
    assert 'id="fc-span-form"' in page
    assert "claims/article_select.js" in page


def test_make_claim_promotes_a_fragment(client, reviewer):
    article, fragment = _article()
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:claims_article_make_claim", args=[article.pk]), {"fragment": fragment.pk}, follow=True
    )

    assert _messages(response) == [("success", "The credit is now a claim.")]
    claim = Claim.objects.get(article=article, start=CAPTION)
    assert (claim.end, claim.kind, claim.created_by) == (CAPTION_END, "credit", reviewer)


def test_a_span_from_the_form_becomes_a_claim_without_javascript(client, editor):
    article, _ = _article()
    start = BODY.index("Debt")
    client.force_login(editor)

    response = client.post(
        reverse("admin:claims_article_make_claim", args=[article.pk]), {"start": start, "end": len(BODY)}, follow=True
    )

    assert _messages(response) == [("success", "The selected text is now a claim.")]
    assert Claim.objects.get(article=article, start=start).text == "Debt is at a record high."


def test_a_bad_span_is_reported_and_a_get_refused(client, reviewer):
    article, _ = _article()
    client.force_login(reviewer)
    url = reverse("admin:claims_article_make_claim", args=[article.pk])

    overlapping = client.post(url, {"start": 3, "end": 10}, follow=True)
    missing = client.post(url, {}, follow=True)

    assert "overlaps claim" in _messages(overlapping)[0][1]
    assert _messages(missing)[0][0] == "error"
    assert client.get(url).status_code == 405
    assert Claim.objects.filter(article=article).count() == 1
