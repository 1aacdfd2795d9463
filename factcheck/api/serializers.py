"""Request bodies are taken as sent or refused: no key is dropped silently and no type is coerced.

DRF ignores keys a serializer does not declare and read-only ones, so a client that sends `status`
or `author` is told 200 and believes it set them; it also turns `0` into `False` and `42` into
`"42"`. Every serializer that reads a request body mixes in StrictInputMixin, and the OpenAPI
document says so (`additionalProperties: false`, `minProperties`: factcheck.api.schema).
"""

from collections.abc import Mapping

from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

_JSON_TYPES = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "an object",
}


def _expected(field) -> tuple[tuple[type, ...], str] | None:
    """The JSON types a field takes, and how to name them; None for fields left to DRF."""
    if isinstance(field, serializers.BooleanField):
        return (bool,), "a boolean"
    if isinstance(field, serializers.IntegerField):
        return (int,), "a whole number"
    if isinstance(field, serializers.FloatField | serializers.DecimalField):
        return (int, float), "a number"
    if isinstance(
        field, serializers.CharField | serializers.ChoiceField | serializers.DateField | serializers.DateTimeField
    ):
        return (str,), "a string"
    return None


def _type_error(field, value) -> str | None:
    if value is None:
        return None  # the field's allow_null decides
    if isinstance(field, serializers.CharField) and isinstance(value, str):
        # DRF trims before it counts; the schema's maxLength counts what was sent.
        if field.max_length is not None and len(value) > field.max_length:
            return f"Ensure this field has no more than {field.max_length} characters."
        return None
    if isinstance(field, serializers.ListField):
        if isinstance(value, list):
            for item in value:
                error = _type_error(field.child, item)
                if error:
                    return error
        return None
    expected = _expected(field)
    if expected is None:
        return None
    types, name = expected
    # bool is an int in Python, never in JSON.
    if isinstance(value, types) and not (isinstance(value, bool) and bool not in types):
        return None
    return f"Expected {name}, got {_JSON_TYPES.get(type(value), type(value).__name__)}."


class StrictInputMixin:
    """Refuse, with a 400 naming each, keys the serializer does not take and values of the wrong JSON type.

    `read_only_keys` names fields of the resource a client reads but may not write (its
    representation's fields), so those are called read-only rather than unknown. `min_keys`: how
    many keys a body must have at least (a PATCH that changes nothing is a mistake).
    """

    read_only_keys: frozenset[str] = frozenset()
    min_keys: int = 0

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            if len(data) < self.min_keys:
                raise serializers.ValidationError(
                    {"non_field_errors": [f"Send at least {self.min_keys} of: {', '.join(self.fields)}."]}
                )
            errors = {}
            for key, value in data.items():
                field = self.fields.get(key)
                if field is None:
                    if key in self.read_only_keys:
                        errors[key] = [ErrorDetail("This field is read-only.", code="read_only")]
                    else:
                        errors[key] = [ErrorDetail("Unknown field.", code="unknown_field")]
                elif field.read_only:
                    errors[key] = [ErrorDetail("This field is read-only.", code="read_only")]
                else:
                    message = _type_error(field, value)
                    if message:
                        errors[key] = [ErrorDetail(message, code="invalid_type")]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class EmptyBodySerializer(StrictInputMixin, serializers.Serializer):
    """The body of an action that takes none: nothing, `{}`, or a 400 naming what was sent."""


class VisibleTextField(serializers.CharField):
    """Text readers see: the services refuse characters that hide or reorder it (factcheck.text).

    It checks nothing a CharField does not; it lets the OpenAPI document state the rule.
    """


class UniqueListField(serializers.ListField):
    """A list whose items are all different; the OpenAPI document says `uniqueItems`."""

    default_error_messages = {"not_unique": "Name each item once."}

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if len(set(values)) != len(values):
            self.fail("not_unique")
        return values
