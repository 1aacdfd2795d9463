"""Offsets and invariants for any input: Unicode, CRLF, tabs, huge paragraphs, empty text; the public API."""

import dataclasses
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claims.segmentation as segmentation
from claims.segmentation import BOILERPLATE_KINDS, CLAIM_TYPES, KINDS, SEGMENTER_VERSION, Segment, segment

REPO = Path(__file__).resolve().parents[2]


def assert_well_formed(text, segments):
    previous_end = 0
    covered = set()
    for s in segments:
        assert isinstance(s, Segment)
        assert 0 <= previous_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.kind in KINDS
        assert s.claim_type in CLAIM_TYPES
        assert 0.0 <= s.checkworthiness <= 1.0
        assert isinstance(s.reasons, tuple)
        assert s.is_boilerplate == (s.kind in BOILERPLATE_KINDS)
        assert isinstance(s.claimant, str)
        if s.is_boilerplate:
            assert (s.checkworthiness, s.claim_type) == (0.0, "not_a_claim")
        covered.update(range(s.start, s.end))
        previous_end = s.end
    # Nothing but whitespace is left out: no text is lost between segments.
    assert all(c.isspace() for i, c in enumerate(text) if i not in covered)


# Text built from the characters that drive the rules, so the generator reaches them often.
_NEWSY = st.lists(
    st.sampled_from(
        list("aAbBeEiIsSUuTt. .  ,!?…\"'“”‘’()[]-–—•⁃:;$%0123456789\n\r\t\u00a0\u2028é😀")
        + ["Mr.", "U.S.", "a.m.", "Photo: ", "By ", "ADVERTISEMENT", "Read also: ", "1. ", "a) ", ". . . ", "\r\n"]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_text_gives_exact_ordered_stripped_segments(text):
    assert_well_formed(text, segment(text))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_NEWSY)
def test_text_full_of_stops_quotes_and_furniture_gives_exact_segments(text):
    assert_well_formed(text, segment(text))


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\r\n\t \u00a0\u2028 ", "\t"])
def test_empty_or_whitespace_only_text_gives_no_segments(text):
    assert segment(text) == []


def test_offsets_are_exact_with_accents_curly_quotes_and_emoji():
    text = "“Ça va?” demanda Zoë. 😀 The café’s owner — José Müller — said 3 € was fair. Naïve? Très."

    segments = segment(text)

    assert_well_formed(text, segments)
    assert [s.text for s in segments] == [
        "“Ça va?” demanda Zoë.",
        "😀 The café’s owner — José Müller — said 3 € was fair.",
        "Naïve?",
        "Très.",
    ]


def test_offsets_are_exact_with_crlf_line_endings_and_tabs():
    text = "Troops leave Niger\r\n\tBy Jane Example\r\n\r\nThe last troops left.\tThe base is empty.\r\n"

    segments = segment(text)

    assert_well_formed(text, segments)
    assert [(s.kind, s.text) for s in segments] == [
        ("headline", "Troops leave Niger"),
        ("byline", "By Jane Example"),
        ("sentence", "The last troops left."),
        ("sentence", "The base is empty."),
    ]


def _cpu_seconds(text: str, repeat: int = 5) -> tuple[float, list]:
    """The least CPU time of `repeat` runs of segment(text), and its segments.

    CPU time of this process, the least of several runs: other processes on the machine (a test
    database, a worker) and a garbage collection in one run do not count.
    """
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        segments = segment(text)
        best = min(best, time.process_time() - started)
    return best, segments


# Ten times the input may take at most thirty times as long: linear work takes about ten, quadratic
# work a hundred. The added millisecond absorbs jitter on the inputs that take about one; quadratic
# work would still exceed the bound wherever the small input takes more than 15 microseconds.
def assert_linear(small_seconds: float, large_seconds: float) -> None:
    assert large_seconds < 30 * small_seconds + 0.001, (small_seconds, large_seconds)


def test_a_very_long_paragraph_is_segmented_in_linear_time():
    sentence = "The U.S. Dept. of Defense said on Jan. 5 at 10 a.m. that 1,000 troops had left Niger. "
    small, large = sentence * 500, sentence * 5000

    small_time, small_segments = _cpu_seconds(small)
    large_time, large_segments = _cpu_seconds(large)

    assert len(small_segments) == 500
    assert len(large_segments) == 5000
    assert large_segments[-1].end == len(large.rstrip())
    assert_linear(small_time, large_time)


@pytest.mark.parametrize(
    ("unit", "count", "tail"),
    [
        ("a.", 50_000, ""),
        (".", 100_000, ""),
        ("x", 100_000, ". Next."),
        ("\n", 50_000, "End."),
        (" ", 100_000, ""),
        ("U.S.A.", 20_000, ""),
    ],
    ids=["dotted", "stops", "one-long-word", "newlines", "spaces", "acronyms"],
)
def test_pathological_inputs_take_linear_time(unit, count, tail):
    text = unit * count + tail

    small_time, _ = _cpu_seconds(unit * (count // 10) + tail)
    large_time, segments = _cpu_seconds(text)

    assert_linear(small_time, large_time)
    assert_well_formed(text, segments)


def test_segment_is_a_frozen_dataclass_with_slots():
    s = segment("The troops left.")[0]

    assert dataclasses.is_dataclass(s)
    assert not hasattr(s, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.text = "changed"


def test_public_api_exports_the_vocabularies_and_version():
    assert set(segmentation.__all__) >= {
        "segment",
        "Segment",
        "SEGMENTER_VERSION",
        "KINDS",
        "CLAIM_KINDS",
        "CLAIM_TYPES",
    }
    assert {"sentence", "headline", "subheading"} == segmentation.CLAIM_KINDS
    assert set(KINDS) - segmentation.CLAIM_KINDS == segmentation.BOILERPLATE_KINDS
    assert set(CLAIM_TYPES) == {
        "quantity",
        "causation",
        "law_or_rule",
        "prediction",
        "personal_experience",
        "other",
        "not_a_claim",
    }
    assert {"sentence", "caption", "credit", "byline", "dateline", "headline", "promo", "ad"} <= set(KINDS)
    assert [part.isdigit() for part in SEGMENTER_VERSION.split(".")] == [True, True, True]
    assert "segment(" in (segmentation.__doc__ or "")


def test_importing_the_engine_does_not_import_django():
    code = "import sys, claims.segmentation as s; s.segment('The troops left.'); print('django' in sys.modules)"

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    )

    assert result.stdout.strip() == "False"


def test_the_engine_imports_only_the_standard_library():
    code = (
        "import sys; before = set(sys.modules); import claims.segmentation; "
        "new = {m.split('.')[0] for m in set(sys.modules) - before}; "
        "print(sorted(m for m in new if m not in sys.stdlib_module_names and m != 'claims'))"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    )

    assert result.stdout.strip() == "[]"
