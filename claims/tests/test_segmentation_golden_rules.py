"""Sentence boundaries: the English Golden Rules, every one of them, scored exactly as the benchmark does."""

import json
from pathlib import Path

import pytest

from claims.segmentation import segment

# The 48 English Golden Rules of sentence boundary disambiguation (pySBD's benchmark set, MIT).
GOLDEN_RULES = Path(__file__).resolve().parents[2] / "bench" / "data" / "golden_rules_en.json"


def _golden_rules():
    rules = json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))["rules"]
    return [pytest.param(rule["text"], rule["sentences"], id=f"rule-{n}") for n, rule in enumerate(rules, 1)]


def _texts(text):
    return [s.text for s in segment(text)]


def test_the_golden_rules_file_has_all_48_rules():
    assert len(_golden_rules()) == 48


@pytest.mark.parametrize(("text", "expected"), _golden_rules())
def test_golden_rule_is_segmented_exactly(text, expected):
    assert _texts(text) == expected
