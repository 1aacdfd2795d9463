"""The claim page's panels that need more than a line of context each; `claim_page._context` merges them.

Each builder returns the template context of one panel (template: admin/claims/claim/_<panel>.html).
"""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from claims.matches import claim_answer, claim_appearances, claim_matches
from claims.models import Claim

from .. import selectors
from ..markdown import render_explanation
from ..models import Comment, Verdict
from ..verdict_changes import verdict_changes
from .forms import CommentForm, ScheduleForm, VerdictForm


def schedule_section(claim: Claim) -> dict:
    """Deadline and priority: the form, and whether the deadline passed on open work."""
    return {
        "schedule_form": ScheduleForm(
            initial={"due_at": timezone.localtime(claim.due_at) if claim.due_at else None, "priority": claim.priority}
        ),
        "overdue": claim.due_at is not None
        and claim.status in selectors.OPEN_CLAIM_STATES
        and claim.due_at < timezone.now(),
    }


def verdict_section(claim: Claim, open_verdict: Verdict | None, can: dict) -> dict:
    """The verdict form (Markdown with its preview), and what changed in a resubmitted version."""
    initial = _verdict_initial(claim, open_verdict, can)
    return {
        "verdict_form": VerdictForm(initial=initial, claim=claim),
        "explanation_preview": render_explanation((initial or {}).get("explanation", "")),
        "preview_markdown_url": reverse("admin:reviews_verdict_preview_markdown"),
        "open_verdict_changes": verdict_changes([open_verdict]).get(open_verdict.pk) if open_verdict else None,
    }


def discussion_section(claim: Claim, open_verdict: Verdict | None) -> dict:
    """The desk's thread, and the editor's note to show above the verdict form while it is pending."""
    comments = list(claim.comments.all())
    return {
        "comments": comments,
        "comment_form": CommentForm(),
        "changes_note": _changes_note(comments, open_verdict),
    }


def _changes_note(comments, open_verdict: Verdict | None) -> Comment | None:
    if open_verdict is None or open_verdict.status != Verdict.Status.CHANGES_REQUESTED:
        return None
    notes = [c for c in comments if c.verdict_id == open_verdict.pk and c.kind == Comment.Kind.CHANGES_REQUESTED]
    return notes[-1] if notes else None


def _verdict_initial(claim: Claim, open_verdict: Verdict | None, can: dict) -> dict | None:
    """The verdict form starts from the author's open draft, or from the published version to correct."""
    if can["verdict_update"]:
        current = open_verdict
    elif claim.status == Claim.Status.PUBLISHED:
        current = next((v for v in claim.verdicts.all() if v.status == Verdict.Status.APPROVED), None)
    else:
        current = None
    if current is None:
        # A first draft cites every source gathered so far; the author unticks what it does not need.
        return {"sources": [s.pk for s in claim.sources.all()]} if can["verdict_draft"] else None
    initial = {
        "rating": current.rating_id,
        "summary": current.summary,
        "explanation": current.explanation,
        "sources": [s.pk for s in current.sources.all()],
    }
    if current is open_verdict:
        initial["correction_note"] = current.correction_note
    return initial


def matches_section(claim: Claim) -> dict:
    """Checked before, seen before (suggested or confirmed matches), and what the claim is an appearance of.

    Each checked-before row gets `verdict`: the candidate's published verdict (rating, first publication),
    read for all of them in one query. A reused claim names its fact-check; a published one lists its
    appearances (itself first among them when its article came first).
    """
    found = claim_matches(claim)
    verdicts = {
        v.claim_id: v
        for v in selectors.published_verdicts().filter(claim_id__in=[m.candidate_id for m in found.checked_before])
    }
    for match in found.checked_before:
        match.verdict = verdicts.get(match.candidate_id)
        match.public_url = public_url(match.candidate_id) if match.verdict is not None else None
    published = claim.status == Claim.Status.PUBLISHED
    return {
        "checked_before": found.checked_before,
        "seen_before": found.seen_before,
        "answer": claim_answer(claim) if claim.fact_check_id else None,
        "appearances": [c for c in claim_appearances(claim.pk) if c.pk != claim.pk] if published else [],
    }


def public_url(claim_id: int) -> str | None:
    """The public page of a published fact-check (None where the public site is not served)."""
    try:
        return reverse("public-factcheck", args=[claim_id])
    except NoReverseMatch:
        return None
