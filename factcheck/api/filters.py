"""Filtering plumbing shared by every list endpoint."""

import datetime

import django_filters
from django import forms


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
