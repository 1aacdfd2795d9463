"""Shared pieces of the OpenAPI description: error answers and the If-Match header."""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, OpenApiTypes, inline_serializer
from rest_framework import serializers

from factcheck.text import text_pattern

_Detail = inline_serializer(
    "ErrorDetail", fields={"detail": serializers.CharField(), "code": serializers.CharField(required=False)}
)

ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid input: field errors, {field: [messages]}."),
    401: OpenApiResponse(_Detail, description="No or invalid credentials."),
    403: OpenApiResponse(_Detail, description="Your role may not do this."),
    404: OpenApiResponse(_Detail, description="Not found, or not visible to you."),
    409: OpenApiResponse(_Detail, description="The claim or verdict is in a state that does not allow this."),
    415: OpenApiResponse(_Detail, description="Writes take application/json only."),
    428: OpenApiResponse(_Detail, description="If-Match is required."),
    429: OpenApiResponse(_Detail, description="Too many requests; see Retry-After."),
}

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag you read (428 without it, 412 when stale).",
)


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "factcheck.api.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`; create a key with `manage.py apitoken USERNAME`.",
        }


_ERROR_DESCRIPTIONS = {
    "400": "Invalid input: field errors as {field: [messages]}, or a detail message.",
    "401": "No or invalid credentials.",
    "403": "Your role may not do this.",
    "404": "Not found, not visible to you, or an invalid cursor.",
    "409": "The claim or verdict is in a state that does not allow this.",
    "412": "If-Match does not match the current ETag.",
    "413": "The request body is too large.",
    "415": "Writes take application/json only.",
    "428": "If-Match is required.",
    "429": "Too many requests; see Retry-After.",
}


def add_error_responses(result, generator, request, public):
    """Document the error answers every operation can give, in the media type it answers with."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "description": "An error: `detail` for one message, or field names mapping to lists of messages.",
        "additionalProperties": True,
        "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    }
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            media_types = set()
            for response in responses.values():
                media_types.update(response.get("content", {}).keys())
            # Errors from outside the view (an unmatched URL) are always plain JSON.
            media_types = sorted(media_types | {"application/json"})
            codes = ["400", "401", "403", "404", "429"]
            if method in ("post", "patch", "put", "delete"):
                codes += ["409", "413", "415"]
            if any(p.get("in") == "header" and p.get("name") == "If-Match" for p in operation.get("parameters", [])):
                codes += ["412", "428"]
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": _ERROR_DESCRIPTIONS[code],
                        "content": {
                            media: {"schema": {"$ref": "#/components/schemas/Error"}} for media in media_types
                        },
                    },
                )
    return result


class VisibleTextFieldSchema(OpenApiSerializerFieldExtension):
    """A VisibleTextField's request schema says which characters are refused (factcheck.text)."""

    target_class = "factcheck.api.serializers.VisibleTextField"

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "request":
            schema["pattern"] = text_pattern(visible=True, blank=self.target.allow_blank)
        return schema


class UniqueListFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "factcheck.api.serializers.UniqueListField"

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        schema["uniqueItems"] = True
        return schema


class StrictInputSchema(OpenApiSerializerExtension):
    """A body read by a StrictInputMixin serializer takes no other keys, and at least `min_keys` of its own."""

    target_class = "factcheck.api.serializers.StrictInputMixin"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if type(self.target).__dict__.get("__doc__") is None:
            schema.pop("description", None)  # the mixin's docstring, inherited: not about this body
        if direction == "request":
            schema["additionalProperties"] = False
            if self.target.min_keys:
                schema["minProperties"] = self.target.min_keys
        return schema


def strict_request_bodies(result, generator, request, public):
    """Strings in request bodies hold no control characters (the JSON parser refuses them everywhere),
    and a body that must have keys (`minProperties`) must be sent."""
    components = result.get("components", {}).get("schemas", {})
    for name, component in components.items():
        if name.endswith("Request") and component.get("type") == "object":
            for field in component.get("properties", {}).values():
                _blank_or(field)
                _control_free(field.get("items", field))
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            body = operation.get("requestBody") if isinstance(operation, dict) else None
            if body is None:
                continue
            refs = [media.get("schema", {}).get("$ref", "") for media in body.get("content", {}).values()]
            if any(components.get(ref.rsplit("/", 1)[-1], {}).get("minProperties") for ref in refs):
                body["required"] = True
    return result


def _blank_or(schema: dict) -> None:
    # drf-spectacular writes a blank-or-URL field as oneOf [uri, maxLength 0]; a validator that counts
    # "" as a URI too then finds both branches and calls "" invalid, which the API accepts.
    branches = schema.get("oneOf", [])
    if any(branch.get("maxLength") == 0 for branch in branches):
        schema["anyOf"] = schema.pop("oneOf")


def _control_free(schema: dict) -> None:
    # Strings with a format, a pattern or choices already rule control characters out.
    if schema.get("type") == "string" and not {"format", "pattern", "enum"} & set(schema):
        schema["pattern"] = text_pattern(visible=False, blank=not schema.get("minLength"))
