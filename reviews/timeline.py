"""The claim's timeline in words a person reads: "edna requested changes", "In review → Awaiting approval"."""

from claims.models import Claim

# What the actor did, by the event's action; anything else is said from its name.
ACTION_WORDS = {
    "assign": "assigned the claim",
    "unassign": "unassigned the claim",
    "edit": "made changes",
    "split": "split the claim",
    "merge": "merged claims",
    "dismiss": "dismissed the claim",
    "reopen": "reopened the claim",
    "schedule": "set the deadline and priority",
    "source_add": "added a source",
    "verdict_draft": "drafted a verdict",
    "correction_draft": "drafted a correction",
    "submit": "submitted the verdict for approval",
    "request_changes": "requested changes",
    "approve": "approved and published the verdict",
    "correct": "published a correction",
    "match_confirm": "confirmed a match",
    "match_reject": "rejected a match",
    "reuse": "marked the claim as already fact-checked",
}


def state_label(state: str) -> str:
    try:
        return Claim.Status(state).label
    except ValueError:
        return state.replace("_", " ")


def event_words(event) -> dict:
    """Who did what, the state change in labels (when the state changed), and the note."""
    who = event.actor.get_username() if event.actor_id else "The system"
    did = ACTION_WORDS.get(event.action, event.action.replace("_", " "))
    moved = None
    if event.from_state != event.to_state:
        moved = f"{state_label(event.from_state)} → {state_label(event.to_state)}"
    return {"headline": f"{who} {did}", "moved": moved, "note": event.note}
