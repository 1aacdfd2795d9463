"""Photo captions: which sentences and short lines describe a picture rather than state the news.

A caption is marked only where the page's layout says so: the text opening the line of a photo
credit, a "from file" photo note, a run of picture captions between paragraphs, or the name and
title under a quotation. Anything else that reads as a statement stays a sentence.
"""

import re

from . import types as t

_CAPTION_MAX_WORDS = 40
_CAPTION_MAX_SENTENCES = 2
# A caption describes its picture; a sentence reporting what someone said is a statement, whatever
# follows it.
_SAID = re.compile(r"\b(?:said|says|told|tells|according to|announced|reported|stated)\b")
# "Leung Yiu-chung of NWSC; from file, 2008.": a file photo's caption.
_FROM_FILE = re.compile(r"[;,(]\s*(?:from file|file photo)(?:,\s*\d{4})?\)?\.?\Z", re.IGNORECASE)
_GALLERY_MAX_WORDS = 12
# Lower-case words that may stand inside a name or a title ("Wu Chi-wai of the Democratic Party").
_NAME_LINKS = frozenset(("of", "the", "and", "de", "da", "di", "du", "van", "von", "der", "la", "le", "al", "&"))
# "Charles Bolden, NASA Administrator" under a quotation: a name, a comma, a title.
_NAME_AND_TITLE = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}, (?:[A-Z(][\w'’.()-]*(?: |\Z)){1,6}")


def mark_captions(text: str, pieces: list) -> None:
    _before_credits(text, pieces)
    _galleries(text, pieces)


def _before_credits(text: str, pieces: list) -> None:
    """Up to two short sentences opening the line of a photo credit are that photo's caption.

    Scrapers flatten a figure into "Caption. Photo: Credit" on one line (often glued to the next
    paragraph); a sentence on a line of its own before a credit line is left a sentence, since
    nothing but its position says it is a caption.
    """
    for i in [k for k, piece in enumerate(pieces) if piece[2] == t.CREDIT]:
        if i == 0 or pieces[i - 1][2] != t.SENTENCE:
            continue
        if _line_break_between(text, pieces[i - 1][1], pieces[i][0]):
            continue
        first = i - 1
        while (
            i - first < _CAPTION_MAX_SENTENCES
            and first > 0
            and pieces[first - 1][2] == t.SENTENCE
            and not _line_break_between(text, pieces[first - 1][1], pieces[first][0])
        ):
            first -= 1
        # The caption opens its line (after the line's date, if any) or is glued to what precedes it.
        while first < i and not _opens_line(text, pieces, first):
            first += 1
        caption = text[pieces[first][0] : pieces[i - 1][1]] if first < i else ""
        if caption and len(caption.split()) <= _CAPTION_MAX_WORDS and not _SAID.search(caption):
            for piece in pieces[first:i]:
                piece[2] = t.CAPTION


def _opens_line(text: str, pieces: list, k: int) -> bool:
    start = pieces[k][0]
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == 0 or text[j - 1] in "\r\n":
        return True
    if k > 0 and pieces[k - 1][2] == t.DATELINE and not text[pieces[k - 1][1] : start].strip():
        return True
    return j == start and not text[start - 1].isspace()  # glued: "…sourcesFlags at the base."


def _line_break_between(text: str, a: int, b: int) -> bool:
    between = text[a:b]
    return "\n" in between or "\r" in between


def _galleries(text: str, pieces: list) -> None:
    """Short unpunctuated lines standing between paragraphs in twos or more are a gallery's captions
    (a subheading stands alone before its paragraph); so is a line under a quotation giving a
    name and a title, and a "from file" photo note."""
    n = len(pieces)
    maybe_file = "from file" in text or "ile photo" in text or "From file" in text
    starts = [k for k, p in enumerate(pieces) if p[2] == t.HEADLINE or (maybe_file and p[2] == t.SENTENCE)]
    i = -1
    for k in starts:
        if k < i or not _gallery_line(text, pieces[k]):
            continue
        i = j = k
        while j < n and _gallery_line(text, pieces[j]) and (j == i or _next_line(text, pieces[j - 1], pieces[j])):
            j += 1
        run = pieces[i:j]
        between_prose = (
            i > 0
            and j < n
            and pieces[i - 1][2] == t.SENTENCE
            and pieces[j][2] in (t.SENTENCE, t.CAPTION)
            and _ends_sentence(text[pieces[i - 1][0] : pieces[i - 1][1]])
            and _ends_sentence(text[pieces[j][0] : pieces[j][1]])
        )
        named = sum(_name_case(text[a:b]) for a, b, _ in run)
        for piece in run:
            body = text[piece[0] : piece[1]]
            if (
                _FROM_FILE.search(body)
                or (between_prose and len(run) >= 2 and named * 2 >= len(run))
                or (between_prose and len(run) == 1 and _NAME_AND_TITLE.fullmatch(body))
            ):
                piece[2] = t.CAPTION
        i = j


def _gallery_line(text: str, piece: list) -> bool:
    start, end, kind = piece
    if kind == t.SENTENCE:
        return _FROM_FILE.search(text, start, end) is not None and _whole_line(text, start, end)
    if kind != t.HEADLINE:
        return False
    body = text[start:end]
    if not 2 <= len(body.split()) <= _GALLERY_MAX_WORDS or not body[0].isupper():
        return False
    return body[-1] not in ",:" and ":" not in body and not any(c.isdigit() for c in body)


def _ends_sentence(body: str) -> bool:
    return body.rstrip(")]\"'”’»")[-1:] in ".!?…"


def _name_case(body: str) -> bool:
    words = body.split(";")[0].split()
    return len(words) >= 2 and all(w[0].isupper() or w in _NAME_LINKS for w in words)


def _whole_line(text: str, start: int, end: int) -> bool:
    before = text.rfind("\n", 0, start)
    after = text.find("\n", end)
    return not text[before + 1 : start].strip() and not text[end : after if after >= 0 else len(text)].strip()


def _next_line(text: str, previous: list, piece: list) -> bool:
    between = text[previous[1] : piece[0]]
    return between.count("\n") == 1 and not between.strip()
