"""Check-worthiness: how likely a sentence states a fact a desk could check, and why.

An explainable score rather than a black box: a sentence is described by named signals (numbers,
dates, named people and places, attribution, comparisons, statistics and rankings, past events and
what did not happen, programmes and money; opinion, questions, exhortation, promises, obligation,
modal verbs, values and rhetoric, conversation), and its score is a base plus the points of the
signals it shows, each listed as a reason reviewers read in the admin. The same text always gets the same
score. The points were fitted by logistic regression on a public training set of political
debate sentences (bench/fit_checkworthiness.py prints them); the data itself is not kept.
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
_YEAR = re.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?![\d.,]\d)")
# A number right after a capitalised word that is no month or sentence opener names something:
# "Air Base 201", "Group F 3", "Route 66" are names, not quantities.
_NAMED_NUMBER = re.compile(r"\b([A-Z][a-z]+) (?:No\. )?\d+\b(?![.,]\d|\s?%)")
# Capitalised words and acronyms.
_CAPITAL = re.compile(r"[A-Z](?:[a-z’']+|[A-Z]+)")
_CAPITAL_MONTHS = frozenset(w.capitalize() for w in lx.MONTHS) - {"May", "March"}
_FULL_STATEMENT_WORDS = 12
_US_PRONOUN = re.compile(r"\bus\b")

# Every lexicon word maps to bits. Sentences are split on whitespace only (the cheapest
# tokenisation there is), so each word is also stored with the punctuation that may cling to it;
# one set intersection then finds every hit of a sentence.
_ATTRIBUTION, _COMPARISON, _QUANTITY_WORD, _PAST, _CAUSAL, _LAW, _PREDICT, _OPINION = (1 << i for i in range(8))
_FIRST_PERSON, _EXPERIENCE, _TIME, _PROMISE, _US, _POLICY, _NUMBER_WORD, _CONVERSATION, _YOU = (
    1 << i for i in range(8, 17)
)
_RECORD, _THIRD_PARTY, _OBLIGATION, _I, _COGNITION, _ED, _PLACE, _SUPERLATIVE, _HYPOTHETICAL, _VAGUE = (
    1 << i for i in range(27, 37)
)
(
    _NEGATED_PAST,
    _ECONOMY,
    _MODAL,
    _OCCASION,
    _VALUES,
    _PROGRAM,
    _STATISTIC,
    _RANKING,
    _STANCE,
    _TIME_ANCHOR,
    _TREND,
    _MUST,
) = (1 << i for i in range(38, 50))
(
    _LARGE_NUMBER,
    _EVIDENCE,
    _DEED,
    _TALK,
    _COLLECTIVE,
    _PRESENT_STATE,
    _SECURITY,
    _ABSTRACT,
    _OFFICE,
    _NATION,
) = (1 << i for i in range(50, 60))
# Not scored: a verb of saying, which sends the sentence on to look for its claimant.
_SAYING = 1 << 37
# Signals that are not (only) lexicon words.
_NUMBER_SEEN, _MONEY_SEEN, _PERCENT_SEEN, _DATE, _ENTITY, _ENTITIES = (1 << i for i in range(17, 23))
_QUESTION, _EXHORTATION, _SHORT, _FULL = (1 << i for i in range(23, 27))

_PHRASES: dict[str, tuple[tuple[str, int], ...]] = {}
for _phrases, _bit in (
    (("according to",), _ATTRIBUTION),
    (("due to", "as a result", "led to", "leads to", "lead to", "because of", "thanks to", "resulted in"), _CAUSAL),
    (("going to", "is set to", "are set to", "expected to", "likely to", "plans to", "plan to"), _PREDICT),
    (lx.OPINION_PHRASES, _OPINION),
    (lx.PROMISE_PHRASES, _PROMISE),
    (lx.CONVERSATION_PHRASES, _CONVERSATION),
    (lx.OBLIGATION_PHRASES, _MUST),
):
    for _p in _phrases:
        _head = max(_p.split(), key=len).strip(",")  # the rarest word is the cheapest key
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
    (lx.POLICY_WORDS, _POLICY),
    (lx.NUMBER_WORDS, _NUMBER_WORD),
    (("you", "your", "you're", "you've", "yourself"), _YOU),
    (lx.RECORD_VERBS, _RECORD),
    (lx.THIRD_PARTIES, _THIRD_PARTY),
    (lx.OBLIGATION_WORDS, _OBLIGATION),
    (lx.COGNITION_WORDS, _COGNITION),
    (("i", "i'm", "i've", "i'd", "i'll", "i’m", "i’ve", "i’d", "i’ll"), _I),
    (lx.HYPOTHETICAL_WORDS, _HYPOTHETICAL),
    (lx.VAGUE_AMOUNTS, _VAGUE),
    (lx.SAYING_WORDS, _SAYING),
    (lx.SUPERLATIVES, _SUPERLATIVE),
    (("percent", "percentage", "percentages"), _PERCENT_SEEN),
    (lx.PLACES | {p + "'s" for p in lx.PLACES}, _PLACE),
    (lx.NEGATED_PAST, _NEGATED_PAST),
    (lx.ECONOMY_WORDS, _ECONOMY),
    (lx.MODALS, _MODAL),
    (lx.OCCASION_WORDS, _OCCASION),
    (lx.VALUE_WORDS, _VALUES),
    (lx.PROGRAM_WORDS, _PROGRAM),
    (lx.STATISTIC_WORDS, _STATISTIC),
    (lx.RANKING_WORDS, _RANKING),
    (lx.STANCE_WORDS, _STANCE),
    (lx.TIME_ANCHORS, _TIME_ANCHOR),
    (lx.TREND_WORDS, _TREND),
    (lx.LARGE_NUMBERS, _LARGE_NUMBER),
    (lx.EVIDENCE_WORDS, _EVIDENCE),
    (lx.DEED_VERBS, _DEED),
    (lx.TALK_WORDS, _TALK),
    (lx.COLLECTIVE_WORDS, _COLLECTIVE),
    (lx.PRESENT_STATE_WORDS, _PRESENT_STATE),
    (lx.SECURITY_WORDS, _SECURITY),
    (lx.ABSTRACT_WORDS, _ABSTRACT),
    (lx.OFFICE_TITLES, _OFFICE),
    (lx.NATION_WORDS, _NATION),
    (_PHRASES, 0),
):
    for _w in _words:
        # "didn't" is typed with a straight or a curly apostrophe.
        for _form in {_w, _w.replace("'", "’")}:
            _WORD_BITS[_form] = _WORD_BITS.get(_form, 0) | _bit
_KEYS: dict[str, str] = {}
for _w in _WORD_BITS:
    for _lead in ("", '"', "“", "‘", "'", "("):
        for _trail in ("", ",", ".", ";", ":", "!", "?", '"', "”", "’", "'", ")", '."', ".”", ',"', ",”", ")."):
            _KEYS[_lead + _w + _trail] = _w
_KEY_SET = frozenset(_KEYS)
# Each key's bits directly, and the keys that head a phrase to look for.
_KEY_BITS = {key: _WORD_BITS[word] for key, word in _KEYS.items()}
_PHRASE_KEYS = frozenset(key for key, word in _KEYS.items() if word in _PHRASES)


_QUOTE_CHARS = "\"'”’»)] "


def signals(text: str) -> int:
    """The named signals a sentence shows, as bits (see SIGNALS)."""
    low = text.lower()
    tokens = low.split()
    flags = 0
    for key in _KEY_SET.intersection(tokens):
        flags |= _KEY_BITS[key]
        if key in _PHRASE_KEYS:
            for phrase, bit in _PHRASES[_KEYS[key]]:
                at = low.find(phrase)
                if at >= 0 and (at == 0 or not low[at - 1].isalpha()):
                    flags |= bit
    if flags & _US and _US_PRONOUN.search(text):
        flags |= _FIRST_PERSON  # "us", not "US troops"

    numbers = _NUMBER.findall(text)
    if numbers:
        years = _YEAR.findall(text)
        if years:
            flags |= _DATE
        named = 0
        if len(numbers) > len(years):
            named = sum(m.group(1) not in _NOT_NAMING for m in _NAMED_NUMBER.finditer(text))
        if len(numbers) > len(years) + named:
            flags |= _NUMBER_SEEN
            # Thousands and more ("100,000", "12000"), the figures of budgets and censuses.
            if any(len(n.split(".", 1)[0].replace(",", "")) >= 4 and n not in years for n in numbers):
                flags |= _LARGE_NUMBER
        if _MONEY.search(low):
            flags |= _MONEY_SEEN
    if "%" in text or "per cent" in low:
        flags |= _PERCENT_SEEN

    capitals = set(_CAPITAL.findall(text, 1))  # from 1: the sentence's own first word is no name
    if capitals:
        if not _CAPITAL_MONTHS.isdisjoint(capitals):
            flags |= _DATE
        entities = len(capitals - _NOT_ENTITIES)
        if entities:
            flags |= _ENTITY if entities == 1 else _ENTITIES
    if "ed " in low or "ed," in low or low.endswith(("ed.", "ed")):
        flags |= _ED

    stripped = text.rstrip(_QUOTE_CHARS)
    if stripped.endswith("?"):
        flags |= _QUESTION
    elif stripped.endswith("!") or (text[:1].isupper() and tokens and tokens[0] in lx.EXHORTATION_OPENERS):
        flags |= _EXHORTATION
    if len(tokens) < 4:
        flags |= _SHORT
    elif len(tokens) >= _FULL_STATEMENT_WORDS:
        flags |= _FULL
    return flags


def score(text: str) -> tuple[float, tuple[str, ...], str]:
    """(check-worthiness in [0, 1], reasons, claim type) for one claim candidate."""
    return evaluate(signals(text))


# The bit of a verb of saying ("said", "according to"): only such sentences name a claimant.
SAYING = _SAYING


_NOT_ENTITIES = lx.FUNCTION_CAPITALS | _CAPITAL_MONTHS
_NOT_NAMING = lx.FUNCTION_CAPITALS | lx.SENTENCE_STARTERS | {w.capitalize() for w in lx.MONTHS}

# Each signal, the reason reviewers read for it, and its points: the score is BASE plus the points
# of the signals a sentence shows. Fitted on the CheckThat! 2024 training debates by
# bench/fit_checkworthiness.py (logistic regression, log-odds scaled to points of the [0, 1] score);
# refit there and paste its output here, never edit a number by hand. Reasons are listed in this
# order, once each.
BASE = 0.257
WEIGHTS = (
    (_NUMBER_SEEN, "number", 0.122),
    (_NUMBER_WORD, "number", 0.077),
    (_MONEY_SEEN, "money", 0.01),
    (_PERCENT_SEEN, "percentage", 0.151),
    (_DATE, "date", 0.087),
    (_TIME, "date", 0.023),
    (_ENTITY, "named entity", 0.01),
    (_ENTITIES, "named entity", 0.05),
    (_ATTRIBUTION, "attribution", 0.077),
    (_COMPARISON, "comparison", 0.045),
    (_QUANTITY_WORD, "quantity", -0.02),
    (_PAST, "past event", 0.052),
    (_CAUSAL, "cause and effect", 0.022),
    (_LAW, "law or rule", 0.044),
    (_POLICY, "public policy", 0.059),
    (_FULL, "full statement", 0.017),
    (_QUESTION, "question", -0.204),
    (_EXHORTATION, "exhortation", -0.077),
    (_OPINION, "opinion", -0.039),
    (_SHORT, "short fragment", -0.002),
    (_PROMISE, "promise", -0.077),
    (_PREDICT, "prediction", -0.04),
    (_FIRST_PERSON, "first person", -0.047),
    (_EXPERIENCE, "personal experience", -0.012),
    (_YOU, "addresses the listener", -0.022),
    (_CONVERSATION, "conversation", -0.042),
    (_RECORD, "public record", 0.063),
    (_THIRD_PARTY, "about someone else", 0.014),
    (_OBLIGATION, "wish or obligation", -0.061),
    (_I, "speaking for oneself", -0.055),
    (_COGNITION, "thought or feeling", -0.03),
    (_ED, "past event", 0.06),
    (_PLACE, "named place", 0.052),
    (_SUPERLATIVE, "comparison", 0.018),
    (_HYPOTHETICAL, "hypothetical", -0.052),
    (_VAGUE, "vague", -0.042),
    (_NEGATED_PAST, "what did not happen", 0.098),
    (_ECONOMY, "money and business", 0.069),
    (_MODAL, "what could be", -0.053),
    (_OCCASION, "about the occasion", -0.055),
    (_VALUES, "values and aspirations", -0.053),
    (_PROGRAM, "public programme", 0.064),
    (_STATISTIC, "statistic", 0.075),
    (_RANKING, "ranking", 0.102),
    (_STANCE, "took a side", 0.069),
    (_TIME_ANCHOR, "anchored in time", 0.065),
    (_TREND, "trend", 0.045),
    (_MUST, "wish or obligation", -0.119),
    (_LARGE_NUMBER, "large number", 0.093),
    (_EVIDENCE, "facts and the record", 0.086),
    (_DEED, "what someone did", 0.071),
    (_TALK, "talk about talking", -0.08),
    (_COLLECTIVE, "speaking for a group", 0.035),
    (_PRESENT_STATE, "how things stand", 0.035),
    (_SECURITY, "defence and foreign affairs", 0.06),
    (_ABSTRACT, "abstract talk", -0.046),
    (_OFFICE, "an office-holder", 0.033),
    (_NATION, "the nation in general", -0.05),
)

SIGNALS = tuple((bit, reason) for bit, reason, _ in WEIGHTS)


@lru_cache(maxsize=65536)
def evaluate(flags: int) -> tuple[float, tuple[str, ...], str]:
    """The score, reasons and claim type for one combination of signals (few combinations occur)."""
    reasons: list[str] = []
    value = BASE
    for bit, reason, points in WEIGHTS:
        if flags & bit:
            value += points
            if reason not in reasons:
                reasons.append(reason)
    has_quantity = bool(flags & (_NUMBER_SEEN | _MONEY_SEEN | _PERCENT_SEEN | _NUMBER_WORD)) or (
        bool(flags & _QUANTITY_WORD) and bool(flags & _COMPARISON)
    )
    has_date = bool(flags & (_DATE | _TIME))
    checkable = has_quantity or has_date or bool(flags & (_ENTITY | _ENTITIES))
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
