"""Claims over the API: read by every role; triage, edits and sources by the desk, through the services."""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import selectors as claim_selectors
from claims.api.schema import CLAIM_OUT, SOURCE_OUT
from claims.models import Claim
from factcheck.api.etag import etag_for, require_if_match
from factcheck.api.pagination import StableCursorPagination, StableOrderingFilter
from factcheck.api.permissions import IsDesk, ReadAnyRoleWriteDesk
from factcheck.api.query import IdFilter, StrictFilterBackend
from factcheck.api.schema import ERRORS, IF_MATCH
from reviews import selectors, services

from .filters import ClaimFilter
from .serializers import (
    AssignSerializer,
    ClaimEditSerializer,
    ClaimSerializer,
    DismissSerializer,
    MergeSerializer,
    NoteSerializer,
    SourceSerializer,
    SplitSerializer,
)


def _claim_data(claim_or_claims, *, request, many=False):
    # The request gives the public links their host when FACTCHECK_PUBLIC_BASE_URL is unset; the
    # ETag a PATCH checks must be computed the same way as the one a GET sent.
    return ClaimSerializer(claim_or_claims, many=many, context={"request": request}).data


def _claim_response(claim_id: int, *, queryset, request, status_code=status.HTTP_200_OK) -> Response:
    claim = queryset.get(pk=claim_id)
    data = _claim_data(claim, request=request)
    return Response(data, status=status_code, headers={"ETag": etag_for(data)})


class ClaimListFilter(ClaimFilter):
    """ClaimFilter with the bounds the schema states."""

    article = IdFilter(field_name="article_id")
    # A check-worthiness is between 0 and 1: a minimum outside that is a mistake, not an empty page.
    checkworthiness_min = django_filters.NumberFilter(
        field_name="checkworthiness", lookup_expr="gte", min_value=0, max_value=1
    )


def _resolve_assignee(value, *, request):
    if value is None:
        return None
    if value == "me":
        return request.user
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: value}, is_active=True).first()
    if user is None:
        raise ValidationError({"assignee": f"There is no active user {value!r}."})
    return user


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description=(
            "Cursor pages (default 50, `page_size` up to 200). `ordering` takes id, checkworthiness, "
            "position, created_at or updated_at (prefix `-` for descending)."
        ),
        examples=[CLAIM_OUT],
    ),
    retrieve=extend_schema(
        summary="A claim",
        description="The `ETag` header is what a PATCH sends as `If-Match`.",
        examples=[CLAIM_OUT],
    ),
)
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ClaimSerializer
    permission_classes = [ReadAnyRoleWriteDesk]
    pagination_class = StableCursorPagination
    filterset_class = ClaimListFilter
    ordering_fields = ["id", "checkworthiness", "position", "created_at", "updated_at"]
    ordering = ["-id"]
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    filter_backends = [StrictFilterBackend, StableOrderingFilter]

    def get_queryset(self):
        return selectors.claim_list()

    def filter_queryset(self, queryset):
        # Filters and ordering are for the list; a claim's own URL finds it whatever the query string says.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_permissions(self):
        if self.action in ("assign", "dismiss", "reopen", "split", "merge", "sources"):
            return [IsDesk()]
        return super().get_permissions()

    def list(self, request, *args, **kwargs):
        # Plain rows rather than model instances: the list is the API's busiest read.
        rows = self.filter_queryset(selectors.claim_rows())
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        claim = self.get_object()
        return _claim_response(claim.pk, queryset=self.get_queryset(), request=request)

    @extend_schema(
        summary="Edit a claim's wording or claimant",
        description="Needs `If-Match` with the claim's current ETag: 428 without it, 412 when it is stale.",
        request=ClaimEditSerializer,
        parameters=[IF_MATCH],
        examples=[
            OpenApiExample("Reword", value={"text": "Unemployment fell by half since 2020."}, request_only=True),
            CLAIM_OUT,
        ],
        responses={200: ClaimSerializer, 412: OpenApiResponse(description="Stale ETag"), **ERRORS},
    )
    def partial_update(self, request, pk=None):
        claim = self.get_object()
        with transaction.atomic():
            # Hold the row while comparing tags, so an edit between the check and the write cannot slip in.
            Claim.objects.select_for_update().filter(pk=claim.pk).values_list("pk", flat=True).first()
            current = self.get_queryset().get(pk=claim.pk)
            require_if_match(request, etag_for(_claim_data(current, request=request)))
            serializer = ClaimEditSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            services.claim_edit(claim=current, actor=request.user, **serializer.validated_data)
        return _claim_response(claim.pk, queryset=self.get_queryset(), request=request)

    @extend_schema(
        summary="Assign (or unassign) a claim",
        request=AssignSerializer,
        examples=[
            OpenApiExample("Assign to someone", value={"assignee": "rita"}, request_only=True),
            OpenApiExample("Take it yourself", value={"assignee": "me"}, request_only=True),
            OpenApiExample("Unassign", value={"assignee": None}, request_only=True),
            CLAIM_OUT,
        ],
        responses={200: ClaimSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        claim = self.get_object()
        serializer = AssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignee = _resolve_assignee(serializer.validated_data["assignee"], request=request)
        services.claim_assign(claim=claim, actor=request.user, assignee=assignee)
        return _claim_response(claim.pk, queryset=self.get_queryset(), request=request)

    @extend_schema(
        summary="Dismiss a claim",
        request=DismissSerializer,
        examples=[
            OpenApiExample("Opinion", value={"reason": "opinion", "note": "A value judgement."}, request_only=True)
        ],
        responses={200: ClaimSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        claim = self.get_object()
        serializer = DismissSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.claim_dismiss(claim=claim, actor=request.user, **serializer.validated_data)
        return _claim_response(claim.pk, queryset=self.get_queryset(), request=request)

    @extend_schema(
        summary="Reopen a dismissed claim",
        request=NoteSerializer,
        examples=[OpenApiExample("Reopen", value={"note": "It is check-worthy after all."}, request_only=True)],
        responses={200: ClaimSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        claim = self.get_object()
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.claim_reopen(claim=claim, actor=request.user, **serializer.validated_data)
        return _claim_response(claim.pk, queryset=self.get_queryset(), request=request)

    @extend_schema(
        summary="Split a claim in two",
        request=SplitSerializer,
        examples=[OpenApiExample("Split", value={"at": 42}, request_only=True)],
        responses={200: ClaimSerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def split(self, request, pk=None):
        claim = self.get_object()
        serializer = SplitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        first, second = services.claim_split(claim=claim, actor=request.user, at=serializer.validated_data["at"])
        claims = self.get_queryset().filter(pk__in=[first.pk, second.pk]).order_by("position")
        return Response(_claim_data(claims, request=request, many=True))

    @extend_schema(
        summary="Merge adjacent claims of one article",
        request=MergeSerializer,
        examples=[OpenApiExample("Merge two", value={"claims": [17, 18]}, request_only=True)],
        responses={200: ClaimSerializer, **ERRORS},
    )
    @action(detail=False, methods=["post"])
    def merge(self, request):
        serializer = MergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        survivor = services.claim_merge(claims=serializer.validated_data["claims"], actor=request.user)
        return _claim_response(survivor.pk, queryset=self.get_queryset(), request=request)

    @extend_schema(
        methods=["GET"],
        summary="A claim's sources (reviewers and editors)",
        request=None,
        responses={200: SourceSerializer(many=True), **ERRORS},
        examples=[SOURCE_OUT],
    )
    @extend_schema(
        methods=["POST"],
        summary="Attach a source to a claim",
        request=SourceSerializer,
        examples=[
            OpenApiExample(
                "Official statistics",
                value={
                    "url": "https://stats.example.gov/unemployment/2026",
                    "title": "Labour force survey 2026",
                    "publisher": "Statistics office",
                    "published_at": "2026-10-01",
                    "source_type": "dataset",
                    "excerpt": "Unemployment: 5.1% (2020), 4.8% (2026).",
                },
                request_only=True,
            )
        ],
        responses={201: SourceSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def sources(self, request, pk=None):
        claim = self.get_object()
        if request.method == "GET":
            return Response(SourceSerializer(claim_selectors.source_list(claim=claim), many=True).data)
        serializer = SourceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source = services.source_add(claim=claim, actor=request.user, **serializer.validated_data)
        return Response(SourceSerializer(source).data, status=status.HTTP_201_CREATED)
