"""The claim workflow: states, who may move a claim from which state, and the errors for refusals.

This table is the single place the rules live. Services look transitions up here; the admin and the
API only ask (`allowed_actions`) to decide which buttons to show.
"""

from dataclasses import dataclass
from enum import StrEnum

from claims.models import Claim

State = Claim.Status


class Role(StrEnum):
    REVIEWER = "reviewer"
    EDITOR = "editor"
    INTEGRATOR = "integrator"


# Group names, created by a data migration with their permissions.
GROUP_FOR_ROLE = {
    Role.REVIEWER: "Reviewers",
    Role.EDITOR: "Editors",
    Role.INTEGRATOR: "Integrators",
}


class WorkflowError(Exception):
    """A refused workflow action; `message` is safe to show to the person who asked."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StateConflict(WorkflowError):
    """The claim or verdict is not in a state that allows the action (HTTP 409)."""

    status_code = 409


class RoleForbidden(WorkflowError):
    """The actor's role does not allow the action (HTTP 403)."""

    status_code = 403


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


_DESK = frozenset({Role.REVIEWER, Role.EDITOR})
_EDITORS = frozenset({Role.EDITOR})


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


def roles_of(user) -> frozenset:
    """The workflow roles a user holds. Superusers act as editors; inactive users hold none."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset({Role.EDITOR, Role.REVIEWER})
    remembered = getattr(user, _REMEMBERED_ROLES, None)
    if remembered is not None:
        return remembered
    return roles_for_groups({group.name for group in user.groups.all()})


# Set on a user object loaded together with its group names (the API's token authentication),
# so roles_of answers without another query for the rest of that request.
_REMEMBERED_ROLES = "_workflow_roles"


def roles_for_groups(names) -> frozenset:
    return frozenset(role for role, group in GROUP_FOR_ROLE.items() if group in names)


def roles_remember(*, user, group_names) -> None:
    """Record the roles of `user` from group names read with it; roles_of then skips the query."""
    setattr(user, _REMEMBERED_ROLES, roles_for_groups(set(group_names)))


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
