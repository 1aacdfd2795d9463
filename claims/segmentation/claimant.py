"""Who a sentence says made its claim: "X said", "according to X", "X announced".

A suggestion for the reviewer, never a fact: the words the sentence itself uses for its source
("Deputy Pentagon spokeswoman Jane Doe", "the ministry"), or "" when it names none. Pronouns
("he said") are left out, since the sentence alone does not say who they are.
"""

import re

_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|announced|announces|stated|claimed|claims|reported|reports|confirmed"
    r"|confirms|added|wrote|writes|noted|declared|insisted|warned|estimated|estimates)\b"
)
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to (?P<who>[^,;:.!?\"“”()]{2,80}?)\s*(?=[,;:.!?\"“”()]|$)")
# What ends the clause before a verb of saying: "…in Niger, Deputy Pentagon spokeswoman Jane Doe said."
_CLAUSE_END = re.compile(r"[,;:\"“”]")
_AUXILIARIES = ("has", "have", "had")
_MAX_WORDS = 12
# Words that open no source's name: pronouns ("he said"), and the joints of a clause.
_NOT_A_SOURCE = frozenset("he she they it we i you this that these those who which if when because and".split())  # noqa: SIM905


def claimant(text: str) -> str:
    if "ccording to " in text:
        for m in _ACCORDING_TO.finditer(text):
            who = _clean(m.group("who"))
            if who:
                return who
    for m in _VERB.finditer(text):
        start = m.start()
        floor = max(0, start - 100)
        clause = text[floor:start]
        ends = [d.end() for d in _CLAUSE_END.finditer(clause)]
        if ends:
            clause = clause[ends[-1] :]
        elif floor:
            continue  # no clause boundary within reach
        who = _clean(clause)
        if who:
            return who
    return ""


def _clean(who: str) -> str:
    words = who.split()
    while words and words[-1] in _AUXILIARIES:
        words.pop()
    if not words or len(words) > _MAX_WORDS or words[0].lower() in _NOT_A_SOURCE:
        return ""
    return " ".join(words)
