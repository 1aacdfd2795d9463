"""A claim's matches over the API: what the matcher suggested (checked before, seen before) and the desk's decisions.

Reading follows the claim's own permission (every role); confirming and rejecting are the desk's, and
the services (reviews.services.matches) decide every rule: 409 once a match is decided.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.response import Response

from claims.api.serializers import route
from claims.models import Claim, ClaimMatch
from factcheck.api.etag import etag_for
from factcheck.api.permissions import IsDesk, ReadAnyRoleWriteDesk
from factcheck.api.schema import ERRORS
from factcheck.api.serializers import EmptyBodySerializer
from reviews import selectors, services
from reviews.claimreview import public_url


class MatchedClaimSerializer(serializers.Serializer):
    """The other claim of a match: the earlier claim, or the published fact-check."""

    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    article = serializers.IntegerField(source="article_id")
    article_title = serializers.CharField(source="article.title")
    article_url = serializers.CharField(source="article.url", allow_null=True)
    rating = serializers.SerializerMethodField(help_text="Slug of the published rating; null unless published.")
    published_at = serializers.SerializerMethodField(help_text="When the fact-check was first published.")
    public_url = serializers.SerializerMethodField(help_text="The public fact-check page; null unless published.")
    claimreview_url = serializers.SerializerMethodField(help_text="Its ClaimReview document; null unless published.")

    def _match(self):
        return self.context["match"]

    def get_rating(self, claim) -> str | None:
        return getattr(self._match(), "candidate_rating", None) if self._published(claim) else None

    @staticmethod
    def _published(claim) -> bool:
        return claim.status == Claim.Status.PUBLISHED

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_published_at(self, claim) -> str | None:
        value = getattr(self._match(), "candidate_published_at", None) if self._published(claim) else None
        return serializers.DateTimeField().to_representation(value) if value else None

    def get_public_url(self, claim) -> str | None:
        return public_url(claim.pk, request=self.context.get("request")) if self._published(claim) else None

    def get_claimreview_url(self, claim) -> str | None:
        return route("api-claim-claimreview")(claim.pk) if self._published(claim) else None


class MatchSerializer(serializers.ModelSerializer):
    candidate = serializers.SerializerMethodField()
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ClaimMatch
        fields = [
            "id", "claim", "candidate", "score", "reasons", "status", "checked", "matcher_version",
            "decided_by", "decided_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(MatchedClaimSerializer)
    def get_candidate(self, match) -> dict:
        return MatchedClaimSerializer(match.candidate, context={**self.context, "match": match}).data


class ClaimMatchesSerializer(serializers.Serializer):
    checked_before = MatchSerializer(many=True, help_text="Published fact-checks this claim may repeat.")
    seen_before = MatchSerializer(many=True, help_text="Other claims, not published, this claim may repeat.")


MATCH_OUT = {
    "id": 9,
    "claim": 57,
    "candidate": {
        "id": 42,
        "text": "Unemployment fell by 50% since 2020.",
        "status": "published",
        "article": 12,
        "article_title": "Minister says unemployment fell by half",
        "article_url": "https://news.example.org/2026/11/unemployment",
        "rating": "false",
        "published_at": "2026-11-28T15:30:00Z",
        "public_url": "https://factcheck.example.org/fact-checks/42/",
        "claimreview_url": "/api/v1/claims/42/claimreview/",
    },
    "score": 0.91,
    "reasons": ["same figures", "same actor and action"],
    "status": "suggested",
    "checked": True,
    "matcher_version": "1.0.0",
    "decided_by": None,
    "decided_at": None,
    "created_at": "2026-11-30T09:00:02Z",
}
MATCHES_OUT = OpenApiExample("Matches", response_only=True, value={"checked_before": [MATCH_OUT], "seen_before": []})
DECIDED_OUT = OpenApiExample(
    "Confirmed",
    response_only=True,
    value={**MATCH_OUT, "status": "confirmed", "decided_by": "rita", "decided_at": "2026-11-30T10:00:00Z"},
)


def _match_response(match: ClaimMatch, *, request) -> Response:
    """The match as a GET of the claim's matches shows it, with its ETag."""
    match = selectors.claim_match_list(claim_id=match.claim_id).get(pk=match.pk)
    data = MatchSerializer(match, context={"request": request}).data
    return Response(data, headers={"ETag": etag_for(data)})


class ClaimMatchesView(generics.GenericAPIView):
    """claims/{id}/matches/: what the matcher suggested for a claim, and what the desk decided."""

    permission_classes = [ReadAnyRoleWriteDesk]
    serializer_class = ClaimMatchesSerializer
    pagination_class = None
    queryset = ClaimMatch.objects.none()  # for the schema only

    @extend_schema(
        summary="A claim's matches: checked before and seen before",
        description=(
            "Suggestions of the matcher and the desk's decisions on them (`status`: suggested, confirmed or "
            "rejected). `checked_before` lists published fact-checks (their rating, first publication, public "
            "page and ClaimReview), `seen_before` other claims (their article and status); each best first."
        ),
        responses={200: ClaimMatchesSerializer, **ERRORS},
        examples=[MATCHES_OUT],
    )
    def get(self, request, claim_id: int):
        claim = get_object_or_404(Claim.objects.only("id"), pk=claim_id)
        matches = list(selectors.claim_match_list(claim_id=claim.pk))
        context = {"request": request}
        return Response(
            {
                "checked_before": MatchSerializer([m for m in matches if m.checked], many=True, context=context).data,
                "seen_before": MatchSerializer([m for m in matches if not m.checked], many=True, context=context).data,
            }
        )


class _MatchDecisionView(generics.GenericAPIView):
    permission_classes = [IsDesk]
    serializer_class = MatchSerializer
    queryset = ClaimMatch.objects.none()  # for the schema only
    decide = None  # the service: match_confirm or match_reject

    def post(self, request, claim_id: int, match_id: int):
        match = get_object_or_404(ClaimMatch.objects.all(), pk=match_id, claim_id=claim_id)
        EmptyBodySerializer(data=request.data).is_valid(raise_exception=True)
        self.decide(match=match, actor=request.user)
        return _match_response(match, request=request)


_DECISION_DESCRIPTION = (
    "Reviewers and editors; the body is empty. 404 when the match is not this claim's; 409 when it was "
    "already decided. The `ETag` header is the answer's."
)


@extend_schema(
    summary="Confirm a match: the same claim",
    description=(
        "Puts both claims in one group. When the group holds a published fact-check, every open claim of it "
        "becomes another appearance of that fact-check (status `reused`, `fact_check` set) and integrators "
        "receive `claim.matched`. " + _DECISION_DESCRIPTION
    ),
    request=None,
    responses={200: MatchSerializer, **ERRORS},
    examples=[DECIDED_OUT],
)
class MatchConfirmView(_MatchDecisionView):
    decide = staticmethod(services.match_confirm)


@extend_schema(
    summary="Reject a match: not the same claim",
    description="The pair is never suggested again. " + _DECISION_DESCRIPTION,
    request=None,
    responses={200: MatchSerializer, **ERRORS},
    examples=[OpenApiExample("Rejected", response_only=True, value={**MATCH_OUT, "status": "rejected"})],
)
class MatchRejectView(_MatchDecisionView):
    decide = staticmethod(services.match_reject)
