"""Query strings taken as sent: a filter given an empty value is a 400, and the schema states each filter's bounds.

django-filter reads `?updated_after=` as "no filter" and answers 200, so a client whose variable
was empty gets everything and cannot tell. Free-text filters (a search, a username) keep that
reading: an empty search is no search. Bounds given to a filter (`min_value`, `max_value`) are
checked by its form field, and the OpenAPI document shows them.
"""

import django_filters
from django import forms
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from rest_framework.exceptions import ValidationError

from .filters import FilterBackend


def refuse_empty_values(params, filterset_class) -> None:
    """A 400 naming each filter of `filterset_class` that `params` gives an empty value, free text aside."""
    errors = {}
    for name, filter_ in filterset_class.base_filters.items():
        if type(filter_) is django_filters.CharFilter:
            continue
        if name in params and any(value.strip() == "" for value in params.getlist(name)):
            errors[name] = ["Give a value, or leave the parameter out."]
    if errors:
        raise ValidationError(errors)


class StrictFilterBackend(FilterBackend):
    """The shared filter backend, refusing empty values of filters that take no free text."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            refuse_empty_values(request.query_params, filterset_class)
        return super().filter_queryset(request, queryset, view)


class StrictFilterSchema(DjangoFilterExtension):
    """drf-spectacular's django-filter parameters, with the bounds the filters' form fields check."""

    target_class = StrictFilterBackend
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        for parameter in parameters:
            schema = parameter["schema"]
            if isinstance(filter_field, IdFilter):
                schema.pop("format", None)
                schema["type"] = "integer"
            for option, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
                if option in filter_field.extra:
                    schema[keyword] = filter_field.extra[option]
            if type(filter_field) is django_filters.CharFilter:
                schema.setdefault("pattern", "^[^\\u0000]*$")  # Django's form fields refuse NUL
            elif schema.get("type") == "string":
                schema.setdefault("minLength", 1)
        return parameters


class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number from 1 to the largest primary key, never a decimal."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)  # BigAutoField: a larger id is a 400, not an overflow
        super().__init__(*args, **kwargs)
