"""Who a sentence says made its claim: "X said", "according to X", "X announced".

A suggestion for the reviewer, never a fact: the words the sentence itself uses for its source
("Deputy Pentagon spokeswoman Jane Doe", "the ministry"), or "" when it names none. Pronouns
("he said") are left out, since the sentence alone does not say who they are.
"""

import re

_VERBS = (
    r"(?:said|says|say|told|tells|announced|announces|stated|states|claimed|claims|reported|reports|confirmed"
    r"|confirms|added|wrote|writes|noted|declared|insisted|warned|estimated|estimates)"
)
_MAX_WORDS = 12
# Words that open no source's name: pronouns ("he said"), and the joints of a clause.
_NOT_A_SOURCE = frozenset("he she they it we i you this that these those who which if when because and".split())  # noqa: SIM905
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to (?P<who>[^,;:.!?\"“”()]{2,80}?)\s*(?=[,;:.!?\"“”()]|$)")
# ", Deputy Pentagon spokeswoman Jane Doe said." / ', a spokesperson said.' at the end of the sentence.
_TRAILING = re.compile(
    rf"[,\"”]\s+(?P<who>[^,;:\"“”]{{2,80}}?)\s+{_VERBS}(?:\s+(?:on|in|at|to|late|earlier|last)\b[^,;:\"“”]*)?[.!?\"”]*$"
)
# "The ministry said on Monday that…", "Later, officials from both countries announced…".
_LEADING = re.compile(rf"(?:^|,\s+)(?P<who>[^,;:\"“”]{{2,80}}?)\s+(?:has |have |had )?{_VERBS}\b")


def claimant(text: str) -> str:
    for pattern in (_ACCORDING_TO, _TRAILING, _LEADING):
        for m in pattern.finditer(text):
            who = _clean(m.group("who"))
            if who:
                return who
    return ""


def _clean(who: str) -> str:
    words = who.split()
    if not words or len(words) > _MAX_WORDS or words[0].lower() in _NOT_A_SOURCE:
        return ""
    return " ".join(words)
