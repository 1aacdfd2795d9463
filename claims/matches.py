"""Claim matching in the database: suggest, for new claims, the claims seen and checked before; and the reads.

``claim_match(claim_ids=...)`` is what the ``claims.match`` task runs after segmentation: the database
sources (claims.candidates) propose candidates for all the claims in a few statements, the pure
matcher (claims.matching) re-scores them, and the best are stored as ``ClaimMatch`` rows, published
fact-checks first. A pair already stored, decided or not, in either direction, is never suggested
again. The desk's decisions (confirm, reject, reuse a fact-check) are reviews.services.matches.

Re-scoring: each article's candidates, pooled, make the in-memory lexical indexes ``rank()`` takes
(their BM25 signals are the ones the scorer's weights were fitted on); the database sources'
own signals go in beside them under their names, which the scorer does not weigh until fitted.
How rare a word is comes from the desk's published claims (``TermStatistics``, counted by
``refresh_term_statistics``), not from the pool: every candidate found for a claim shares its rare
words, which the pool alone would count as common. Before the first count, the pool's own.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .candidates import PER_SOURCE, Found, Query, candidates_find
from .matching import (
    MATCHER_VERSION,
    Candidate,
    DocumentFrequencies,
    document_frequencies,
    lexical_sources,
    normalise,
    score,
)
from .matching.ranking import gather
from .matching.scoring import relatedness_ceiling
from .models import Claim, ClaimMatch, TermStatistics

logger = logging.getLogger(__name__)

# What is stored per new claim: the best published fact-checks, then the best other claims.
CHECKED_SUGGESTIONS = 3
SEEN_SUGGESTIONS = 5
# Below this relatedness a candidate is not worth a reviewer's look. Relatedness, not score: a claim
# that denies a fact-checked one is suggested (scored low, "negation differs"), since the fact-check answers it.
# A fact-check is worth a look at lower odds: missing it means checking the claim again.
MIN_RELATEDNESS = 0.5
MIN_RELATEDNESS_CHECKED = 0.3

Status = ClaimMatch.Status
OPEN_OR_CONFIRMED = (Status.SUGGESTED, Status.CONFIRMED)
# Normalised texts kept per process: the published claims come back as candidates match after match, and
# reading a text again costs more than the rest of its re-scoring. A NormalisedClaim is a few kB.
NORMALISED_CACHE = 20_000


@lru_cache(maxsize=NORMALISED_CACHE)
def normalised(text: str):
    """``normalise(text)``, remembered by text (the output depends on nothing else; NormalisedClaim is frozen)."""
    return normalise(text)


@dataclass(frozen=True)
class FoundSource:
    """One database source's answer for one claim, as a ``CandidateSource`` for ``rank()``."""

    name: str
    found: tuple[Candidate, ...]

    def candidates(self, query, limit):
        return self.found[:limit]


def claim_match(*, claim_ids) -> list[ClaimMatch]:
    """Suggest matches for the claims `claim_ids` (new ones: a segmentation's); returns the rows stored."""
    claims = list(
        Claim.objects.filter(pk__in=set(claim_ids))
        .exclude(status=Claim.Status.REUSED)
        .only("id", "text", "article_id", "match_group")
        .order_by("pk")
    )
    if not claims:
        return []
    found = candidates_find([Query(c.pk, c.text, c.article_id) for c in claims], PER_SOURCE)
    decided = _pairs_stored(claim_ids=[c.pk for c in claims])
    groups = _groups(c.match_group for c in claims)
    frequencies = term_frequencies()

    by_article: dict[int, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, []).append(claim)
    rows = []
    for article_claims in by_article.values():
        rows.extend(_suggest(article_claims, found, decided, groups, frequencies))
    return ClaimMatch.objects.bulk_create(rows, ignore_conflicts=True)


def _suggest(
    claims: list[Claim], found, decided: set[tuple[int, int]], groups: dict[int, set[int]], frequencies
) -> list[ClaimMatch]:
    """The suggestions for one article's claims, re-scored against the pool of all their candidates."""
    pool: dict[int, Found] = {}
    for claim in claims:
        for rows in found[claim.pk].values():
            for f in rows:
                pool.setdefault(f.claim_id, f)
    if not pool:
        return []
    read = {pk: normalised(f.text) for pk, f in pool.items()}
    pooled = lexical_sources(read.items(), frequencies=frequencies)
    suggestions = []
    for claim in claims:
        sources = [
            FoundSource(name, tuple(Candidate(f.claim_id, read[f.claim_id], f.signal) for f in rows))
            for name, rows in found[claim.pk].items()
        ]
        skip = decided | {(claim.pk, other) for other in groups.get(claim.match_group, ())}
        checked, seen = [], []
        for key, match in _related(claim, pool, sources=[*pooled, *sources], skip=skip):
            is_checked = pool[key].status == Claim.Status.PUBLISHED
            bucket, room = (checked, CHECKED_SUGGESTIONS) if is_checked else (seen, SEEN_SUGGESTIONS)
            if len(bucket) < room:
                bucket.append(
                    ClaimMatch(
                        claim_id=claim.pk,
                        candidate_id=key,
                        score=min(1.0, max(0.0, match.score)),
                        reasons=list(match.reasons),
                        matcher_version=MATCHER_VERSION,
                        checked=is_checked,
                    )
                )
        suggestions.extend(checked + seen)
    return suggestions


def _related(claim: Claim, pool: dict[int, Found], *, sources, skip: set[tuple[int, int]]):
    """(key, match) for every candidate worth suggesting for `claim`, most related first.

    What ``rank(claim.text, sources=sources, limit=len(pool))`` would list, less what is dropped after it
    anyway, but without scoring the candidates whose sources' signals alone keep them below
    their threshold (``relatedness_ceiling``): most of a pooled article's candidates, which were most of
    the cost. Term weights are the token index's, the first of ``lexical_sources()``, as in rank().
    """
    query = normalised(claim.text)
    weights = sources[0]
    related = []
    for key, (candidate, signals) in gather(query, sources=sources, per_source=PER_SOURCE).items():
        if key == claim.pk or (claim.pk, key) in skip:
            continue
        if candidate.is_junk:
            continue  # one to three words ("Crime is rising."): rank() puts them last; a desk never needs them
        if pool[key].article_id == claim.article_id:
            continue  # pooled from a sibling's candidates: the same article is not "seen before"
        least = MIN_RELATEDNESS_CHECKED if pool[key].status == Claim.Status.PUBLISHED else MIN_RELATEDNESS
        # Margin: relatedness is stored rounded to four places.
        if relatedness_ceiling(signals) < least - 0.001:
            continue
        match = score(query, candidate, weights=weights, signals=signals)
        if match.relatedness >= least:
            related.append((key, match))
    related.sort(key=lambda r: -r[1].relatedness)  # stable: ties keep the sources' order, as in rank()
    return related


# The newest TermStatistics read, by (id, counted_at): read again only when a new count replaces it.
_frequencies: dict[tuple, dict[str, DocumentFrequencies]] = {}


def term_frequencies() -> dict[str, DocumentFrequencies] | None:
    """The published claims' term counts by field, as ``lexical_sources()`` takes them; None before the first."""
    latest = (
        TermStatistics.objects.filter(matcher_version=MATCHER_VERSION)
        .order_by("-counted_at", "-pk")
        .values_list("pk", "counted_at")
        .first()
    )
    if latest is None:
        return None
    if latest not in _frequencies:
        row = TermStatistics.objects.get(pk=latest[0])
        _frequencies.clear()
        _frequencies[latest] = {
            "tokens": DocumentFrequencies(row.published_claims, row.tokens),
            "words": DocumentFrequencies(row.published_claims, row.words),
        }
    return _frequencies[latest]


def refresh_term_statistics() -> TermStatistics:
    """Count the matcher's terms over every published claim, replacing the last count (the periodic task)."""
    texts = Claim.objects.filter(status=Claim.Status.PUBLISHED).values_list("text", flat=True)
    # normalise, not normalised(): every published claim read once would push out the texts worth remembering.
    counted = document_frequencies(normalise(text) for text in texts.iterator(chunk_size=2000))
    with transaction.atomic():
        row = TermStatistics.objects.create(
            matcher_version=MATCHER_VERSION,
            published_claims=counted["tokens"].claims,
            tokens=counted["tokens"].counts,
            words=counted["words"].counts,
        )
        TermStatistics.objects.exclude(pk=row.pk).delete()
    return row


def _pairs_stored(*, claim_ids: list[int]) -> set[tuple[int, int]]:
    """(claim, other) both ways for every pair of `claim_ids` already stored: suggested, confirmed or rejected.

    Read by the claims' own ids only: a new claim has few pairs, while its candidates number hundreds.
    """
    stored = ClaimMatch.objects.filter(Q(claim_id__in=claim_ids) | Q(candidate_id__in=claim_ids)).values_list(
        "claim_id", "candidate_id"
    )
    pairs = set()
    for a, b in stored:
        pairs |= {(a, b), (b, a)}
    return pairs


def _groups(group_ids) -> dict[int, set[int]]:
    group_ids = {g for g in group_ids if g is not None}
    groups: dict[int, set[int]] = {}
    for pk, group in Claim.objects.filter(match_group__in=group_ids).values_list("pk", "match_group"):
        groups.setdefault(group, set()).add(pk)
    return groups


def new_claim_ids(*, article_ids, since) -> list[int]:
    """The claims the segmentation of `article_ids` wrote at or after `since`, in order."""
    claims = Claim.objects.filter(article_id__in=article_ids, created_at__gte=since)
    return list(claims.order_by("pk").values_list("pk", flat=True))


def queue_matching(*, article_ids, since) -> None:
    """Have the claims.match task match the new claims of `article_ids` once the surrounding transaction commits."""
    from .tasks import MATCH_PRIORITY, match_claims_task  # the tasks module imports the pipeline, which imports this

    if article_ids:
        ids, moment = sorted(article_ids), since.isoformat()
        # robust: a broker outage must not undo the segmentation; the claims stay unmatched.
        transaction.on_commit(
            lambda: match_claims_task.apply_async((ids, moment), priority=MATCH_PRIORITY), robust=True
        )


# --- groups and appearances ----------------------------------------------------------------------


def group_members(claim: Claim) -> QuerySet:
    """The claims confirmed the same as `claim` (itself included), first claim first."""
    if claim.match_group is None:
        return Claim.objects.filter(pk=claim.pk)
    return Claim.objects.filter(match_group=claim.match_group).order_by("pk")


def claim_answer(claim: Claim) -> Claim:
    """The claim whose published verdict answers `claim`: its fact-check when reused, else itself."""
    return claim.fact_check if claim.fact_check_id else claim


def claim_appearances(fact_check_id: int) -> QuerySet:
    """Every appearance of a fact-check: its own claim and each claim reusing it, earliest article first."""
    return (
        Claim.objects.filter(Q(pk=fact_check_id) | Q(fact_check_id=fact_check_id))
        .select_related("article")
        .order_by("article__published_at", "article__created_at", "pk")
    )


# --- reads for the desk --------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimMatches:
    """A claim's suggested and confirmed matches: published fact-checks, then other claims seen before."""

    checked_before: list[ClaimMatch]
    seen_before: list[ClaimMatch]


def claim_matches(claim: Claim) -> ClaimMatches:
    rows = (
        ClaimMatch.objects.filter(claim=claim, status__in=OPEN_OR_CONFIRMED)
        .select_related("candidate__article", "decided_by")
        .order_by("-checked", "-score", "pk")
    )
    rows = list(rows)
    return ClaimMatches([m for m in rows if m.checked], [m for m in rows if not m.checked])


def claims_seen_before(queryset: QuerySet, *, before: bool = True) -> QuerySet:
    """Claims with a match not rejected (suggested or confirmed); with `before=False`, the others."""
    seen = Q(Exists(ClaimMatch.objects.filter(claim=OuterRef("pk"), status__in=OPEN_OR_CONFIRMED)))
    return queryset.filter(seen if before else ~seen)


def claims_checked_before(queryset: QuerySet, *, before: bool = True) -> QuerySet:
    """Claims matching a published fact-check (suggested or confirmed), or already reusing one; with
    `before=False`, the others."""
    matched = ClaimMatch.objects.filter(claim=OuterRef("pk"), status__in=OPEN_OR_CONFIRMED, checked=True)
    checked = Q(Exists(matched)) | Q(status=Claim.Status.REUSED)
    return queryset.filter(checked if before else ~checked)


def claims_most_repeated(*, days: int = 7, limit: int = 10, now=None) -> list[Claim]:
    """The claims most often made again in the last `days` (matches not rejected), as `repeats`."""
    since = (now or timezone.now()) - timedelta(days=days)
    counts = (
        ClaimMatch.objects.filter(created_at__gte=since, status__in=OPEN_OR_CONFIRMED)
        .values("candidate_id")
        .annotate(repeats=Count("claim_id", distinct=True))
        .order_by("-repeats", "candidate_id")[:limit]
    )
    repeats = {row["candidate_id"]: row["repeats"] for row in counts}
    claims = list(Claim.objects.filter(pk__in=repeats).select_related("article"))
    for claim in claims:
        claim.repeats = repeats[claim.pk]
    return sorted(claims, key=lambda c: (-repeats[c.pk], c.pk))
