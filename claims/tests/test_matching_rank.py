"""rank(): the right fact-check first for the same claim reworded; junk never first; sources plug in."""

from dataclasses import dataclass

import pytest

from claims.matching import Candidate, CandidateSource, LexicalIndex, Ranked, normalise, rank
from claims.tests.matching_examples import FACT_CHECKS, JUNK, fact_check_sources

SOURCES = fact_check_sources()
INDEX = SOURCES[0]


@pytest.mark.parametrize(
    ("query", "key"),
    [
        (
            "Text messages telling people they were picked for a military draft are being sent by the US Army.",
            "draft-texts",
        ),
        ("Westland's unemployment dropped to five per cent in 2019.", "westland-jobs"),
        ("Building the Elmsford bridge cost one thousand million dollars.", "elmsford-bridge"),
        ("A storm made fish rain down on Corbel.", "corbel-fish"),
        ("Norvale's health ministry says the flu vaccine makes people lose their memory.", "norvale-vaccines"),
        ("Mayor Hartmann slashed police funding by twenty per cent.", "hartmann-police"),
    ],
)
def test_the_same_claim_reworded_finds_its_fact_check_first(query, key):
    ranked = rank(query, sources=SOURCES)

    assert ranked[0].key == key
    assert ranked[0].match.score >= 0.5


def test_the_fact_check_of_a_claim_is_suggested_first_for_its_denial_flagged_and_scored_low():
    ranked = rank("The U.S. Army is not sending text messages about a military draft.", sources=SOURCES)

    assert ranked[0].key == "draft-texts"
    assert "negation differs" in ranked[0].match.reasons
    assert ranked[0].match.score < 0.5 <= ranked[0].match.relatedness


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("Unemployment in Westland fell to 7% in 2019.", "different figures"),
        ("Unemployment in Westland fell to 5% in 2016.", "different year"),
    ],
)
def test_a_claim_with_another_figure_or_year_is_still_suggested_and_flagged(query, reason):
    ranked = rank(query, sources=SOURCES)

    assert ranked[0].key == "westland-jobs"
    assert reason in ranked[0].match.reasons


@pytest.mark.parametrize(
    "query",
    [
        "Crime is rising.",
        "Crime is rising in Westland.",
        "U.S.",
        "The Army draft texts",
        "Unemployment in Westland",
        "Crime in Westland is rising, the U.S. says.",
    ],
)
def test_junk_never_ranks_first(query):
    ranked = rank(query, sources=SOURCES, limit=len(FACT_CHECKS))

    assert ranked, "every query here shares words with some fact-check"
    assert ranked[0].key not in JUNK
    seen_junk = False
    for r in ranked:  # junk only after every other claim
        seen_junk = seen_junk or r.key in JUNK
        assert r.key in JUNK or not seen_junk


def test_results_are_ordered_by_relatedness_and_limited():
    ranked = rank("Westland police figures show crime and unemployment", sources=SOURCES, limit=3)

    assert len(ranked) == 3
    real = [r.match.relatedness for r in ranked if r.key not in JUNK]
    assert real == sorted(real, reverse=True)
    assert all(isinstance(r, Ranked) and r.signals["lexical"] <= 1.0 for r in ranked)


@pytest.mark.parametrize("query", ["Zebras yodel quietly.", ""])
def test_a_query_sharing_no_word_gets_no_candidates(query):
    assert rank(query, sources=SOURCES) == []


def test_a_query_of_function_words_only_is_like_nothing_checked():
    ranked = rank("It was the one.", sources=SOURCES)

    assert ranked
    assert all(r.match.score < 0.1 for r in ranked)


@dataclass
class MeaningSource:
    """Stands where an embedding model will: proposes by meaning what shares no word with the query."""

    name: str = "meaning"

    def candidates(self, query, limit):
        text, title = FACT_CHECKS["corbel-fish"]
        claim = normalise(text, context=title)
        return [Candidate("corbel-fish", claim, 0.9)][:limit]


def test_another_source_implements_the_protocol_and_its_candidates_are_ranked():
    source = MeaningSource()

    ranked = rank("Herring tumbled down upon seaside villages.", sources=[*SOURCES, source])

    assert isinstance(source, CandidateSource)
    assert isinstance(INDEX, CandidateSource)
    assert [r.key for r in ranked] == ["corbel-fish"]
    # Until its weights are fitted, the new source proposes but adds no evidence to the score.
    assert ranked[0].signals == {"meaning": 0.9, "meaning:rank": 1.0}
    assert ranked[0].match.score < 0.1


def test_candidates_found_another_way_are_scored_beside_the_sources():
    given = Candidate("hartmann-police", normalise(FACT_CHECKS["hartmann-police"][0]))

    ranked = rank("Julia Hartmann cut the police budget by 20 percent.", [given], limit=2)

    assert ranked[0].key == "hartmann-police"
    assert ranked[0].signals == {}


def test_an_index_refuses_a_key_it_already_holds():
    index = LexicalIndex([("a", normalise("The bridge cost a billion dollars."))])

    with pytest.raises(ValueError, match="already"):
        index.add("a", normalise("Another claim entirely."))
    assert len(index) == 1


def test_an_index_searched_then_added_to_scores_as_one_built_whole():
    claims = [
        ("bridge", normalise("The bridge cost a billion dollars.")),
        ("tunnel", normalise("The tunnel cost two billion dollars and took ten years.")),
        ("budget", normalise("The city budget for bridges fell by a billion dollars.")),
    ]
    query = normalise("How much did the bridge cost? A billion dollars.")
    grown = LexicalIndex(claims[:1])
    grown.candidates(query, 5)  # weights computed for one claim must not outlive the next add
    for key, claim in claims[1:]:
        grown.add(key, claim)

    assert grown.candidates(query, 5) == LexicalIndex(claims).candidates(query, 5)
    assert grown.weight("billion") == LexicalIndex(claims).weight("billion")


def test_ranking_is_deterministic():
    query = "Crime in Westland rose 12% last year and unemployment fell."

    assert rank(query, sources=SOURCES, limit=10) == rank(query, sources=fact_check_sources(), limit=10)
