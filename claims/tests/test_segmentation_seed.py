# ruff: noqa: E501 - the seed's sentences are quoted whole, one per line
"""The seed article as scraped: every segment's kind and exact offsets, and what a desk needs from it."""

import pytest

from claims.segmentation import segment
from seeds.loader import ARTICLES_DIR

# (kind, start, end, text) of every segment of seeds/articles/us-troops-niger.txt, in order.
EXPECTED = [
    ("headline", 0, 71, "The United States has completed the withdrawal of its troops from Niger"),
    ("dateline", 72, 90, "17 September, 2024"),
    ("caption", 91, 147, "Flags of the United States and Niger at a military base."),
    ("credit", 148, 180, "Photo credits: Carley Petesch/AP"),
    ("sentence", 181, 266, "The United States has completed the withdrawal of its military contingent from Niger."),
    ("sentence", 267, 327, "This was stated in the Pentagon, according to MilitaryTimes."),
    (
        "sentence",
        328,
        432,
        "However, a small number of US military personnel assigned to guard the US Embassy remain in the country.",
    ),
    (
        "sentence",
        433,
        706,
        "Last month, the United States handed over its last military facilities in Niger to local authorities, but about two dozen American soldiers remained in Niger, mainly to perform administrative duties related to the withdrawal, Deputy Pentagon spokeswoman Sabrina Singh said.",
    ),
    (
        "sentence",
        707,
        833,
        "Earlier this year, Niger's ruling junta terminated an agreement that allowed US troops to operate in the West African country.",
    ),
    ("caption", 834, 855, "US military in Niger."),
    ("credit", 856, 879, "Photo from open sources"),
    (
        "sentence",
        879,
        1011,
        "A few months later, officials from both countries announced in a joint statement that US troops would be withdrawn by mid-September.",
    ),
    (
        "sentence",
        1012,
        1240,
        "It is noted that the withdrawal of US troops after the coup d'etat in Niger last year has significant consequences for the United States, as it forces troops to leave critical bases used for anti-terrorism missions in the Sahel.",
    ),
    (
        "sentence",
        1241,
        1384,
        "The military has been countering groups affiliated with al-Qaeda and the Islamic State operating in the vast region south of the Sahara Desert.",
    ),
    (
        "sentence",
        1385,
        1532,
        "Relations between Niger and Western countries have deteriorated since the junta overthrew the country's democratically elected president last July.",
    ),
    (
        "sentence",
        1533,
        1638,
        "Since then, the Nigerian junta has ordered the withdrawal of French troops and turned to Russia for help.",
    ),
    (
        "sentence",
        1639,
        1740,
        "In early April 2024, Russian military instructors arrived in Niger to train local military personnel.",
    ),
    ("caption", 1741, 1762, "US military in Niger."),
    ("credit", 1763, 1786, "Photo from open sources"),
    (
        "sentence",
        1786,
        1913,
        "The United States attempted to renegotiate a military agreement with Niger that would have allowed them to stay, but it failed.",
    ),
    (
        "sentence",
        1914,
        2076,
        "Niger was home to a large US air base in Agadez, about 920 kilometers from the capital Niamey, which until recently was used to base manned and unmanned aircraft.",
    ),
    (
        "sentence",
        2077,
        2213,
        "The United States has also invested hundreds of millions of dollars in training the Nigerian military since the operation began in 2013.",
    ),
]


@pytest.fixture(scope="module")
def seed():
    body = (ARTICLES_DIR / "us-troops-niger.txt").read_bytes().decode("utf-8")
    return body, segment(body)


def test_the_expected_offsets_are_the_seed_files_own_text(seed):
    body, _ = seed

    for _, start, end, text in EXPECTED:
        assert body[start:end] == text


def test_every_segment_of_the_seed_has_its_kind_and_exact_offsets(seed):
    _, segments = seed

    assert [(s.kind, s.start, s.end, s.text) for s in segments] == EXPECTED


def test_the_headline_is_a_scored_claim_candidate(seed):
    _, segments = seed

    headline = segments[0]

    assert (headline.kind, headline.is_boilerplate) == ("headline", False)
    assert headline.reasons[0] == "headline"
    assert headline.checkworthiness >= 0.5
    assert headline.claim_type != "not_a_claim"


def test_the_glued_date_caption_and_credit_of_the_second_line_are_furniture_and_the_lede_a_claim(seed):
    _, segments = seed

    assert [(s.kind, s.is_boilerplate) for s in segments[1:5]] == [
        ("dateline", True),
        ("caption", True),
        ("credit", True),
        ("sentence", False),
    ]


def test_both_captions_and_both_glued_credits_are_left_out_of_the_claims(seed):
    _, segments = seed

    furniture = [(s.kind, s.text) for s in segments if s.is_boilerplate]

    assert furniture.count(("caption", "US military in Niger.")) == 2
    assert furniture.count(("credit", "Photo from open sources")) == 2
    claims = " ".join(s.text for s in segments if not s.is_boilerplate)
    assert "open sources" not in claims
    assert "US military in Niger." not in claims


def test_the_nigerian_junta_sentence_is_among_the_most_check_worthy(seed):
    _, segments = seed
    claims = sorted((s for s in segments if not s.is_boilerplate), key=lambda s: -s.checkworthiness)

    junta = next(s for s in claims if "Nigerian junta" in s.text)

    assert junta.checkworthiness >= claims[len(claims) // 3].checkworthiness
    assert {"named entity", "named place", "public record"} <= set(junta.reasons)
    assert junta.claim_type != "not_a_claim"


def test_sentences_naming_their_source_suggest_a_claimant(seed):
    _, segments = seed

    def claimant_of(opening):
        return next(s.claimant for s in segments if s.text.startswith(opening))

    assert claimant_of("This was stated in the Pentagon") == "MilitaryTimes"
    assert claimant_of("Last month, the United States") == "Deputy Pentagon spokeswoman Sabrina Singh"
    assert claimant_of("A few months later, officials") == "officials from both countries"
    assert claimant_of("The military has been countering") == ""
