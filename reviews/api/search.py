"""Has this been checked? Public search of the published fact-checks for any sentence.

Anyone may ask, without credentials, at its own rate (the `factcheck_search` throttle scope,
FACTCHECK_API_RATE_SEARCH): the answer is ranked by the claim matcher, so it costs more than a read.
"""

import re

from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from factcheck.api.throttling import SearchThrottle
from factcheck.links import absolute_url
from factcheck.text import CONTROL_CHARACTERS, text_pattern
from reviews import selectors
from reviews.claimreview import public_url

# A sentence, or a short paragraph: longer text is not one claim, and costs the matcher more.
MAX_QUERY_LENGTH = 1000
DEFAULT_LIMIT = 5
MAX_LIMIT = 20
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
# What the schema's pattern calls blank: JSON Schema's \s (ECMAScript's) counts the byte-order mark too.
WHITESPACE = (
    " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY_LENGTH,
        trim_whitespace=False,  # counted as sent, as the schema's maxLength counts
        error_messages={
            "required": "Give the sentence to look for: ?q=...",
            "blank": "Give the sentence to look for: ?q=... (it is empty).",
            "max_length": f"The sentence is too long: up to {MAX_QUERY_LENGTH} characters.",
        },
    )
    limit = serializers.IntegerField(
        min_value=1,
        max_value=MAX_LIMIT,
        required=False,
        default=DEFAULT_LIMIT,
        error_messages={"invalid": f"A whole number from 1 to {MAX_LIMIT}."},
    )

    def validate_q(self, value):
        if _CONTROL.search(value):
            raise serializers.ValidationError("The sentence holds control characters.")
        if not value.strip(WHITESPACE):
            raise serializers.ValidationError("Give the sentence to look for: ?q=... (it is blank).")
        return value.strip(WHITESPACE)


PARAMETERS = [
    OpenApiParameter(
        "q",
        {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_QUERY_LENGTH,
            "pattern": text_pattern(visible=False, blank=False),
        },
        OpenApiParameter.QUERY,
        required=True,
        description=f"The sentence to look for: a claim as it was said or written (up to {MAX_QUERY_LENGTH} "
        "characters, not blank, no control characters).",
    ),
    OpenApiParameter(
        "limit",
        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        OpenApiParameter.QUERY,
        description=f"How many fact-checks at most ({DEFAULT_LIMIT} unless given).",
    ),
]


class FactCheckHitSerializer(serializers.Serializer):
    claim = serializers.IntegerField(help_text="The fact-checked claim's id.")
    text = serializers.CharField(help_text="The claim as the fact-check words it.")
    rating = serializers.CharField(help_text="Slug of the published rating.")
    rating_label = serializers.CharField()
    summary = serializers.CharField(help_text="The verdict's one-line summary.")
    score = serializers.FloatField(help_text="From 0 to 1: the estimated chance it is the same claim.")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Why the matcher thinks so.")
    published_at = serializers.DateTimeField(help_text="When the fact-check was first published.")
    public_url = serializers.CharField()
    claimreview_url = serializers.CharField(help_text="Its schema.org ClaimReview document.")


class FactCheckSearchSerializer(serializers.Serializer):
    results = FactCheckHitSerializer(many=True)


SEARCH_OUT = OpenApiExample(
    "Checked before",
    response_only=True,
    value={
        "results": [
            {
                "claim": 42,
                "text": "Unemployment fell by 50% since 2020.",
                "rating": "false",
                "rating_label": "False",
                "summary": "Unemployment fell from 5.1% to 4.8%, not by half.",
                "score": 0.87,
                "reasons": ["same figures", "same actor and action"],
                "published_at": "2026-11-28T15:30:00Z",
                "public_url": "https://factcheck.example.org/fact-checks/42/",
                "claimreview_url": "https://factcheck.example.org/api/v1/claims/42/claimreview/",
            }
        ]
    },
)


def _hit(ranked, verdict, *, request) -> dict:
    claim = verdict.claim
    return {
        "claim": claim.pk,
        "text": claim.text,
        "rating": verdict.rating.slug,
        "rating_label": verdict.rating.label,
        "summary": verdict.summary,
        "score": round(min(1.0, max(0.0, ranked.match.score)), 4),
        "reasons": list(ranked.match.reasons),
        "published_at": verdict.first_published_at,
        "public_url": public_url(claim.pk, request=request),
        "claimreview_url": absolute_url(reverse("api-claim-claimreview", args=[claim.pk]), request=request),
    }


class FactCheckSearchView(generics.GenericAPIView):
    """fact-checks/search/?q=...: the published fact-checks a sentence most likely repeats, best first."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [SearchThrottle]
    pagination_class = None
    serializer_class = FactCheckSearchSerializer

    @extend_schema(
        summary="Has this been checked? Published fact-checks for a sentence",
        description=(
            "Public, no credentials. Ranks the published fact-checks by the claim matcher: the ones most "
            "likely the claim `q` makes come first, each with its score and the matcher's reasons; fact-checks "
            "only loosely related are left out, so an empty list means nothing checked looks like it. Never "
            "lists a claim that is not published. Its own request rate per address (429 with Retry-After)."
        ),
        auth=[],
        parameters=PARAMETERS,
        responses={200: FactCheckSearchSerializer},
        examples=[SEARCH_OUT],
    )
    def get(self, request):
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        found = selectors.factcheck_search(q=params.validated_data["q"], limit=params.validated_data["limit"])
        results = [_hit(ranked, verdict, request=request) for ranked, verdict in found]
        return Response(FactCheckSearchSerializer({"results": results}).data)
