"""Where matching's candidates come from: the database's own indexes, never a scan of the claims.

Two ``CandidateSource``s (claims.matching's protocol) per backend, with the same interface:

* ``seen``: every claim, by full text (PostgreSQL: claim_text_search_idx; SQLite: the FTS5 table of
  claims migration 0012).
* ``checked``: published claims only, by full text and, on PostgreSQL, pg_trgm similarity too (the
  partial indexes claim_published_search_idx and claim_published_trgm_idx of migration 0015).

A source answers one query (``candidates``) or, what the matcher uses, all the claims of a batch at
once (``find``): on PostgreSQL one statement per source whatever the number of claims. A query
searches only its most selective lexemes: the ones rarest by the index's own statistics (ANALYZE
keeps the most common ones in pg_stats), OR-ed, so a common word never drags thousands of rows in.
An embedding model would be a third source with the same two methods.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from .matching import Candidate, NormalisedClaim, normalise
from .matching.lexicon import STOPWORDS
from .models import Claim

# Candidates each source returns per claim before the pure matcher re-scores them.
PER_SOURCE = 50
# The rarest lexemes of a claim that the all-claims search ORs together; published claims are few,
# so their search takes every lexeme of the claim.
RARE_LEXEMES = 6
ALL_LEXEMES = 32
# pg_trgm's similarity() at or above which a published claim is proposed (its own default).
TRIGRAM_THRESHOLD = 0.3

PUBLISHED = Claim.Status.PUBLISHED.value
# Django's SearchVector("text", config="english"): the expression both full-text indexes are built on.
TSVECTOR = "to_tsvector('english'::regconfig, COALESCE(c.text, ''::text))"


@dataclass(frozen=True)
class Query:
    """A claim to find candidates for; candidates from its own article are left out."""

    key: int
    text: str
    article_id: int | None = None


@dataclass(frozen=True)
class Found:
    """A candidate as the database found it: ``signal`` in [0, 1], the source's score over its best one."""

    claim_id: int
    text: str
    status: str
    article_id: int
    signal: float


class _DatabaseSource:
    name = ""

    def find(self, queries: Sequence[Query], limit: int = PER_SOURCE) -> dict[int, list[Found]]:
        raise NotImplementedError

    def candidates(self, query: NormalisedClaim, limit: int) -> list[Candidate]:
        """The protocol's single query (for ``rank(sources=...)``); the matcher batches with ``find``."""
        found = self.find([Query(0, query.text)], limit).get(0, [])
        return [Candidate(f.claim_id, normalise(f.text), f.signal) for f in found]


def _relative(rows: Iterable[tuple], *, lower_is_better: bool = False) -> dict[int, list[Found]]:
    """Group (key, id, text, status, article_id, raw score) rows by key, best first, signals over the best."""
    grouped: dict[int, list[tuple]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row)
    answer = {}
    for key, items in grouped.items():
        items.sort(key=lambda r: (r[5] if lower_is_better else -r[5], r[1]))
        best = abs(items[0][5]) or 1.0
        answer[key] = [Found(r[1], r[2], r[3], r[4], min(1.0, abs(r[5]) / best)) for r in items]
    return answer


# --- PostgreSQL ---------------------------------------------------------------------------------

# Each query's lexemes (PostgreSQL's own stemming), rarest first by the index's statistics; a lexeme
# not among the most common elements is rarer than all of them. Lexemes are cast to a tsquery
# quoted, never parsed as query syntax.
_PG_QUERIES = f"""
WITH q(key, article_id, body) AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::text[])),
common AS MATERIALIZED (
    SELECT e.lexeme, e.freq
    FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexeme, freq)
    WHERE s.schemaname = current_schema() AND s.tablename = 'claim_text_search_idx'
),
picked AS (
    SELECT q.key, q.article_id, q.body,
        string_agg(quote_literal(l.lexeme), ' | ' ORDER BY l.place) FILTER (WHERE l.place <= %s)::tsquery AS rare,
        string_agg(quote_literal(l.lexeme), ' | ' ORDER BY l.place)::tsquery AS every
    FROM q CROSS JOIN LATERAL (
        SELECT v.lexeme,
            row_number() OVER (ORDER BY coalesce(common.freq, 0), length(v.lexeme) DESC, v.lexeme) AS place
        FROM unnest(to_tsvector('english'::regconfig, q.body)) AS v
        LEFT JOIN common ON common.lexeme = v.lexeme
        LIMIT {ALL_LEXEMES}
    ) AS l
    GROUP BY q.key, q.article_id, q.body
)
"""  # noqa: S608 (constants only; every value is a parameter)

_PG_SEEN = f"""{_PG_QUERIES}
SELECT p.key, c.id, c.text, c.status, c.article_id, c.rank
FROM picked p CROSS JOIN LATERAL (
    SELECT c.id, c.text, c.status, c.article_id, ts_rank({TSVECTOR}, p.rare) AS rank
    FROM claims_claim c
    WHERE {TSVECTOR} @@ p.rare AND c.article_id IS DISTINCT FROM p.article_id
    ORDER BY rank DESC, c.id
    LIMIT %s
) AS c
"""  # noqa: S608 (constants only; every value is a parameter)

# The partial indexes' predicate is written out, so the planner can prove it and use them.
_PG_CHECKED = f"""{_PG_QUERIES}
SELECT p.key, c.id, c.text, c.status, c.article_id, c.rank
FROM picked p CROSS JOIN LATERAL (
    SELECT c.id, c.text, c.status, c.article_id,
        greatest(similarity(c.text, p.body), ts_rank({TSVECTOR}, p.every)) AS rank
    FROM claims_claim c
    WHERE c.status = '{PUBLISHED}' AND ({TSVECTOR} @@ p.every OR c.text %% p.body)
        AND c.article_id IS DISTINCT FROM p.article_id
    ORDER BY rank DESC, c.id
    LIMIT %s
) AS c
"""  # noqa: S608 (constants only; every value is a parameter)


class PostgresSource(_DatabaseSource):
    def __init__(self, *, checked: bool):
        self.checked = checked
        self.name = "pg_checked" if checked else "pg_seen"

    def statement(self, queries: Sequence[Query], limit: int = PER_SOURCE) -> tuple[str, list]:
        """The one statement that finds the candidates of all `queries`, and its parameters."""
        params = [
            [q.key for q in queries],
            [q.article_id for q in queries],
            [q.text for q in queries],
            RARE_LEXEMES,
            limit,
        ]
        return (_PG_CHECKED if self.checked else _PG_SEEN), params

    def find(self, queries: Sequence[Query], limit: int = PER_SOURCE) -> dict[int, list[Found]]:
        if not queries:
            return {}
        with connection.cursor() as cursor:
            if self.checked:
                # The session's threshold for %: set, not assumed (a connection pooler may share sessions).
                cursor.execute("SELECT set_limit(%s)", [TRIGRAM_THRESHOLD])
            cursor.execute(*self.statement(queries, limit))
            return _relative(cursor.fetchall())


# --- SQLite (the embedded mode) -----------------------------------------------------------------

_SQLITE_FIND = """
SELECT c.id, c.text, c.status, c.article_id, bm25(claims_claim_fts) AS rank
FROM claims_claim_fts JOIN claims_claim c ON c.id = claims_claim_fts.rowid
WHERE claims_claim_fts MATCH %s AND (%s IS NULL OR c.article_id != %s) {published}
ORDER BY rank, c.id
LIMIT %s
"""


def sqlite_match_expression(text: str, *, words: int = ALL_LEXEMES) -> str:
    """An FTS5 query ORing the claim's content words, longest first, each quoted (never FTS5 syntax)."""
    seen = dict.fromkeys(w.lower() for w in re.findall(r"\w+", text) if len(w) > 1 and w.lower() not in STOPWORDS)
    chosen = sorted(seen, key=lambda w: (-len(w), w))[:words]
    return " OR ".join(f'"{w}"' for w in chosen)


class SqliteSource(_DatabaseSource):
    """FTS5's bm25 over claim wording; one statement per claim (the embedded mode is small)."""

    def __init__(self, *, checked: bool):
        self.checked = checked
        self.name = "fts5_checked" if checked else "fts5_seen"
        self.sql = _SQLITE_FIND.format(published=f"AND c.status = '{PUBLISHED}'" if checked else "")

    def find(self, queries: Sequence[Query], limit: int = PER_SOURCE) -> dict[int, list[Found]]:
        rows = []
        with connection.cursor() as cursor:
            for q in queries:
                expression = sqlite_match_expression(q.text)
                if expression:
                    cursor.execute(self.sql, [expression, q.article_id, q.article_id, limit])
                    rows.extend((q.key, *row) for row in cursor.fetchall())
        return _relative(rows, lower_is_better=True)


def database_sources() -> list[_DatabaseSource]:
    """This database's sources: published fact-checks first, then every claim."""
    if connection.vendor == "postgresql":
        return [PostgresSource(checked=True), PostgresSource(checked=False)]
    return [SqliteSource(checked=True), SqliteSource(checked=False)]
