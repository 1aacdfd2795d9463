"""The desk's roles: who a user is to the workflow, read from their Django groups.

Roles are the ground every app checks against; what each role may do lives with the thing it acts
on (`reviews.workflow` for claims and verdicts, `factcheck.api.permissions` for the API's doors).
"""

from enum import StrEnum


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

DESK = frozenset({Role.REVIEWER, Role.EDITOR})
EDITORS = frozenset({Role.EDITOR})
ANY_ROLE = frozenset(Role)


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


def is_desk(user) -> bool:
    return bool(roles_of(user) & DESK)
