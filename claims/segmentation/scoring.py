"""Check-worthiness: how likely a sentence states a fact a desk could check, and why.

A transparent lexicon-and-pattern score rather than a model: reviewers see the reasons in the
admin, and the same text always gets the same score. Checkable signals (numbers, dates, named
people and places, attribution, comparisons, past events) raise it; opinion, questions,
exhortation, promises, predictions and short fragments lower it.
"""

import re
from functools import lru_cache

from . import lexicon as lx
from .types import (
    CAUSATION,
    LAW_OR_RULE,
    NOT_A_CLAIM,
    OTHER,
    PERSONAL_EXPERIENCE,
    PREDICTION,
    QUANTITY,
)

_NUMBER = re.compile(r"[0-9](?:[0-9,.]*[0-9])?")
_MONEY = re.compile(r"[$€£¥₴₽]\s?\d|\d\s?(?:dollars|euros|pounds|hryvnias?|rubles|roubles|yuan|francs)\b")
_PERCENT = re.compile(r"\d\s?%|\d\s(?:percent|per cent)\b")
_YEAR = re.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?![\d.,]\d)")
# Capitalised words and acronyms.
_CAPITAL = re.compile(r"[A-Z](?:[a-z’']+|[A-Z]+)")
_CAPITAL_MONTHS = frozenset(w.capitalize() for w in lx.MONTHS) - {"May", "March"}

# Every lexicon word maps to bits. Sentences are split on whitespace only (the cheapest
# tokenisation there is), so each word is also stored with the punctuation that may cling to it;
# one set intersection then finds every hit of a sentence.
_ATTRIBUTION, _COMPARISON, _QUANTITY_WORD, _PAST, _CAUSAL, _LAW, _PREDICT, _OPINION = (1 << i for i in range(8))
_FIRST_PERSON, _EXPERIENCE, _TIME, _PROMISE, _US = (1 << i for i in range(8, 13))
_PHRASES: dict[str, tuple[tuple[str, int], ...]] = {}
for _phrases, _bit in (
    (("according to",), _ATTRIBUTION),
    (("due to", "as a result", "led to", "leads to", "lead to", "because of", "thanks to", "resulted in"), _CAUSAL),
    (("going to", "is set to", "are set to", "expected to", "likely to", "plans to", "plan to"), _PREDICT),
    (lx.OPINION_PHRASES, _OPINION),
    (lx.PROMISE_PHRASES, _PROMISE),
):
    for _p in _phrases:
        _head = max(_p.split(), key=len)  # the rarest word is the cheapest key
        _PHRASES[_head] = (*_PHRASES.get(_head, ()), (_p, _bit))

_WORD_BITS: dict[str, int] = {}
for _words, _bit in (
    (lx.ATTRIBUTION_WORDS, _ATTRIBUTION),
    (lx.COMPARISON_WORDS, _COMPARISON),
    (lx.QUANTITY_WORDS, _QUANTITY_WORD),
    (lx.PAST_MARKERS, _PAST),
    (lx.CAUSATION_WORDS, _CAUSAL),
    (lx.LAW_WORDS, _LAW),
    (lx.PREDICTION_WORDS, _PREDICT),
    (lx.OPINION_WORDS, _OPINION),
    (lx.FIRST_PERSON - {"us"}, _FIRST_PERSON),
    ({"us"}, _US),
    (lx.EXPERIENCE_WORDS, _EXPERIENCE),
    (lx.TIME_WORDS | lx.MONTHS - {"may", "march"}, _TIME),
    (_PHRASES, 0),
):
    for _w in _words:
        _WORD_BITS[_w] = _WORD_BITS.get(_w, 0) | _bit
_KEYS: dict[str, str] = {}
for _w in _WORD_BITS:
    for _lead in ("", '"', "“", "‘", "'", "("):
        for _trail in ("", ",", ".", ";", ":", "!", "?", '"', "”", "’", "'", ")", '."', ".”", ',"', ",”", ")."):
            _KEYS[_lead + _w + _trail] = _w
_KEY_SET = frozenset(_KEYS)


# Signals that are not lexicon words.
_NUMBER_SEEN, _MONEY_SEEN, _PERCENT_SEEN, _DATE, _ENTITY, _ENTITIES = (1 << i for i in range(13, 19))
_QUESTION, _EXHORTATION, _SHORT = (1 << i for i in range(19, 22))
_QUOTE_CHARS = "\"'”’»)] "


def score(text: str) -> tuple[float, tuple[str, ...], str]:
    """(check-worthiness in [0, 1], reasons, claim type) for one non-boilerplate sentence."""
    low = text.lower()
    tokens = low.split()
    flags = 0
    for key in _KEY_SET.intersection(tokens):
        word = _KEYS[key]
        flags |= _WORD_BITS[word]
        for phrase, bit in _PHRASES.get(word, ()):
            at = low.find(phrase)
            if at >= 0 and (at == 0 or not low[at - 1].isalpha()):
                flags |= bit
    if flags & _US and " us" in text:
        flags |= _FIRST_PERSON

    numbers = _NUMBER.findall(text)
    if numbers:
        years = _YEAR.findall(text)
        if years:
            flags |= _DATE
        if len(numbers) > len(years):
            flags |= _NUMBER_SEEN
        if _MONEY.search(low):
            flags |= _MONEY_SEEN
        if _PERCENT.search(low):
            flags |= _PERCENT_SEEN

    capitals = set(_CAPITAL.findall(text, 1))  # from 1: the sentence's own first word is no name
    if capitals:
        if not _CAPITAL_MONTHS.isdisjoint(capitals):
            flags |= _DATE
        entities = len(capitals - _NOT_ENTITIES)
        if entities:
            flags |= _ENTITY if entities == 1 else _ENTITIES
    if "ed " in low or "ed," in low or low.endswith(("ed.", "ed")):
        flags |= _PAST

    stripped = text.rstrip(_QUOTE_CHARS)
    if stripped.endswith("?"):
        flags |= _QUESTION
    elif stripped.endswith("!") or (text[:1].isupper() and tokens[0] in lx.EXHORTATION_OPENERS):
        flags |= _EXHORTATION
    if len(tokens) < 4:
        flags |= _SHORT
    return _evaluate(flags)


_NOT_ENTITIES = lx.FUNCTION_CAPITALS | _CAPITAL_MONTHS


@lru_cache(maxsize=4096)
def _evaluate(flags: int) -> tuple[float, tuple[str, ...], str]:
    """The score, reasons and claim type for one combination of signals (few combinations occur)."""
    reasons: list[str] = []
    value = 0.15
    for bit, reason, weight in _WEIGHTS:
        if flags & bit:
            reasons.append(reason)
            value += weight
    has_quantity = bool(flags & (_NUMBER_SEEN | _MONEY_SEEN | _PERCENT_SEEN)) or (
        bool(flags & _QUANTITY_WORD) and bool(flags & _COMPARISON)
    )
    has_date = bool(flags & (_DATE | _TIME))
    checkable = has_quantity or has_date or bool(flags & (_ENTITY | _ENTITIES))
    promise = bool(flags & _PROMISE)
    if promise:
        reasons.append("promise")
        value -= 0.25
    elif flags & _PREDICT:
        reasons.append("prediction")
        value -= 0.15
    if flags & _FIRST_PERSON:
        reasons.append("first person")

    opinion_only = flags & _OPINION and not has_quantity and not has_date
    if flags & (_QUESTION | _EXHORTATION) or (flags & _SHORT and not checkable) or opinion_only:
        claim_type = NOT_A_CLAIM
    elif flags & (_PROMISE | _PREDICT):
        claim_type = PREDICTION
    elif flags & _CAUSAL:
        claim_type = CAUSATION
    elif flags & _LAW:
        claim_type = LAW_OR_RULE
    elif has_quantity:
        claim_type = QUANTITY
    elif flags & _FIRST_PERSON and flags & (_PAST | _EXPERIENCE):
        claim_type = PERSONAL_EXPERIENCE
    else:
        claim_type = OTHER
    return round(min(1.0, max(0.0, value)), 3), tuple(reasons), claim_type


# (signal, reason shown to reviewers, weight), in the order reasons are listed.
_WEIGHTS = (
    (_NUMBER_SEEN, "number", 0.2),
    (_MONEY_SEEN, "money", 0.05),
    (_PERCENT_SEEN, "percentage", 0.05),
    (_DATE | _TIME, "date", 0.15),
    (_ENTITY, "named entity", 0.15),
    (_ENTITIES, "named entity", 0.2),
    (_ATTRIBUTION, "attribution", 0.1),
    (_COMPARISON, "comparison", 0.1),
    (_QUANTITY_WORD, "quantity", 0.05),
    (_PAST, "past event", 0.1),
    (_CAUSAL, "cause and effect", 0.05),
    (_LAW, "law or rule", 0.05),
    (_QUESTION, "question", -0.45),
    (_EXHORTATION, "exhortation", -0.35),
    (_OPINION, "opinion", -0.3),
    (_SHORT, "short fragment", -0.3),
)
