"""What every desk write shares: row locks in a fixed order and the claim's timeline."""

from collections.abc import Iterable

from claims.models import Claim

from ..models import WorkflowEvent
from ..workflow import event_record


def lock_claim(claim_id: int) -> Claim:
    """The claim row, locked until the surrounding transaction ends."""
    return Claim.objects.select_for_update().get(pk=claim_id)


def lock_claims(claim_ids: Iterable[int]) -> list[Claim]:
    # A fixed (primary key) order, so two transitions locking the same claims cannot deadlock.
    return list(Claim.objects.filter(pk__in=set(claim_ids)).order_by("pk").select_for_update())


def event_record_here(*, claim: Claim, actor, action: str, note: str = "") -> WorkflowEvent:
    """A timeline entry for a step that leaves the claim in its state."""
    return event_record(
        claim=claim, actor=actor, action=action, from_state=claim.status, to_state=claim.status, note=note
    )


def refresh(instance, fresh, fields) -> None:
    """Copy the written fields onto the caller's instance so it does not show stale state."""
    for field in fields:
        setattr(instance, field, getattr(fresh, field))
