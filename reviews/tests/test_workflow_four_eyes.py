"""Four eyes: nobody approves a verdict they wrote, and reviewers never approve."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from factcheck.errors import RoleForbidden
from reviews import services
from reviews.models import Rating, Verdict
from reviews.tests.wf_helpers import submitted_verdict

pytestmark = pytest.mark.django_db


def test_editor_cannot_approve_a_verdict_they_wrote(editor):
    claim, verdict = submitted_verdict(reviewer=editor)

    with pytest.raises(RoleForbidden, match="another editor"):
        services.verdict_approve(verdict=verdict, actor=editor)

    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED
    assert claim.status == "awaiting_approval"


def test_another_editor_approves_and_the_claim_is_published(editor, other_editor):
    claim, verdict = submitted_verdict(reviewer=editor)

    services.verdict_approve(verdict=verdict, actor=other_editor)

    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert (verdict.status, verdict.editor, claim.status) == (Verdict.Status.APPROVED, other_editor, "published")
    assert verdict.decided_at is not None


def test_reviewer_cannot_approve_someone_elses_verdict(reviewer, other_reviewer):
    _, verdict = submitted_verdict(reviewer=other_reviewer)

    with pytest.raises(RoleForbidden):
        services.verdict_approve(verdict=verdict, actor=reviewer)

    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED


def test_reviewer_posting_an_approve_in_the_admin_gets_an_error_message(client, reviewer, other_reviewer):
    claim, verdict = submitted_verdict(reviewer=other_reviewer)
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:claims_claim_step", args=[claim.pk, "verdict_approve"]), {"verdict": verdict.pk}, follow=True
    )

    assert [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)] == [
        ("error", "Your role may not approve claims.")
    ]
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED


def test_the_author_sees_no_approve_button_and_another_editor_does(client, editor, other_editor):
    claim, _ = submitted_verdict(reviewer=editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])

    client.force_login(editor)
    own = client.get(url).content.decode()
    client.force_login(other_editor)
    others = client.get(url).content.decode()

    assert 'id="fc-approve"' not in own
    assert 'id="fc-approve"' in others


def test_a_correction_cannot_be_approved_by_its_author(editor, other_editor):
    claim, verdict = submitted_verdict(reviewer=editor)
    services.verdict_approve(verdict=verdict, actor=other_editor)
    correction = services.verdict_create(
        claim=claim,
        actor=other_editor,
        rating=Rating.objects.get(slug="mostly-false"),
        summary="The figure is 30 percent, not 40.",
        explanation="",
        sources=list(claim.sources.all()),
        correction_note="The first version misread the table.",
    )
    services.verdict_submit(verdict=correction, actor=other_editor)

    with pytest.raises(RoleForbidden):
        services.verdict_approve(verdict=correction, actor=other_editor)
