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
    target_class = "reviews.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`; create a key with `manage.py apitoken USERNAME`.",
        }
