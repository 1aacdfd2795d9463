"""Is ``b`` the claim ``a`` makes? A score in [0, 1] from a few named pieces of evidence, with reasons.

The evidence is lexical (shared words weighted by rarity), figures, years and the candidate
sources' own signals; ``features()`` also reports evidence that only feeds the reasons ("names",
"same year") or the fixed rules ("negation_differs"). A logistic function of a weighted sum turns it
into the estimated chance that ``b`` is the claim ``a`` makes. The weights below are fitted on the
CheckThat! 2021 train splits by ``bench/fit_matching.py`` without re-weighting the classes, so the
score stays calibrated (that script and ``make bench-matching`` print how well). The script prints
them in this form: refit and bump ``MATCHER_VERSION`` together.

Two rules are not fitted: a claim that says the opposite (negation differs) and junk (one to three
words) have their score scaled down by fixed factors, so a desk is never told they are the same
claim; ``Match.relatedness`` keeps the value before those rules.
"""

import math
from collections.abc import Mapping

from .reading import stem
from .types import Match, NormalisedClaim, TermWeights

# Fitted weights (bench/fit_matching.py); every feature lies in [0, 1].
BIAS = -9.08
FEATURE_WEIGHTS = {
    "cosine": 1.74,
    "coverage": 3.86,
    "same_figures": 0.48,
    "different_figures": 0.27,
    "different_year": -0.64,
}
# Candidate sources' signals, by source name (rank() adds "name:rank"). A source missing here proposes
# candidates but adds no evidence.
SIGNAL_WEIGHTS = {"lexical": 2.86, "lexical:rank": 1.86, "words": 1.59, "words:rank": 1.81}
# score() without signals gives b the signals lexical_sources() would if b were the only claim they held.
SIDE_BY_SIDE = {"lexical": "tokens", "words": "words"}

NEGATION_FACTOR = 0.4
JUNK_FACTOR = 0.25
# Negation differs when at least this share of what the claims have in common (by term weight) is
# negated in one and not the other; a "not" elsewhere in a long text says nothing about the match.
NEGATED_SHARE = 0.3

# Thresholds for the wording reasons, on the features above.
SAME_WORDING = 0.8
SIMILAR_WORDING = 0.45


class _Uniform:
    def weight(self, token: str) -> float:
        return 1.0


UNIFORM = _Uniform()


def features(a: NormalisedClaim, b: NormalisedClaim, weights: TermWeights = UNIFORM) -> dict[str, float]:
    """The evidence that ``b`` (a candidate) is the claim ``a`` (the query) makes, each in [0, 1]."""
    # Sorted, so float sums do not depend on set order (which changes with the hash seed).
    tokens_a, tokens_b = sorted(set(a.tokens)), sorted(set(b.tokens))
    shared = sorted(set(tokens_a) & set(tokens_b))
    w = {t: weights.weight(t) for t in {*tokens_a, *tokens_b}}
    mass_b = sum(w[t] for t in tokens_b)
    mass_shared = sum(w[t] for t in shared)
    square_a = sum(w[t] ** 2 for t in tokens_a)
    square_b = sum(w[t] ** 2 for t in tokens_b)
    square_shared = sum(w[t] ** 2 for t in shared)
    names_a, names_b = _name_words(a), _name_words(b)
    figures = _compare_figures(a, b)
    flipped = sorted((a.negated_tokens ^ b.negated_tokens) & set(shared))
    return {
        "cosine": square_shared / math.sqrt(square_a * square_b) if square_a and square_b else 0.0,
        "coverage": mass_shared / mass_b if mass_b else 0.0,
        "names": len(names_a & names_b) / len(names_b) if names_b else 0.0,
        "same_figures": float(figures > 0),
        "different_figures": float(figures < 0),
        "same_year": float(bool(a.years & b.years)),
        "different_year": float(bool(a.years and b.years and not a.years & b.years)),
        "negation_differs": float(bool(flipped) and sum(w[t] for t in flipped) >= NEGATED_SHARE * mass_shared),
    }


def score(
    a: NormalisedClaim,
    b: NormalisedClaim,
    *,
    weights: TermWeights = UNIFORM,
    signals: Mapping[str, float] | None = None,
) -> Match:
    """How likely ``b`` is the claim ``a`` makes, and why. ``weights`` are term weights (an index's IDF;
    uniform without one); ``signals`` are the candidate sources' strengths keyed by source name, as
    ``rank()`` passes them. Without signals, ``b`` is scored as if it were the only claim the lexical
    sources held: their first candidate when it shares a term with ``a``, not proposed otherwise."""
    evidence = features(a, b, weights)
    if signals is None:
        signals = {
            f"{name}{suffix}": 1.0
            for name, field in SIDE_BY_SIDE.items()
            if set(getattr(a, field)) & set(getattr(b, field))
            for suffix in ("", ":rank")
        }
    related = relatedness(evidence, signals)
    value = related
    if evidence["negation_differs"]:
        value *= NEGATION_FACTOR
    if b.is_junk:
        value *= JUNK_FACTOR
    return Match(score=round(value, 4), reasons=_reasons(a, b, evidence), relatedness=round(related, 4))


def relatedness(evidence: Mapping[str, float], signals: Mapping[str, float]) -> float:
    """The fitted logistic function of the evidence ``features()`` found and the sources' signals, in [0, 1]."""
    total = BIAS + sum(FEATURE_WEIGHTS[name] * evidence[name] for name in FEATURE_WEIGHTS)
    total += sum(SIGNAL_WEIGHTS.get(name, 0.0) * value for name, value in signals.items())
    return 1.0 / (1.0 + math.exp(-max(min(total, 50.0), -50.0)))


# The most the features can add: each lies in [0, 1], so at most the sum of the positive weights.
_FEATURES_CEILING = sum(max(weight, 0.0) for weight in FEATURE_WEIGHTS.values())


def relatedness_ceiling(signals: Mapping[str, float]) -> float:
    """The highest ``relatedness`` any two claims could reach with these sources' signals: a caller that
    keeps only candidates above a threshold need not score those whose ceiling is below it."""
    total = BIAS + _FEATURES_CEILING + sum(SIGNAL_WEIGHTS.get(name, 0.0) * value for name, value in signals.items())
    return 1.0 / (1.0 + math.exp(-max(min(total, 50.0), -50.0)))


def _reasons(a: NormalisedClaim, b: NormalisedClaim, evidence: dict[str, float]) -> tuple[str, ...]:
    reasons = []
    if evidence["cosine"] >= SAME_WORDING:
        reasons.append("same wording")
    elif max(evidence["cosine"], evidence["coverage"]) >= SIMILAR_WORDING:
        reasons.append("similar wording")
    names = _name_words(a) & _name_words(b)
    if names and set(a.tokens) & set(b.tokens) - names:
        reasons.append("same actor and action")
    elif names:
        reasons.append("same names")
    if evidence["same_figures"]:
        reasons.append("same figures")
    if evidence["same_year"]:
        reasons.append("same year")
    if evidence["negation_differs"]:
        reasons.append("negation differs")
    if evidence["different_figures"]:
        reasons.append("different figures")
    if evidence["different_year"]:
        reasons.append("different year")
    if b.is_junk:
        reasons.append("too short to be a claim")
    return tuple(reasons)


def _name_words(claim: NormalisedClaim) -> frozenset[str]:
    # Stemmed like the tokens, so the words a claim shares beyond its names can be told apart.
    return frozenset(stem(word) for entity in claim.entities for word in entity.split())


def _compare_figures(a: NormalisedClaim, b: NormalisedClaim) -> int:
    """1 when the claims share a figure, -1 when they state different figures in a shared unit, else 0."""
    if a.figures & b.figures or any(_close(x, y) for x in a.figures for y in b.figures):
        return 1
    units = {f.unit for f in a.figures} & {f.unit for f in b.figures}
    return -1 if units else 0


def _close(x, y) -> bool:
    # Rounded figures are the same figure: "4.25 million" and "4,250,000", "$1.1bn" and "$1,100 million".
    return x.unit == y.unit and abs(x.value - y.value) <= 0.005 * max(abs(x.value), abs(y.value))
