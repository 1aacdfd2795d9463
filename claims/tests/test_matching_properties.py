"""Any text normalises and scores without error, in range; the package is pure Python with a stable API."""

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claims.matching as matching
from claims.matching import MATCHER_VERSION, Match, NormalisedClaim, normalise, rank, score
from claims.tests.matching_examples import fact_check_sources

REPO = Path(__file__).resolve().parents[2]
SOURCES = fact_check_sources()
INDEX = SOURCES[0]
# Text made of the pieces the rules look for, so the figure, date, name and negation paths all run.
CLAIM_LIKE = st.lists(
    st.sampled_from(list("abcXYZ é0123456789,.%$€-'’\"!?#@\n") + ["not ", "one ", "million ", "May ", "U.S. ", " "]),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200) | CLAIM_LIKE)
def test_any_text_normalises_to_a_claim(text):
    claim = normalise(text)

    assert isinstance(claim, NormalisedClaim)
    assert claim.text == text
    assert all(t and t == t.strip() for t in claim.tokens)
    assert claim.negated_tokens <= set(claim.tokens)
    assert claim.is_junk == (claim.length <= matching.JUNK_MAX_WORDS)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120) | CLAIM_LIKE, st.text(max_size=120) | CLAIM_LIKE)
def test_any_pair_scores_in_the_unit_interval(a, b):
    match = score(normalise(a), normalise(b), weights=INDEX)

    assert 0.0 <= match.score <= match.relatedness <= 1.0
    assert all(isinstance(reason, str) and reason for reason in match.reasons)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120) | CLAIM_LIKE)
def test_no_ranked_candidate_is_more_related_than_its_signals_allow(text):
    # claim_match skips scoring a candidate whose ceiling is below its threshold: it must be a ceiling.
    from claims.matching.scoring import relatedness_ceiling

    for r in rank(text, sources=SOURCES, limit=50):
        assert r.match.relatedness <= relatedness_ceiling(r.signals) + 1e-4


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120) | CLAIM_LIKE)
def test_any_query_ranks_without_error(text):
    ranked = rank(text, sources=SOURCES, limit=5)

    assert len(ranked) <= 5
    assert len({r.key for r in ranked}) == len(ranked)


def test_values_are_frozen_dataclasses_with_slots():
    match = score(normalise("The bridge cost $1bn."), normalise("The bridge cost a billion dollars."))

    for value in (match, normalise("x")):
        assert dataclasses.is_dataclass(value)
        assert not hasattr(value, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.score = 1.0
    assert isinstance(match, Match)


def test_public_api_exports_the_contract_and_version():
    assert set(matching.__all__) >= {
        "normalise",
        "score",
        "rank",
        "LexicalIndex",
        "lexical_sources",
        "CandidateSource",
        "Candidate",
        "Match",
        "NormalisedClaim",
        "MATCHER_VERSION",
    }
    assert [part.isdigit() for part in MATCHER_VERSION.split(".")] == [True, True, True]
    assert "score(" in (matching.__doc__ or "")
    assert "CandidateSource" in (matching.__doc__ or "")


def test_importing_the_matcher_does_not_import_django():
    code = (
        "import sys, claims.matching as m; m.rank('The troops left.', [], sources=[]); print('django' in sys.modules)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    )

    assert result.stdout.strip() == "False"


def test_the_matcher_imports_only_the_standard_library():
    code = (
        "import sys; before = set(sys.modules); import claims.matching; "
        "new = {m.split('.')[0] for m in set(sys.modules) - before}; "
        "print(sorted(m for m in new if m not in sys.stdlib_module_names and m != 'claims'))"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    )

    assert result.stdout.strip() == "[]"
