"""Verdicts: drafting, editing, submission, approval (four eyes) and requests for changes.

Each function is one step: it locks the claim, re-reads under the lock, asks `reviews.workflow`
whether the actor may take it, writes the change and a timeline event, or raises StateConflict
(409), RoleForbidden (403) or ValidationError (field errors).
"""

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Claim, Source
from factcheck.errors import RoleForbidden, StateConflict
from factcheck.roles import DESK, roles_of

from .. import workflow
from ..claimreview import claimreview_validate
from ..events import verdict_published_notify
from ..models import Rating, Verdict
from ..workflow import Action, State
from .common import event_record, lock_claim, refresh

# Verdict states an author may still edit and submit.
OPEN_VERDICT_STATES = (Verdict.Status.DRAFT, Verdict.Status.CHANGES_REQUESTED)
_VERDICT_FIELDS = {"rating", "summary", "explanation", "sources", "correction_note"}
# Allowed markup in explanations: nh3's defaults (no script, style, event handlers or javascript: URLs).
_LINK_REL = "noopener noreferrer nofollow"


def sanitize_explanation(html: str) -> str:
    return nh3.clean(html or "", link_rel=_LINK_REL).strip()


def _clean_summary(summary: str) -> str:
    # The summary is one line: newlines from pasted text become spaces.
    summary = " ".join((summary or "").split())
    if len(summary) > 300:
        raise ValidationError({"summary": f"The summary is {len(summary)} characters; the limit is 300."})
    return summary


def _resolve_rating(rating) -> Rating:
    if isinstance(rating, Rating):
        return rating
    if rating in (None, ""):
        raise ValidationError({"rating": "Choose a rating."})
    found = Rating.objects.filter(pk=rating).first() if str(rating).isdigit() else None
    found = found or Rating.objects.filter(slug=str(rating)).first()
    if found is None:
        raise ValidationError({"rating": f"There is no rating {rating!r}."})
    return found


def _resolve_sources(*, claim: Claim, sources) -> list[Source]:
    ids = {s.pk if isinstance(s, Source) else int(s) for s in sources or ()}
    found = list(Source.objects.filter(claim=claim, pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError({"sources": "A verdict can cite only sources attached to its claim."})
    return found


def _lock_verdict(verdict: Verdict) -> tuple[Claim, Verdict]:
    """Lock the verdict's claim, then re-read the verdict: the claim lock serialises its verdicts."""
    claim = lock_claim(verdict.claim_id)
    return claim, Verdict.objects.select_related("rating", "author").get(pk=verdict.pk)


def _is_correction(claim: Claim) -> bool:
    return claim.status == State.PUBLISHED


def _check_verdict_step(action: Action, *, claim: Claim, actor) -> None:
    """Role and state check for a verdict step; corrections of a published claim are editors' work."""
    if _is_correction(claim):
        workflow.check(Action.CORRECT, state=claim.status, user=actor)
    else:
        workflow.check(action, state=claim.status, user=actor)


@transaction.atomic
def verdict_create(
    *,
    claim: Claim,
    actor,
    rating,
    summary: str,
    explanation: str,
    sources=(),
    correction_note: str = "",
) -> Verdict:
    """Draft the next verdict version of a claim.

    On a claim in review this is the first (or a fresh) draft. On a published claim it is a
    correction draft: editors only, and it needs a public correction note.
    """
    locked = lock_claim(claim.pk)
    correction = _is_correction(locked)
    if correction:
        workflow.check(Action.CORRECT, state=locked.status, user=actor)
    else:
        try:
            workflow.check(Action.SUBMIT, state=locked.status, user=actor)
        except StateConflict:
            label = State(locked.status).label.lower()
            raise StateConflict(
                f"A verdict can be drafted only for a claim in review or published; this claim is {label}."
            ) from None
    if locked.verdicts.filter(status__in=[*OPEN_VERDICT_STATES, Verdict.Status.SUBMITTED]).exists():
        raise StateConflict("This claim already has a verdict in progress; edit that version instead.")

    correction_note = (correction_note or "").strip()
    errors = {}
    if correction and not correction_note:
        errors["correction_note"] = "A correction needs a public note saying what it corrects."
    if not correction and correction_note:
        errors["correction_note"] = "Only a correction of a published verdict takes a correction note."
    try:
        rating = _resolve_rating(rating)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        summary = _clean_summary(summary)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        cited = _resolve_sources(claim=locked, sources=sources)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    last = locked.verdicts.order_by("-version").values_list("version", flat=True).first() or 0
    verdict = Verdict.objects.create(
        claim=locked,
        version=last + 1,
        author=actor,
        rating=rating,
        summary=summary,
        explanation=sanitize_explanation(explanation),
        correction_note=correction_note,
        status=Verdict.Status.DRAFT,
    )
    verdict.sources.set(cited)
    event_record(
        claim=locked,
        actor=actor,
        action="correction_draft" if correction else "verdict_draft",
        from_state=locked.status,
        to_state=locked.status,
        note=f"Version {verdict.version} drafted ({rating.label}).",
    )
    return verdict


@transaction.atomic
def verdict_update(*, verdict: Verdict, actor, **fields) -> Verdict:
    """Change a draft (or a verdict sent back with changes requested); only its author may."""
    unknown = set(fields) - _VERDICT_FIELDS
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be changed here."))
    claim, locked = _lock_verdict(verdict)
    if locked.author_id != getattr(actor, "pk", None):
        raise RoleForbidden("Only the author of a verdict may edit it.")
    if not (roles_of(actor) & DESK):
        raise RoleForbidden("Your role may not edit verdicts.")
    if locked.status not in OPEN_VERDICT_STATES:
        raise StateConflict(f"Cannot edit a verdict that is {locked.get_status_display().lower()}.")

    errors = {}
    changed = []
    cited = None
    if "rating" in fields:
        try:
            locked.rating = _resolve_rating(fields["rating"])
            changed.append("rating")
        except ValidationError as error:
            errors.update(error.message_dict)
    if "summary" in fields:
        try:
            locked.summary = _clean_summary(fields["summary"])
            changed.append("summary")
        except ValidationError as error:
            errors.update(error.message_dict)
    if "explanation" in fields:
        locked.explanation = sanitize_explanation(fields["explanation"])
        changed.append("explanation")
    if "correction_note" in fields:
        note = (fields["correction_note"] or "").strip()
        is_correction = _is_correction(claim)
        if is_correction and not note:
            errors["correction_note"] = "A correction needs a public note saying what it corrects."
        elif not is_correction and note:
            errors["correction_note"] = "Only a correction of a published verdict takes a correction note."
        locked.correction_note = note
        changed.append("correction_note")
    if "sources" in fields:
        try:
            cited = _resolve_sources(claim=claim, sources=fields["sources"])
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    locked.save(update_fields=[*changed, "updated_at"])
    if cited is not None:
        locked.sources.set(cited)
        changed.append("sources")
    event_record(
        claim=claim,
        actor=actor,
        action="verdict_edit",
        from_state=claim.status,
        to_state=claim.status,
        note=f"Version {locked.version}: changed {', '.join(changed) or 'nothing'}.",
    )
    refresh(verdict, locked, ("rating", "rating_id", "summary", "explanation", "correction_note", "updated_at"))
    return locked


@transaction.atomic
def verdict_submit(*, verdict: Verdict, actor) -> Verdict:
    """Send a draft to the editors (claim: in review -> awaiting approval)."""
    claim, locked = _lock_verdict(verdict)
    _check_verdict_step(Action.SUBMIT, claim=claim, actor=actor)
    if locked.author_id != getattr(actor, "pk", None):
        raise RoleForbidden("Only the author of a verdict may submit it.")
    if locked.status not in OPEN_VERDICT_STATES:
        raise StateConflict(f"Cannot submit a verdict that is {locked.get_status_display().lower()}.")

    errors = {}
    if not locked.summary.strip():
        errors["summary"] = "Write a one-line summary before submitting."
    needed = settings.FACTCHECK_MIN_SOURCES
    cited = locked.sources.filter(claim_id=claim.pk).count()
    if cited < needed:
        errors["sources"] = (
            f"A verdict must cite at least {needed} source{'s' if needed != 1 else ''} attached to the claim; "
            f"this one cites {cited}."
        )
    if errors:
        raise ValidationError(errors)

    before = claim.status
    locked.status = Verdict.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    if not _is_correction(claim):
        claim.status = State.AWAITING_APPROVAL
        claim.save(update_fields=["status", "updated_at"])
    event_record(
        claim=claim,
        actor=actor,
        action=Action.SUBMIT,
        from_state=before,
        to_state=claim.status,
        note=f"Version {locked.version} submitted for approval.",
    )
    refresh(verdict, locked, ("status", "submitted_at", "updated_at"))
    return locked


@transaction.atomic
def verdict_approve(*, verdict: Verdict, actor) -> Verdict:
    """Publish a submitted verdict: the claim becomes published, an earlier approved version is superseded.

    Four eyes: an editor never approves a verdict they wrote.
    """
    claim, locked = _lock_verdict(verdict)
    correction = _is_correction(claim)
    # Role first, so a reviewer is told they may not approve whatever the state.
    _check_verdict_step(Action.APPROVE, claim=claim, actor=actor)
    if locked.author_id == getattr(actor, "pk", None):
        raise RoleForbidden("You wrote this verdict; another editor must approve it.")
    if locked.status != Verdict.Status.SUBMITTED:
        raise StateConflict(f"Cannot approve a verdict that is {locked.get_status_display().lower()}.")
    errors = {}
    if not locked.summary.strip():
        errors["summary"] = "The verdict has no summary."
    try:
        claimreview_validate(verdict=locked, claim=claim)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    before = claim.status
    # The partial unique index allows one approved version per claim: retire the old one first.
    claim.verdicts.filter(status=Verdict.Status.APPROVED).exclude(pk=locked.pk).update(
        status=Verdict.Status.SUPERSEDED, updated_at=now
    )
    locked.status = Verdict.Status.APPROVED
    locked.editor = actor
    locked.decided_at = now
    locked.save(update_fields=["status", "editor", "decided_at", "updated_at"])
    claim.status = State.PUBLISHED
    claim.save(update_fields=["status", "updated_at"])
    event_record(
        claim=claim,
        actor=actor,
        action=Action.CORRECT if correction else Action.APPROVE,
        from_state=before,
        to_state=claim.status,
        note=f"Version {locked.version} {'published as a correction' if correction else 'approved and published'}.",
    )
    verdict_published_notify(verdict=locked, correction=correction)
    refresh(verdict, locked, ("status", "editor", "editor_id", "decided_at", "updated_at"))
    return locked


@transaction.atomic
def verdict_request_changes(*, verdict: Verdict, actor, note: str) -> Verdict:
    """Send a submitted verdict back to its author with a note (claim: awaiting approval -> in review)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say what needs to change."})
    claim, locked = _lock_verdict(verdict)
    _check_verdict_step(Action.REQUEST_CHANGES, claim=claim, actor=actor)
    if locked.status != Verdict.Status.SUBMITTED:
        raise StateConflict(f"Cannot request changes to a verdict that is {locked.get_status_display().lower()}.")

    before = claim.status
    locked.status = Verdict.Status.CHANGES_REQUESTED
    locked.editor = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "editor", "decided_at", "updated_at"])
    if not _is_correction(claim):
        claim.status = State.IN_REVIEW
        claim.save(update_fields=["status", "updated_at"])
    event_record(
        claim=claim, actor=actor, action=Action.REQUEST_CHANGES, from_state=before, to_state=claim.status, note=note
    )
    refresh(verdict, locked, ("status", "editor", "editor_id", "decided_at", "updated_at"))
    return locked
