"""Matching's candidates come from the indexes: EXPLAIN of the real statements over a few thousand analysed claims.

No planner setting is changed: the table is big enough, and analysed, for PostgreSQL to prefer the
indexes on its own, as it does at a million claims. Each statement serves a whole article's claims.
"""

import random

import pytest
from django.db import connection

from claims.candidates import PostgresSource, Query
from claims.models import Claim
from claims.tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

COMMON = ["government", "minister", "said", "year", "people", "percent", "country", "report", "million", "week"]
TOPICS = [
    "unemployment",
    "vaccine",
    "bridge",
    "harbour",
    "election",
    "pension",
    "wildfire",
    "railway",
    "tariff",
    "hospital",
]
ROWS = 4000


def _word(rng) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


@pytest.fixture
def claims():
    rng = random.Random(17)
    places = [_word(rng).capitalize() for _ in range(400)]
    articles = [ArticleFactory() for _ in range(40)]
    rows = []
    for i in range(ROWS):
        text = (
            f"The {rng.choice(COMMON)} {rng.choice(COMMON)} in {rng.choice(places)} {rng.choice(TOPICS)} "
            f"{_word(rng)} {_word(rng)} rose {rng.randint(1, 99)} {rng.choice(COMMON)}."
        )
        status = Claim.Status.PUBLISHED if i % 50 == 0 else Claim.Status.NEW
        rows.append(
            Claim(
                article=articles[i % 40],
                position=i,
                text=text,
                original_text=text,
                start=0,
                end=len(text),
                status=status,
            )
        )
    Claim.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    return rows


def _plan(source: PostgresSource, queries) -> str:
    plans = []
    with connection.cursor() as cursor:
        for sql, params in source.statements(queries):
            cursor.execute(f"EXPLAIN {sql}", params)
            plans.extend(row[0] for row in cursor.fetchall())
    return "\n".join(plans)


def _article_queries(claims, n=30):
    article = ArticleFactory()
    return [Query(c.pk, c.text, article.pk) for c in claims[1 : n * 7 : 7]]


def test_seen_before_reads_the_full_text_index_for_a_whole_article(claims):
    plan = _plan(PostgresSource(checked=False), _article_queries(claims))

    assert "claim_text_search_idx" in plan
    assert "Seq Scan on claims_claim" not in plan


def test_checked_before_reads_only_the_published_claims_partial_indexes(claims):
    queries = _article_queries(claims)
    # Too short to search by pairs of lexemes: found by pg_trgm.
    short = [Query(10**9, "Vaccines!", queries[0].article_id)]

    plan = _plan(PostgresSource(checked=True), [*queries, *short])

    # Which full-text index serves it depends on the GIN statistics only VACUUM writes (it cannot run in a
    # test's transaction): the published claims' own once vacuumed, else the full one beside the status.
    # The same for the short claim's trigram search: the trigram index, or the published rows by status.
    assert "claim_published_search_idx" in plan or "claim_text_search_idx" in plan
    assert "claim_published_trgm_idx" in plan or "claim_status_cw_idx" in plan
    assert "Seq Scan on claims_claim" not in plan


def test_a_query_searches_its_rarest_lexemes_not_the_common_ones(claims):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[] FROM pg_stats WHERE tablename = 'claim_text_search_idx'"
        )
        (common,) = cursor.fetchone()
    assert "minist" in common  # the index's statistics know the common words

    claim = claims[3]
    found = PostgresSource(checked=False).find([Query(claim.pk, claim.text)])

    assert found[claim.pk][0].claim_id == claim.pk
    assert len(found[claim.pk]) <= 50


def test_a_lexeme_few_published_claims_have_is_searched_alone_and_a_common_one_only_in_pairs(claims):
    from claims.candidates import ALONE_MOST, pg_lexemes, rare_tsquery

    # "harbour" is in more published claims than ALONE_MOST; "Quarrendon" in one.
    other = ArticleFactory()
    for i in range(ALONE_MOST + 1):
        ClaimFactory(article=other, text=f"The harbour fee number {i} was raised.", status=Claim.Status.PUBLISHED)
    only = ClaimFactory(text="Quarrendon voted on Tuesday.", status=Claim.Status.PUBLISHED)
    query = Query(1, "Quarrendon harbour: the minister told the government of the damage.", ArticleFactory().pk)

    (lexemes,) = pg_lexemes([query]).values()
    assert "quarrendon" in lexemes.alone
    assert "harbour" in lexemes.checked
    assert "harbour" not in lexemes.alone
    tsquery = rare_tsquery(lexemes.checked, rarest=8, alone=lexemes.alone)
    assert "'quarrendon' |" in tsquery or tsquery.endswith("'quarrendon'")
    assert "'harbour' &" in tsquery or "& 'harbour'" in tsquery

    found = [f.claim_id for f in PostgresSource(checked=True).find([query])[1]]
    assert only.pk in found
    assert not set(found) & {c.pk for c in Claim.objects.filter(text__startswith="The harbour fee")}


def test_a_tsquery_searches_the_lexemes_it_may_alone_and_pairs_the_rest():
    from claims.candidates import rare_tsquery

    assert rare_tsquery(["a", "b", "c"], alone={"b"}) == "'b' | ('a' & 'c')"
    assert rare_tsquery(["a", "b"], alone={"a", "b"}) == "'a' | 'b'"
    assert rare_tsquery(["a", "b", "c"]) == "('a' & 'b') | ('a' & 'c') | ('b' & 'c')"
    assert rare_tsquery(["o'brien"]) == "'o''brien'"
