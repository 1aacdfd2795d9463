"""Desk work on claims: assignment, dismissal, reopening, and edits (reword, split, merge).

Each function is one step under the claim's row lock (an article's claims are locked article
first, then claims in primary-key order); `reviews.workflow.apply` checks it, writes the claim
and records the event.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Article, Claim, Source
from factcheck.errors import StateConflict
from factcheck.history import delete_as, save_as
from factcheck.roles import DESK, roles_of
from factcheck.text import hidden_text_error, strip_invisible
from factcheck.words import join_words, shorten

from .. import workflow
from ..models import Comment, Notification, Verdict, WorkflowEvent
from ..workflow import Action
from .common import event_record_here, lock_claim, refresh
from .notifications import notify
from .sources import validate_http_url


@transaction.atomic
def claim_assign(*, claim: Claim, actor, assignee) -> Claim:
    """Assign a claim to a reviewer or editor (new/in review -> in review); `assignee=None` unassigns."""
    locked = lock_claim(claim.pk)
    if assignee is None:
        previous = locked.assignee
        workflow.apply(
            Action.UNASSIGN,
            locked,
            actor=actor,
            changes={"assignee": None},
            note=f"Unassigned {previous.get_username()}." if previous else "",
        )
    else:
        workflow.check(Action.ASSIGN, locked, user=actor)
        if not (roles_of(assignee) & DESK):
            raise ValidationError({"assignee": f"{assignee.get_username()} is not a reviewer or editor."})
        if locked.assignee_id == assignee.pk and locked.status == Claim.Status.IN_REVIEW:
            refresh(claim, locked, ("assignee", "status", "updated_at"))
            return locked
        event = workflow.apply(
            Action.ASSIGN,
            locked,
            actor=actor,
            changes={"assignee": assignee},
            note=f"Assigned to {assignee.get_username()}.",
        )
        notify(
            kind=Notification.Kind.ASSIGNED,
            event=f"event:{event.pk}",
            recipients=[assignee],
            actor=actor,
            claim=locked,
            text=f"{actor.get_username()} assigned you claim #{locked.pk}: “{shorten(locked.text, 120)}”",
        )
    refresh(claim, locked, ("assignee", "assignee_id", "status", "updated_at"))
    return locked


@transaction.atomic
def claim_dismiss(*, claim: Claim, actor, reason: str, note: str = "") -> Claim:
    """Dismiss a claim that is not worth checking, with one of Claim.DismissReason."""
    if reason not in Claim.DismissReason.values:
        choices = ", ".join(Claim.DismissReason.values)
        raise ValidationError({"reason": f"Choose a dismissal reason ({choices})."})
    locked = lock_claim(claim.pk)
    label = Claim.DismissReason(reason).label
    workflow.apply(
        Action.DISMISS,
        locked,
        actor=actor,
        changes={"dismiss_reason": reason, "assignee": None},
        note=f"{label}. {note}".strip() if note else label,
    )
    refresh(claim, locked, ("status", "dismiss_reason", "assignee", "assignee_id", "updated_at"))
    return locked


@transaction.atomic
def claim_reopen(*, claim: Claim, actor, note: str = "") -> Claim:
    """Bring a dismissed claim back to new."""
    locked = lock_claim(claim.pk)
    workflow.apply(Action.REOPEN, locked, actor=actor, changes={"dismiss_reason": ""}, note=note)
    refresh(claim, locked, ("status", "dismiss_reason", "updated_at"))
    return locked


# How the timeline names what a person changed on a claim.
CLAIM_FIELD_WORDS = {
    "text": "the wording",
    "claimant": "the claimant",
    "claimant_url": "the claimant's address",
    "tags": "the tags",
}


@transaction.atomic
def claim_edit(
    *,
    claim: Claim,
    actor,
    text: str | None = None,
    claimant: str | None = None,
    claimant_url: str | None = None,
    tags: list[str] | None = None,
) -> Claim:
    """Reword a claim or set who made it; the extracted wording and its offsets stay as they were."""
    locked = lock_claim(claim.pk)
    workflow.check(Action.EDIT, locked, user=actor)

    errors = {}
    changes = {}
    if text is not None:
        text = unicodedata.normalize("NFC", strip_invisible(text)).strip()
        if not text:
            errors["text"] = "The claim text cannot be empty."
        elif hidden := hidden_text_error(text, what="The claim's wording"):
            errors["text"] = hidden
        elif text != locked.text:
            changes["text"] = text
    if claimant is not None:
        claimant = strip_invisible(claimant).strip()
        if len(claimant) > 200:
            errors["claimant"] = "At most 200 characters."
        elif hidden := hidden_text_error(claimant, what="The claimant"):
            errors["claimant"] = hidden
        elif claimant != locked.claimant:
            changes["claimant"] = claimant
    if claimant_url is not None:
        claimant_url = claimant_url.strip()
        if claimant_url:
            try:
                claimant_url = validate_http_url(claimant_url, field="claimant_url")
            except ValidationError as error:
                errors.update(error.message_dict)
        if claimant_url != locked.claimant_url:
            changes["claimant_url"] = claimant_url
    if tags is not None:
        if isinstance(tags, str) or not all(isinstance(tag, str) for tag in tags):
            errors["tags"] = "Tags are a list of words."
        else:
            cleaned = list(dict.fromkeys(tag.strip().lower() for tag in tags if tag.strip()))
            if cleaned != locked.tags:
                changes["tags"] = cleaned
    if errors:
        raise ValidationError(errors)
    if not changes:
        return locked

    said = join_words(CLAIM_FIELD_WORDS[name] for name in changes)
    workflow.apply(Action.EDIT, locked, actor=actor, changes=changes, note=f"Changed {said}.")
    refresh(claim, locked, (*changes, "updated_at"))
    return locked


_UNCHANGED = object()


@transaction.atomic
def claim_schedule(*, claim: Claim, actor, due_at=_UNCHANGED, priority=_UNCHANGED) -> Claim:
    """Set when the desk should have decided a claim (`due_at=None` clears it) and how urgent it is."""
    locked = lock_claim(claim.pk)
    workflow.check(Action.SCHEDULE, locked, user=actor)
    changes = {}
    if due_at is not _UNCHANGED:
        if due_at is not None and timezone.is_naive(due_at):
            raise ValidationError({"due_at": "Give the deadline with its time zone."})
        if due_at != locked.due_at:
            changes["due_at"] = due_at
    if priority is not _UNCHANGED:
        if priority not in Claim.Priority.values:
            raise ValidationError({"priority": f"Choose one of: {', '.join(Claim.Priority.labels).lower()}."})
        if priority != locked.priority:
            changes["priority"] = priority
    if not changes:
        return locked
    said = []
    if "due_at" in changes:
        said.append(f"set the deadline to {due_words(due_at)}" if due_at else "removed the deadline")
    if "priority" in changes:
        said.append(f"set the priority to {Claim.Priority(priority).label.lower()}")
    workflow.apply(Action.SCHEDULE, locked, actor=actor, changes=changes, note=f"{join_words(said).capitalize()}.")
    refresh(claim, locked, (*changes, "updated_at"))
    return locked


def due_words(due_at) -> str:
    return timezone.localtime(due_at).strftime("%-d %b %Y, %H:%M")


def _lock_article_claims(article_id: int) -> None:
    # Lock the article first, then its claims in primary-key order: splits, merges and
    # re-segmentation of one article then queue behind each other instead of deadlocking.
    Article.objects.select_for_update().filter(pk=article_id).values_list("pk", flat=True).first()
    list(Claim.objects.filter(article_id=article_id).order_by("pk").select_for_update().values_list("pk", flat=True))


def _shift_positions(*, article_id: int, after: int, actor) -> None:
    """Make room for one claim after position `after`, each moved claim saved so its history shows it."""
    # From the last claim up, so no claim ever lands on a position still taken (it is unique).
    later = Claim.objects.filter(article_id=article_id, position__gt=after).order_by("-position")
    for claim in later:
        claim.position += 1
        save_as(claim, actor=actor, fields=["position"])


@transaction.atomic
def claim_split(*, claim: Claim, actor, at: int) -> tuple[Claim, Claim]:
    """Split a claim in two at character `at` of its text; both halves keep exact offsets into the body."""
    _lock_article_claims(claim.article_id)
    locked = Claim.objects.select_related("article").get(pk=claim.pk)
    workflow.check(Action.SPLIT, locked, user=actor)

    body = locked.article.body
    if body[locked.start : locked.end] != locked.text:
        raise ValidationError({"text": "The claim's wording was edited; only the extracted wording can be split."})
    if not isinstance(at, int) or not 0 < at < len(locked.text):
        raise ValidationError({"at": f"Split inside the claim: between 1 and {len(locked.text) - 1}."})
    head, tail = locked.text[:at], locked.text[at:]
    if not head.strip() or not tail.strip():
        raise ValidationError({"at": "Both parts of a split claim need some text."})

    first_end = locked.start + len(head.rstrip())
    second_start = locked.start + at + (len(tail) - len(tail.lstrip()))
    second = Claim(
        article_id=locked.article_id,
        text=body[second_start : locked.end],
        original_text=body[second_start : locked.end],
        start=second_start,
        end=locked.end,
        position=locked.position + 1,
        checkworthiness=locked.checkworthiness,
        reasons=list(locked.reasons),
        claim_type=locked.claim_type,
        segmenter_version=locked.segmenter_version,
        status=locked.status,
        assignee=locked.assignee,
        claimant=locked.claimant,
        claimant_url=locked.claimant_url,
        tags=list(locked.tags),
        created_by=actor,
    )
    _shift_positions(article_id=locked.article_id, after=locked.position, actor=actor)
    save_as(second, actor=actor)

    note = f"Split into #{locked.pk} and #{second.pk}."
    first_text = body[locked.start : first_end]
    workflow.apply(
        Action.SPLIT,
        locked,
        actor=actor,
        changes={"text": first_text, "original_text": first_text, "end": first_end},
        note=note,
    )
    event_record_here(claim=second, actor=actor, action=Action.SPLIT, note=note)
    refresh(claim, locked, ("text", "original_text", "end", "updated_at"))
    return locked, second


@transaction.atomic
def claim_merge(*, claims, actor) -> Claim:
    """Merge adjacent claims of one article into the first; the others' sources and timeline move to it."""
    ids = {c.pk if isinstance(c, Claim) else int(c) for c in claims}
    if len(ids) < 2:
        raise ValidationError({"claims": "Choose at least two claims to merge."})
    article_ids = set(Claim.objects.filter(pk__in=ids).values_list("article_id", flat=True))
    if len(article_ids) != 1:
        raise ValidationError({"claims": "Only claims of one article can be merged."})
    article_id = article_ids.pop()
    _lock_article_claims(article_id)
    chosen = list(Claim.objects.filter(pk__in=ids).select_related("article").order_by("position"))
    if len(chosen) != len(ids):
        raise ValidationError({"claims": "A claim to merge no longer exists."})
    for item in chosen:
        workflow.check(Action.MERGE, item, user=actor)
    between = Claim.objects.filter(
        article_id=article_id, position__gt=chosen[0].position, position__lt=chosen[-1].position
    ).exclude(pk__in=ids)
    if between.exists():
        raise ValidationError({"claims": "Only adjacent claims can be merged."})
    survivor, absorbed = chosen[0], chosen[1:]
    if Verdict.objects.filter(claim__in=absorbed).exists():
        raise StateConflict("A claim with a verdict cannot be merged into another; merge into it instead.")

    body = survivor.article.body
    edited = any(item.text != item.original_text for item in chosen)
    original_text = body[survivor.start : chosen[-1].end]
    changes = {
        "text": " ".join(item.text for item in chosen) if edited else original_text,
        "original_text": original_text,
        "end": chosen[-1].end,
        "checkworthiness": max(item.checkworthiness for item in chosen),
        "reasons": list(dict.fromkeys(reason for item in chosen for reason in item.reasons)),
    }
    if survivor.status == Claim.Status.NEW:
        working = next((item for item in absorbed if item.status == Claim.Status.IN_REVIEW), None)
        if working is not None:
            changes.update(status=working.status, assignee=working.assignee)

    # Row by row, not QuerySet.update(): each moved source and timeline entry gets a history entry.
    known = set(survivor.sources.values_list("normalized_url", flat=True))
    for source in Source.objects.filter(claim__in=absorbed).order_by("pk"):
        if source.normalized_url in known:
            delete_as(source, actor=actor)
        else:
            known.add(source.normalized_url)
            source.claim = survivor
            save_as(source, actor=actor, fields=["claim"])
    # The absorbed claims' timelines stay readable on the merged claim.
    for event in WorkflowEvent.objects.filter(claim__in=absorbed).order_by("pk"):
        event.claim = survivor
        save_as(event, actor=actor, fields=["claim"])
    for comment in Comment.objects.filter(claim__in=absorbed).order_by("pk"):
        comment.claim = survivor
        comment.save(update_fields=["claim"])
    note = f"Merged {', '.join(f'#{item.pk}' for item in absorbed)} into #{survivor.pk}."
    for item in absorbed:
        delete_as(item, actor=actor)
    workflow.apply(Action.MERGE, survivor, actor=actor, changes=changes, note=note)
    return survivor
