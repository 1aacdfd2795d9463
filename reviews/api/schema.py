"""Shared pieces of the OpenAPI description: error answers and the If-Match header."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, OpenApiTypes, inline_serializer
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

ARTICLE_OUT = OpenApiExample(
    "Article",
    response_only=True,
    status_codes=["200", "202"],
    value={
        "id": 12,
        "title": "Minister says unemployment fell by half",
        "url": "https://news.example.org/2026/11/unemployment",
        "publisher": "Example News",
        "author": "A. Reporter",
        "published_at": "2026-11-28T08:00:00Z",
        "language": "en",
        "segmentation_status": "done",
        "segmentation_error": "",
        "segmented_at": "2026-11-28T09:00:02Z",
        "segmenter_version": "1.0",
        "claim_count": 4,
        "created_at": "2026-11-28T09:00:00Z",
        "updated_at": "2026-11-28T09:00:02Z",
        "links": {"self": "/api/v1/articles/12/", "claims": "/api/v1/claims/?article=12"},
    },
)
CLAIM_OUT = OpenApiExample(
    "Claim",
    response_only=True,
    value={
        "id": 42,
        "article": 12,
        "text": "Unemployment fell by 50% since 2020.",
        "original_text": "unemployment fell by 50% since 2020",
        "start": 32,
        "end": 67,
        "position": 0,
        "checkworthiness": 0.86,
        "reasons": ["number", "comparison"],
        "claim_type": "quantity",
        "segmenter_version": "1.0",
        "status": "published",
        "dismiss_reason": "",
        "assignee": "rita",
        "claimant": "The minister",
        "claimant_url": "",
        "tags": ["economy"],
        "rating": "false",
        "created_at": "2026-11-28T09:00:02Z",
        "updated_at": "2026-11-28T15:30:00Z",
        "links": {
            "self": "/api/v1/claims/42/",
            "public": "https://factcheck.example.org/fact-checks/42/",
            "claimreview": "/api/v1/claims/42/claimreview/",
        },
    },
)
VERDICT_OUT = OpenApiExample(
    "Verdict",
    response_only=True,
    value={
        "id": 7,
        "claim": 42,
        "version": 1,
        "status": "approved",
        "rating": "false",
        "rating_label": "False",
        "summary": "Unemployment fell from 5.1% to 4.8%, not by half.",
        "explanation": "<p>The labour force survey shows a fall of 0.3 points.</p>",
        "sources": [{"id": 3, "url": "https://stats.example.gov/labour/2026", "title": "Survey", "publisher": "ONS"}],
        "correction_note": "",
        "author": "rita",
        "editor": "edna",
        "submitted_at": "2026-11-28T14:00:00Z",
        "decided_at": "2026-11-28T15:30:00Z",
        "created_at": "2026-11-28T13:00:00Z",
        "updated_at": "2026-11-28T15:30:00Z",
    },
)
EVENT_OUT = OpenApiExample(
    "Timeline",
    response_only=True,
    value=[
        {"id": 1, "action": "assign", "from_state": "new", "to_state": "in_review", "note": "Assigned to rita.",
         "actor": "rita", "at": "2026-11-28T10:00:00Z"},
        {"id": 5, "action": "approve", "from_state": "awaiting_approval", "to_state": "published",
         "note": "Version 1 approved and published.", "actor": "edna", "at": "2026-11-28T15:30:00Z"},
    ],
)  # fmt: skip
RATING_OUT = OpenApiExample(
    "Scale",
    response_only=True,
    value=[
        {"slug": "false", "label": "False", "value": 1, "description": "The claim is not accurate.", "order": 4,
         "claimreview": {"alternateName": "False", "ratingValue": 1, "bestRating": 5, "worstRating": 1}},
        {"slug": "misleading", "label": "Misleading", "value": None, "description": "", "order": 5,
         "claimreview": {"alternateName": "Misleading"}},
    ],
)  # fmt: skip
SOURCE_OUT = OpenApiExample(
    "Sources",
    response_only=True,
    value=[
        {"id": 3, "claim": 42, "url": "https://stats.example.gov/labour/2026", "title": "Labour force survey 2026",
         "publisher": "Statistics office", "published_at": "2026-10-01", "accessed_at": "2026-11-28T11:00:00Z",
         "archive_url": "", "excerpt": "Unemployment: 5.1% (2020), 4.8% (2026).", "source_type": "dataset",
         "added_by": "rita", "created_at": "2026-11-28T11:00:00Z"},
    ],
)  # fmt: skip
WEBHOOK_OUT = OpenApiExample(
    "Subscription",
    response_only=True,
    value={
        "id": 2,
        "url": "https://hooks.example.org/factcheck",
        "events": ["claim.published", "verdict.corrected"],
        "is_active": True,
        "created_at": "2026-11-28T08:00:00Z",
        "updated_at": "2026-11-28T08:00:00Z",
    },
)
DELIVERY_OUT = OpenApiExample(
    "Deliveries",
    response_only=True,
    value=[
        {"id": 9, "event_id": "8c1f0e0a-3f7e-4a56-9d0e-2b1d6f1c0a11", "event": "claim.published",
         "payload": {"claim": {"id": 42}}, "status": "delivered", "attempts": 2, "last_status_code": 200,
         "last_error": "", "next_attempt_at": None, "delivered_at": "2026-11-28T15:31:00Z",
         "created_at": "2026-11-28T15:30:00Z",
         "attempt_log": [
             {"at": "2026-11-28T15:30:01Z", "status_code": 503, "error": "HTTP 503: busy", "duration_ms": 40},
             {"at": "2026-11-28T15:31:00Z", "status_code": 200, "error": "", "duration_ms": 35},
         ]},
    ],
)  # fmt: skip
DELIVERY_REPLAYED = OpenApiExample(
    "Replayed",
    response_only=True,
    status_codes=["202"],
    value={**DELIVERY_OUT.value[0], "status": "pending", "attempts": 0, "delivered_at": None},
)
