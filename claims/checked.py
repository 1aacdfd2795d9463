"""Has this been checked? The published fact-checks a sentence matches, best first.

The same two steps as the desk's suggestions (claims.matches): the database's *checked* source
(claims.candidates: published claims only) proposes candidates for the sentence, and the pure matcher
re-scores them against the pool of what was found. Nothing but published claims is ever read: the
source's statement filters on the status, and the answer is filtered on it again.
"""

from .candidates import PER_SOURCE, Query, database_sources
from .matches import MIN_RELATEDNESS, FoundSource, normalised
from .matching import Candidate, Ranked, lexical_sources, rank
from .models import Claim


def checked_search(text: str, *, limit: int) -> list[Ranked]:
    """The published claims most likely the claim `text` makes, best first (``Ranked.key`` is the claim id).

    Candidates less related than the desk's threshold are left out, and so are junk claims (one to three words).
    """
    source = next(s for s in database_sources() if s.checked)
    found = [f for f in source.find([Query(0, text)], PER_SOURCE).get(0, []) if f.status == Claim.Status.PUBLISHED]
    if not found:
        return []
    read = {f.claim_id: normalised(f.text) for f in found}
    fixed = FoundSource(source.name, tuple(Candidate(f.claim_id, read[f.claim_id], f.signal) for f in found))
    ranked = rank(
        text,
        sources=[*lexical_sources(read.items()), fixed],
        limit=len(read),
        per_source=PER_SOURCE,
    )
    answer = [r for r in ranked if not r.claim.is_junk and r.match.relatedness >= MIN_RELATEDNESS]
    return answer[:limit]
