"""Check-worthiness: checkable facts outrank opinion, questions, exhortation, promises and fragments."""

import pytest

from claims.segmentation import CLAIM_TYPES, segment


def _one(text):
    (s,) = segment(text)
    return s


FACTS = [
    "About 1,000 US troops were stationed in Niger before the coup.",
    "The Pentagon built Air Base 201 for about $110 million in 2016.",
    "According to the World Bank, Niger's economy grew by 11.9% in 2022.",
    "The junta revoked the military cooperation agreement with Washington in March 2024.",
    "Unemployment fell to 4.1 per cent last year, the lowest level since 1998, the ministry said.",
]
NOT_FACTS = [
    "It is the best decision anyone could have made.",
    "I think this is a terrible idea.",
    "Will the region become less safe?",
    "Stand with us and demand justice!",
    "We will never abandon our friends.",
    "Things could get worse.",
    "Truly shocking.",
]


@pytest.mark.parametrize("fact", FACTS)
@pytest.mark.parametrize("other", NOT_FACTS)
def test_a_checkable_fact_scores_above_opinion_questions_exhortation_promises_and_fragments(fact, other):
    assert _one(fact).checkworthiness > _one(other).checkworthiness


@pytest.mark.parametrize("fact", FACTS)
def test_a_checkable_fact_is_check_worthy(fact):
    s = _one(fact)

    assert s.checkworthiness >= 0.5
    assert s.claim_type != "not_a_claim"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("About 1,000 US troops were stationed in Niger.", "number"),
        ("The base cost $110 million to build.", "money"),
        ("Turnout reached 61% in the first round.", "percentage"),
        ("The last troops left on Monday, 5 August 2024.", "date"),
        ("General Abdourahamane Tiani took power in Niamey.", "named entity"),
        ("The troops left, according to the ministry.", "attribution"),
        ("The troops left, a Pentagon spokesperson said.", "attribution"),
        ("It was one of the largest drone bases in Africa.", "comparison"),
        ("The army removed the president from power.", "past event"),
        ("Is the base still open?", "question"),
        ("I think the withdrawal was a mistake.", "opinion"),
        ("It was the best decision in years.", "opinion"),
        ("Experts say the vacuum will be filled quickly.", "prediction"),
        ("We will continue to cooperate with Niger.", "promise"),
        ("Stand up and demand justice for Niger!", "exhortation"),
        ("Truly shocking.", "short fragment"),
        ("The senator never voted for the bill.", "what did not happen"),
        ("The mayor vetoed the budget and fought the tax.", "took a side"),
        ("Food prices are going up across the Sahel.", "trend"),
        ("Niger has the highest birth rate in the world.", "ranking"),
        ("Half of the wells have run dry since the drought began.", "statistic"),
        ("We have to stand together for a better future.", "values and aspirations"),
        ("We have to stand together for a better future.", "wish or obligation"),
    ],
)
def test_reasons_name_what_made_the_score(text, reason):
    assert reason in _one(text).reasons


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        ("About 1,000 US troops were stationed in Niger before the coup.", "quantity"),
        ("The drought caused food prices to double across the Sahel.", "causation"),
        ("Food prices rose sharply as a result of the border closure.", "causation"),
        ("The new law bans foreign military bases in Niger.", "law_or_rule"),
        ("Analysts expect the junta to sign a deal with Moscow next year.", "prediction"),
        ("I saw the last convoy leave the base at dawn.", "personal_experience"),
        ("The Pentagon handed over the drone base in Agadez.", "other"),
        ("Will the region become less safe?", "not_a_claim"),
        ("I think it is the best decision.", "not_a_claim"),
        ("Please share this article!", "not_a_claim"),
    ],
)
def test_claim_type(text, claim_type):
    assert _one(text).claim_type == claim_type


def test_boilerplate_scores_zero_and_is_not_a_claim():
    text = "By Jane Example\nThe last American troops left Niger on Monday, the Pentagon said.\nADVERTISEMENT"

    byline, sentence, ad = segment(text)

    for furniture in (byline, ad):
        assert furniture.is_boilerplate
        assert furniture.checkworthiness == 0.0
        assert furniture.claim_type == "not_a_claim"
    assert sentence.checkworthiness > 0.5


def test_scores_are_in_range_and_types_are_known_for_the_seed_like_text():
    text = (
        "In March 2024, the junta announced that it was revoking the agreement. Why? Nobody knows! "
        "I think it's great. They will leave by September 15, officials said. Photo: AFP"
    )

    for s in segment(text):
        assert 0.0 <= s.checkworthiness <= 1.0
        assert s.claim_type in CLAIM_TYPES
        assert all(isinstance(r, str) and 0 < len(r) <= 40 for r in s.reasons)


def test_the_score_is_deterministic():
    text = "About 1,000 US troops were stationed in Niger before the coup, the Pentagon said."

    assert segment(text) == segment(text)


@pytest.mark.parametrize("text", ["Engineers left Camp 44 near the river.", "The ferry docked at Pier 9 in the port."])
def test_a_number_that_is_part_of_a_name_is_no_quantity(text):
    s = _one(text)

    assert "number" not in s.reasons
    assert s.claim_type != "quantity"


def test_a_quantity_next_to_a_name_still_counts():
    s = _one("Engineers left Camp 44 with 300 trucks.")

    assert "number" in s.reasons
    assert s.claim_type == "quantity"


def test_every_point_of_the_score_has_a_reason():
    from claims.segmentation.scoring import BASE, WEIGHTS, signals

    text = "The council cut the harbour budget by 12% in 2024, the mayor said."
    flags = signals(text)
    s = _one(text)

    shown = [(reason, points) for bit, reason, points in WEIGHTS if flags & bit]
    assert {reason for reason, _ in shown} == set(s.reasons)
    assert s.checkworthiness == pytest.approx(min(1.0, max(0.0, BASE + sum(p for _, p in shown))), abs=1e-3)
