"""Reads of verdicts, events and ratings, with the joins their callers need."""

from django.db.models import QuerySet

from .models import Rating, Verdict, WorkflowEvent

# Verdict states anyone outside the desk may see: the published version and the ones it replaced.
PUBLIC_VERDICT_STATES = (Verdict.Status.APPROVED, Verdict.Status.SUPERSEDED)


def verdict_list(*, include_unpublished: bool) -> QuerySet:
    """Verdicts with rating, author, editor and cited sources; only published ones unless asked."""
    queryset = Verdict.objects.select_related("rating", "author", "editor", "claim").prefetch_related("sources")
    if not include_unpublished:
        queryset = queryset.filter(status__in=PUBLIC_VERDICT_STATES)
    return queryset


def published_verdicts() -> QuerySet:
    """The current approved verdict of each published claim, with what a ClaimReview needs."""
    return Verdict.objects.filter(status=Verdict.Status.APPROVED, claim__status="published").select_related(
        "rating", "claim", "claim__article"
    )


def verdict_history(*, claim_id: int) -> QuerySet:
    """Every version that was published for a claim, newest first (the correction history)."""
    return Verdict.objects.filter(claim_id=claim_id, status__in=PUBLIC_VERDICT_STATES).select_related("rating")


def event_list(*, claim_id: int) -> QuerySet:
    return WorkflowEvent.objects.filter(claim_id=claim_id).select_related("actor").order_by("at", "id")


def rating_list() -> QuerySet:
    return Rating.objects.all()


def rating_scale_bounds() -> tuple[int | None, int | None]:
    """(worst, best) numeric values of the scale; off-scale labels have no value."""
    values = list(Rating.objects.exclude(value__isnull=True).values_list("value", flat=True))
    return (min(values), max(values)) if values else (None, None)
