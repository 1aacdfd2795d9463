"""The claim workflow: states, who may move a claim from which state, and the errors for refusals.

This table is the single place the rules live. Services look transitions up here; the admin and the
API only ask (`allowed_actions`) to decide which buttons to show.
"""

from dataclasses import dataclass
from enum import StrEnum

from claims.models import Claim
from factcheck.errors import RoleForbidden, StateConflict
from factcheck.roles import DESK as _DESK
from factcheck.roles import EDITORS as _EDITORS
from factcheck.roles import roles_of

State = Claim.Status


class Action(StrEnum):
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


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset
    target: State | None  # None: the claim keeps its state
    roles: frozenset


def _t(action, sources, target, roles):
    return Transition(action, frozenset(sources), target, roles)


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
        # A correction is drafted and approved while the claim stays published.
        _t(Action.CORRECT, {State.PUBLISHED}, State.PUBLISHED, _EDITORS),
    )
}


def check(action: Action, *, state: str, user) -> Transition:
    """Return the transition for `action` from `state`, or raise why `user` may not take it."""
    transition = TRANSITIONS[action]
    if not (roles_of(user) & transition.roles):
        raise RoleForbidden(f"Your role may not {action.replace('_', ' ')} claims.")
    if state not in transition.sources:
        label = State(state).label.lower()
        raise StateConflict(f"Cannot {action.replace('_', ' ')} a claim that is {label}.")
    return transition


def allowed_actions(*, state: str, user) -> set[Action]:
    roles = roles_of(user)
    return {t.action for t in TRANSITIONS.values() if state in t.sources and roles & t.roles}
