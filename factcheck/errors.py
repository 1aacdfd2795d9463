"""Refusals every app raises and every door (admin, API) turns into a message or a status code."""


class WorkflowError(Exception):
    """A refused action; `message` is safe to show to the person who asked."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StateConflict(WorkflowError):
    """The object is not in a state that allows the action (HTTP 409)."""

    status_code = 409


class RoleForbidden(WorkflowError):
    """The actor's role does not allow the action (HTTP 403)."""

    status_code = 403
