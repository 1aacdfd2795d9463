"""Admin plumbing every app's pages share: read-only history, view-only pages, refusals as messages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from factcheck.errors import WorkflowError


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's history pages, without its "revert" form.

    Reverting saves the old row straight through a model form, which would step around the
    services (a claim could be put back to "published" without an approval).
    """

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ViewOnlyAdminMixin:
    """A page that shows rows only: they change through the services (claim page, editor queue)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def score(value: float) -> str:
    """A score between 0 and 1 as every page shows it: two decimals."""
    return f"{value:.2f}"


def age_words(since, now=None) -> str:
    """How long ago, in the largest whole unit: "5 min", "3 h", "12 d"."""
    from django.utils import timezone

    seconds = max(0, int(((now or timezone.now()) - since).total_seconds()))
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def service_call(request, call, *, success: str | None = None) -> bool:
    """Run one service call for an admin page; refusals become error messages instead of error pages."""
    try:
        call()
    except WorkflowError as error:
        messages.error(request, error.message)
        return False
    except ValidationError as error:
        messages.error(request, validation_text(error))
        return False
    if success:
        messages.success(request, success)
    return True


def validation_text(error) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field.replace('_', ' ')}: {' '.join(texts)}" if field != "__all__" else " ".join(texts)
            for field, texts in error.message_dict.items()
        )
    return " ".join(error.messages)


def refusal_of(call) -> str | None:
    """None when `call()` worked, else the refusal's message."""
    try:
        call()
    except WorkflowError as error:
        return error.message
    except ValidationError as error:
        return validation_text(error)
    return None
