"""History and timeline say what changed in words a person reads, and only what did change."""

import re

import pytest
from django.urls import reverse

from claims.tests.factories import ClaimFactory
from reviews import services
from reviews.tests.api_helpers import drafted

pytestmark = pytest.mark.django_db

LONG = "Unemployment fell by half in the three years since the pandemic, the minister told parliament on Tuesday."


def _history(client, admin_name, pk):
    return client.get(reverse(f"admin:{admin_name}_history", args=[pk])).content.decode()


def test_the_claim_history_names_fields_and_shows_labels_not_codes(client, reviewer, editor):
    claim = ClaimFactory(text=LONG)
    services.claim_assign(claim=claim, actor=editor, assignee=reviewer)
    services.claim_edit(claim=claim, actor=reviewer, claimant="The minister")
    client.force_login(editor)

    html = _history(client, "claims_claim", claim.pk)

    assert "Changed the assignee and the status" in html
    assert "The status: New → In review" in html
    assert "The assignee: – → rita" in html
    assert "Changed the claimant" in html
    assert "in_review" not in html
    assert "Change reason" not in html
    assert "None" not in html.split('id="change-history"', 1)[1]


def test_the_history_title_is_cut_at_a_word(client, editor):
    claim = ClaimFactory(text=LONG)
    client.force_login(editor)

    title = re.search(r"<title>(.*?)</title>", _history(client, "claims_claim", claim.pk), re.S).group(1)

    assert "Unemployment fell by half in the three years since the pandemic, the minister…" in title
    assert str(claim) == "Unemployment fell by half in the three years since the pandemic, the minister…"


def test_entries_that_changed_nothing_a_person_sees_are_left_out(client, editor):
    claim = ClaimFactory()
    claim.save(update_fields=["updated_at"])  # a write that changes nothing shown
    client.force_login(editor)

    html = _history(client, "claims_claim", claim.pk)

    assert html.count('class="fc-history-entry"') == 1  # its creation
    assert "Created it" in html


def test_the_verdict_history_says_which_sources_were_cited(client, reviewer, editor):
    claim, verdict = drafted(reviewer=reviewer)
    extra = services.source_add(claim=claim, actor=reviewer, url="https://stats.example.org/extra", title="Extra")
    services.verdict_update(verdict=verdict, actor=reviewer, sources=[extra], summary="Now with the extra table.")
    client.force_login(editor)

    html = _history(client, "reviews_verdict", verdict.pk)

    assert "Changed the summary" in html
    assert "The cited sources: added Extra" in html


def test_the_timeline_names_only_what_changed_in_words(client, reviewer):
    claim, verdict = drafted(reviewer=reviewer)
    services.verdict_update(
        verdict=verdict,
        actor=reviewer,
        rating=verdict.rating,
        summary="A better summary.",
        explanation=verdict.explanation,
    )
    client.force_login(reviewer)

    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    timeline = html.split('id="fc-timeline"', 1)[1]

    assert "<strong>rita made changes</strong>" in timeline
    assert "Changed the summary of version 1." in timeline
    assert "rita drafted a verdict" in timeline
    assert "in_review" not in timeline
