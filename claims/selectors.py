"""Reads of articles, claims and sources, with the joins their callers need."""

import functools
import operator
import re

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL

from .models import Article, Claim, Source

# The configuration of every full-text search; the claim text index in models.py names the same one.
SEARCH_CONFIG = "english"


def _search_query(q: str):
    """What a reader types, as PostgreSQL reads a search box: words, "phrases", or, -exclusions."""
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")


# The embedded mode's FTS5 index of claim wording (claims/migrations/0008).
SQLITE_FTS_TABLE = "claims_claim_fts"
# How many articles a title search names at most (newest first): the claim list's query takes them
# as a list of ids, which the (article, position) index serves beside the text index.
MAX_TITLE_MATCHES = 1000
_FTS_MATCH_SQL = f"SELECT rowid FROM {SQLITE_FTS_TABLE} WHERE {SQLITE_FTS_TABLE} MATCH %s"  # noqa: S608


def claim_search(queryset: QuerySet, q: str, *, titles: bool = False) -> QuerySet:
    """Claims whose wording matches `q` (every word, in any order), or with `titles` whose article's title does.

    PostgreSQL: its full-text search (English, web-search syntax); the expression is kept here, in one
    place, so the index that serves it matches it. SQLite: the FTS5 index the migrations keep.
    """
    q = (q or "").strip()
    if not q:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        # alias(), not annotate(): the vector is for the WHERE clause (and its index), not the rows.
        queryset = queryset.alias(search=SearchVector("text", config=SEARCH_CONFIG))
        matches = Q(search=_search_query(q))
    else:
        words = sqlite_fts_query(q)
        if not words:
            return queryset.filter(text__icontains=q)
        # The table name is a constant; what was typed is the one parameter.
        matching = RawSQL(_FTS_MATCH_SQL, [words])  # noqa: S611
        matches = Q(pk__in=matching)
    if titles:
        article_ids = list(article_title_search(q).order_by("-id").values_list("id", flat=True)[:MAX_TITLE_MATCHES])
        if article_ids:
            if connection.vendor == "postgresql":
                # Each side read by its own index, then the page's order: with `text OR article`,
                # PostgreSQL may instead walk the list's order index hoping for early matches (seconds).
                by_text = Claim.objects.alias(search=SearchVector("text", config=SEARCH_CONFIG)).filter(matches)
                by_title = Claim.objects.filter(article_id__in=article_ids)
                return queryset.filter(pk__in=by_text.values("pk").union(by_title.values("pk"), all=True))
            matches |= Q(article_id__in=article_ids)
    return queryset.filter(matches)


def sqlite_fts_query(q: str) -> str:
    """An FTS5 query of every word of `q`, each quoted (so nothing in it is read as FTS5 syntax)."""
    return " ".join(f'"{word}"' for word in re.findall(r"\w+", q))


def article_title_search(q: str) -> QuerySet:
    """Articles whose title has every word of `q`."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        return Article.objects.alias(search=SearchVector("title", config=SEARCH_CONFIG)).filter(
            search=_search_query(q)
        )
    articles = Article.objects.all()
    for word in re.findall(r"\w+", q):
        articles = articles.filter(title__icontains=word)
    return articles


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
