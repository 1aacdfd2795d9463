"""Correcting a published verdict in the admin: an editor drafts a new version with a public note."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from reviews import services
from reviews.models import Rating, Verdict
from reviews.tests.wf_helpers import submitted_verdict

pytestmark = pytest.mark.django_db


def _published(reviewer, editor):
    claim, verdict = submitted_verdict(reviewer=reviewer)
    services.verdict_approve(verdict=verdict, actor=editor)
    return claim


def test_editor_drafts_a_correction_on_the_claim_page(client, reviewer, editor):
    claim = _published(reviewer, editor)
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    response = client.post(
        reverse("admin:claims_claim_step", args=[claim.pk, "verdict_draft"]),
        {
            "rating": Rating.objects.get(slug="half-true").pk,
            "summary": "Half of it holds.",
            "explanation": "",
            "sources": [claim.sources.get().pk],
            "correction_note": "We misread the table's units.",
        },
        follow=True,
    )

    assert "Draft a correction" in page
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    correction = claim.verdicts.get(version=2)
    assert (correction.status, correction.correction_note) == (Verdict.Status.DRAFT, "We misread the table's units.")
    claim.refresh_from_db()
    assert claim.status == "published"


def test_reviewers_get_no_correction_form(client, reviewer, editor):
    claim = _published(reviewer, editor)
    client.force_login(reviewer)

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    assert 'id="fc-verdict-form"' not in page
    assert 'id="fc-add-source"' not in page
