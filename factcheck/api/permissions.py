"""Who may call which endpoint, by role (factcheck.roles).

These are the coarse gates per endpoint (a desk action, an integrator's webhooks). Which workflow
step a reviewer or an editor may take is decided by the services, never here.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from factcheck.roles import ANY_ROLE, DESK, Role, roles_of


def request_roles(request) -> frozenset:
    """The caller's roles, looked up once per request."""
    cached = getattr(request, "_factcheck_roles", None)
    if cached is None:
        cached = roles_of(request.user)
        request._factcheck_roles = cached
    return cached


def is_desk(request) -> bool:
    return bool(request_roles(request) & DESK)


class _RolePermission(BasePermission):
    roles: frozenset = frozenset()
    message = "Your role may not use this endpoint."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request_roles(request) & self.roles)


class HasAnyRole(_RolePermission):
    """Reviewers, editors and integrators."""

    roles = ANY_ROLE
    message = "Your account has no reviewer, editor or integrator role."


class IsDesk(_RolePermission):
    """Reviewers and editors (the workflow); integrators are refused."""

    roles = DESK
    message = "Only reviewers and editors may do this."


class IsIntegrator(_RolePermission):
    roles = frozenset({Role.INTEGRATOR})
    message = "Only integrators manage webhook subscriptions."


class ReadAnyRoleWriteDesk(BasePermission):
    """Reading for every role; writing (PATCH, POST) for reviewers and editors."""

    message = "Only reviewers and editors may change this."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        roles = request_roles(request)
        return bool(roles & (ANY_ROLE if request.method in SAFE_METHODS else DESK))


class IsEditorOrIntegrator(_RolePermission):
    """Editors and integrators (shared configuration such as feeds); reviewers are refused."""

    roles = frozenset({Role.EDITOR, Role.INTEGRATOR})
    message = "Only editors and integrators may do this."
