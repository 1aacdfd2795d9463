"""An in-memory inverted index that proposes candidates by BM25: the lexical ``CandidateSource``.

It holds every claim it was given, normalised, so ``rank()`` can score what it proposes without a
second look-up, and it lends its inverse document frequencies to the scorer as term weights.
"""

import heapq
import math
from collections import Counter
from collections.abc import Hashable, Iterable

from .types import Candidate, NormalisedClaim

# Okapi BM25's usual parameters: term-frequency saturation and length normalisation.
K1 = 1.2
B = 0.75


class LexicalIndex:
    """BM25 over ``NormalisedClaim.tokens``. Implements ``CandidateSource`` and ``TermWeights``."""

    name = "lexical"

    def __init__(self, claims: Iterable[tuple[Hashable, NormalisedClaim]] = (), *, k1: float = K1, b: float = B):
        self.k1, self.b = k1, b
        self._keys: list[Hashable] = []
        self._docs: dict[Hashable, int] = {}
        self._claims: list[NormalisedClaim] = []
        self._lengths: list[int] = []
        self._postings: dict[str, list[tuple[int, int]]] = {}
        self._total_length = 0
        self._idf: dict[str, float] = {}
        for key, claim in claims:
            self.add(key, claim)

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: Hashable, claim: NormalisedClaim) -> None:
        if key in self._docs:
            raise ValueError(f"{key!r} is already in the index")
        doc = len(self._keys)
        self._docs[key] = doc
        self._keys.append(key)
        self._claims.append(claim)
        self._lengths.append(len(claim.tokens))
        self._total_length += len(claim.tokens)
        for token, count in Counter(claim.tokens).items():
            self._postings.setdefault(token, []).append((doc, count))
        self._idf.clear()  # document frequencies changed

    def claim(self, key: Hashable) -> NormalisedClaim:
        return self._claims[self._docs[key]]

    def weight(self, token: str) -> float:
        """BM25's inverse document frequency; a token no claim has weighs as much as the rarest."""
        if token not in self._idf:
            n = len(self._keys)
            df = len(self._postings.get(token, ()))
            self._idf[token] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return self._idf[token]

    def scores(self, query: NormalisedClaim) -> dict[int, float]:
        if not self._keys:
            return {}
        average = self._total_length / len(self._keys) or 1.0
        k1, b, lengths = self.k1, self.b, self._lengths
        totals: dict[int, float] = {}
        for token, query_count in Counter(query.tokens).items():
            postings = self._postings.get(token)
            if not postings:
                continue
            idf = self.weight(token) * query_count
            for doc, count in postings:
                norm = k1 * (1 - b + b * lengths[doc] / average)
                totals[doc] = totals.get(doc, 0.0) + idf * count * (k1 + 1) / (count + norm)
        return totals

    def candidates(self, query: NormalisedClaim, limit: int) -> list[Candidate]:
        """The ``limit`` best claims by BM25, best first; ``signal`` is the BM25 score over the best one's."""
        totals = self.scores(query)
        best = heapq.nlargest(limit, totals.items(), key=lambda item: (item[1], -item[0]))
        if not best:
            return []
        top = best[0][1]
        return [Candidate(self._keys[doc], self._claims[doc], value / top) for doc, value in best]
