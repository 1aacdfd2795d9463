"""The value the engine returns, and the closed vocabularies it uses."""

from dataclasses import dataclass

SENTENCE = "sentence"
HEADLINE = "headline"
SUBHEADING = "subheading"
BYLINE = "byline"
DATELINE = "dateline"
CAPTION = "caption"
CREDIT = "credit"
AD = "ad"
PROMO = "promo"

# Every kind except "sentence" is boilerplate: page furniture that is never a claim.
KINDS = (SENTENCE, HEADLINE, SUBHEADING, BYLINE, DATELINE, CAPTION, CREDIT, AD, PROMO)
BOILERPLATE_KINDS = frozenset(KINDS) - {SENTENCE}

QUANTITY = "quantity"
CAUSATION = "causation"
LAW_OR_RULE = "law_or_rule"
PREDICTION = "prediction"
PERSONAL_EXPERIENCE = "personal_experience"
OTHER = "other"
NOT_A_CLAIM = "not_a_claim"

CLAIM_TYPES = (QUANTITY, CAUSATION, LAW_OR_RULE, PREDICTION, PERSONAL_EXPERIENCE, OTHER, NOT_A_CLAIM)


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence or one piece of page furniture, located by character offsets in the input.

    ``text`` always equals ``source[start:end]`` and carries no surrounding whitespace.
    """

    start: int
    end: int
    text: str
    kind: str
    is_boilerplate: bool
    checkworthiness: float
    reasons: tuple[str, ...]
    claim_type: str
