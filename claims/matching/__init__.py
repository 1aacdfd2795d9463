"""Claim matching: has this claim been made, or checked, before? Normalise, propose, score, rank.

Pure Python (standard library only, no Django), deterministic, no network and no model files::

    from claims.matching import lexical_sources, normalise, rank, score, MATCHER_VERSION

    n = normalise(text, context="")  # NormalisedClaim: what the matcher reads from a claim
    n.tokens                         # content words, folded and stemmed; figures and years one way
    n.words                          # every word as written, folded (function words kept)
    n.figures                        # frozenset[Figure(value, unit)]: "1,000" = "1000" = "one thousand",
                                     #   "5%" = "five per cent", "$1.5 million" = Figure(1500000.0, "$")
    n.years, n.dates                 # {2019}, {"2019-05-05"}: years and full dates stated
    n.entities                       # names by capitalisation, folded: {"donald trump", "united states"}
    n.negated, n.negated_tokens      # the claim negates ("not", "never", "doesn't"), and which clause
    n.is_junk                        # one to three words ("The", "U.S."): never ranked first

    m = score(a, b)                  # Match; rank() passes the index's term weights and the sources' signals
    m.score                          # float in [0, 1]: the estimated chance that b is the claim a makes
    m.reasons                        # short phrases for a reviewer: "same wording", "same figures",
                                     #   "same actor and action", "negation differs", "different year", ...
    m.relatedness                    # the score before the negation and junk rules; rank() orders by it

    sources = lexical_sources((key, normalise(text, context=headline)) for key, text, headline in checked)
    for r in rank(query_text, sources=sources, limit=5):     # list[Ranked], best first
        r.key, r.match.score, r.match.reasons, r.signals

Candidates come from ``CandidateSource`` objects (a ``name`` and ``candidates(query, limit)``): the
two in-memory BM25 ``LexicalIndex`` views here (normalised tokens, and words as written); a
database index or an embedding model implements the same protocol, and its signal joins the score
once ``scoring.SIGNAL_WEIGHTS`` has fitted weights for its name (``bench/fit_matching.py``).
``rank()`` also takes candidates found another way (``Candidate(key, claim)``). Indexes built over a
few candidates can borrow a whole collection's term rarity: ``lexical_sources(claims,
frequencies=document_frequencies(collection))``.

A claim that says the opposite ("negation differs") scores below one half and a junk candidate
scores low, whatever the words say; ``rank()`` still lists the fact-check a denial contradicts
where its wording puts it (it answers the denial too) and puts junk after everything else.
``MATCHER_VERSION`` changes whenever the output for some input changes, so stored matches can say
which matcher produced them (claims/tests/test_matching_version.py fails until it does). Quality
against BM25 and pg_trgm: ``make bench-matching``.
"""

from .index import DocumentFrequencies, LexicalIndex, document_frequencies, lexical_sources
from .ranking import rank
from .reading import normalise
from .scoring import score
from .types import JUNK_MAX_WORDS, Candidate, CandidateSource, Figure, Match, NormalisedClaim, Ranked, TermWeights

MATCHER_VERSION = "1.0.0"

__all__ = [
    "JUNK_MAX_WORDS",
    "MATCHER_VERSION",
    "Candidate",
    "CandidateSource",
    "DocumentFrequencies",
    "Figure",
    "LexicalIndex",
    "Match",
    "NormalisedClaim",
    "Ranked",
    "TermWeights",
    "document_frequencies",
    "lexical_sources",
    "normalise",
    "rank",
    "score",
]
