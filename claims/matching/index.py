"""In-memory inverted indexes that propose candidates by BM25: the lexical ``CandidateSource``s.

Two views of the same claims find different candidates: the normalised tokens (stems, figures and
years written one way, function words dropped) and the words as written (function words kept:
"I was against the war" is mostly function words). ``lexical_sources()`` builds both. An index holds
every claim it was given, normalised, so ``rank()`` scores what it proposes without a second
look-up, and it lends its inverse document frequencies to the scorer as term weights.

An index of a few claims (the candidates a database found for one claim, all sharing its rare words)
says little of how rare a word is: ``DocumentFrequencies`` counted over a whole collection
(``document_frequencies()``) can stand in for its own.
"""

import heapq
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from .types import Candidate, NormalisedClaim

# Okapi BM25's usual parameters: term-frequency saturation and length normalisation.
K1 = 1.2
B = 0.75


def inverse_document_frequency(claims: int, containing: int) -> float:
    """BM25's inverse document frequency of a term `containing` of `claims` claims have (never negative)."""
    return math.log(1 + (claims - containing + 0.5) / (containing + 0.5))


@dataclass(frozen=True)
class DocumentFrequencies:
    """How many of `claims` claims have each term: a ``TermWeights`` by BM25's inverse document frequency.
    A term no claim has weighs as much as the rarest."""

    claims: int
    counts: Mapping[str, int]

    def weight(self, token: str) -> float:
        return inverse_document_frequency(self.claims, self.counts.get(token, 0))


def document_frequencies(
    claims: Iterable[NormalisedClaim], fields: tuple[str, ...] = ("tokens", "words")
) -> dict[str, DocumentFrequencies]:
    """Each field's ``DocumentFrequencies`` over `claims`: in how many claims each term is, not how often."""
    counts: dict[str, Counter] = {field: Counter() for field in fields}
    total = 0
    for claim in claims:
        total += 1
        for field in fields:
            counts[field].update(set(getattr(claim, field)))
    return {field: DocumentFrequencies(total, dict(counted)) for field, counted in counts.items()}


class LexicalIndex:
    """BM25 over ``NormalisedClaim.tokens`` (or ``.words``). Implements ``CandidateSource`` and ``TermWeights``.

    `frequencies`, when given, are the collection's: BM25 and ``weight()`` take their inverse document
    frequencies from them instead of from the claims in the index.
    """

    def __init__(
        self,
        claims: Iterable[tuple[Hashable, NormalisedClaim]] = (),
        *,
        name: str = "lexical",
        field: Literal["tokens", "words"] = "tokens",
        k1: float = K1,
        b: float = B,
        frequencies: DocumentFrequencies | None = None,
    ):
        self.name, self.field, self.k1, self.b = name, field, k1, b
        self.frequencies = frequencies
        self._keys: list[Hashable] = []
        self._docs: dict[Hashable, int] = {}
        self._claims: list[NormalisedClaim] = []
        self._lengths: list[int] = []
        self._postings: dict[str, list[tuple[int, int]]] = {}
        self._total_length = 0
        self._idf: dict[str, float] = {}
        self._weighted: dict[str, list[tuple[int, float]]] = {}
        self._norms: list[float] | None = None
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
        terms = getattr(claim, self.field)
        self._lengths.append(len(terms))
        self._total_length += len(terms)
        postings = self._postings
        for token, count in Counter(terms).items():
            if token in postings:
                postings[token].append((doc, count))
            else:
                postings[token] = [(doc, count)]
        if self._idf or self._norms is not None:
            # Document frequencies and the average length changed.
            self._idf.clear()
            self._weighted.clear()
            self._norms = None

    def claim(self, key: Hashable) -> NormalisedClaim:
        return self._claims[self._docs[key]]

    def weight(self, token: str) -> float:
        """BM25's inverse document frequency; a token no claim has weighs as much as the rarest."""
        if token not in self._idf:
            if self.frequencies is not None:
                self._idf[token] = self.frequencies.weight(token)
            else:
                self._idf[token] = inverse_document_frequency(len(self._keys), len(self._postings.get(token, ())))
        return self._idf[token]

    def scores(self, query: NormalisedClaim) -> dict[int, float]:
        """BM25 of every claim sharing a term with ``query``, by position in the index."""
        totals: dict[int, float] = {}
        for token, query_count in Counter(getattr(query, self.field)).items():
            postings = self._weighted_postings(token)
            if not postings:
                continue
            idf = self.weight(token) * query_count
            for doc, part in postings:
                totals[doc] = totals.get(doc, 0.0) + idf * part
        return totals

    def _weighted_postings(self, token: str) -> list[tuple[int, float]]:
        """The token's postings with each one's term-frequency part of BM25, computed on first use after the
        last add (it depends on the average claim length, which every add changes). Only the tokens of
        queries are ever weighted: a pool's queries use a small share of its vocabulary."""
        weighted = self._weighted.get(token)
        if weighted is None:
            postings = self._postings.get(token, ())
            if self._norms is None:
                average = (self._total_length / len(self._keys) if self._keys else 1.0) or 1.0
                k1, b = self.k1, self.b
                self._norms = [k1 * (1 - b + b * length / average) for length in self._lengths]
            norms, k1 = self._norms, self.k1
            weighted = self._weighted[token] = [
                (doc, count * (k1 + 1) / (count + norms[doc])) for doc, count in postings
            ]
        return weighted

    def candidates(self, query: NormalisedClaim, limit: int) -> list[Candidate]:
        """The ``limit`` best claims by BM25, best first; ``signal`` is the BM25 score over the best one's."""
        totals = self.scores(query)
        best = heapq.nlargest(limit, totals.items(), key=lambda item: (item[1], -item[0]))
        if not best:
            return []
        top = best[0][1]
        return [Candidate(self._keys[doc], self._claims[doc], value / top) for doc, value in best]


def lexical_sources(
    claims: Iterable[tuple[Hashable, NormalisedClaim]], frequencies: Mapping[str, DocumentFrequencies] | None = None
) -> list[LexicalIndex]:
    """Both lexical views of the claims, as ``rank(sources=...)`` takes them: tokens first (its IDF weighs
    the scorer's evidence), then words. `frequencies` (``document_frequencies()`` of a larger collection,
    by field) lend both their inverse document frequencies."""
    claims = list(claims)
    frequencies = frequencies or {}
    return [
        LexicalIndex(claims, frequencies=frequencies.get("tokens")),
        LexicalIndex(claims, name="words", field="words", frequencies=frequencies.get("words")),
    ]
