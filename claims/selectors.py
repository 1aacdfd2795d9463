"""Reads of articles, claims and sources, with the joins their callers need."""

import functools
import operator

from django.db import connection
from django.db.models import Count, Q, QuerySet

from .models import Article, Claim, Source

# The configuration of every full-text search; the claim text index in models.py names the same one.
SEARCH_CONFIG = "english"


def _search_query(q: str):
    """What a reader types, as PostgreSQL reads a search box: words, "phrases", or, -exclusions."""
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")


def claim_search(queryset: QuerySet, q: str) -> QuerySet:
    """Claims whose text matches `q`: PostgreSQL full-text search (English), a substring match elsewhere.

    The search expression is kept here, in one place, so the index that serves it can match it.
    """
    q = (q or "").strip()
    if not q:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        # alias(), not annotate(): the vector is for the WHERE clause (and its index), not the rows.
        return queryset.alias(search=SearchVector("text", config=SEARCH_CONFIG)).filter(search=_search_query(q))
    return queryset.filter(text__icontains=q)


def text_search(queryset: QuerySet, q: str, fields: tuple[str, ...]) -> QuerySet:
    """Rows whose `fields`, read together, match `q`: the claim list's full-text search on PostgreSQL
    (English, web-search syntax), elsewhere every word of `q` in one of the fields.

    For small sets such as published fact-checks: no index serves a vector over several (joined) columns.
    """
    q = (q or "").strip()
    if not q:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        return queryset.alias(search=SearchVector(*fields, config=SEARCH_CONFIG)).filter(search=_search_query(q))
    for word in q.split():
        queryset = queryset.filter(functools.reduce(operator.or_, (Q(**{f"{f}__icontains": word}) for f in fields)))
    return queryset


def article_list() -> QuerySet:
    return Article.objects.select_related("created_by").annotate(claim_count=Count("claims"))


def source_list(*, claim: Claim) -> QuerySet:
    return Source.objects.filter(claim=claim).select_related("added_by")


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
