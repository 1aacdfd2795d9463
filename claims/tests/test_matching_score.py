"""score(): the same claim in other words scores high; a negated claim low; other figures or years are flagged."""

import pytest

from claims.matching import Match, normalise, score
from claims.tests.matching_examples import FACT_CHECKS, fact_check_sources

SOURCES = fact_check_sources()
INDEX = SOURCES[0]


def _score(query, key):
    text, title = FACT_CHECKS[key]
    return score(normalise(query), normalise(text, context=title), weights=INDEX)


@pytest.mark.parametrize(
    ("query", "key"),
    [
        (
            "Text messages telling people they were picked for a military draft are being sent by the US Army.",
            "draft-texts",
        ),
        ("Westland's unemployment dropped to five per cent in 2019.", "westland-jobs"),
        ("Building the Elmsford bridge cost one thousand million dollars.", "elmsford-bridge"),
        ("Mayor Hartmann slashed police funding by twenty per cent.", "hartmann-police"),
    ],
)
def test_the_same_claim_in_other_words_is_likely_the_same_claim(query, key):
    match = _score(query, key)

    assert isinstance(match, Match)
    assert match.score >= 0.5
    assert match.reasons
    assert "negation differs" not in match.reasons


@pytest.mark.parametrize(
    "query",
    [
        "The U.S. Army is not sending text messages telling people they have been selected for a military draft.",
        "The Army isn't texting people to say they were selected for a military draft.",
    ],
)
def test_a_negated_claim_is_not_the_same_claim(query):
    denied = _score(query, "draft-texts")
    affirmed = _score(query.replace(" not ", " ").replace("isn't", "is"), "draft-texts")

    assert denied.score < 0.5
    assert denied.score < affirmed.score
    assert "negation differs" in denied.reasons
    assert "negation differs" not in affirmed.reasons


def test_a_not_elsewhere_in_a_long_text_does_not_make_the_negation_differ():
    match = _score(
        "Flu vaccines cause memory loss, the Norvale health ministry said, though it gave no date.", "norvale-vaccines"
    )

    assert "negation differs" not in match.reasons
    assert match.score >= 0.5


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("Unemployment in Westland fell to 5 percent in 2019.", "westland-jobs"),
        ("The Elmsford bridge cost $1 billion to build.", "elmsford-bridge"),
        ("Julia Hartmann cut the police budget by a fifth, 20%.", "hartmann-police"),
    ],
)
def test_figures_written_differently_are_the_same_figures(query, key):
    assert "same figures" in _score(query, key).reasons


def test_a_different_figure_is_flagged_but_still_a_likely_match():
    match = _score("Unemployment in Westland fell to 7% in 2019.", "westland-jobs")

    assert "different figures" in match.reasons
    assert "same figures" not in match.reasons
    assert match.score >= 0.5


def test_a_different_year_is_flagged_but_still_a_likely_match():
    match = _score("Unemployment in Westland fell to 5% in 2016.", "westland-jobs")

    assert "different year" in match.reasons
    assert "same year" not in match.reasons
    assert match.score >= 0.5


def test_same_actor_and_action_is_named():
    assert "same actor and action" in _score("Julia Hartmann cut police spending.", "hartmann-police").reasons


def test_an_unrelated_claim_scores_low_with_no_agreeing_reason():
    match = _score("It rained fish in Corbel during a storm.", "hartmann-police")

    assert match.score < 0.1
    assert not {"same wording", "similar wording", "same figures", "same actor and action"} & set(match.reasons)


def test_a_junk_candidate_scores_low_even_when_its_words_match():
    match = score(normalise("Crime is rising."), normalise("Crime is rising."))

    assert match.relatedness > 0.5
    assert match.score < 0.5
    assert "too short to be a claim" in match.reasons


def test_scores_are_in_the_unit_interval_and_round_to_four_places():
    for query in ("", "The", "Crime is rising.", FACT_CHECKS["draft-texts"][0]):
        for text, title in FACT_CHECKS.values():
            match = score(normalise(query), normalise(text, context=title))
            assert 0.0 <= match.score <= match.relatedness <= 1.0
            assert round(match.score, 4) == match.score
