"""Shared pieces of the OpenAPI description: error answers and the If-Match header."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, OpenApiTypes, inline_serializer
from rest_framework import serializers

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
    required=False,
    description="The ETag you read; required (428 without it, 412 when stale).",
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
            if method == "patch":
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


# --- Response examples shown in /api/docs/ ------------------------------------------------------
