"""The desk's workflow: one table per entity (claims, verdicts) of the steps people take.

A row says from which states a step starts, the state it leads to and which roles may take it.
A verdict row also names the claim transition taken with it (submitting moves the claim to
awaiting approval) and any rule on the person (only the author submits; four eyes: another
editor approves). On a published claim, verdict work is a correction: it takes the claim's
CORRECT row instead, editors only, and the claim stays published.

`apply()` checks a step, writes the new state (to the history too) and records the timeline
event; `permitted()` tells the admin which buttons to show. Services call `apply()` (or `check()`
first, when they must refuse before validating); no other module repeats these rules.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from claims.models import Claim
from factcheck.errors import RoleForbidden, StateConflict, WorkflowError
from factcheck.history import save_as
from factcheck.roles import DESK as _DESK
from factcheck.roles import EDITORS as _EDITORS
from factcheck.roles import roles_of

from .models import Verdict, WorkflowEvent

State = Claim.Status
VerdictState = Verdict.Status


class Action(StrEnum):
    CREATE = "create"  # not a transition: a claim made from the article's text (check_create)
    ASSIGN = "assign"
    UNASSIGN = "unassign"
    EDIT = "edit"
    SPLIT = "split"
    MERGE = "merge"
    DISMISS = "dismiss"
    REOPEN = "reopen"
    SUBMIT = "submit"
    REQUEST_CHANGES = "request_changes"
    APPROVE = "approve"
    CORRECT = "correct"
    SCHEDULE = "schedule"
    COMMENT = "comment"
    MATCH = "match"  # decide a suggested match (same claim, or not); the claim keeps its state
    REUSE = "reuse"  # the claim is another appearance of a published fact-check


# A rule on the person taking a verdict step: the refusal to show them, or None.
Rule = Callable[[object, Verdict], str | None]


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset
    target: str | None  # None: the object keeps its state
    roles: frozenset
    verb: str  # for refusals: "Cannot <verb> a verdict that is …"
    rule: Rule | None = None
    claim_step: Action | None = None  # verdict rows: the claim transition taken with the step
    publishes: bool = False  # verdict rows: the claim's public page changes, even in a correction


def _t(action, sources, target, roles, *, verb="", **extra):
    return Transition(action, frozenset(sources), target, roles, verb or action.replace("_", " "), **extra)


TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        _t(Action.ASSIGN, {State.NEW, State.IN_REVIEW}, State.IN_REVIEW, _DESK),
        _t(Action.UNASSIGN, {State.IN_REVIEW}, State.NEW, _DESK),
        _t(Action.EDIT, {State.NEW, State.IN_REVIEW}, None, _DESK),
        _t(Action.SPLIT, {State.NEW, State.IN_REVIEW}, None, _DESK),
        _t(Action.MERGE, {State.NEW, State.IN_REVIEW}, None, _DESK),
        _t(Action.DISMISS, {State.NEW, State.IN_REVIEW}, State.DISMISSED, _DESK),
        _t(Action.REOPEN, {State.DISMISSED}, State.NEW, _DESK),
        _t(Action.SUBMIT, {State.IN_REVIEW}, State.AWAITING_APPROVAL, _DESK),
        _t(Action.REQUEST_CHANGES, {State.AWAITING_APPROVAL}, State.IN_REVIEW, _EDITORS),
        _t(Action.APPROVE, {State.AWAITING_APPROVAL}, State.PUBLISHED, _EDITORS),
        # A correction is drafted, submitted and approved while the claim stays published.
        _t(Action.CORRECT, {State.PUBLISHED}, State.PUBLISHED, _EDITORS),
        # A deadline and a priority are for work still to be done.
        _t(Action.SCHEDULE, {State.NEW, State.IN_REVIEW, State.AWAITING_APPROVAL}, None, _DESK),
        # The desk's internal thread is open in every state; it leaves no entry on the timeline.
        _t(Action.COMMENT, set(State), None, _DESK),
        # Matching: saying two claims are (not) the same is desk work in any state; only open work can
        # become another appearance of a fact-check, so the desk does not check it twice.
        _t(Action.MATCH, set(State), None, _DESK, verb="decide matches of"),
        _t(Action.REUSE, {State.NEW, State.IN_REVIEW}, State.REUSED, _DESK, verb="reuse a fact-check for"),
    )
}


def _author_only(verb: str) -> Rule:
    def rule(user, verdict):
        if verdict.author_id != getattr(user, "pk", None):
            return f"Only the author of a verdict may {verb} it."
        return None

    return rule


def _four_eyes(user, verdict):
    if verdict.author_id == getattr(user, "pk", None):
        return "You wrote this verdict; another editor must approve it."
    return None


# Verdict states an author may still edit and submit.
OPEN_VERDICT_STATES = frozenset({VerdictState.DRAFT, VerdictState.CHANGES_REQUESTED})

VERDICT_TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        _t(Action.EDIT, OPEN_VERDICT_STATES, None, _DESK, rule=_author_only("edit")),
        _t(
            Action.SUBMIT,
            OPEN_VERDICT_STATES,
            VerdictState.SUBMITTED,
            _DESK,
            rule=_author_only("submit"),
            claim_step=Action.SUBMIT,
        ),
        _t(
            Action.APPROVE,
            {VerdictState.SUBMITTED},
            VerdictState.APPROVED,
            _EDITORS,
            rule=_four_eyes,
            claim_step=Action.APPROVE,
            publishes=True,
        ),
        _t(
            Action.REQUEST_CHANGES,
            {VerdictState.SUBMITTED},
            VerdictState.CHANGES_REQUESTED,
            _EDITORS,
            verb="request changes to",
            claim_step=Action.REQUEST_CHANGES,
        ),
    )
}


# The timeline entries anyone outside the desk may read: a claim's publications (the first one and
# each correction). Their notes are written by the workflow, never by a person.
PUBLIC_EVENT_ACTIONS = frozenset({Action.APPROVE, Action.CORRECT})


def claim_action(action: Action, claim_state: str) -> Action:
    """The claim transition that verdict work (evidence, drafts, verdict steps) takes from `claim_state`."""
    if claim_state in TRANSITIONS[Action.CORRECT].sources:
        return Action.CORRECT
    return action


# --- asking ------------------------------------------------------------------------------------


def _claim_refusal(transition: Transition, state: str, roles) -> WorkflowError | None:
    if not (roles & transition.roles):
        return RoleForbidden(f"Your role may not {transition.verb} claims.")
    if state not in transition.sources:
        return StateConflict(f"Cannot {transition.verb} a claim that is {State(state).label.lower()}.")
    return None


def _verdict_refusal(transition: Transition, verdict: Verdict, user, roles) -> WorkflowError | None:
    # The claim's step first, so a reviewer is told they may not approve whatever the verdict's state.
    if transition.claim_step is not None:
        claim_state = verdict.claim.status
        step = TRANSITIONS[claim_action(transition.claim_step, claim_state)]
        refusal = _claim_refusal(step, claim_state, roles)
        if refusal is not None:
            return refusal
    if transition.rule is not None:
        message = transition.rule(user, verdict)
        if message is not None:
            return RoleForbidden(message)
    if not (roles & transition.roles):
        return RoleForbidden(f"Your role may not {transition.verb} verdicts.")
    if verdict.status not in transition.sources:
        label = VerdictState(verdict.status).label.lower()
        return StateConflict(f"Cannot {transition.verb} a verdict that is {label}.")
    return None


def _refusal(action: Action, obj, user, roles) -> WorkflowError | None:
    if isinstance(obj, Verdict):
        return _verdict_refusal(VERDICT_TRANSITIONS[action], obj, user, roles)
    return _claim_refusal(TRANSITIONS[action], obj.status, roles)


def check(action: Action, obj: Claim | Verdict, *, user) -> None:
    """Raise why `user` may not take `action` on a claim or a verdict (its `claim` loaded), if they may not."""
    refusal = _refusal(action, obj, user, roles_of(user))
    if refusal is not None:
        raise refusal


def check_create(*, user) -> None:
    """Raise unless `user` may make a claim from an article's text (a selection, promoted furniture)."""
    if not (roles_of(user) & _DESK):
        raise RoleForbidden("Your role may not make claims.")


def permitted(user, obj: Claim | Verdict) -> set[Action]:
    """The steps `user` may take on a claim or a verdict (its `claim` loaded) as they stand."""
    roles = roles_of(user)
    table = VERDICT_TRANSITIONS if isinstance(obj, Verdict) else TRANSITIONS
    return {action for action in table if _refusal(action, obj, user, roles) is None}


def allowed_actions(*, state: str, user) -> set[Action]:
    """The claim transitions `user` may take from `state`."""
    roles = roles_of(user)
    return {t.action for t in TRANSITIONS.values() if _claim_refusal(t, state, roles) is None}


# --- taking a step -----------------------------------------------------------------------------


def apply(
    action: Action, obj: Claim | Verdict, *, actor, changes: dict | None = None, note: str = ""
) -> WorkflowEvent:
    """Take `action` on a claim or a verdict: check it, write the new state and `changes`, record the event.

    The caller holds the claim's row lock (for a verdict, `obj.claim` is that locked claim) and has
    validated `changes`; a refusal raises before anything is written.
    """
    check(action, obj, user=actor)
    if isinstance(obj, Verdict):
        return _apply_verdict(VERDICT_TRANSITIONS[action], obj, actor=actor, changes=changes or {}, note=note)
    transition = TRANSITIONS[action]
    before = obj.status
    _write(obj, transition.target, changes or {}, actor=actor)
    return event_record(claim=obj, actor=actor, action=action, from_state=before, to_state=obj.status, note=note)


def _apply_verdict(transition: Transition, verdict: Verdict, *, actor, changes: dict, note: str) -> WorkflowEvent:
    claim = verdict.claim
    before = claim.status
    _write(verdict, transition.target, changes, actor=actor)
    event = transition.action
    if transition.claim_step is not None:
        step = TRANSITIONS[claim_action(transition.claim_step, before)]
        if step.target != before or transition.publishes:
            _write(claim, step.target, {}, actor=actor)
        if transition.publishes:
            # Timelines and the dashboard tell a first publication (approve) from a correction.
            event = step.action
    return event_record(claim=claim, actor=actor, action=event, from_state=before, to_state=claim.status, note=note)


def _write(obj, target: str | None, changes: dict, *, actor) -> None:
    fields = dict(changes)
    if target is not None:
        fields["status"] = target
    for name, value in fields.items():
        setattr(obj, name, value)
    save_as(obj, actor=actor, fields=[*fields, "updated_at"])


def event_record(*, claim: Claim, actor, action: str, from_state: str, to_state: str, note: str = "") -> WorkflowEvent:
    """An entry on the claim's timeline."""
    event = WorkflowEvent(
        claim=claim, actor=actor, action=str(action), from_state=from_state, to_state=to_state, note=note
    )
    save_as(event, actor=actor)
    return event
