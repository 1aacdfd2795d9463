"""Sentence boundaries: the English Golden Rules, every one of them, scored exactly as the benchmark does."""

import json
from pathlib import Path

import pytest

from claims.segmentation import segment

GOLDEN_RULES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "golden_rules_en.json"

# A few of the rules kept here too, so the hardest cases are tested even where the shared data is absent.
LOCAL_RULES = [
    ("At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
     ["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.", "Mr. Smith then went to the store."]),
    ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
    ("I work for the U.S. Government in Virginia.", ["I work for the U.S. Government in Virginia."]),
    ("We make a good team, you and I. Did you see Albert I. Jones yesterday?",
     ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
    ("Her email is Jane.Doe@example.com. I sent her an email.",
     ["Her email is Jane.Doe@example.com.", "I sent her an email."]),
    ("1.) The first item 2.) The second item", ["1.) The first item", "2.) The second item"]),
    ("a. The first item b. The second item c. The third list item",
     ["a. The first item", "b. The second item", "c. The third list item"]),
    ("You can find it at N°. 1026.253.553. That is where the treasure is.",
     ["You can find it at N°. 1026.253.553.", "That is where the treasure is."]),
    ("I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
     ["I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."]),
    ("One further habit which was somewhat weakened . . . was that of combining words into self-interpreting "
     "compounds. . . . The practice was not abandoned. . . .",
     ["One further habit which was somewhat weakened . . . was that of combining words into self-interpreting "
      "compounds.", ". . . The practice was not abandoned. . . ."]),
]  # fmt: skip


def _golden_rules():
    if not GOLDEN_RULES.exists():
        return []
    rules = json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))["rules"]
    return [pytest.param(rule["text"], rule["sentences"], id=f"rule-{n}") for n, rule in enumerate(rules, 1)]


def _texts(text):
    return [s.text for s in segment(text)]


@pytest.mark.skipif(not GOLDEN_RULES.exists(), reason="shared golden rules are not beside the repository")
def test_the_shared_golden_rules_file_has_all_48_rules():
    assert len(_golden_rules()) == 48


@pytest.mark.parametrize(("text", "expected"), _golden_rules())
def test_golden_rule_is_segmented_exactly(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize(("text", "expected"), LOCAL_RULES)
def test_hardest_golden_rules_hold_without_the_shared_file(text, expected):
    assert _texts(text) == expected


def test_golden_rule_sentences_are_ordinary_sentences_not_furniture():
    # given a golden rule with no line breaks
    segments = segment("Hello World. My name is Jonas.")

    # then nothing in it is taken for a headline or other boilerplate
    assert [s.kind for s in segments] == ["sentence", "sentence"]
    assert not any(s.is_boilerplate for s in segments)
