"""Reads of verdicts, events and ratings, with the joins their callers need."""

from django.db.models import OuterRef, QuerySet, Subquery

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
    """The current approved verdict of each published claim, with what a ClaimReview needs.

    `first_published_at` is when the claim's first version went public (a ClaimReview's datePublished).
    """
    first = (
        Verdict.objects.filter(claim=OuterRef("claim"), status__in=PUBLIC_VERDICT_STATES)
        .order_by("decided_at")
        .values("decided_at")[:1]
    )
    return (
        Verdict.objects.filter(status=Verdict.Status.APPROVED, claim__status="published")
        .select_related("rating", "claim", "claim__article")
        .annotate(first_published_at=Subquery(first))
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


# --- Reads for the review desk's admin pages ---------------------------------------------------


def verdict_queue() -> QuerySet:
    """Verdicts waiting for an editor, oldest submission first."""
    return (
        Verdict.objects.filter(status=Verdict.Status.SUBMITTED)
        .select_related("claim", "claim__article", "author", "rating")
        .prefetch_related("sources")
        .order_by("submitted_at", "id")
    )


def dashboard_claims_per_state() -> list[tuple[str, str, int]]:
    """(state, label, count) for every state, zeros included, in workflow order."""
    from django.db.models import Count

    from claims.models import Claim

    counts = dict(Claim.objects.order_by().values_list("status").annotate(n=Count("id")))
    return [(value, label, counts.get(value, 0)) for value, label in Claim.Status.choices]


def dashboard_verdicts_per_rating() -> list[tuple[Rating, int]]:
    """Published verdicts (the current one of each published claim) per rating, in scale order."""
    from django.db.models import Count

    counts = dict(
        Verdict.objects.filter(status=Verdict.Status.APPROVED)
        .order_by()
        .values_list("rating_id")
        .annotate(n=Count("id"))
    )
    return [(rating, counts.get(rating.pk, 0)) for rating in Rating.objects.order_by("order", "id")]


def dashboard_published_per_week(*, weeks: int = 12) -> list[tuple[object, int]]:
    """(Monday of the week, claims first published that week) for the last `weeks` weeks, empty weeks too."""
    from datetime import timedelta

    from django.db.models import Count
    from django.db.models.functions import TruncWeek
    from django.utils import timezone

    from .workflow import Action

    today = timezone.now().date()
    this_week = today - timedelta(days=today.weekday())
    first_week = this_week - timedelta(weeks=weeks - 1)
    rows = (
        WorkflowEvent.objects.filter(action=Action.APPROVE, at__date__gte=first_week)
        .annotate(week=TruncWeek("at"))
        .order_by()
        .values_list("week")
        .annotate(n=Count("claim_id", distinct=True))
    )
    counts = {week.date(): n for week, n in rows}
    return [(week, counts.get(week, 0)) for week in (first_week + timedelta(weeks=i) for i in range(weeks))]


def dashboard_my_work(*, user) -> dict[str, int]:
    from claims.models import Claim

    return {
        "assigned": Claim.objects.filter(assignee=user, status=Claim.Status.IN_REVIEW).count(),
        "queue": Verdict.objects.filter(status=Verdict.Status.SUBMITTED).count(),
        "returned": Verdict.objects.filter(author=user, status=Verdict.Status.CHANGES_REQUESTED).count(),
    }
