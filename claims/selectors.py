"""Reads of articles, claims and sources, with the joins their callers need."""

import functools

from django.db import connection, connections
from django.db.models import CharField, Count, F, Func, QuerySet

from .models import Article, Claim, Source


def claim_search(queryset: QuerySet, q: str) -> QuerySet:
    """Claims whose text matches `q`: PostgreSQL full-text search (English), a substring match elsewhere.

    The search expression is kept here, in one place, so the index that serves it can match it.
    """
    q = (q or "").strip()
    if not q:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        # alias(), not annotate(): the vector is for the WHERE clause (and its index), not the rows.
        return queryset.alias(search=SearchVector("text", config="english")).filter(
            search=SearchQuery(q, config="english", search_type="websearch")
        )
    return queryset.filter(text__icontains=q)


def article_list() -> QuerySet:
    return Article.objects.select_related("created_by").annotate(claim_count=Count("claims"))


def claim_list() -> QuerySet:
    """Claims with their assignee and the slug of the published rating (one query per page).

    The article is not joined: the API shows only its id, which is on the claim row, and joining it
    would load every article body on the page (a page took twice as long at a million claims).
    """
    # A fresh clone of a queryset built once (as DRF does with a view's `queryset`): resolving the
    # subquery and the join again on every request cost more than the page's rows.
    return _claim_list_base().all()


@functools.cache
def _claim_list_base() -> QuerySet:
    return Claim.objects.select_related("assignee").annotate(published_rating=PublishedRating("slug"))


class PublishedRating(Func):
    """A field ("slug" or "label") of the rating of the claim's approved verdict, or NULL.

    The SQL of `Subquery(Verdict.objects.filter(claim=OuterRef("pk"), status=APPROVED).values("rating__…")[:1])`,
    written once from the models' metadata: Django compiles a Subquery's whole inner query again on
    every request, which was a ninth of an API page's time. Only the claim's id column is compiled
    per query (so the expression survives relabelling when its queryset is nested). A claim has at
    most one approved verdict (constraint `verdict_one_approved_per_claim`); the status is written
    as a literal, which that constraint's partial index matches.
    """

    output_field = CharField()

    def __init__(self, rating_field: str, claim_id="pk"):
        self.rating_field = rating_field
        super().__init__(claim_id)

    def as_sql(self, compiler, connection, **extra):
        claim_id, params = compiler.compile(self.source_expressions[0])
        return _published_rating_sql(self.rating_field, connection.alias) % claim_id, params


@functools.cache
def _published_rating_sql(field: str, alias: str) -> str:
    from reviews.models import Rating, Verdict

    quote = connections[alias].ops.quote_name

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    status = Verdict.Status.APPROVED.value
    assert status.isidentifier()  # written into the SQL as a literal
    # Identifiers from the models' metadata, quoted; the claim's id column is the one placeholder.
    v, r = quote("published_verdict"), quote("published_rating")
    return (
        f"(SELECT {r}.{column(Rating, field)} FROM {quote(Verdict._meta.db_table)} {v}"  # noqa: S608
        f" INNER JOIN {quote(Rating._meta.db_table)} {r}"
        f" ON {v}.{column(Verdict, 'rating')} = {r}.{column(Rating, 'id')}"
        f" WHERE {v}.{column(Verdict, 'claim')} = (%s) AND {v}.{column(Verdict, 'status')} = '{status}' LIMIT 1)"
    )


# What a row of the API's claim list shows, read as plain values (ClaimSerializer formats them).
CLAIM_ROW_FIELDS = (
    "id", "article_id", "text", "original_text", "start", "end", "position", "checkworthiness", "reasons",
    "claim_type", "segmenter_version", "status", "dismiss_reason", "claimant", "claimant_url", "tags",
    "published_rating", "created_at", "updated_at",
)  # fmt: skip


def claim_rows() -> QuerySet:
    """claim_list() as dicts of what a list row shows, assignee's name included; filter and order it as usual.

    A page of plain rows skips building each claim and its assignee as model instances, which was
    a third of an API page's time at a million claims.
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


def source_list(*, claim: Claim) -> QuerySet:
    return Source.objects.filter(claim=claim).select_related("added_by")


# --- Reads for the review desk's admin pages ---------------------------------------------------


def claim_admin_list() -> QuerySet:
    """Claims for the admin list: article, assignee and the published rating's label in one query."""
    # The list shows the article's title; its body (kilobytes per row) stays in the database.
    return (
        Claim.objects.select_related("article", "assignee")
        .defer("article__body")
        .annotate(current_rating_label=PublishedRating("label"))
    )


def claim_detail(*, claim_id: int) -> Claim:
    """One claim with everything its page shows: sources, every verdict version, the timeline."""
    from django.db.models import Prefetch

    from reviews.models import Verdict, WorkflowEvent

    verdicts = Verdict.objects.select_related("rating", "author", "editor").prefetch_related("sources")
    events = WorkflowEvent.objects.select_related("actor").order_by("at", "id")
    return (
        Claim.objects.select_related("article", "assignee", "created_by")
        .prefetch_related(
            Prefetch("sources", queryset=Source.objects.select_related("added_by")),
            Prefetch("verdicts", queryset=verdicts.order_by("-version")),
            Prefetch("events", queryset=events),
        )
        .get(pk=claim_id)
    )


def claim_neighbours(*, claim: Claim, count: int = 2) -> tuple[list[Claim], list[Claim]]:
    """Up to `count` claims before and after `claim` in its article, in reading order."""
    siblings = Claim.objects.filter(article_id=claim.article_id).only(
        "id", "text", "position", "status", "start", "end", "checkworthiness", "article_id"
    )
    before = list(siblings.filter(position__lt=claim.position).order_by("-position")[:count])
    after = list(siblings.filter(position__gt=claim.position).order_by("position")[:count])
    return before[::-1], after


def article_claims(*, article_id: int) -> QuerySet:
    return Claim.objects.filter(article_id=article_id).select_related("assignee").order_by("position")
