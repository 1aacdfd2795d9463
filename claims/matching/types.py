"""The values the matcher returns, and the protocol a source of candidates implements."""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

# A claim of this many words or fewer is junk ("The", "U.S.", "Crime is rising"): it never ranks first.
JUNK_MAX_WORDS = 3


@dataclass(frozen=True, slots=True, order=True)
class Figure:
    """A number as stated, with its scale applied and its unit made canonical: "$1.5 million" is (1500000, "$")."""

    value: float
    unit: str = ""

    @property
    def token(self) -> str:
        number = str(int(self.value)) if self.value.is_integer() else f"{self.value:.6g}"
        return f"{self.unit}{number}" if self.unit in {"$", "€", "£"} else f"{number}{self.unit}"


@dataclass(frozen=True, slots=True)
class NormalisedClaim:
    """What the matcher reads from a claim's text; ``normalise()`` makes it, nothing else needs to.

    ``tokens`` are the content words in order, folded and stemmed, with figures and years written
    one way ("1,000", "1000" and "one thousand" are all "1000"). ``negated`` says the claim's text
    negates something; ``negated_tokens`` are the tokens in the clauses it negates ("not", "never",
    "doesn't" ... to the end of the clause). ``words`` are every word as written, folded, function
    words kept (what a plain search engine indexes). ``length`` counts the claim's own words (context
    excluded): at ``JUNK_MAX_WORDS`` or fewer the claim is junk.
    """

    text: str
    tokens: tuple[str, ...]
    figures: frozenset[Figure]
    years: frozenset[int]
    dates: frozenset[str]
    entities: frozenset[str]
    negated: bool
    negated_tokens: frozenset[str]
    words: tuple[str, ...]
    length: int

    @property
    def is_junk(self) -> bool:
        return self.length <= JUNK_MAX_WORDS


@dataclass(frozen=True, slots=True)
class Match:
    """Is it the same claim? ``score`` in [0, 1], the estimated chance that it is, and the reasons a
    reviewer reads. ``relatedness`` is the score before the two fixed rules (negation differs,
    junk) scale it down: how closely the texts are about the same thing, which is what ``rank()`` orders by.
    """

    score: float
    reasons: tuple[str, ...]
    relatedness: float


@dataclass(frozen=True, slots=True)
class Candidate:
    """A claim a source proposes for a query. ``signal`` in [0, 1] is the source's own strength of belief
    (the lexical index: BM25 over the best candidate's BM25; an embedding source: a cosine similarity)."""

    key: Hashable
    claim: NormalisedClaim
    signal: float = 0.0


@dataclass(frozen=True, slots=True)
class Ranked:
    """One line of ``rank()``'s answer: which claim, how alike, and the sources' signals that went into it
    (``"lexical"``: its signal; ``"lexical:rank"``: 1 / (1 + its place in that source's list))."""

    key: Hashable
    claim: NormalisedClaim
    match: Match
    signals: Mapping[str, float] = field(default_factory=dict)


@runtime_checkable
class TermWeights(Protocol):
    """How much a token tells apart one claim from another (an inverse document frequency)."""

    def weight(self, token: str) -> float: ...


@runtime_checkable
class CandidateSource(Protocol):
    """Anything that proposes claims for a query: the in-memory lexical index now, a database index or an
    embedding model later. ``candidates`` returns at most ``limit`` candidates, best first. ``name`` keys the
    source's signals in ``Ranked.signals`` and in the scorer's weights; a source whose name the scorer has
    no weight for still proposes candidates, it just adds no evidence to their score until its weights are
    fitted (see ``scoring.SIGNAL_WEIGHTS``).
    """

    name: str

    def candidates(self, query: NormalisedClaim, limit: int) -> Sequence[Candidate]: ...
