"""Check-worthiness: how likely a sentence states a fact a desk could check, and why.

A transparent lexicon-and-pattern score rather than a model: reviewers see the reasons in the
admin, and the same text always gets the same score. Checkable signals (numbers, dates, named
people and places, attribution, comparisons, past events) raise it; opinion, questions,
exhortation, promises, predictions and short fragments lower it.
"""

import re

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

_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")
_MONEY = re.compile(r"[$€£¥₴₽]\s?\d|\d\s?(?:dollars|euros|pounds|hryvnias?|rubles|roubles|yuan|francs)\b")
_PERCENT = re.compile(r"\d\s?%|\d\s(?:percent|per cent)\b")
_YEAR = re.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?![\d.,]\d)")
# A capitalised word or an acronym that does not open the sentence: a likely name.
_INNER_CAPITAL = re.compile(r"[\s(“\"‘]([A-Z][a-z’']+(?:-[A-Z][a-z]+)?|[A-Z]{2,})")
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
        _head = _p.split()[0]
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
    reasons: list[str] = []
    value = 0.15

    numbers = _NUMBER.findall(text)
    years = _YEAR.findall(text) if numbers else ()
    has_quantity = False
    if numbers:
        if len(numbers) > len(years):
            has_quantity = True
            reasons.append("number")
            value += 0.2
        if _MONEY.search(low):
            has_quantity = True
            reasons.append("money")
            value += 0.05
        if _PERCENT.search(low):
            has_quantity = True
            reasons.append("percentage")
            value += 0.05
    elif flags & _QUANTITY_WORD and flags & _COMPARISON:
        has_quantity = True

    capitals = _INNER_CAPITAL.findall(text)
    has_date = bool(years) or bool(flags & _TIME) or not _CAPITAL_MONTHS.isdisjoint(capitals)
    if has_date:
        reasons.append("date")
        value += 0.15
    entities = [c for c in capitals if c not in lx.FUNCTION_CAPITALS and c not in _CAPITAL_MONTHS]
    if entities:
        reasons.append("named entity")
        value += 0.15 if len(entities) == 1 else 0.2
    if flags & _ATTRIBUTION:
        reasons.append("attribution")
        value += 0.1
    if flags & _COMPARISON:
        reasons.append("comparison")
        value += 0.1
    if flags & _QUANTITY_WORD:
        reasons.append("quantity")
        value += 0.05
    past = bool(flags & _PAST) or "ed " in low or "ed," in low or low.endswith(("ed.", "ed"))
    if past:
        reasons.append("past event")
        value += 0.1
    causal = bool(flags & _CAUSAL)
    if causal:
        reasons.append("cause and effect")
        value += 0.05
    law = bool(flags & _LAW)
    if law:
        reasons.append("law or rule")
        value += 0.05

    stripped = text.rstrip("\"'”’»)] ")
    question = stripped.endswith("?")
    first = tokens[0].strip("\"'“‘(") if tokens else ""
    exhortation = stripped.endswith("!") or (first in lx.EXHORTATION_OPENERS and text[:1].isupper())
    opinion = bool(flags & _OPINION)
    promise = bool(flags & _PROMISE)
    prediction = bool(flags & _PREDICT)
    first_person = bool(flags & _FIRST_PERSON) or (bool(flags & _US) and " us" in text)
    short = len(tokens) < 4

    if question:
        reasons.append("question")
        value -= 0.45
    if exhortation and not question:
        reasons.append("exhortation")
        value -= 0.35
    if opinion:
        reasons.append("opinion")
        value -= 0.3
    if promise:
        reasons.append("promise")
        value -= 0.25
    elif prediction:
        reasons.append("prediction")
        value -= 0.15
    if first_person:
        reasons.append("first person")
    if short:
        reasons.append("short fragment")
        value -= 0.3

    checkable = has_quantity or has_date or bool(entities)
    if question or exhortation or (short and not checkable) or (opinion and not has_quantity and not has_date):
        claim_type = NOT_A_CLAIM
    elif promise or prediction:
        claim_type = PREDICTION
    elif causal:
        claim_type = CAUSATION
    elif law:
        claim_type = LAW_OR_RULE
    elif has_quantity:
        claim_type = QUANTITY
    elif first_person and (past or flags & _EXPERIENCE):
        claim_type = PERSONAL_EXPERIENCE
    else:
        claim_type = OTHER

    return round(min(1.0, max(0.0, value)), 3), tuple(reasons), claim_type
