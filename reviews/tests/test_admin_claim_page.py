"""The claim page: article context, neighbours, reasons, sources, verdict versions, timeline, history."""

import pytest
from django.urls import reverse

from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews import services
from reviews.tests.wf_helpers import claim_in_review, submitted_verdict

pytestmark = pytest.mark.django_db

BODY = "First sentence here. The tax rose 9% in 2023. Third sentence follows."


def test_claim_page_shows_context_neighbours_reasons_and_timeline(client, reviewer):
    article = ArticleFactory(body=BODY)
    before = ClaimFactory(article=article, text="First sentence here.", start=0, end=20, position=0)
    claim = ClaimFactory(
        article=article, text="The tax rose 9% in 2023.", start=21, end=45, position=1, reasons=["number", "year"]
    )
    after = ClaimFactory(article=article, text="Third sentence follows.", start=46, end=69, position=2)
    services.claim_assign(claim=claim, actor=reviewer, assignee=reviewer)
    client.force_login(reviewer)

    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    assert 'First sentence here. <mark id="fc-highlight">The tax rose 9% in 2023.</mark> Third' in html
    assert reverse("admin:claims_claim_change", args=[before.pk]) in html
    assert reverse("admin:claims_claim_change", args=[after.pk]) in html
    assert "<li>year</li>" in html
    assert '<strong>rita assigned the claim</strong> <span class="fc-meta">(New → In review)</span>' in html
    assert reverse("admin:claims_claim_history", args=[claim.pk]) in html


def test_verdict_panel_shows_versions_and_only_the_buttons_the_user_may_use(client, reviewer, other_reviewer, editor):
    claim, verdict = submitted_verdict(reviewer=reviewer)
    url = reverse("admin:claims_claim_change", args=[claim.pk])

    client.force_login(other_reviewer)
    as_reviewer = client.get(url).content.decode()
    client.force_login(editor)
    as_editor = client.get(url).content.decode()

    assert 'id="fc-verdict-1"' in as_reviewer
    assert "fc-approve" not in as_reviewer
    assert "fc-request-changes" not in as_reviewer
    assert 'id="fc-submit-verdict"' not in as_reviewer
    assert 'id="fc-approve"' in as_editor
    assert 'id="fc-request-changes"' in as_editor


def test_the_author_of_a_draft_gets_the_form_and_the_submit_button(client, reviewer, other_reviewer):
    claim, cited = claim_in_review(reviewer=reviewer)
    services.verdict_create(claim=claim, actor=reviewer, rating="false", summary="No.", explanation="", sources=cited)
    url = reverse("admin:claims_claim_change", args=[claim.pk])

    client.force_login(reviewer)
    author_view = client.get(url).content.decode()
    client.force_login(other_reviewer)
    colleague_view = client.get(url).content.decode()

    assert 'id="fc-submit-verdict"' in author_view
    assert 'id="fc-verdict-form"' in author_view
    assert 'id="fc-submit-verdict"' not in colleague_view
    assert 'id="fc-verdict-form"' not in colleague_view


def test_history_view_lists_changes_to_the_claim(client, reviewer):
    claim = ClaimFactory()
    services.claim_assign(claim=claim, actor=reviewer, assignee=reviewer)
    client.force_login(reviewer)

    response = client.get(reverse("admin:claims_claim_history", args=[claim.pk]))

    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 2


def test_the_history_page_cannot_be_used_to_revert_a_claim(client, reviewer):
    claim = ClaimFactory()
    services.claim_assign(claim=claim, actor=reviewer, assignee=reviewer)
    first = claim.history.earliest("history_date")
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, first.history_id])

    response = client.post(url, {"text": claim.text, "status": "published", "position": 0, "start": 0, "end": 5})

    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == "in_review"
