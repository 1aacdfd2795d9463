"""Filtering plumbing shared by every list endpoint."""

import datetime

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 timestamp, converted to UTC (the database refuses offsets beyond its own range)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        try:
            return value.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError("The timestamp is out of range.", code="invalid") from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class FilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend that leaves the queryset alone when the query string names none of its filters.

    Kept on purpose: a filterset builds and validates a form of all its filters even when none is
    asked, which took the unfiltered claim list past bench-scale's 4x budget (docs/ARCHITECTURE.md).
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not _asks_for_a_filter(request.query_params, filterset_class):
            return queryset
        return super().filter_queryset(request, queryset, view)


def _asks_for_a_filter(params, filterset_class) -> bool:
    # startswith: multi-value widgets read `<name>_min`, `<name>_after` and the like.
    return any(
        filter_.extra.get("required") or any(key.startswith(name) for key in params)
        for name, filter_ in filterset_class.base_filters.items()
    )
