"""The desk's decisions on suggested matches (claims.matches): same claim, not the same, reuse a fact-check.

Confirming a match puts both claims in one group (a claim is in one group at most; groups merge, so
"the same claim" is symmetric and transitive). When the merged group holds a published fact-check,
confirming is also the reuse: every claim of the group still open (new or in review) becomes another
appearance of it (status "reused", `fact_check` set), so the desk is not asked to check it twice.
`claim_reuse_fact_check` takes that step alone, without a suggestion. Rejecting records the decision;
either decision keeps the pair from being suggested again.

Roles and states are the workflow table's MATCH and REUSE rows; every write names its person in
the history; integrators get claim.matched (reviews.events) and the earlier claim's workers a notification.
"""

from django.db import transaction
from django.utils import timezone

from claims.models import Claim, ClaimMatch
from factcheck.errors import StateConflict
from factcheck.history import save_as

from .. import workflow
from ..events import claim_matched_emit
from ..workflow import Action, State
from .common import event_record_here, lock_claims, refresh
from .notifications import claim_matched_notify

Status = ClaimMatch.Status


@transaction.atomic
def match_confirm(*, match: ClaimMatch, actor) -> ClaimMatch:
    """The two claims are the same: group them and, when the group has a published fact-check, reuse it."""
    locked, claim, candidate, group = _lock_match(match, actor=actor)
    _decide(locked, Status.CONFIRMED, actor=actor)
    members = _group_merge([claim, candidate], actor=actor, locked=group)
    event_record_here(claim=claim, actor=actor, action="match_confirm", note=f"The same claim as #{candidate.pk}.")
    fact_check = _group_fact_check(members)
    if fact_check is not None:
        for member in members:
            if member.pk != fact_check.pk and member.status in workflow.TRANSITIONS[Action.REUSE].sources:
                _reuse(member, fact_check, actor=actor)
    claim_matched_emit(match=locked, fact_check=fact_check)
    claim_matched_notify(claim=candidate, article=claim.article)
    refresh(match, locked, ("status", "decided_by", "decided_by_id", "decided_at"))
    return locked


@transaction.atomic
def match_reject(*, match: ClaimMatch, actor) -> ClaimMatch:
    """The two claims are not the same: the pair is never suggested again."""
    locked, claim, candidate, _ = _lock_match(match, actor=actor)
    _decide(locked, Status.REJECTED, actor=actor)
    event_record_here(claim=claim, actor=actor, action="match_reject", note=f"Not the same claim as #{candidate.pk}.")
    refresh(match, locked, ("status", "decided_by", "decided_by_id", "decided_at"))
    return locked


@transaction.atomic
def claim_reuse_fact_check(*, claim: Claim, fact_check: Claim, actor) -> Claim:
    """`claim` is another appearance of the published `fact_check`: it reads that verdict, in one group with it."""
    ids = {claim.pk, fact_check.pk, *_group_ids([claim, fact_check])}
    locked = {c.pk: c for c in lock_claims(ids)}
    target, answer = locked[claim.pk], locked[fact_check.pk]
    workflow.check(Action.REUSE, target, user=actor)
    if answer.status != State.PUBLISHED:
        raise StateConflict(f"Claim #{answer.pk} is not a published fact-check.")
    _group_merge([target, answer], actor=actor, locked=locked)
    _reuse(target, answer, actor=actor)
    refresh(claim, target, ("status", "fact_check", "fact_check_id", "match_group", "updated_at"))
    return target


# --- the steps ---------------------------------------------------------------------------------


def _lock_match(match: ClaimMatch, *, actor) -> tuple[ClaimMatch, Claim, Claim, dict[int, Claim]]:
    """Lock both claims and their groups (in primary-key order, as every desk write), then the match;
    returns the match, its claim and candidate, and every locked claim by id."""
    pair = list(Claim.objects.filter(pk__in=(match.claim_id, match.candidate_id)))
    locked = {c.pk: c for c in lock_claims({match.claim_id, match.candidate_id, *_group_ids(pair)})}
    row = ClaimMatch.objects.select_for_update().get(pk=match.pk)
    claim, candidate = locked[row.claim_id], locked[row.candidate_id]
    workflow.check(Action.MATCH, claim, user=actor)
    if row.status != Status.SUGGESTED:
        raise StateConflict(f"This match was already decided: {Status(row.status).label.lower()}.")
    return row, claim, candidate, locked


def _decide(match: ClaimMatch, status: str, *, actor) -> None:
    match.status, match.decided_by, match.decided_at = status, actor, timezone.now()
    save_as(match, actor=actor, fields=["status", "decided_by", "decided_at"])


def _group_ids(claims) -> set[int]:
    groups = {c.match_group for c in claims if c.match_group is not None}
    return set(Claim.objects.filter(match_group__in=groups).values_list("pk", flat=True)) if groups else set()


def _group_merge(claims: list[Claim], *, actor, locked: dict[int, Claim]) -> list[Claim]:
    """One group for `claims` and every claim already grouped with them (all in `locked`); its id is its
    first claim's."""
    groups = {c.match_group for c in claims if c.match_group is not None}
    members = {c.pk: c for c in claims}
    for pk, claim in locked.items():
        if claim.match_group is not None and claim.match_group in groups:
            members.setdefault(pk, claim)
    group = min(members)
    for claim in members.values():
        if claim.match_group != group:
            claim.match_group = group
            save_as(claim, actor=actor, fields=["match_group", "updated_at"])
    return sorted(members.values(), key=lambda c: c.pk)


def _group_fact_check(members: list[Claim]) -> Claim | None:
    """The published claim whose verdict answers the group (the first published, if several)."""
    return next((c for c in members if c.status == State.PUBLISHED), None)


def _reuse(claim: Claim, fact_check: Claim, *, actor) -> None:
    workflow.apply(
        Action.REUSE,
        claim,
        actor=actor,
        changes={"fact_check": fact_check},
        note=f"Already fact-checked: another appearance of claim #{fact_check.pk}.",
    )
