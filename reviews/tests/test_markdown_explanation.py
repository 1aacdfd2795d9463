"""Explanations are written in Markdown and shown as sanitised HTML; explanations stored as HTML still show."""

import pytest
from django.urls import reverse

from reviews import services
from reviews.markdown import render_explanation
from reviews.models import Verdict
from reviews.tests.api_helpers import published

pytestmark = pytest.mark.django_db


def test_markdown_is_rendered():
    html = render_explanation("The [survey](https://stats.example.org/lfs) says **3%**.\n\n- one\n- two")

    assert '<a href="https://stats.example.org/lfs" rel="noopener noreferrer nofollow">survey</a>' in html
    assert "<strong>3%</strong>" in html
    assert "<li>one</li>" in html


def test_html_inside_markdown_is_sanitised():
    html = render_explanation('Hi <img src=x onerror="steal()"> [x](javascript:alert(1))\n\n<script>alert(1)</script>')

    assert "onerror" not in html
    assert "<script" not in html
    assert 'href="javascript:' not in html


def test_an_explanation_stored_as_html_shows_as_before():
    stored = "<p>The official report gives a <em>different</em> number.</p>"

    assert render_explanation(stored) == stored


def test_the_public_page_and_the_api_show_the_rendering(client, reviewer, editor, api_client_for):
    claim, verdict = published(reviewer=reviewer, editor=editor)
    Verdict.objects.filter(pk=verdict.pk).update(explanation="See **the table**.")

    page = client.get(reverse("public-factcheck", args=[claim.pk])).content.decode()
    data = client.get(reverse("public-factcheck-json", args=[claim.pk])).json()
    api = api_client_for(editor).get(f"/api/v1/verdicts/{verdict.pk}/").json()

    assert "<p>See <strong>the table</strong>.</p>" in page
    assert data["verdict"]["explanation"] == "<p>See <strong>the table</strong>.</p>"
    assert api["explanation"] == "<p>See <strong>the table</strong>.</p>"
    assert api["explanation_markdown"] == "See **the table**."


def test_the_live_preview_renders_on_the_server(client, reviewer):
    client.force_login(reviewer)

    response = client.post(reverse("admin:reviews_verdict_preview_markdown"), {"text": "*Yes* <script>x</script>"})

    assert response.status_code == 200
    assert response.content.decode() == "<p><em>Yes</em> </p>"


def test_the_live_preview_is_for_the_desk_only(client, integrator):
    client.force_login(integrator)

    response = client.post(reverse("admin:reviews_verdict_preview_markdown"), {"text": "*Yes*"})

    assert response.status_code == 302  # to the admin login


def test_editing_what_did_not_change_records_nothing(reviewer):
    from reviews.tests.api_helpers import drafted

    claim, verdict = drafted(reviewer=reviewer)
    before = claim.events.count()

    services.verdict_update(
        verdict=verdict,
        actor=reviewer,
        rating=verdict.rating,
        summary=verdict.summary,
        explanation=verdict.explanation,
        sources=list(verdict.sources.all()),
    )
    services.verdict_update(verdict=verdict, actor=reviewer, summary="A new summary.", sources=[])

    events = list(claim.events.order_by("id"))[before:]
    assert [event.note for event in events] == ["Changed the summary and the cited sources of version 1."]
