"""Gather candidates from every source, score each once, and order them for a reviewer."""

from collections.abc import Hashable, Iterable, Sequence

from .reading import normalise
from .scoring import UNIFORM, score
from .types import Candidate, CandidateSource, NormalisedClaim, Ranked, TermWeights

# How many candidates each source proposes before scoring; the scorer reorders within them.
PER_SOURCE = 50


def rank(
    query: str | NormalisedClaim,
    candidates: Iterable[Candidate] = (),
    *,
    sources: Sequence[CandidateSource] = (),
    limit: int = 5,
    per_source: int = PER_SOURCE,
    weights: TermWeights | None = None,
) -> list[Ranked]:
    """The ``limit`` claims most related to ``query``, best first: the ``candidates`` given plus what each
    source proposes (``per_source`` each), ordered by ``Match.relatedness``. Junk claims (one to three
    words) come after every other claim whatever their score. Term weights default to the first source
    that has them (the token index of ``lexical_sources()``), else uniform.
    """
    if isinstance(query, str):
        query = normalise(query)
    if weights is None:
        weights = next((s for s in sources if isinstance(s, TermWeights)), UNIFORM)
    ranked = [
        Ranked(key, claim, score(query, claim, weights=weights, signals=signals), signals)
        for key, (claim, signals) in gather(query, candidates, sources=sources, per_source=per_source).items()
    ]
    # By relatedness, not score: the fact-check of a claim answers the claim that denies it, so a
    # "negation differs" candidate keeps its place (scored low and flagged). Ties keep the sources' order.
    ranked.sort(key=lambda r: (r.claim.is_junk, -r.match.relatedness))
    return ranked[:limit]


def gather(
    query: NormalisedClaim,
    candidates: Iterable[Candidate] = (),
    *,
    sources: Sequence[CandidateSource] = (),
    per_source: int = PER_SOURCE,
) -> dict[Hashable, tuple[NormalisedClaim, dict[str, float]]]:
    """Every candidate once, with the signals of the sources that proposed it: ``name`` (the source's own
    signal) and ``name:rank`` (1 / (1 + its place in that source's list)). A source that did not propose
    a candidate gives it no signal, which weighs as 0."""
    pool: dict[Hashable, tuple[NormalisedClaim, dict[str, float]]] = {}
    for candidate in candidates:
        pool.setdefault(candidate.key, (candidate.claim, {}))
    for source in sources:
        for place, candidate in enumerate(source.candidates(query, per_source)):
            _, signals = pool.setdefault(candidate.key, (candidate.claim, {}))
            signals.setdefault(source.name, candidate.signal)
            signals.setdefault(f"{source.name}:rank", 1.0 / (1.0 + place))
    return pool
