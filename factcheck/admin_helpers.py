"""Admin plumbing every app's pages share: read-only history, view-only pages, refusals as messages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.utils import get_m2m_reverse_field_name

from factcheck.errors import WorkflowError
from factcheck.words import join_words, shorten


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's history pages, without its "revert" form.

    Reverting saves the old row straight through a model form, which would step around the
    services (a claim could be put back to "published" without an approval).
    """

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The history says what changed in words: "rita changed the wording and the status".
    object_history_list_template = "admin/history_list.html"
    # How a field is named there; any other field by "the" and its verbose name.
    history_field_words: dict[str, str] = {}

    def revert_disabled(self, request, obj=None):
        return True

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Give each entry `said` (what changed, in words; empty when nothing a person sees did) and `changes`."""
        records = list(historical_records)
        for i, record in enumerate(records):
            record.changes = []
            if record.history_type == "+":
                record.said = "created it"
                continue
            if record.history_type == "-":
                record.said = "deleted it"
                continue
            older = records[i + 1] if i + 1 < len(records) else record.prev_record
            if older is None:
                record.said = ""
                continue
            delta = record.diff_against(older, foreign_keys_are_objs=True)
            record.changes = [self._history_change(change) for change in delta.changes]
            record.said = f"changed {join_words(c['field'] for c in record.changes)}" if record.changes else ""

    def _history_change(self, change) -> dict:
        field = self.model._meta.get_field(change.field)
        words = self.history_field_words.get(change.field) or f"the {field.verbose_name}"
        if field.many_to_many:
            old, new = _related(field, change.old), _related(field, change.new)
            added = [name for name in new if name not in old]
            removed = [name for name in old if name not in new]
            detail = "; ".join(
                part
                for part in (
                    f"added {join_words(added)}" if added else "",
                    f"removed {join_words(removed)}" if removed else "",
                )
                if part
            )
            return {"field": words, "old": None, "new": None, "detail": detail}
        return {"field": words, "old": _shown(field, change.old), "new": _shown(field, change.new), "detail": ""}

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


def _shown(field, value) -> str:
    """A stored value as a person reads it: the label of a choice, a local time, a short text."""
    from django.utils import timezone
    from django.utils.formats import date_format

    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, DeletedObject):  # a foreign key to nothing, or to a row deleted since
        return "–" if value.pk is None else f"a deleted {value.model._meta.verbose_name} (#{value.pk})"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j M Y H:i")
    if isinstance(value, float):
        return score(value) if 0 <= value <= 1 else f"{value:g}"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "–"
    return shorten(str(value), 160)


def _related(field, rows) -> list[str]:
    """The names of the related rows of an m2m history value (its through rows, as dicts)."""
    name = get_m2m_reverse_field_name(field)
    return [str(row[name]) for row in rows or ()]


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
