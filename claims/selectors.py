"""Reads of articles, claims and sources, with the joins their callers need."""

from django.db import connection
from django.db.models import Count, OuterRef, QuerySet, Subquery

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

        return queryset.annotate(search=SearchVector("text", config="english")).filter(
            search=SearchQuery(q, config="english", search_type="websearch")
        )
    return queryset.filter(text__icontains=q)


def article_list() -> QuerySet:
    return Article.objects.select_related("created_by").annotate(claim_count=Count("claims"))


def claim_list() -> QuerySet:
    """Claims with their article, assignee and the slug of the published rating (one query per page)."""
    from reviews.models import Verdict

    published_rating = Verdict.objects.filter(claim=OuterRef("pk"), status=Verdict.Status.APPROVED).values(
        "rating__slug"
    )[:1]
    return Claim.objects.select_related("article", "assignee").annotate(published_rating=Subquery(published_rating))


def source_list(*, claim: Claim) -> QuerySet:
    return Source.objects.filter(claim=claim).select_related("added_by")
