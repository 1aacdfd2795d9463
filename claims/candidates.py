"""Where matching's candidates come from: the database's own indexes, never a scan of the claims.

Two ``CandidateSource``s (claims.matching's protocol) per backend, with the same interface:

* ``seen``: every claim, by full text (PostgreSQL: claim_text_search_idx; SQLite: the FTS5 table of
  claims migration 0012).
* ``checked``: published claims only, by full text ranked with pg_trgm similarity on PostgreSQL, and
  by pg_trgm alone for claims too short to search by full text (the partial indexes
  claim_published_search_idx and claim_published_trgm_idx of migration 0015).

A source answers one query (``candidates``) or, what the matcher uses, all the claims of a batch at
once (``find``): on PostgreSQL one statement per source whatever the number of claims, after one that
reads the claims' lexemes. A query searches only its most selective lexemes: the ones rarest by the
index's own statistics (ANALYZE keeps the most common ones in pg_stats) among those some claim of
another article has, any two of them together (``rare_tsquery``), so a common word never drags
thousands of rows in and a word found nowhere else never empties the search. Among published claims
a lexeme few of them have (a name, a figure) is also searched alone.
An embedding model would be a third source with the same two methods.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from .matching import Candidate, NormalisedClaim, normalise
from .matching.lexicon import STOPWORDS
from .models import Claim

# Candidates each source returns per claim before the pure matcher re-scores them; of published claims,
# the most similar 20: the fact-check a claim repeats is nearly always among them (bench/matching_db.py).
PER_SOURCE = 50
PER_SOURCE_CHECKED = 20
# The rarest lexemes of a claim whose pairs are searched (any two of them together): among every claim,
# and among published claims (fewer rows, so more pairs cost little and find more fact-checks).
RARE_LEXEMES = 5
RARE_LEXEMES_CHECKED = 8
# A lexeme at most this many published claims (of other articles) have is searched alone, not only in
# pairs: a name or a figure that rare is worth reading every fact-check that has it.
ALONE_MOST = 20
# How many content words of a claim the SQLite search ORs together.
SQLITE_WORDS = 32
# pg_trgm's similarity() at or above which a published claim is proposed for a claim too short to
# search by pairs of lexemes (its own default).
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

# Each query's lexemes (PostgreSQL's own stemming), rarest first by the index's statistics (a lexeme
# not among the most common elements is rarer than all of them), longest first among equals: the first
# few that a claim of another article has (any claim; a published one), each with how many such claims
# have it, counted up to `most` (a common lexeme is taken to have `most` unread). A lexeme no such claim
# has pairs with nothing: the rarest words of a tweet are often its author's name and handle. The
# statistics are read once per statement, into one lookup (MATERIALIZED); the fences (OFFSET 0) leave
# each count until its lexeme is reached, so counting stops once enough lexemes are found. A lexeme is
# quoted as a tsquery ('...' with ' and \ escaped), never read as tsquery syntax.
_PG_LEXEMES_RAREST = r"""(
    SELECT coalesce(array_agg(f.lexeme ORDER BY f.place), '{{}}') AS lexemes,
        coalesce(array_agg(f.found ORDER BY f.place), '{{}}') AS found
    FROM (
        SELECT l.lexeme, l.place, l.found FROM (
            SELECT r.lexeme, r.place, CASE WHEN r.freq > 0 THEN {most} ELSE (
                SELECT count(*) FROM (
                    SELECT FROM claims_claim c
                    WHERE {published} {tsvector}
                        @@ ('''' || replace(replace(r.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
                        AND c.article_id IS DISTINCT FROM q.article_id
                    LIMIT {most}
                ) AS h
            ) END AS found
            FROM (
                SELECT v.lexeme, coalesce((common.freqs ->> v.lexeme)::real, 0) AS freq,
                    row_number() OVER (
                        ORDER BY coalesce((common.freqs ->> v.lexeme)::real, 0), length(v.lexeme) DESC, v.lexeme
                    ) AS place
                FROM unnest(to_tsvector('english'::regconfig, q.body)) AS v, common
                ORDER BY place
                OFFSET 0
            ) AS r
            OFFSET 0
        ) AS l
        WHERE l.found > 0
        LIMIT %s
    ) AS f
)"""
_PG_LEXEMES = f"""
WITH q(key, article_id, body) AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::text[])),
common AS MATERIALIZED (
    SELECT coalesce(jsonb_object_agg(e.lexeme, e.freq), '{{}}') AS freqs
    FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexeme, freq)
    -- The frequencies run three past the lexemes (their minimum, maximum and the share of nulls).
    WHERE s.schemaname = current_schema() AND s.tablename = 'claim_text_search_idx' AND e.lexeme IS NOT NULL
)
SELECT q.key, seen.lexemes, checked.lexemes, checked.found
FROM q
CROSS JOIN LATERAL {_PG_LEXEMES_RAREST.format(published="", tsvector=TSVECTOR, most=1)} AS seen
CROSS JOIN LATERAL {
    _PG_LEXEMES_RAREST.format(published=f"c.status = '{PUBLISHED}' AND", tsvector=TSVECTOR, most=ALONE_MOST + 1)
} AS checked
"""  # noqa: S608 (constants only; every value is a parameter)

# Full text finds the candidates; pg_trgm's similarity to the claim orders them, to keep the best `limit`.
# Not ts_rank: over an expression index it recomputes each row's vector, most of a search's time, and
# the order only chooses which rows the matcher re-scores (it weighs no database signal). For published
# claims the partial indexes' predicate is written out, so the planner can prove it and use them.
_PG_SEARCH = """
SELECT q.key, c.id, c.text, c.status, c.article_id, c.rank
FROM unnest(%s::bigint[], %s::bigint[], %s::tsquery[], %s::text[]) AS q(key, article_id, tsq, body)
CROSS JOIN LATERAL (
    SELECT c.id, c.text, c.status, c.article_id, similarity(c.text, q.body) AS rank
    FROM claims_claim c
    WHERE {published} {tsvector} @@ q.tsq AND c.article_id IS DISTINCT FROM q.article_id
    ORDER BY rank DESC, c.id
    LIMIT %s
) AS c
"""  # noqa: S608 (constants only; every value is a parameter)
_PG_SEEN = _PG_SEARCH.format(published="", tsvector=TSVECTOR)
_PG_CHECKED = _PG_SEARCH.format(published=f"c.status = '{PUBLISHED}' AND", tsvector=TSVECTOR)

# A claim with fewer than two lexemes found in published claims has no pair to search: pg_trgm finds
# the published claims written like it. Only for those: over long claims trigram retrieval reads every
# claim sharing a sentence frame.
_PG_CHECKED_TRIGRAM = f"""
SELECT q.key, c.id, c.text, c.status, c.article_id, c.rank
FROM unnest(%s::bigint[], %s::bigint[], %s::text[]) AS q(key, article_id, body) CROSS JOIN LATERAL (
    SELECT c.id, c.text, c.status, c.article_id, similarity(c.text, q.body) AS rank
    FROM claims_claim c
    WHERE c.status = '{PUBLISHED}' AND c.text %% q.body AND c.article_id IS DISTINCT FROM q.article_id
    ORDER BY rank DESC, c.id
    LIMIT %s
) AS c
"""  # noqa: S608 (constants only; every value is a parameter)


def rare_tsquery(lexemes: Sequence[str], *, rarest: int = RARE_LEXEMES, alone: Iterable[str] = ()) -> str:
    """A tsquery of any two of the `rarest` lexemes (rarest first) together, or the one a short claim has;
    those among them in `alone` are searched on their own instead of in pairs.

    Pairs, because the same claim reworded keeps most of its rare words while a claim sharing only one
    of them (a name, a place) is seldom the same: each pair is an intersection in the index, so a rare
    word that is still common enough never brings in all its rows. Lexemes are quoted, never syntax.
    """
    chosen = list(lexemes[:rarest])
    if len(chosen) < 2:
        return " | ".join(map(_quoted, chosen))
    alone = set(alone)
    singles = [_quoted(lexeme) for lexeme in chosen if lexeme in alone]
    paired = [_quoted(lexeme) for lexeme in chosen if lexeme not in alone]
    pairs = [f"({a} & {b})" for i, a in enumerate(paired) for b in paired[i + 1 :]]
    return " | ".join(singles + pairs)


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


@dataclass(frozen=True)
class Lexemes:
    """What a claim is searched by, rarest first: lexemes some claim of another article has (`seen`),
    lexemes some published claim of another article has (`checked`), and those of the latter that at
    most ALONE_MOST published claims have (`alone`)."""

    seen: list[str]
    checked: list[str]
    alone: frozenset[str] = frozenset()


def pg_lexemes(queries: Sequence[Query]) -> dict[int, Lexemes]:
    """Each query's ``Lexemes``: one statement for all of them."""
    with connection.cursor() as cursor:
        cursor.execute(
            _PG_LEXEMES,
            [
                [q.key for q in queries],
                [q.article_id for q in queries],
                [q.text for q in queries],
                RARE_LEXEMES,  # every claim's
                RARE_LEXEMES_CHECKED,  # published claims'
            ],
        )
        return {
            key: Lexemes(
                seen, checked, frozenset(lex for lex, n in zip(checked, found, strict=True) if n <= ALONE_MOST)
            )
            for key, seen, checked, found in cursor.fetchall()
        }


class PostgresSource(_DatabaseSource):
    def __init__(self, *, checked: bool):
        self.checked = checked
        self.name = "pg_checked" if checked else "pg_seen"

    def statements(
        self, queries: Sequence[Query], limit: int = PER_SOURCE, lexemes: dict[int, Lexemes] | None = None
    ) -> list[tuple[str, list]]:
        """The statements (one, or two for published claims when some claims are too short to pair) that
        find the candidates of all `queries`, with their parameters."""
        read = pg_lexemes(queries) if lexemes is None else lexemes
        chosen = {key: each.checked if self.checked else each.seen for key, each in read.items()}
        rarest = RARE_LEXEMES_CHECKED if self.checked else RARE_LEXEMES
        # Published claims: a claim with one lexeme is searched by pg_trgm instead (below).
        paired = [q for q in queries if len(chosen.get(q.key, ())) >= (2 if self.checked else 1)]
        params = [
            [q.key for q in paired],
            [q.article_id for q in paired],
            [
                rare_tsquery(chosen[q.key], rarest=rarest, alone=read[q.key].alone if self.checked else ())
                for q in paired
            ],
            [q.text for q in paired],
            limit,
        ]
        if not self.checked:
            return [(_PG_SEEN, params)] if paired else []
        statements = [(_PG_CHECKED, params)] if paired else []
        short = [q for q in queries if q not in paired and q.text.strip()]
        if short:
            statements.append(
                (
                    _PG_CHECKED_TRIGRAM,
                    [[q.key for q in short], [q.article_id for q in short], [q.text for q in short], limit],
                )
            )
        return statements

    def find(
        self, queries: Sequence[Query], limit: int = PER_SOURCE, lexemes: dict[int, Lexemes] | None = None
    ) -> dict[int, list[Found]]:
        """`lexemes` (pg_lexemes()) when the caller has them already: both sources search the same ones."""
        if not queries:
            return {}
        rows = []
        with connection.cursor() as cursor:
            for sql, params in self.statements(queries, limit, lexemes):
                if sql is _PG_CHECKED_TRIGRAM:
                    # The session's threshold for %: set, not assumed (a connection pooler may share sessions).
                    cursor.execute("SELECT set_limit(%s)", [TRIGRAM_THRESHOLD])
                cursor.execute(sql, params)
                rows.extend(cursor.fetchall())
        return _relative(rows)


# --- SQLite (the embedded mode) -----------------------------------------------------------------

_SQLITE_FIND = """
SELECT c.id, c.text, c.status, c.article_id, bm25(claims_claim_fts) AS rank
FROM claims_claim_fts JOIN claims_claim c ON c.id = claims_claim_fts.rowid
WHERE claims_claim_fts MATCH %s AND (%s IS NULL OR c.article_id != %s) {published}
ORDER BY rank, c.id
LIMIT %s
"""


def sqlite_match_expression(text: str, *, words: int = SQLITE_WORDS) -> str:
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


def candidates_find(queries: Sequence[Query], limit: int = PER_SOURCE) -> dict[int, dict[str, list[Found]]]:
    """Every source's candidates for every query, by query key then source name (published first); at most
    `limit` per source, PER_SOURCE_CHECKED of published claims."""
    found: dict[int, dict[str, list[Found]]] = {q.key: {} for q in queries}
    if not queries:
        return found
    sources = database_sources()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A batch's LATERAL searches are estimated at thousands of rows per claim, past jit_above_cost:
            # compiling them took longer than running them. Off for this transaction only.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        lexemes = pg_lexemes(queries) if connection.vendor == "postgresql" else None
        for source in sources:
            most = min(limit, PER_SOURCE_CHECKED) if source.checked else limit
            answer = source.find(queries, most, lexemes) if lexemes is not None else source.find(queries, most)
            for key, rows in answer.items():
                found[key][source.name] = rows
    return found
