"""Claimant suggestions: "X said", "according to X", "X announced" name who made the claim."""

import pytest

from claims.segmentation import segment


def _one(text):
    (s,) = segment(text)
    return s


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Exports fell by a third in 2024, according to the customs office.", "the customs office"),
        ("Exports fell by a third in 2024, the harbour master said.", "the harbour master"),
        ('"We will reopen in June," port spokeswoman Ann Example told reporters.', "port spokeswoman Ann Example"),
        ("The water board announced on Monday that prices would rise.", "The water board"),
        ("Later, officials from both towns announced a joint plan.", "officials from both towns"),
    ],
)
def test_a_sentence_naming_its_source_suggests_a_claimant(text, claimant):
    assert _one(text).claimant == claimant


@pytest.mark.parametrize(
    "text",
    [
        "He said the bridge had been closed since May.",
        "The bridge has been closed since May.",
        "Exports fell by a third in the United States last year.",
    ],
)
def test_no_claimant_is_made_up(text):
    assert _one(text).claimant == ""


def test_furniture_has_no_claimant():
    (_, credit) = segment("The bridge reopened.\nPhoto: Wire Agency said")

    assert credit.claimant == ""
