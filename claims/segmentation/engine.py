"""From raw article text to segments: page layout first, then sentences, then labels and scores."""

import re
from itertools import pairwise

from . import types as t
from .boundaries import cut_points
from .captions import mark_captions
from .claimant import claimant
from .lexicon import ABBREVIATIONS, DATE_LINE_WORDS, NAME_PREFIXES, NEVER_FINAL, SENTENCE_STARTERS
from .scoring import SAYING, evaluate, signals
from .types import Segment

_LINE_BREAK = re.compile(r"\r\n?|\n")
# A line break followed by one or more blank (or whitespace-only) lines.
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n?|\n)(?:[^\S\r\n]*(?:\r\n?|\n))+")
_NONSPACE = re.compile(r"\S")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_CLOSERS = ")]\"'”’»"
# Reference marks after a sentence's full stop: "…in grammar. [6] [7]".
_REFERENCES = re.compile(r"(?:\s?\[\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\])+$")
_LIST_START = re.compile(r"(?:[•⁃▪◦‣●■►▸*–-]|\d{1,3}[.)]|[a-z][.)])\s")

# ---- whole-line furniture ----
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_BYLINE = re.compile(
    r"(?:By|BY|Written by|Words by|Text by|Story by|Reporting by|Reported by|Authors?:)"
    rf"\s+{_NAME}(?:\s+{_NAME}){{0,3}}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME}){{0,3}}){{0,3}}"
    rf"(?:\s*[|,–—-]\s*{_NAME}(?:\s+[\w'’.&-]+){{0,5}})?"
    r"|\(?(?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Ee]dited) by [^\n]{1,160}",
)
_DATE_TOKEN = re.compile(r"[A-Za-z]+|\d+|[^\w\s]")
_DATE_PUNCT = frozenset(".,:/-–—|()+")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d\d\b")
_AD = re.compile(
    r"(?i:advertisement|advertising|sponsored(?: content)?|promoted(?: content)?|paid (?:post|content)|ad"
    r"|(?:story|article) continues (?:below|after)(?: (?:this )?advertisement)?|continue reading below"
    r"|scroll to continue(?: with content)?)[.:]?"
)
_INLINE_AD = re.compile(r"\bADVERTISEMENT\b")
_LINK_PROMO = re.compile(
    r"(?:(?:Read|See|Watch|Listen|Look)(?: also| more| next| too| here)?\s*:|(?:Also|ALSO) (?:read|READ)\s*:"
    r"|Related(?: articles?| stories| news| coverage)?\s*:|RELATED\s*:|READ (?:ALSO|MORE)\b|SEE ALSO\b"
    r"|More (?:on this|news|from|about)\b|Recommended\s*:|Don['’]t miss\s*:|Must read\s*:|Read the full\b"
    r"|(?:Click|Tap) here\b)"
)
# ---- sentence-level furniture ----
_CTA_PROMO = re.compile(
    r"(?:Subscribe|SUBSCRIBE|Sign up|Join (?:us|our)|Follow (?:us|our)|Like us on|Share (?:this|on)\b"
    r"|Download (?:our|the)|Get (?:our|the latest)|Support (?:us|our)|Click here|Tap here"
    r"|Read more\b|Read (?:also|more)\s*:)"
)
_CREDIT_COLON = re.compile(
    r"(?:(?:(?:Cover|Main|Top|Lead|Featured|Header) )?(?:Photos?|Images?|Pictures?|Pics?|Fotos?|Video|Audio"
    r"|Illustrations?|Graphics?|Infographic|Footage|Screenshot)(?: credits?)?|Credits?"
    r"|Photo(?:graph)? courtesy(?: of)?)\s*:"
    r"|©|\(c\) |Copyright\b"
)
_CREDIT_BY = re.compile(
    r"(?:Photos?|Images?|Pictures?|Pics?|Fotos?|Video|Illustrations?|Footage|Screenshot)\s+"
    r"(?:by|from|via|courtesy(?: of)?)\b"
)
# A caption glued to the next paragraph by the scraper: "…open sourcesA few months later".
# After a capital only a word that is no letter of an acronym counts: "AFPThe army", not "NASA Bill".
_GLUE = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z’']*[\s,])|(?<=[A-Z])(?=(?:The|An|In|On|At|It|This|He|She|They)\s)")
# A credit inside a line, after the caption it credits: "Playstation VR demo Image: Nick Moreau."
_INLINE_CREDIT = re.compile(
    r"(?<=\S )(?:Photos?|Images?|Pictures?|Video|Audio|Illustrations?|Graphics?|Photo credits?|Credits?)\s?:\s"
)
# A publication date opening a line, glued to what follows it: "17 September, 2024 Flags of …".
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?"
    r"|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE_OPENINGS = frozenset("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun".split())  # noqa: SIM905
_LEADING_DATE = re.compile(
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:\d{{1,2}}\s+{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}})"
    r"(?:,?\s+\d{1,2}[:.]\d\d(?:\s?[AaPp]\.?[Mm]\.?)?)?"
    r"(?=\s+[A-Z])"
)
# The first two characters of every sentence-level furniture pattern above, to skip the patterns
# for the ordinary sentence.
_FURNITURE_OPENINGS = frozenset(
    "Su SU Si Jo Fo Li Sh Do Ge Cl Ta Re Co Ma To Le Fe He Ph Im Pi Vi Au Il Gr In Sc Cr (c".split()  # noqa: SIM905
)
# A line of figures ("Net income: $65 million; or $1.49 a share") states them: it is no heading.
_HAS_STOP = re.compile(r"[.!?…]")
_FIGURES = re.compile(r"\d.*[:;]|[:;].*\d|[$€£¥]\s?\d|\d\s?%")
_CREDIT_MAX_WORDS = 12


def segment(text: str) -> list[Segment]:
    pieces: list[list] = []  # [start, end, kind]
    units = _units(text)
    last = len(units) - 1
    for i, (start, end, lines) in enumerate(units):
        _layout_unit(text, start, end, lines, i == last, pieces)
    mark_captions(text, pieces)
    out = []
    append = out.append
    seen_body = False
    for start, end, kind in pieces:
        body = text[start:end]
        if kind == t.SENTENCE:
            seen_body = True
            flags = signals(body)
            value, reasons, claim_type = evaluate(flags)
            who = claimant(body) if flags & SAYING else ""
            append(Segment(start, end, body, kind, False, value, reasons, claim_type, who))
        elif kind == t.HEADLINE:
            flags = signals(body)
            value, reasons, claim_type = evaluate(flags)
            who = claimant(body) if flags & SAYING else ""
            kind = t.SUBHEADING if seen_body else t.HEADLINE
            append(Segment(start, end, body, kind, False, value, (kind, *reasons), claim_type, who))
        else:
            append(Segment(start, end, body, kind, True, 0.0, _BOILERPLATE_REASONS[kind], t.NOT_A_CLAIM))
    return out


_BOILERPLATE_REASONS = {
    t.BYLINE: "byline",
    t.DATELINE: "publication date",
    t.CAPTION: "photo caption",
    t.CREDIT: "photo credit",
    t.AD: "advertisement",
    t.PROMO: "link or newsletter prompt",
}
_BOILERPLATE_REASONS = {kind: (reason,) for kind, reason in _BOILERPLATE_REASONS.items()}


def _units(text: str) -> list[tuple[int, int, int]]:
    """(start, end, line count) of each run of text to split into sentences, trimmed.

    A blank line always ends a run. A single line break ends one too, unless the next line plainly
    carries on the sentence: it starts in lower case, or the block is hard-wrapped prose (several
    lines filled to a similar width), where only short unpunctuated lines (headings) and list items
    stand alone.
    """
    units: list[tuple[int, int, int]] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        _block_units(text, pos, m.start(), units)
        pos = m.end()
    _block_units(text, pos, len(text), units)
    return units


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    chunk = text[lo:hi]
    inner = chunk.strip()
    if not inner:
        return lo, lo
    lo += len(chunk) - len(chunk.lstrip())
    return lo, lo + len(inner)


def _block_units(text: str, lo: int, hi: int, units: list) -> None:
    if _LINE_BREAK.search(text, lo, hi) is None:
        s, e = _trim(text, lo, hi)
        if s < e:
            units.append((s, e, 1))
        return
    block = []
    pos = lo
    for m in _LINE_BREAK.finditer(text, lo, hi):
        s, e = _trim(text, pos, m.start())
        if s < e:
            block.append((s, e))
        pos = m.end()
    s, e = _trim(text, pos, hi)
    if s < e:
        block.append((s, e))
    if not block:
        return
    widths = [e - s for s, e in block]
    width = max(widths)
    # Hard-wrapped prose breaks lines mid-sentence, so many of its lines start in lower case; a stack
    # of short furniture lines (byline, date, "Updated …") never does.
    wrapped = (
        len(block) >= 3
        and 30 <= width <= 100
        and sum(text[s].islower() for s, _ in block[1:]) * 3 >= len(block) - 1
        and sum(w >= 0.6 * width for w in widths[:-1]) >= 0.6 * (len(block) - 1)
    )
    u_start, u_end = block[0]
    n = 1
    for (s, e), w in zip(block[1:], widths[:-1], strict=True):
        if _soft_break(text, u_end, s, text[s], w, width, wrapped, len(block) <= 2):
            u_end = e
            n += 1
            continue
        units.append((u_start, u_end, n))
        u_start, u_end, n = s, e, 1
    units.append((u_start, u_end, n))


def _soft_break(
    text: str, prev_end: int, next_start: int, first: str, prev_width: int, width: int, wrapped: bool, pair: bool
) -> bool:
    if first.islower():
        filled = wrapped and prev_width >= 0.6 * width
        return _lower_case_goes_on(text[prev_end - prev_width : prev_end], filled, pair)
    if not wrapped or _LIST_START.match(text, next_start):
        return False
    prev_char = text[prev_end - 1]
    if prev_width < 0.5 * width and prev_char not in ".!?…\"'”’)":
        return False  # a heading inside wrapped prose
    return prev_char not in ":"


def _lower_case_goes_on(prev: str, filled: bool, pair: bool) -> bool:
    """Whether a line starting in lower case carries on the sentence of the line before it.

    It does after a line cut mid-sentence ("signed in 2012 with" / "the United States"); it does not
    after a full stop, a list item ending in ";" or ":", a date line, a short line of chat ("yeah"),
    or in a block of three lines or more that is not hard-wrapped, whose lines are paragraphs.
    """
    last = prev.rstrip(_CLOSERS)[-1:]
    if last in ".!?…":
        token = prev.rsplit(None, 1)[-1].rstrip(_CLOSERS + ".!?…")
        return "." in token or len(token) == 1 or token in ABBREVIATIONS or token in NEVER_FINAL
    if last in ";:":
        return filled
    if _DIGIT.search(prev) and len(prev) <= 80 and _is_date_line(prev):
        return False
    return filled or (pair and len(prev) >= 25)


def _layout_unit(text: str, start: int, end: int, lines: int, last: bool, pieces: list) -> None:
    body = text[start:end]
    if lines == 1 and len(body) <= 240:
        kind = _line_kind(body, last)
        if kind is not None:
            pieces.append([start, end, kind])
            return
    date = _LEADING_DATE.match(body) if body[0].isdigit() or body[:3] in _DATE_OPENINGS else None
    if date is not None:
        pieces.append([start, start + date.end(), t.DATELINE])
        start = _NONSPACE.search(text, start + date.end()).start()
        body = text[start:end]
    if _LINK_PROMO.match(body):
        glue = _find_glue(text, start, end)
        pieces.append([start, glue if glue is not None else end, t.PROMO])
        if glue is None:
            return
        start = glue
    if "ADVERTISEMENT" in body:
        for m in _INLINE_AD.finditer(text, start, end):
            _sentences(text, start, m.start(), pieces)
            pieces.append([m.start(), m.end(), t.AD])
            start = m.end()
    _sentences(text, start, end, pieces)


def _line_kind(body: str, last: bool) -> str | None:
    if _ends_sentence(body):
        if len(body) <= 40 and _AD.fullmatch(body):
            return t.AD  # "Advertisement."
        return None
    if len(body) <= 60 and _AD.fullmatch(body):
        return t.AD
    if _BYLINE.fullmatch(body):
        return t.BYLINE
    if len(body) <= 80 and _DIGIT.search(body) and _is_date_line(body):
        return t.DATELINE
    if (
        last
        or body[-1] in ":;,"
        or _LIST_START.match(body)
        or len(body.split()) > 25
        or not _LETTER.search(body)
        or _CTA_PROMO.match(body)
        or _LINK_PROMO.match(body)
        or _is_credit(body, glued=False)
        or _FIGURES.search(body)
        or (_HAS_STOP.search(body) and cut_points(body, 0, len(body)))
    ):
        # Prompts and credits are handled with the sentences, which can split off glued text; a line
        # of several sentences whose last lacks its full stop, or of figures, is prose, not a heading.
        return None
    return t.HEADLINE


def _ends_sentence(body: str) -> bool:
    if body[-1] == "]":
        body = _REFERENCES.sub("", body)
    return body.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _is_date_line(body: str) -> bool:
    """Only date words, numbers and date punctuation, with a word or a numeric date among them
    ("05.08.2024 - 18:42"), so a line of bare figures is no date."""
    dated = _NUMERIC_DATE.search(body) is not None
    for token in _DATE_TOKEN.findall(body):
        if token.isdigit():
            continue
        if token.isalpha():
            if token.lower() not in DATE_LINE_WORDS:
                return False
            dated = True
        elif token not in _DATE_PUNCT:
            return False
    return dated


def _sentences(text: str, lo: int, hi: int, pieces: list) -> None:
    bounds = [lo, *cut_points(text, lo, hi), hi]
    for a, b in pairwise(bounds):
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        a += len(chunk) - len(chunk.lstrip())
        b = a + len(stripped)
        _classify_sentence(text, a, b, pieces)


def _classify_sentence(text: str, a: int, b: int, pieces: list) -> None:
    body = text[a:b]
    if body[:2] in _FURNITURE_OPENINGS or body[0] == "©":
        if _CTA_PROMO.match(body):
            pieces.append([a, b, t.PROMO])
            return
        if _CREDIT_COLON.match(body) or _CREDIT_BY.match(body):
            glue = _find_glue(text, a, b)
            if glue is None:
                glue = _spaced_glue(text, a, b)
            if _is_credit(text[a : glue if glue is not None else b], glued=glue is not None):
                if glue is None:
                    pieces.append([a, b, t.CREDIT])
                    return
                credit_end = glue
                while text[credit_end - 1].isspace():
                    credit_end -= 1
                pieces.append([a, credit_end, t.CREDIT])
                a = glue
    elif (
        ":" in body
        and (" Im" in body or " Ph" in body or " Vi" in body or " Au" in body or " Cr" in body)
        and (m := _INLINE_CREDIT.search(text, a, b))
        and _is_credit(text[m.start() : b], glued=False)
    ):
        pieces.append([a, m.start() - 1, t.SENTENCE])
        pieces.append([m.start(), b, t.CREDIT])
        return
    pieces.append([a, b, t.SENTENCE])


def _spaced_glue(text: str, a: int, b: int) -> int | None:
    """Where a sentence starts after a credit with only a space between them, as in
    "Photo credits: Jane Doe/AP The United States has completed…": at a word that opens sentences,
    once the rest reads as prose (mostly lower-case words) and the credit before it does not."""
    words = list(re.finditer(r"\S+", text[a:b]))
    for i in range(2, min(len(words), _CREDIT_MAX_WORDS)):
        if words[i].group() not in SENTENCE_STARTERS:
            continue
        rest = [w.group() for w in words[i + 1 :]]
        if len(rest) >= 3 and sum(w[0].islower() for w in rest) * 2 >= len(rest):
            credit = [w.group() for w in words[1:i]]
            if all(not w[0].islower() for w in credit[1:]):
                return a + words[i].start()
    return None


def _is_credit(body: str, glued: bool) -> bool:
    words = len(body.split())
    if _CREDIT_COLON.match(body):
        return words <= _CREDIT_MAX_WORDS
    if _CREDIT_BY.match(body):
        # "Photo from open sources" is a credit; "Photos from the scene show soldiers leaving." is not.
        return words <= 8 and (glued or not _ends_sentence(body))
    return False


def _find_glue(text: str, a: int, b: int) -> int | None:
    """Where the next paragraph starts inside a credit or link line the scraper glued to it."""
    for m in _GLUE.finditer(text, a, b):
        g = m.start()
        word_start = g
        while word_start > a and text[word_start - 1].isalpha():
            word_start -= 1
            if g - word_start > 3:
                break
        if text[word_start:g] in NAME_PREFIXES:
            continue  # "McCain", "DeSantis"
        rest = text[g : min(b, g + 20)].split(None, 1)
        if rest and (rest[0].rstrip(",") in SENTENCE_STARTERS or len(rest[0]) > 1):
            return g
    return None
