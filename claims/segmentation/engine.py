"""From raw article text to segments: page layout first, then sentences, then labels and scores."""

import re
from itertools import pairwise

from . import types as t
from .boundaries import cut_points
from .lexicon import DATE_LINE_WORDS, NAME_PREFIXES, SENTENCE_STARTERS
from .scoring import score
from .types import Segment

_LINE_BREAK = re.compile(r"\r\n?|\n")
# A line break followed by one or more blank (or whitespace-only) lines.
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n?|\n)(?:[^\S\r\n]*(?:\r\n?|\n))+")
_NONSPACE = re.compile(r"\S")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_CLOSERS = ")]\"'”’»"
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
    r"(?:(?:(?:Cover|Main|Top|Lead|Featured|Header) )?(?:Photos?|Images?|Pictures?|Pics?|Fotos?|Video|Illustrations?"
    r"|Graphics?|Infographic|Footage|Screenshot)(?: credits?)?|Credits?|Photo(?:graph)? courtesy(?: of)?)\s*:"
    r"|©|\(c\) |Copyright\b"
)
_CREDIT_BY = re.compile(
    r"(?:Photos?|Images?|Pictures?|Pics?|Fotos?|Video|Illustrations?|Footage|Screenshot)\s+"
    r"(?:by|from|via|courtesy(?: of)?)\b"
)
# A caption glued to the next paragraph by the scraper: "…open sourcesA few months later".
_GLUE = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z’']*[\s,])|(?<=[A-Z])(?=(?:The|A|An|In|On|At|It|This|He|She|They)\s)")
# The first two characters of every sentence-level furniture pattern above, to skip the patterns
# for the ordinary sentence.
_FURNITURE_OPENINGS = frozenset(
    "Su SU Si Jo Fo Li Sh Do Ge Cl Ta Re Co Ma To Le Fe He Ph Im Pi Vi Il Gr In Sc Cr (c".split()  # noqa: SIM905
)
_CAPTION_MAX_WORDS = 15
_CREDIT_MAX_WORDS = 12


def segment(text: str) -> list[Segment]:
    pieces: list[list] = []  # [start, end, kind]
    units = _units(text)
    last = len(units) - 1
    for i, (start, end, lines) in enumerate(units):
        _layout_unit(text, start, end, lines, i == last, pieces)
    _mark_captions(text, pieces)
    out = []
    append = out.append
    seen_body = False
    for start, end, kind in pieces:
        body = text[start:end]
        if kind == t.SENTENCE:
            seen_body = True
            append(Segment(start, end, body, kind, False, *score(body)))
        else:
            if kind == t.HEADLINE and seen_body:
                kind = t.SUBHEADING
            append(Segment(start, end, body, kind, True, 0.0, _BOILERPLATE_REASONS[kind], t.NOT_A_CLAIM))
    return out


_BOILERPLATE_REASONS = {
    t.HEADLINE: "headline",
    t.SUBHEADING: "subheading",
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
        if _soft_break(text, u_end, s, text[s], w, width, wrapped):
            u_end = e
            n += 1
            continue
        units.append((u_start, u_end, n))
        u_start, u_end, n = s, e, 1
    units.append((u_start, u_end, n))


def _soft_break(text: str, prev_end: int, next_start: int, first: str, prev_width: int, width: int, wrapped: bool):
    if first.islower():
        return True
    if not wrapped or _LIST_START.match(text, next_start):
        return False
    prev_char = text[prev_end - 1]
    if prev_width < 0.5 * width and prev_char not in ".!?…\"'”’)":
        return False  # a heading inside wrapped prose
    return prev_char not in ":"


def _layout_unit(text: str, start: int, end: int, lines: int, last: bool, pieces: list) -> None:
    body = text[start:end]
    if lines == 1 and len(body) <= 240:
        kind = _line_kind(body, last)
        if kind is not None:
            pieces.append([start, end, kind])
            return
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
    ):
        return None  # prompts and credits are handled with the sentences, which can split off glued text
    return t.HEADLINE


def _ends_sentence(body: str) -> bool:
    return body.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _is_date_line(body: str) -> bool:
    for token in _DATE_TOKEN.findall(body):
        if token.isdigit():
            continue
        if token.isalpha():
            if token.lower() not in DATE_LINE_WORDS:
                return False
        elif token not in _DATE_PUNCT:
            return False
    return True


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
            if _is_credit(text[a : glue if glue is not None else b], glued=glue is not None):
                if glue is None:
                    pieces.append([a, b, t.CREDIT])
                    return
                pieces.append([a, glue, t.CREDIT])
                a = glue
    pieces.append([a, b, t.SENTENCE])


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


def _mark_captions(text: str, pieces: list) -> None:
    """A short sentence opening the line of a photo credit is that photo's caption.

    Scrapers flatten a figure into "Caption. Photo: Credit" on one line (often glued to the next
    paragraph); a sentence on a line of its own before a credit line is left a sentence, since
    nothing but its position says it is a caption.
    """
    for i in range(1, len(pieces)):
        if pieces[i][2] != t.CREDIT or pieces[i - 1][2] != t.SENTENCE:
            continue
        start, end, _ = pieces[i - 1]
        between = text[end : pieces[i][0]]
        if "\n" in between or "\r" in between or len(text[start:end].split()) > _CAPTION_MAX_WORDS:
            continue
        j = start
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        # At the start of its line, or glued to what precedes it (no space between).
        if j == 0 or text[j - 1] in "\r\n" or (j == start and not text[start - 1].isspace()):
            pieces[i - 1][2] = t.CAPTION
