"""Verdicts: drafting, editing, submission, approval (four eyes) and requests for changes.

Each function is one step: it locks the claim, re-reads under the lock, and has
`reviews.workflow.apply` check the step against the verdict table (roles, authorship, four eyes),
move the verdict and its claim and record the event; or it raises StateConflict (409),
RoleForbidden (403) or ValidationError (field errors).
"""

from html import unescape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Claim, Source
from factcheck.errors import StateConflict
from factcheck.history import save_as
from factcheck.text import hidden_text_error, strip_invisible
from factcheck.words import join_words, shorten

from .. import workflow
from ..claimreview import claimreview_validate
from ..events import verdict_published_notify
from ..markdown import render_explanation
from ..models import Comment, Notification, Rating, Verdict
from ..selectors import claim_workers
from ..workflow import OPEN_VERDICT_STATES, Action, State
from .comments import comment_add
from .common import event_record_here, lock_claim, refresh
from .notifications import notify

_VERDICT_FIELDS = {"rating", "summary", "explanation", "sources", "correction_note"}
# How the timeline names what an author changed.
VERDICT_FIELD_WORDS = {
    "rating": "the rating",
    "summary": "the summary",
    "explanation": "the explanation",
    "sources": "the cited sources",
    "correction_note": "the correction note",
}
MAX_EXPLANATION_CHARS = 100_000


def _checked(errors: dict, clean, *args, **kwargs):
    """`clean(...)`'s value, or None with its field errors added to `errors` (so every field is reported)."""
    try:
        return clean(*args, **kwargs)
    except ValidationError as error:
        errors.update(error.message_dict)
        return None


def sanitize_explanation(html: str) -> str:
    """HTML (or Markdown) as it may be shown: rendered and cleaned (see reviews.markdown)."""
    return str(render_explanation(html or ""))


def _clean_summary(summary: str) -> str:
    # The summary is one line: newlines from pasted text become spaces.
    summary = " ".join(strip_invisible(summary or "").split())
    if len(summary) > 300:
        raise ValidationError({"summary": f"The summary is {len(summary)} characters; the limit is 300."})
    if hidden := hidden_text_error(summary, what="The summary"):
        raise ValidationError({"summary": hidden})
    return summary


def _clean_explanation(markup: str) -> str:
    # Stored as written (Markdown): it is rendered and sanitised wherever it is shown.
    explanation = strip_invisible(markup or "").strip()
    if len(explanation) > MAX_EXPLANATION_CHARS:
        raise ValidationError(
            {"explanation": f"The explanation is {len(explanation)} characters; the limit is {MAX_EXPLANATION_CHARS}."}
        )
    # As readers will see it: a character written as an entity (&#x202e;) hides text all the same.
    if hidden := hidden_text_error(unescape(sanitize_explanation(explanation)), what="The explanation"):
        raise ValidationError({"explanation": hidden})
    return explanation


def _clean_correction_note(note: str, *, correction: bool) -> str:
    note = strip_invisible(note or "").strip()
    if correction and not note:
        raise ValidationError({"correction_note": "A correction needs a public note saying what it corrects."})
    if not correction and note:
        raise ValidationError({"correction_note": "Only a correction of a published verdict takes a correction note."})
    if hidden := hidden_text_error(note, what="The correction note"):
        raise ValidationError({"correction_note": hidden})
    return note


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
    locked = Verdict.objects.select_related("rating", "author").get(pk=verdict.pk)
    locked.claim = claim  # the workflow reads the claim's state from the locked row
    return claim, locked


def _is_correction(claim: Claim) -> bool:
    return workflow.claim_action(Action.SUBMIT, claim.status) == Action.CORRECT


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
    try:
        workflow.check(workflow.claim_action(Action.SUBMIT, locked.status), locked, user=actor)
    except StateConflict:
        label = State(locked.status).label.lower()
        raise StateConflict(
            f"A verdict can be drafted only for a claim in review or published; this claim is {label}."
        ) from None
    if locked.verdicts.filter(status__in=[*OPEN_VERDICT_STATES, Verdict.Status.SUBMITTED]).exists():
        raise StateConflict("This claim already has a verdict in progress; edit that version instead.")

    errors = {}
    correction_note = _checked(errors, _clean_correction_note, correction_note, correction=correction)
    rating = _checked(errors, _resolve_rating, rating)
    summary = _checked(errors, _clean_summary, summary)
    explanation = _checked(errors, _clean_explanation, explanation)
    cited = _checked(errors, _resolve_sources, claim=locked, sources=sources)
    if errors:
        raise ValidationError(errors)

    last = locked.verdicts.order_by("-version").values_list("version", flat=True).first() or 0
    verdict = Verdict(
        claim=locked,
        version=last + 1,
        author=actor,
        rating=rating,
        summary=summary,
        explanation=explanation,
        correction_note=correction_note,
        status=Verdict.Status.DRAFT,
    )
    save_as(verdict, actor=actor)
    verdict.sources.set(cited)
    event_record_here(
        claim=locked,
        actor=actor,
        action="correction_draft" if correction else "verdict_draft",
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
    workflow.check(Action.EDIT, locked, user=actor)

    errors = {}
    changes = {}
    cited = None
    if "rating" in fields:
        changes["rating"] = _checked(errors, _resolve_rating, fields["rating"])
    if "summary" in fields:
        changes["summary"] = _checked(errors, _clean_summary, fields["summary"])
    if "explanation" in fields:
        changes["explanation"] = _checked(errors, _clean_explanation, fields["explanation"])
    if "correction_note" in fields:
        changes["correction_note"] = _checked(
            errors, _clean_correction_note, fields["correction_note"], correction=_is_correction(claim)
        )
    if "sources" in fields:
        cited = _checked(errors, _resolve_sources, claim=claim, sources=fields["sources"])
    if errors:
        raise ValidationError(errors)

    # Only what differs from the stored version is written and told: a form posts every field.
    changes = {name: value for name, value in changes.items() if getattr(locked, name) != value}
    if cited is not None and {s.pk for s in cited} == set(locked.sources.values_list("pk", flat=True)):
        cited = None
    changed = [*changes, *(["sources"] if cited is not None else [])]
    if not changed:
        return locked
    workflow.apply(
        Action.EDIT,
        locked,
        actor=actor,
        changes=changes,
        note=f"Changed {join_words(VERDICT_FIELD_WORDS[name] for name in changed)} of version {locked.version}.",
    )
    if cited is not None:
        locked._history_user = actor
        locked.sources.set(cited)
    refresh(verdict, locked, ("rating", "rating_id", "summary", "explanation", "correction_note", "updated_at"))
    return locked


@transaction.atomic
def verdict_submit(*, verdict: Verdict, actor) -> Verdict:
    """Send a draft to the editors (claim: in review -> awaiting approval)."""
    claim, locked = _lock_verdict(verdict)
    workflow.check(Action.SUBMIT, locked, user=actor)

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

    workflow.apply(
        Action.SUBMIT,
        locked,
        actor=actor,
        changes={"submitted_at": timezone.now()},
        note=f"Version {locked.version} submitted for approval.",
    )
    refresh(verdict, locked, ("status", "submitted_at", "updated_at"))
    return locked


@transaction.atomic
def verdict_approve(*, verdict: Verdict, actor) -> Verdict:
    """Publish a submitted verdict: the claim becomes published, an earlier approved version is superseded.

    Four eyes (an editor never approves a verdict they wrote) is the verdict table's rule.
    """
    claim, locked = _lock_verdict(verdict)
    correction = _is_correction(claim)
    workflow.check(Action.APPROVE, locked, user=actor)
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
    # The partial unique index allows one approved version per claim: retire the old one first.
    for earlier in claim.verdicts.filter(status=Verdict.Status.APPROVED).exclude(pk=locked.pk):
        earlier.status = Verdict.Status.SUPERSEDED
        save_as(earlier, actor=actor, fields=["status", "updated_at"])
    event = workflow.apply(
        Action.APPROVE,
        locked,
        actor=actor,
        changes={"editor": actor, "decided_at": now},
        note=f"Version {locked.version} {'published as a correction' if correction else 'approved and published'}.",
    )
    verdict_published_notify(verdict=locked, correction=correction)
    _notify_published(event=event, verdict=locked, claim=claim, actor=actor, correction=correction)
    refresh(verdict, locked, ("status", "editor", "editor_id", "decided_at", "updated_at"))
    return locked


@transaction.atomic
def verdict_request_changes(*, verdict: Verdict, actor, note: str) -> Verdict:
    """Send a submitted verdict back to its author with a note (claim: awaiting approval -> in review)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say what needs to change."})
    claim, locked = _lock_verdict(verdict)
    event = workflow.apply(
        Action.REQUEST_CHANGES,
        locked,
        actor=actor,
        changes={"editor": actor, "decided_at": timezone.now()},
        note=note,
    )
    # The note opens the desk's thread on the claim too, where the author answers it.
    comment_add(claim=claim, actor=actor, body=note, verdict=locked, kind=Comment.Kind.CHANGES_REQUESTED)
    notify(
        kind=Notification.Kind.CHANGES_REQUESTED,
        event=f"event:{event.pk}",
        recipients=[locked.author],
        actor=actor,
        claim=claim,
        verdict=locked,
        text=f"{actor.get_username()} requested changes to your verdict on claim #{claim.pk}: {note}",
    )
    refresh(verdict, locked, ("status", "editor", "editor_id", "decided_at", "updated_at"))
    return locked


def _notify_published(*, event, verdict: Verdict, claim: Claim, actor, correction: bool) -> None:
    """The author hears their verdict is public; on a correction, so does everyone who worked on the claim
    or on a claim reusing its fact-check."""
    what = "correction" if correction else "verdict"
    notify(
        kind=Notification.Kind.VERDICT_PUBLISHED,
        event=f"event:{event.pk}",
        recipients=[verdict.author],
        actor=actor,
        claim=claim,
        verdict=verdict,
        text=f"{actor.get_username()} approved and published your {what} on claim #{claim.pk} "
        f"({verdict.rating.label}): {verdict.summary}",
    )
    if correction:
        notify(
            kind=Notification.Kind.CORRECTION_PUBLISHED,
            event=f"event:{event.pk}",
            # A correction reaches whoever worked on the fact-check or on a claim reusing it.
            recipients=claim_workers(claim_ids=[claim.pk, *claim.appearances.values_list("pk", flat=True)])
            - {verdict.author_id},
            actor=actor,
            claim=claim,
            verdict=verdict,
            text=f"A correction of claim #{claim.pk} is published ({verdict.rating.label}): "
            f"“{shorten(claim.text, 100)}” — {verdict.correction_note}",
        )
