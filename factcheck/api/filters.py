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


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, working only with the filters the query string asks for.

    django-filter deep-copies every filter, builds a new Form class from all their fields (a
    `type()` call and Django's form metaclass), copies and cleans every field, on every request:
    a third of a filtered API page. A filter whose parameter is absent filters nothing, so a bound
    filterset here keeps only the asked ones, and the form class for each such set is built once
    (our filters' fields depend on nothing in the request). Unbound (the browsable API's form), it
    has them all.
    """

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # An instance attribute: BaseFilterSet.__init__ copies self.base_filters.
            self.base_filters = {name: f for name, f in self.base_filters.items() if _asked(name, f, data)}
        super().__init__(data, *args, **kwargs)

    def get_form_class(self):
        form_classes = type(self).__dict__.get("_form_classes")
        if form_classes is None:
            form_classes = type(self)._form_classes = {}
        names = tuple(self.filters)
        form_class = form_classes.get(names)
        if form_class is None:
            form_class = form_classes[names] = super().get_form_class()
        return form_class


def _asked(name: str, filter_, data) -> bool:
    # startswith: a range filter reads `<name>_min` / `<name>_max` / `<name>_after` style parameters.
    return bool(filter_.extra.get("required")) or any(key.startswith(name) for key in data)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, minus building and validating a filter form when no filter is asked for.

    With none of the filterset's parameters in the query string every filter is skipped anyway, so
    the queryset comes back as it went in; a plain first page then costs no form.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not _asks_for_filter(request, filterset_class):
            return queryset
        return super().filter_queryset(request, queryset, view)


def _asks_for_filter(request, filterset_class) -> bool:
    return any(_asked(name, f, request.query_params) for name, f in filterset_class.base_filters.items())
