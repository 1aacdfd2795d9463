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

KINDS = (SENTENCE, HEADLINE, SUBHEADING, BYLINE, DATELINE, CAPTION, CREDIT, AD, PROMO)
# Sentences, headlines and subheadings are claim candidates (headlines carry the claims that spread);
# every other kind is boilerplate: page furniture, never a claim unless a reviewer promotes it.
CLAIM_KINDS = frozenset((SENTENCE, HEADLINE, SUBHEADING))
BOILERPLATE_KINDS = frozenset(KINDS) - CLAIM_KINDS

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
    # Who the text says made the claim ("according to X", "X said"), or "": a suggestion for reviewers.
    claimant: str = ""
