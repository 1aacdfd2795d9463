"""Sentence boundaries inside one run of text (a paragraph, or a line of a scraped page).

The scan visits only the places a sentence can end: runs of ``. ! ? …`` (with any closing quotes or
brackets after them) and the starts of inline list items. Each candidate is decided by looking at
the word before it and the word after it, so the cost grows with the number of full stops, not with
the number of characters, and every look-back is bounded.
"""

import re

from .lexicon import (
    ABBREVIATIONS,
    LOWER_CASE_CONTINUES,
    NEVER_FINAL,
    NUMBER_ABBREVIATIONS,
    SENTENCE_STARTERS,
    STRICT_TITLES,
    TIME_CONTINUATIONS,
    TIME_PHRASE_OPENERS,
)

# A spaced ellipsis (". . ." or ". . . .") or a run of terminal marks, then closing quotes/brackets.
_TERMINATOR = re.compile(r"[.!?…](?:(?<=\.)(?: \.){2,}|[.!?…]*)[)\]\"'”’»]*")
# Reference marks that belong to the sentence just ended ("…in 1805. [6] [7] The next").
_REFERENCES = re.compile(r"(?:[ \t]?\[\d{1,3}(?:[ \t]*[-–,][ \t]*\d{1,3})*\])+")
# What follows a candidate, after any whitespace: opening quotes or brackets, then the next word.
_AFTER = re.compile(r"([\"'“‘«(\[]*)([^\s.,;:!?\"'”’»)\]]*)")
_LOOKBACK = 64
_OPENERS = "\"'“‘«([{"
_BULLETS = "•⁃▪◦‣●■►▸–-*"
_BULLET_CHARS = "•⁃▪◦‣●■►▸"
_LIST_MARKER_TOKEN = re.compile(r"(?:\d{1,3}|[A-Za-z]|[ivxIVX]{2,4})\Z")
_ACRONYM = re.compile(r"(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}\Z")
_PLAIN_WORD = re.compile(r"[\w%$€£.,-]*[a-z0-9%]\Z")
_AM_PM = frozenset(("a.m", "p.m", "A.M", "P.M"))
_NO_CUT_BEFORE = ",;:"

# Inline list items: "1. The first item 2. The second item", "a) … b) …", "1.) … 2.) …".
_LIST_ITEM = re.compile(r"(?<!\S)(?:[•⁃▪◦‣●■►▸]\s*)?(\d{1,3}|[a-z])(\.\)|\)|\.)(?=\s)")
_BULLET = re.compile(r"[•⁃▪◦‣●■►▸]")
_NONSPACE = re.compile(r"\S")


def _list_cuts(text: str, lo: int, hi: int) -> list[int]:
    """Starts of bulleted items, and of inline list items when the run opens with an item marker.

    Anchoring a numbered sequence at the start of the run keeps prose such as "he was 1) tired and
    2) hungry" in one sentence; only the marker that follows the previous one in sequence counts.
    """
    begin = lo + len(text[lo : lo + 64]) - len(text[lo : lo + 64].lstrip())
    cuts = []
    if _BULLET.search(text, begin + 1, hi) is not None:
        cuts = [m.start() for m in _BULLET.finditer(text, begin + 1, hi) if text[m.start() - 1].isspace()]
    first = _LIST_ITEM.match(text, begin, hi)
    if first is not None:
        style = first.group(2)
        expected = _successor(first.group(1))
        for m in _LIST_ITEM.finditer(text, first.end(), hi):
            if m.group(2) == style and m.group(1) == expected:
                cuts.append(m.start())
                expected = _successor(expected)
        cuts = sorted(set(cuts))
    return cuts


def _successor(value: str) -> str:
    if value.isdigit():
        return str(int(value) + 1)
    return chr(ord(value) + 1)


def _token_before(text: str, pos: int, floor: int) -> tuple[int, str]:
    """The whitespace-free token that ends at ``pos``, looking back no further than ``floor``."""
    chunk = text[max(floor, pos - _LOOKBACK) : pos]
    if not chunk or chunk[-1].isspace():
        return pos, ""
    token = chunk.rsplit(None, 1)[-1]
    return pos - len(token), token


def _is_segment_opening(text: str, seg_start: int, token_start: int) -> bool:
    if token_start - seg_start > 8:
        return False
    return not text[seg_start:token_start].strip(" \t\r\n" + _BULLETS)


def cut_points(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in ``text[lo:hi]`` where a new sentence begins, in increasing order."""
    cuts: list[int] = []
    pending = _list_cuts(text, lo, hi)
    pi = 0
    seg_start = lo
    for m in _TERMINATOR.finditer(text, lo, hi):
        ts, te = m.span()
        term = None
        if te + 1 < hi and (text[te] == "[" or (text[te + 1] == "[" and text[te] == " ")):
            term = m.group()
            refs = _REFERENCES.match(text, te, hi)
            if refs is not None:
                te = refs.end()
        if pending:
            while pi < len(pending) and pending[pi] <= ts:
                if pending[pi] > seg_start:
                    cuts.append(pending[pi])
                    seg_start = pending[pi]
                pi += 1
        if te >= hi:
            break
        nxt = text[te]
        if nxt.isspace():
            nxt_pos = te + 1
            if nxt_pos < hi and not text[nxt_pos].isspace():
                nxt = text[nxt_pos]  # the common case: a single space
            else:
                after = _NONSPACE.search(text, nxt_pos, hi)
                if after is None:
                    break
                nxt_pos = after.start()
                nxt = text[nxt_pos]
            if nxt.islower():
                if _ends_before_lower_case(text, ts, term or m.group(), seg_start):
                    cuts.append(nxt_pos)
                    seg_start = nxt_pos
                continue  # "Co. at noon", "Yahoo! in", '"great." she said': the sentence goes on
        else:
            nxt_pos = te  # glued to the next word
        cut = _decide(text, ts, te, term or m.group(), seg_start, nxt_pos, nxt, hi)
        if cut is not None and cut > seg_start:
            cuts.append(cut)
            seg_start = cut
    for p in pending[pi:]:
        if p > seg_start:
            cuts.append(p)
            seg_start = p
    return cuts


def _ends_before_lower_case(text: str, ts: int, stop: str, seg_start: int) -> bool:
    """A plain full stop after a plain word ends the sentence even when the next one starts in lower
    case, as chat and e-mail text often does ("sounds good. see you then")."""
    if stop.strip("?"):
        return stop == "." and _plain_word_before(text, ts, seg_start)
    return True  # "bet? really": a question mark after anything but a quotation


def _plain_word_before(text: str, ts: int, seg_start: int) -> bool:
    _, left = _token_before(text, ts, seg_start)
    left = left.lstrip(_OPENERS)
    if len(left) < 2 or not left.replace("'", "").replace("’", "").isalpha():
        return False  # initials, numbers, "U.S", "a.m"
    return not any(
        form in ABBREVIATIONS or form in NEVER_FINAL or form in STRICT_TITLES or form in LOWER_CASE_CONTINUES
        for form in (left, left.lower(), left.capitalize())
    )


def _next_word(text: str, pos: int, hi: int) -> tuple[str, str]:
    """(opening quotes or brackets, word) starting at ``pos``."""
    m = _AFTER.match(text, pos, hi)
    return m.group(1), m.group(2)


def _decide(text, ts, te, term, seg_start, nxt_pos, nxt, hi):  # noqa: C901 - one rule table
    """Where the sentence ends at this candidate, or None when it goes on."""
    core = term.rstrip(")]\"'”’»")
    closed = len(core) != len(term)

    if nxt_pos == te:
        return _decide_glued(text, ts, te, seg_start, core, closed, hi)

    if nxt.islower() or nxt in _NO_CUT_BEFORE:
        return None

    if "." not in core and "…" not in core:
        return te  # "!" and "?" runs: "Hello!? Is that you?"

    dots = core.count(".") + 3 * core.count("…")
    if dots == 3:
        # An ellipsis inside a sentence ("the thing is . . . I didn't mean it") goes on.
        return None
    if dots >= 4:
        if core[:2] == ". " and not closed and ts > 0 and not text[ts - 1].isspace():
            # "compounds. . . . The practice": the first dot ends the sentence, the rest opens the next.
            return ts + 1
        return te

    tstart, left = _token_before(text, ts, seg_start)
    left = left.lstrip(_OPENERS + _BULLET_CHARS)
    if not left:
        return te
    if _is_segment_opening(text, seg_start, tstart) and _LIST_MARKER_TOKEN.match(left):
        return None  # "1. The first item", "a. The first item", "1.) The first item"
    if closed:
        return te  # '…"This is great." She held the book.'
    if left in NEVER_FINAL or left in STRICT_TITLES:
        return None
    acronym = "." in left and _ACRONYM.match(left) is not None
    if nxt.isdigit():
        if left in NUMBER_ABBREVIATIONS or left in ABBREVIATIONS or acronym:
            return None  # "p. 55", "Jan. 5", "No. 10"
        return te
    abbreviation = left in ABBREVIATIONS or acronym
    single = len(left) == 1 and left.isalpha()
    if not (abbreviation or single or left in _AM_PM):
        return te
    opener, word = _next_word(text, nxt_pos, hi)
    if opener:
        # 'the U.S. "derivatives" market', "Washington, D.C. (capital of…": the sentence goes on.
        if word[:1].islower() or ("(" in opener and word not in SENTENCE_STARTERS):
            return None
        return te
    if left in _AM_PM:
        if word in TIME_CONTINUATIONS:
            return None
        if tstart - seg_start <= 24:
            opening = text[seg_start:tstart].split()
            if opening and opening[0].lower() in TIME_PHRASE_OPENERS:
                return None  # "At 5 a.m. Mr. Smith went to the bank."
        return te
    if abbreviation:
        return te if word in SENTENCE_STARTERS else None  # "U.S. Government" vs "U.S. How about you?"
    if left == "I" and tstart > seg_start:
        _, before = _token_before(text, tstart - 1, seg_start)
        if before[:1].islower():
            return te  # "you and I. Did you see…"
    return te if word in SENTENCE_STARTERS else None  # "Jonas E. Smith", "Albert I. Jones"


def _decide_glued(text, ts, te, seg_start, core, closed, hi):
    """A stop glued to the next word ("…in 2023.The army"): only a plain word or number before it and
    a capitalised word after it that usually opens a sentence, so "threading.Thread", e-mail
    addresses and "U.S.A" stay whole."""
    if closed or core not in ".!?" or not text[te].isupper():
        return None
    _, word = _next_word(text, te, hi)
    end_word = te + len(word)
    if end_word < hi and not text[end_word].isspace():
        return None
    _, token = _token_before(text, ts, seg_start)
    if not token or not _PLAIN_WORD.match(token):
        return None
    if word in SENTENCE_STARTERS:
        return te
    if len(token) >= 2 and token.isdigit() and word[1:].islower():
        return te  # "…in 2023.Russian instructors arrived"
    return None
