"""Searching claims: every word in any order (FTS5 in the embedded mode), and article titles for the desk.

The searches run on whichever database the tests use; PostgreSQL answers them with its own index.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claims.models import Claim
from claims.selectors import claim_search, sqlite_fts_query
from claims.tests.factories import ArticleFactory, ClaimFactory

ROOT = Path(__file__).resolve().parents[2]


def _found(q, **options):
    return set(claim_search(Claim.objects.all(), q, **options).values_list("text", flat=True))


@pytest.mark.django_db
def test_a_claim_is_found_by_all_its_words_in_any_order():
    ClaimFactory(text="The government withdrew its troops from Niger in 2024.")
    ClaimFactory(text="Troops stayed in Chad.")

    assert _found("niger troops") == {"The government withdrew its troops from Niger in 2024."}
    assert _found("troops 2024 withdrew") == {"The government withdrew its troops from Niger in 2024."}
    assert _found("troop") == {"The government withdrew its troops from Niger in 2024.", "Troops stayed in Chad."}
    assert _found("troops mali") == set()


@pytest.mark.django_db
def test_reworded_and_deleted_claims_leave_the_index_in_step():
    claim = ClaimFactory(text="Inflation reached 9 percent.")
    Claim.objects.filter(pk=claim.pk).update(text="Inflation reached 11 percent in May.")
    ClaimFactory(text="Rents doubled.").delete()

    assert _found("may inflation") == {"Inflation reached 11 percent in May."}
    assert _found("rents") == set()


def test_search_syntax_typed_into_the_embedded_search_is_read_as_words():
    assert sqlite_fts_query('"not" AND (meant -it*') == '"not" "AND" "meant" "it"'


@pytest.mark.django_db
def test_brackets_and_quotes_typed_do_not_break_the_search():
    ClaimFactory(text='He said "no" twice (and meant it).')

    assert _found("meant (twice") == {'He said "no" twice (and meant it).'}


@pytest.mark.django_db
def test_the_desk_finds_claims_by_their_articles_title():
    article = ArticleFactory(title="Pentagon announces the Niger withdrawal")
    ClaimFactory(article=article, text="The last troops leave in September.")
    ClaimFactory(text="Unrelated claim about pensions.")

    assert _found("niger withdrawal", titles=True) == {"The last troops leave in September."}
    assert _found("niger withdrawal") == set()


@pytest.mark.django_db
def test_a_title_search_finds_claims_by_their_words_too_and_keeps_the_lists_other_filters():
    ClaimFactory(article=ArticleFactory(title="Niger withdrawal"), text="The last troops leave in September.")
    ClaimFactory(text="The Niger withdrawal ends in September.")
    ClaimFactory(text="The Niger withdrawal was delayed.", status=Claim.Status.DISMISSED)
    ClaimFactory(text="Unrelated claim about pensions.")

    new = Claim.objects.filter(status=Claim.Status.NEW)
    found = set(claim_search(new, "niger withdrawal", titles=True).values_list("text", flat=True))

    assert found == {"The last troops leave in September.", "The Niger withdrawal ends in September."}


def test_every_migration_keeps_the_sqlite_index_and_its_triggers(tmp_path):
    database = tmp_path / "embedded.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_DEBUG="true")

    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as conn:
        names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    assert {
        "claims_claim_fts",
        "claims_claim_fts_insert",
        "claims_claim_fts_delete",
        "claims_claim_fts_update",
    } <= names
