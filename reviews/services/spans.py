"""Claims a reviewer makes from the article's text: a selected span, a promoted piece of furniture,
and the reverse, a claim marked as furniture.

The new claim is created by a person (so re-segmentation keeps it) with exact offsets into the
body; furniture under it is dropped, and the next segmentation run does not record it again.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Article, ArticleFragment, Claim
from claims.segmentation import BOILERPLATE_KINDS, CLAIM_KINDS
from factcheck.history import save_as

from .. import workflow
from ..workflow import Action
from .claims import _lock_article_claims, _shift_positions
from .common import event_record_here, lock_claim, refresh


@transaction.atomic
def claim_create_from_span(*, article: Article, start: int, end: int, actor, kind: str = "sentence") -> Claim:
    """A new claim from body[start:end], its surrounding whitespace trimmed; refused if it overlaps a claim."""
    _lock_article_claims(article.pk)
    body = Article.objects.values_list("body", flat=True).get(pk=article.pk)
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(body):
        raise ValidationError({"start": f"Choose a span inside the text: 0 <= start < end <= {len(body)}."})
    piece = body[start:end]
    if not piece.strip():
        raise ValidationError({"start": "The span holds no text."})
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    claims = Claim.objects.filter(article_id=article.pk)
    overlapping = claims.filter(start__lt=end, end__gt=start).values_list("pk", flat=True).first()
    if overlapping is not None:
        raise ValidationError({"start": f"The span overlaps claim #{overlapping}; edit or split that claim instead."})

    text = body[start:end]
    claim = Claim(
        article_id=article.pk,
        text=text,
        original_text=text,
        start=start,
        end=end,
        kind=kind,
        reasons=["reviewer"],
        claim_type=Claim.ClaimType.OTHER,
        created_by=actor,
    )
    workflow.check_create(user=actor)
    before = claims.filter(start__lt=start).order_by("-position").values_list("position", flat=True).first()
    after = -1 if before is None else before
    _shift_positions(article_id=article.pk, after=after, actor=actor)
    claim.position = after + 1
    save_as(claim, actor=actor)
    ArticleFragment.objects.filter(article_id=article.pk, start__lt=end, end__gt=start).delete()
    what = "the selected text" if kind in CLAIM_KINDS else f"the {kind}"
    event_record_here(claim=claim, actor=actor, action=Action.CREATE, note=f"Made a claim of {what} ({start}-{end}).")
    return claim


def claim_promote_fragment(*, fragment: ArticleFragment, actor) -> Claim:
    """Promote a piece of page furniture to a claim: the same path as a selected span, keeping its kind."""
    return claim_create_from_span(
        article=fragment.article, start=fragment.start, end=fragment.end, actor=actor, kind=fragment.kind
    )


@transaction.atomic
def claim_mark_furniture(*, claim: Claim, kind: str, actor, note: str = "") -> Claim:
    """Dismiss a claim as page furniture of `kind` (caption, credit, ...); reopening undoes it."""
    if kind not in BOILERPLATE_KINDS:
        raise ValidationError({"kind": f"Choose a kind of furniture ({', '.join(sorted(BOILERPLATE_KINDS))})."})
    locked = lock_claim(claim.pk)
    label = f"Page furniture ({kind})."
    workflow.apply(
        Action.DISMISS,
        locked,
        actor=actor,
        changes={"dismiss_reason": Claim.DismissReason.FURNITURE, "assignee": None, "kind": kind},
        note=f"{label} {note}".strip(),
    )
    refresh(claim, locked, ("status", "dismiss_reason", "kind", "assignee", "assignee_id", "updated_at"))
    return locked
