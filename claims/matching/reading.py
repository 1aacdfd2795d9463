"""Text -> NormalisedClaim: the words, figures, years, names and negation the scorer compares.

One left-to-right pass over a token stream, so figures written in words ("five per cent"), dates
("January 14, 2020") and names ("Donald Trump") are read with the words around them.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon as lx
from .types import Figure, NormalisedClaim

_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": " - ", "—": " - ", "−": "-"})
_LINKS = re.compile(r"(?:https?://|www\.)\S+|pic\.twitter\.com/\S+|\S+@\S+\.[A-Za-z]+")
_TAGS = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])|_")
# Country names written as dotted or bare capitals; only the upper-case "US" is the country.
_COUNTRIES = (
    (re.compile(r"\bU\.\s?S\.(?:\s?A\.)?|\bUSA\b|\bUS\b(?!\$)"), "United States"),
    (re.compile(r"\bU\.\s?K\.|\bUK\b"), "United Kingdom"),
)
_TIMES = re.compile(r"\b\d{1,2}(?::\d\d)?\s?(?:[ap]\.m\.?|[ap]m\b)|\b\d{1,2}:\d\d\b", re.IGNORECASE)
_RAW = re.compile(r"\d+(?:st|nd|rd|th)\b|\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*|[$€£%]|[.,!?;:\"()\[\]|]|\s-\s")
_WORDS = re.compile(r"\w+")
_SENTENCE_END = frozenset('.!?;:"()[]|') | {" - "}
# A negation reaches to the end of its clause: "no evidence that vaccines cause harm, experts say".
_CLAUSE_END = _SENTENCE_END | {",", "but", "and", "or", "because", "although", "though", "while", "whereas", "yet"}
_NUMBER_WORDS = lx.SMALL_NUMBERS.keys() | lx.TENS.keys() | lx.SCALES.keys()
_UNIT_PHRASES = sorted(((tuple(k.split()), v) for k, v in lx.UNITS.items() if k != "%"), key=lambda kv: -len(kv[0]))


@dataclass(slots=True)
class _Reading:
    tokens: list[str] = field(default_factory=list)
    figures: set[Figure] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    negated: bool = False
    negated_tokens: set[str] = field(default_factory=set)
    words: list[str] = field(default_factory=list)
    length: int = 0


def normalise(text: str, *, context: str = "") -> NormalisedClaim:
    """Read a claim for matching. ``context`` (a fact-check's headline, say) adds words, figures, years and
    names to match on, but the claim's negation and its length (junk or not) come from ``text`` alone.
    """
    own = _read(text)
    if context:
        extra = _read(context)
        own.tokens += extra.tokens
        own.figures |= extra.figures
        own.years |= extra.years
        own.dates |= extra.dates
        own.entities |= extra.entities
        own.words += extra.words
    return NormalisedClaim(
        text=text,
        tokens=tuple(own.tokens),
        figures=frozenset(own.figures),
        years=frozenset(own.years),
        dates=frozenset(own.dates),
        entities=frozenset(own.entities),
        negated=own.negated,
        negated_tokens=frozenset(own.negated_tokens),
        words=tuple(own.words),
        length=own.length,
    )


def fold(word: str) -> str:
    """Lower case without accents: "Pérez" -> "perez"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English suffix stripper: plurals, -ing, -ed, -ly, and a final e ("making" = "make" = "mak")."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("ly", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word[-2] in "su":
                break
            base = word[: -len(suffix)] + keep
            if suffix in {"ing", "ed"}:
                if not any(v in base for v in "aeiouy"):
                    return word
                if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                    base = base[:-1]  # "banned" -> "ban", but "called" -> "call"
            word = base
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION)
    text = _LINKS.sub(" ", text)
    text = _TIMES.sub(" ", text)
    text = _TAGS.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    for pattern, name in _COUNTRIES:
        text = pattern.sub(name, text)
    return text


def _read(text: str) -> _Reading:
    prepared = _prepare(text)
    raw = _RAW.findall(prepared)
    folded = [fold(t) for t in raw]
    reading = _Reading()
    reading.words = _WORDS.findall(fold(prepared))
    reading.length = sum(1 for t in raw if t[0].isalnum())
    shouting = _is_shouting(raw)
    name: list[str] = []
    name_at_start = False
    sentence_start = True
    in_negation = False
    i = 0
    while i < len(raw):
        piece, word = raw[i], folded[i]
        before = len(reading.tokens)
        consumed = _read_date(raw, folded, i, reading) or _read_figure(raw, folded, i, reading)
        if consumed:
            _close_name(name, reading, name_at_start)
            if in_negation:
                reading.negated_tokens.update(reading.tokens[before:])
            sentence_start = False
            i += consumed
            continue
        if piece == "." and name and len(raw[i - 1]) == 1:
            i += 1  # an initial: "Donald J. Trump" is one name
            continue
        if word in _CLAUSE_END:
            in_negation = False
        if piece in _SENTENCE_END or piece == "," or not piece[0].isalnum():
            _close_name(name, reading, name_at_start)
            sentence_start = piece in _SENTENCE_END
            i += 1
            continue
        base, negation = _split_contraction(word)
        if piece[0].isdigit():  # an ordinal ("19th"), or a number no figure rule took
            reading.tokens.append(word)
        elif negation or base in lx.NEGATORS:
            reading.negated = in_negation = True
        elif base not in lx.STOPWORDS:
            reading.tokens.append(stem(base))
        if in_negation and len(reading.tokens) > before:
            reading.negated_tokens.add(reading.tokens[-1])
        if not piece[0].isdigit() and _is_name_word(piece, base, sentence_start, shouting):
            if not name:
                name_at_start = sentence_start and not piece.isupper()
            name.append(base)
        else:
            _close_name(name, reading, name_at_start)
        sentence_start = False
        i += 1
    _close_name(name, reading, name_at_start)
    return reading


def _split_contraction(word: str) -> tuple[str, bool]:
    if word in lx.CONTRACTIONS:
        return lx.CONTRACTIONS[word].split()[0], True
    if word.endswith("n't"):
        return word[:-3], True
    head, _, tail = word.partition("'")
    return (head, False) if tail in {"s", "re", "ll", "ve", "d", "m", ""} else (word.replace("'", ""), False)


def _is_shouting(raw: list[str]) -> bool:
    letters = [t for t in raw if t[0].isalpha() and len(t) > 1]
    return len(letters) >= 4 and sum(t.isupper() for t in letters) > len(letters) / 2


def _is_name_word(token: str, base: str, sentence_start: bool, shouting: bool) -> bool:
    if not token[0].isupper() or base in lx.STOPWORDS or base in lx.NOT_NAMES or base in lx.NEGATORS:
        return False
    if token.isupper() and len(token) > 1 and (shouting and len(token) > 4):
        return False
    return not (sentence_start and base in lx.MONTHS)


def _close_name(name: list[str], reading: _Reading, at_sentence_start: bool = False) -> None:
    # One capitalised word opening a sentence is as likely a common word ("Unemployment fell") as a name.
    if name and not (at_sentence_start and len(name) == 1):
        entity = " ".join(name)
        reading.entities.add(lx.ENTITY_ALIASES.get(entity, entity))
    name.clear()


def _read_date(raw: list[str], folded: list[str], i: int, reading: _Reading) -> int:
    """A date at raw[i] ("January 14, 2020", "14 Jan 2020", "May 2019"): record it, return tokens used."""
    month = _month(raw, folded, i)
    if month:
        day = _day(folded, i + 1)
        if day:
            year = _year(folded, i + 2)
            _record_date(reading, year, month, day)
            return 3 if year else 2
        year = _year(folded, i + 1)
        if year:
            _record_date(reading, year, month, None)
            return 2
        return 0
    day = _day(folded, i)
    if day:
        offset = 2 if i + 1 < len(folded) and folded[i + 1] == "of" else 1
        month = _month(raw, folded, i + offset)
        if month:
            year = _year(folded, i + offset + 1)
            _record_date(reading, year, month, day)
            return offset + (2 if year else 1)
    return 0


def _month(raw: list[str], folded: list[str], i: int) -> int:
    # Lower-case "may" and "march" are verbs far more often than months.
    if i < len(raw) and folded[i] in lx.MONTHS and (raw[i][0].isupper() or len(folded[i]) > 5):
        return lx.MONTHS[folded[i]]
    return 0


def _day(folded: list[str], i: int) -> int:
    if i < len(folded) and folded[i].isdecimal() and len(folded[i]) <= 2 and 1 <= int(folded[i]) <= 31:
        return int(folded[i])
    if i < len(folded) and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", folded[i]):
        return int(folded[i][:-2])
    return 0


def _year(folded: list[str], i: int) -> int:
    if i < len(folded) and folded[i].isdecimal() and len(folded[i]) == 4 and 1700 <= int(folded[i]) <= 2099:
        return int(folded[i])
    return 0


def _record_date(reading: _Reading, year: int, month: int, day: int | None) -> None:
    reading.tokens.append(f"month{month}")
    if year:
        reading.years.add(year)
        reading.tokens.append(str(year))
        if day:
            reading.dates.add(f"{year:04d}-{month:02d}-{day:02d}")


def _read_figure(raw: list[str], folded: list[str], i: int, reading: _Reading) -> int:
    """A figure at raw[i], in digits or words, with its currency, scale and unit; return tokens used."""
    start = i
    currency = lx.CURRENCY_SIGNS.get(folded[i], "")
    if currency:
        i += 1
    value, used, scalable = _number(raw, folded, i)
    if value is None:
        return 0
    i += used
    is_bare_year = not currency and used == 1 and len(raw[i - 1]) == 4 and raw[i - 1].isdigit()
    scale = _scale(folded, i, currency) if scalable else 0
    if scale:
        value *= scale
        i += 1
    unit, unit_used = _unit(raw, folded, i)
    i += unit_used
    if is_bare_year and not scale and not unit and 1700 <= value <= 2099:
        reading.years.add(int(value))
        reading.tokens.append(str(int(value)))
        return i - start
    if i - start == 1 and folded[start] in {"one", "a"}:
        return 0  # "one of them" is not a figure
    figure = Figure(float(value), currency or unit)
    reading.figures.add(figure)
    reading.tokens.append(figure.token)
    return i - start


def _number(raw: list[str], folded: list[str], i: int) -> tuple[float | None, int, bool]:
    """The number at raw[i], how many tokens it used, and whether a scale word may still follow it."""
    if i >= len(raw):
        return None, 0, False
    token = raw[i]
    if token[0].isdigit():
        if "," in token and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
            return None, 0, False  # "3,5" or a list of numbers
        try:
            return float(token.replace(",", "")), 1, True
        except ValueError:
            return None, 0, False
    if folded[i] == "a" and i + 1 < len(folded) and folded[i + 1] in lx.SCALES and folded[i + 1] != "hundred":
        return 1.0, 1, True  # "a million": the scale is read next
    value, used = _number_words(folded, i)
    return value, used, False


def _number_words(folded: list[str], i: int) -> tuple[float | None, int]:
    total, current, used = 0, 0, 0
    while i + used < len(folded):
        word = folded[i + used]
        if word in lx.SMALL_NUMBERS:
            current += lx.SMALL_NUMBERS[word]
        elif word in lx.TENS:
            current += lx.TENS[word]
        elif word == "hundred" and used:
            current = (current or 1) * 100
        elif word in lx.SCALES and used:
            if current:
                total += current * lx.SCALES[word]
                current = 0
            else:
                total *= lx.SCALES[word]  # "one thousand million"
        elif word == "and" and used and i + used + 1 < len(folded) and folded[i + used + 1] in _NUMBER_WORDS:
            pass
        else:
            break
        used += 1
    if not used:
        return None, 0
    return float(total + current), used


def _scale(folded: list[str], i: int, currency: str) -> int:
    if i >= len(folded):
        return 0
    word = folded[i]
    if word in lx.SCALES:
        return lx.SCALES[word]
    if word in lx.SHORT_SCALES and (currency or word not in {"m", "b"}):
        return lx.SHORT_SCALES[word]
    return 0


def _unit(raw: list[str], folded: list[str], i: int) -> tuple[str, int]:
    if i < len(raw) and raw[i] == "%":
        return "%", 1
    for words, unit in _UNIT_PHRASES:
        if tuple(folded[i : i + len(words)]) == words:
            return unit, len(words)
    return "", 0
