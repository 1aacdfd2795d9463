"""Reads of verdicts, events and ratings, with the joins their callers need."""

import functools

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery

from claims.checked import checked_search
from claims.models import Claim, ClaimMatch, Source
from claims.selectors import text_search

from .models import Comment, Notification, Rating, Verdict, WorkflowEvent

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


def claimreview_verdicts() -> QuerySet:
    """published_verdicts() for lists of ClaimReview documents: each lists every appearance (the claims
    reusing the fact-check), read for the whole list in one query."""
    return published_verdicts().prefetch_related(
        Prefetch("claim__appearances", queryset=Claim.objects.select_related("article"))
    )


def public_factcheck_list(*, q: str = "") -> QuerySet:
    """Published fact-checks for the public site, newest first publication first, optionally searched.

    `q` is matched against what a reader remembers a fact-check by: the claim, the verdict's summary
    and the article's title. A correction keeps its fact-check's place in the list.
    """
    queryset = published_verdicts().defer("claim__article__body")
    queryset = text_search(queryset, q, fields=("claim__text", "summary", "claim__article__title"))
    return queryset.order_by("-first_published_at", "-claim_id")


def factcheck_search(*, q: str, limit: int) -> list[tuple]:
    """(Ranked, its published verdict) for the `limit` published fact-checks `q` most likely repeats, best first."""
    ranked = checked_search(q, limit=limit)
    if not ranked:
        return []
    verdicts = published_verdicts().defer("claim__article__body").filter(claim_id__in=[r.key for r in ranked])
    by_claim = {verdict.claim_id: verdict for verdict in verdicts}
    return [(r, by_claim[r.key]) for r in ranked if r.key in by_claim]


def claim_match_list(*, claim_id: int) -> QuerySet:
    """Every match of a claim, suggested or decided, with what the API shows of the other claim: its
    article, and once published its rating and first publication. Published fact-checks first, best first."""
    candidate = OuterRef("candidate_id")
    approved = Verdict.objects.filter(claim=candidate, status=Verdict.Status.APPROVED)
    first = Verdict.objects.filter(claim=candidate, status__in=PUBLIC_VERDICT_STATES).order_by("decided_at")
    return (
        ClaimMatch.objects.filter(claim_id=claim_id)
        .select_related("candidate__article", "decided_by")
        .defer("candidate__article__body")
        .annotate(
            candidate_rating=Subquery(approved.values("rating__slug")[:1]),
            candidate_published_at=Subquery(first.values("decided_at")[:1]),
        )
        .order_by("-checked", "-score", "pk")
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
        .select_related("claim", "claim__article", "author", "editor", "rating")
        .prefetch_related("sources")
        .order_by("submitted_at", "id")
    )


def dashboard_claims_per_state() -> list[tuple[str, str, int]]:
    """(state, label, count) for every state, zeros included, in workflow order."""
    from django.db.models import Count

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


# Claims whose work is not done: the ones a deadline still means something for.
OPEN_CLAIM_STATES = (Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.AWAITING_APPROVAL)


def today_bounds(now) -> tuple:
    """The start of today and of tomorrow, in the site's time zone."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    today = timezone.localdate(now)
    start = timezone.make_aware(datetime.combine(today, time.min))
    return start, start + timedelta(days=1)


def dashboard_overdue_per_person() -> list[tuple[object, int]]:
    """(assignee or None, open claims past their deadline), most overdue work first."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.utils import timezone

    rows = (
        Claim.objects.filter(status__in=OPEN_CLAIM_STATES, due_at__lt=timezone.now())
        .order_by()
        .values_list("assignee_id")
        .annotate(n=Count("id"))
    )
    counts = dict(rows)
    people = get_user_model().objects.in_bulk([pk for pk in counts if pk is not None])
    result = [(people.get(pk), n) for pk, n in counts.items()]
    return sorted(result, key=lambda row: (-row[1], row[0] is None, row[0].get_username() if row[0] else ""))


def recent_actions(*, user, limit: int = 10) -> list:
    """The steps `user` took last, from the claims' timelines (the desk's writes go through services,
    which record there rather than in the admin's LogEntry)."""
    return list(
        WorkflowEvent.objects.filter(actor=user).select_related("actor", "claim").order_by("-at", "-id")[:limit]
    )


def dashboard_my_work(*, user) -> dict[str, int]:

    return {
        "assigned": Claim.objects.filter(assignee=user, status=Claim.Status.IN_REVIEW).count(),
        "queue": Verdict.objects.filter(status=Verdict.Status.SUBMITTED).count(),
        "returned": Verdict.objects.filter(author=user, status=Verdict.Status.CHANGES_REQUESTED).count(),
    }


# --- Claims as the desk sees them: with their published rating -------------------------------


def claim_list() -> QuerySet:
    """Claims with their assignee and the slug of the published rating (one query per page).

    The article is not joined: the API shows only its id, which is on the claim row, and joining it
    would load every article body on the page.
    """
    # A fresh clone of a queryset built once (as DRF does with a view's `queryset`): resolving the
    # subquery and the join again on every request cost more than the page's rows.
    return _claim_list_base().all()


@functools.cache
def _claim_list_base() -> QuerySet:
    return Claim.objects.select_related("assignee").annotate(published_rating=published_rating("slug"))


def published_rating(field: str) -> Subquery:
    """A field ("slug" or "label") of the rating of the claim's approved verdict, or NULL.

    A claim has at most one approved verdict (constraint `verdict_one_approved_per_claim`).
    """
    approved = Verdict.objects.filter(claim=OuterRef("pk"), status=Verdict.Status.APPROVED)
    return Subquery(approved.values(f"rating__{field}")[:1])


# What a row of the API's claim list shows, read as plain values (ClaimSerializer formats them).
CLAIM_ROW_FIELDS = (
    "id", "article_id", "text", "original_text", "start", "end", "position", "checkworthiness", "reasons",
    "claim_type", "kind", "segmenter_version", "status", "dismiss_reason", "priority", "due_at", "claimant",
    "claimant_url", "tags", "published_rating", "match_group", "fact_check_id", "created_at", "updated_at",
)  # fmt: skip


def claim_rows() -> QuerySet:
    """claim_list() as dicts of what a list row shows, assignee's name included; filter and order it as usual.

    A page of plain rows skips building each claim and its assignee as model instances, work the
    API's busiest read would otherwise do for every row.
    """
    return _claim_rows_base().all()


@functools.cache
def _claim_rows_base() -> QuerySet:
    return _claim_list_base().values(*CLAIM_ROW_FIELDS, assignee_username=F("assignee__username"))


def claim_row(claim: Claim) -> dict:
    """The row claim_rows() gives, from a claim loaded by claim_list()."""
    row = {name: getattr(claim, name, None) for name in CLAIM_ROW_FIELDS}
    row["assignee_username"] = claim.assignee.username if claim.assignee_id else None
    return row


def claim_admin_list() -> QuerySet:
    """Claims for the admin list: article, assignee and the published rating's label in one query."""
    # The list shows the article's title; its body (kilobytes per row) stays in the database.
    return (
        Claim.objects.select_related("article", "assignee")
        .defer("article__body")
        .annotate(current_rating_label=published_rating("label"))
    )


def claim_detail(*, claim_id: int) -> Claim:
    """One claim with everything its page shows: sources, every verdict version, the timeline."""
    verdicts = Verdict.objects.select_related("rating", "author", "editor").prefetch_related("sources")
    events = WorkflowEvent.objects.select_related("actor").order_by("at", "id")
    return (
        Claim.objects.select_related("article", "assignee", "created_by")
        .prefetch_related(
            Prefetch("sources", queryset=Source.objects.select_related("added_by")),
            Prefetch("verdicts", queryset=verdicts.order_by("-version")),
            Prefetch("events", queryset=events),
            Prefetch("comments", queryset=Comment.objects.select_related("author").order_by("created_at", "id")),
        )
        .get(pk=claim_id)
    )


# --- notifications -----------------------------------------------------------------------------


def claim_workers(*, claim_id: int | None = None, claim_ids=()) -> set[int]:
    """Ids of the people who worked on a claim (or on any of `claim_ids`): took a step on it, wrote a
    verdict, or have it assigned."""
    ids = {*claim_ids, *([] if claim_id is None else [claim_id])}
    actors = WorkflowEvent.objects.filter(claim_id__in=ids, actor__isnull=False).values_list("actor_id", flat=True)
    authors = Verdict.objects.filter(claim_id__in=ids).values_list("author_id", flat=True)
    assignee = Claim.objects.filter(pk__in=ids, assignee__isnull=False).values_list("assignee_id", flat=True)
    return {*actors, *authors, *assignee}


def notification_inbox(*, user) -> QuerySet:
    """The in-app notifications of `user`, newest first."""
    return (
        Notification.objects.filter(recipient=user, in_app=True)
        .select_related("actor", "claim")
        .order_by("-created_at", "-id")
    )


# The bell shows "99+" beyond this: counting further would read a neglected inbox on every page.
UNREAD_COUNT_CAP = 100


def notification_unread_count(*, user) -> int:
    """Unread in-app notifications of `user`, counted up to UNREAD_COUNT_CAP."""
    unread = Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True)
    return unread[:UNREAD_COUNT_CAP].count()
