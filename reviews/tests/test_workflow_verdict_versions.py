"""Verdicts are versioned: drafts are the author's, a correction is a new version and the old one stays."""

import pytest
from django.core.exceptions import ValidationError

from factcheck.errors import RoleForbidden, StateConflict
from reviews import services
from reviews.models import Rating, Verdict
from reviews.tests.wf_helpers import claim_in_review, submitted_verdict

pytestmark = pytest.mark.django_db


def _correction(claim, editor, note="The first version misread the table."):
    return services.verdict_create(
        claim=claim,
        actor=editor,
        rating=Rating.objects.get(slug="mostly-false"),
        summary="The figure is 30 percent, not 40.",
        explanation="<p>Corrected.</p>",
        sources=list(claim.sources.all()),
        correction_note=note,
    )


def test_a_correction_is_a_new_version_and_supersedes_the_published_one(reviewer, editor, other_editor):
    claim, first = submitted_verdict(reviewer=reviewer)
    services.verdict_approve(verdict=first, actor=editor)

    correction = _correction(claim, editor)
    services.verdict_submit(verdict=correction, actor=editor)
    services.verdict_approve(verdict=correction, actor=other_editor)

    first.refresh_from_db()
    correction.refresh_from_db()
    claim.refresh_from_db()
    assert (first.version, first.status) == (1, Verdict.Status.SUPERSEDED)
    assert (correction.version, correction.status) == (2, Verdict.Status.APPROVED)
    assert correction.correction_note == "The first version misread the table."
    assert claim.status == "published"
    assert list(claim.events.values_list("action", flat=True))[-1] == "correct"


def test_a_correction_needs_a_public_note(reviewer, editor):
    claim, first = submitted_verdict(reviewer=reviewer)
    services.verdict_approve(verdict=first, actor=editor)

    with pytest.raises(ValidationError) as refusal:
        _correction(claim, editor, note="  ")

    assert "correction_note" in refusal.value.message_dict
    assert claim.verdicts.count() == 1


def test_reviewers_cannot_correct_a_published_verdict(reviewer, editor):
    claim, first = submitted_verdict(reviewer=reviewer)
    services.verdict_approve(verdict=first, actor=editor)

    with pytest.raises(RoleForbidden):
        _correction(claim, reviewer)


def test_changes_requested_go_back_to_the_author_who_edits_and_resubmits(reviewer, editor):
    claim, verdict = submitted_verdict(reviewer=reviewer)

    services.verdict_request_changes(verdict=verdict, actor=editor, note="Cite the 2023 table.")
    claim.refresh_from_db()
    assert claim.status == "in_review"
    services.verdict_update(verdict=verdict, actor=reviewer, summary="The figure is 3 percent (2023 table).")
    services.verdict_submit(verdict=verdict, actor=reviewer)

    verdict.refresh_from_db()
    claim.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED
    assert claim.status == "awaiting_approval"
    assert claim.events.filter(action="request_changes", note="Cite the 2023 table.").exists()


def test_request_changes_needs_a_note(reviewer, editor):
    _, verdict = submitted_verdict(reviewer=reviewer)

    with pytest.raises(ValidationError):
        services.verdict_request_changes(verdict=verdict, actor=editor, note="")

    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED


def test_only_the_author_edits_a_draft(reviewer, other_reviewer):
    claim, cited = claim_in_review(reviewer=reviewer)
    draft = services.verdict_create(
        claim=claim, actor=reviewer, rating="false", summary="Wrong.", explanation="", sources=cited
    )

    with pytest.raises(RoleForbidden):
        services.verdict_update(verdict=draft, actor=other_reviewer, summary="Mine now.")

    draft.refresh_from_db()
    assert draft.summary == "Wrong."


def test_a_submitted_verdict_can_no_longer_be_edited(reviewer):
    _, verdict = submitted_verdict(reviewer=reviewer)

    with pytest.raises(StateConflict):
        services.verdict_update(verdict=verdict, actor=reviewer, summary="Changed after submitting.")


def test_a_second_draft_while_one_is_open_is_refused(reviewer):
    claim, cited = claim_in_review(reviewer=reviewer)
    services.verdict_create(claim=claim, actor=reviewer, rating="false", summary="One.", explanation="", sources=cited)

    with pytest.raises(StateConflict):
        services.verdict_create(claim=claim, actor=reviewer, rating="true", summary="Two.", explanation="")

    assert claim.verdicts.count() == 1


def test_the_explanation_is_kept_as_written_and_sanitised_when_shown(reviewer):
    claim, cited = claim_in_review(reviewer=reviewer)

    verdict = services.verdict_create(
        claim=claim,
        actor=reviewer,
        rating="false",
        summary="Wrong.\nReally.",
        explanation='<p onclick="steal()">See <a href="javascript:alert(1)">this</a><script>alert(1)</script></p>',
        sources=cited,
    )

    # The Markdown source is stored as written; every page and answer shows the sanitised rendering.
    shown = verdict.explanation_html
    assert "<script" not in shown
    assert "onclick" not in shown
    assert "javascript:" not in shown
    assert "<p>" in shown
    assert verdict.summary == "Wrong. Really."


def test_approving_needs_a_summary(reviewer, editor):
    claim, verdict = submitted_verdict(reviewer=reviewer)
    Verdict.objects.filter(pk=verdict.pk).update(summary="")

    with pytest.raises(ValidationError):
        services.verdict_approve(verdict=verdict, actor=editor)

    claim.refresh_from_db()
    assert claim.status == "awaiting_approval"
