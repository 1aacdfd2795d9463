"""Verdicts, timelines, ratings and ClaimReview over the API; the services decide every rule."""

import django_filters
from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, OpenApiTypes, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from claims.models import Claim
from factcheck.api.etag import etag_for, require_if_match
from factcheck.api.filters import UtcIsoDateTimeFilter
from factcheck.api.pagination import StableCursorPagination
from factcheck.api.permissions import HasAnyRole, IsDesk, ReadAnyRoleWriteDesk, is_desk
from factcheck.api.query import StrictFilterBackend
from factcheck.api.renderers import JSONLDRenderer
from factcheck.api.schema import ERRORS, IF_MATCH
from factcheck.api.serializers import EmptyBodySerializer
from reviews import selectors, services
from reviews.claimreview import claimreview_document
from reviews.models import Verdict, WorkflowEvent
from reviews.workflow import PUBLIC_EVENT_ACTIONS

from .schema import EVENT_OUT, RATING_OUT, VERDICT_OUT
from .serializers import (
    EventSerializer,
    RatingSerializer,
    RequestChangesSerializer,
    VerdictPatchSerializer,
    VerdictSerializer,
    VerdictWriteSerializer,
)

VERDICT_EXAMPLE = OpenApiExample(
    "Draft a verdict",
    value={
        "rating": "false",
        "summary": "Unemployment fell from 5.1% to 4.8%, not by half.",
        "explanation": "The [labour force survey](https://stats.example.gov/lfs) shows a fall of **0.3 points**.",
        "sources": [12],
    },
    request_only=True,
)
CLAIMREVIEW_EXAMPLE = OpenApiExample(
    "ClaimReview",
    value={
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example.org/fact-checks/42/",
        "claimReviewed": "Unemployment fell by 50% since 2020.",
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "False",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
        },
        "author": {"@type": "Organization", "name": "factcheck desk", "url": "https://factcheck.example.org/"},
        "datePublished": "2026-11-28",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "The minister"},
            "datePublished": "2026-11-27",
            "appearance": [{"@type": "CreativeWork", "url": "https://news.example.org/2026/11/unemployment"}],
        },
    },
    response_only=True,
)


class AlwaysFirstRenderer(BaseContentNegotiation):
    """ClaimReview is served as JSON-LD whatever the client's Accept header says."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _visible_verdicts(request):
    return selectors.verdict_list(include_unpublished=is_desk(request))


def _verdict_response(verdict_id: int, *, request, status_code=status.HTTP_200_OK) -> Response:
    verdict = _visible_verdicts(request).get(pk=verdict_id)
    data = VerdictSerializer(verdict).data
    return Response(data, status=status_code, headers={"ETag": etag_for(data)})


class ClaimVerdictsView(generics.GenericAPIView):
    """claims/{id}/verdicts/: the versions of a claim's verdict you may see, and drafting a new one."""

    permission_classes = [ReadAnyRoleWriteDesk]
    serializer_class = VerdictSerializer
    pagination_class = None
    queryset = Verdict.objects.none()  # for the schema only; the handlers pick what the caller may see

    @extend_schema(
        summary="A claim's verdict versions",
        description="Integrators see published versions only (approved and superseded); the desk sees drafts too.",
        responses={200: VerdictSerializer(many=True), **ERRORS},
        examples=[VERDICT_OUT],
    )
    def get(self, request, claim_id: int):
        claim = get_object_or_404(Claim.objects.only("id"), pk=claim_id)
        verdicts = _visible_verdicts(request).filter(claim=claim).order_by("-version")
        return Response(VerdictSerializer(verdicts, many=True).data)

    @extend_schema(
        summary="Draft a verdict (the next version)",
        description="On a published claim this drafts a correction (editors; `correction_note` required).",
        request=VerdictWriteSerializer,
        examples=[VERDICT_EXAMPLE, VERDICT_OUT],
        responses={201: VerdictSerializer, **ERRORS},
    )
    def post(self, request, claim_id: int):
        claim = get_object_or_404(Claim.objects.only("id"), pk=claim_id)
        serializer = VerdictWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        verdict = services.verdict_create(claim=claim, actor=request.user, **serializer.validated_data)
        return _verdict_response(verdict.pk, request=request, status_code=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(
        summary="A verdict version",
        description="Integrators see published versions only. The `ETag` header is what a PATCH sends as If-Match.",
        examples=[VERDICT_OUT],
    )
)
class VerdictViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = VerdictSerializer
    permission_classes = [ReadAnyRoleWriteDesk]
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return _visible_verdicts(self.request)

    def get_permissions(self):
        if self.action in ("submit", "approve", "request_changes"):
            return [IsDesk()]
        return super().get_permissions()

    def retrieve(self, request, pk=None):
        return _verdict_response(self.get_object().pk, request=request)

    @extend_schema(
        summary="Edit a draft verdict (its author)",
        description="Needs `If-Match` with the verdict's current ETag: 428 without it, 412 when it is stale.",
        request=VerdictPatchSerializer,
        parameters=[IF_MATCH],
        examples=[OpenApiExample("Change the rating", value={"rating": "mostly-false"}, request_only=True)],
        responses={200: VerdictSerializer, 412: OpenApiResponse(description="Stale ETag"), **ERRORS},
    )
    def partial_update(self, request, pk=None):
        verdict = self.get_object()
        with transaction.atomic():
            # The claim lock is the one the verdict services take; holding it makes check-then-write atomic.
            Claim.objects.select_for_update().filter(pk=verdict.claim_id).values_list("pk", flat=True).first()
            current = self.get_queryset().get(pk=verdict.pk)
            require_if_match(request, etag_for(VerdictSerializer(current).data))
            serializer = VerdictPatchSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            services.verdict_update(verdict=current, actor=request.user, **serializer.validated_data)
        return _verdict_response(verdict.pk, request=request)

    @extend_schema(
        summary="Submit a draft for approval",
        request=None,
        responses={200: VerdictSerializer, **ERRORS},
        examples=[VERDICT_OUT],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        verdict = self.get_object()
        EmptyBodySerializer(data=request.data).is_valid(raise_exception=True)
        services.verdict_submit(verdict=verdict, actor=request.user)
        return _verdict_response(verdict.pk, request=request)

    @extend_schema(
        summary="Approve and publish (editors, never the author)",
        request=None,
        responses={200: VerdictSerializer, **ERRORS},
        examples=[VERDICT_OUT],
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        verdict = self.get_object()
        EmptyBodySerializer(data=request.data).is_valid(raise_exception=True)
        services.verdict_approve(verdict=verdict, actor=request.user)
        return _verdict_response(verdict.pk, request=request)

    @extend_schema(
        summary="Send a submitted verdict back (editors)",
        request=RequestChangesSerializer,
        examples=[OpenApiExample("Ask for a source", value={"note": "Cite the 2020 survey too."}, request_only=True)],
        responses={200: VerdictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request, pk=None):
        verdict = self.get_object()
        serializer = RequestChangesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.verdict_request_changes(verdict=verdict, actor=request.user, note=serializer.validated_data["note"])
        return _verdict_response(verdict.pk, request=request)


class ClaimEventsView(generics.GenericAPIView):
    permission_classes = [HasAnyRole]
    serializer_class = EventSerializer
    pagination_class = None
    queryset = WorkflowEvent.objects.none()  # for the schema only

    @extend_schema(
        summary="A claim's workflow timeline",
        description=(
            "The desk sees every entry. Integrators see the public part of a published claim's timeline: "
            "its publication and each correction; the timeline of a claim not published is empty for them."
        ),
        responses={200: EventSerializer(many=True), **ERRORS},
        examples=[EVENT_OUT],
    )
    def get(self, request, claim_id: int):
        claim = get_object_or_404(Claim.objects.only("id", "status"), pk=claim_id)
        events = selectors.event_list(claim_id=claim.pk)
        if not is_desk(request):
            # Assignments, sources, drafts and editors' notes are the desk's working notes.
            if claim.status != Claim.Status.PUBLISHED:
                events = events.none()
            events = events.filter(action__in=PUBLIC_EVENT_ACTIONS)
        return Response(EventSerializer(events, many=True).data)


class ClaimReviewView(generics.GenericAPIView):
    """One published fact-check as schema.org ClaimReview; anyone may read it."""

    permission_classes = [AllowAny]
    authentication_classes = []
    renderer_classes = [JSONLDRenderer]
    content_negotiation_class = AlwaysFirstRenderer
    pagination_class = None

    @extend_schema(
        summary="ClaimReview of a published claim",
        auth=[],
        responses={
            (200, "application/ld+json"): OpenApiResponse(OpenApiTypes.OBJECT, examples=[CLAIMREVIEW_EXAMPLE]),
        },
    )
    def get(self, request, claim_id: int):
        verdict = get_object_or_404(selectors.published_verdicts(), claim_id=claim_id)
        return Response(
            claimreview_document(verdict=verdict, first_published_at=verdict.first_published_at, request=request)
        )


class ClaimReviewFeedFilter(django_filters.FilterSet):
    updated_after = UtcIsoDateTimeFilter(field_name="decided_at", lookup_expr="gt")

    class Meta:
        model = Verdict
        fields = ["updated_after"]


class FeedPagination(StableCursorPagination):
    # Oldest first, so a poller can keep the last `updated_after` it saw.
    ordering = ("decided_at", "id")


class ClaimReviewFeedView(generics.ListAPIView):
    """Every published fact-check as ClaimReview; a correction re-appears with its new date."""

    permission_classes = [AllowAny]
    authentication_classes = []
    pagination_class = FeedPagination
    filter_backends = [StrictFilterBackend]
    filterset_class = ClaimReviewFeedFilter

    def get_queryset(self):
        return selectors.claimreview_verdicts()

    @extend_schema(
        summary="Feed of published ClaimReview documents",
        description="Oldest publication first; `updated_after` returns what was published or corrected since.",
        auth=[],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, examples=[CLAIMREVIEW_EXAMPLE])},
    )
    def get(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        bounds = selectors.rating_scale_bounds()
        documents = [
            claimreview_document(
                verdict=verdict, first_published_at=verdict.first_published_at, bounds=bounds, request=request
            )
            for verdict in page
        ]
        return self.get_paginated_response(documents)


class RatingListView(generics.ListAPIView):
    permission_classes = [HasAnyRole]
    serializer_class = RatingSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.rating_list()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "bounds": selectors.rating_scale_bounds()}

    @extend_schema(summary="The rating scale, with each label's ClaimReview numbers", examples=[RATING_OUT])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
