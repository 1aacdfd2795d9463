"""Claims made from an article's text over the API (a span, a promoted fragment), and claims marked as furniture.

Desk only; the rules (offsets inside the body, no overlap, who may) are the services'.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, serializers, status

from claims.api.serializers import MAX_ID
from claims.models import Article, ArticleFragment, Claim
from claims.segmentation import BOILERPLATE_KINDS
from factcheck.api.permissions import IsDesk
from factcheck.api.schema import ERRORS
from factcheck.api.serializers import StrictInputMixin
from reviews import selectors, services

from .claims import _claim_response
from .serializers import ClaimSerializer


class SpanSerializer(StrictInputMixin, serializers.Serializer):
    start = serializers.IntegerField(min_value=0, max_value=MAX_ID, required=False)
    end = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    fragment = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, help_text="Promote this.")

    def validate(self, data):
        if "fragment" not in data and not ("start" in data and "end" in data):
            raise serializers.ValidationError("Give start and end offsets, or a fragment to promote.")
        return data


class FurnitureSerializer(StrictInputMixin, serializers.Serializer):
    kind = serializers.ChoiceField(choices=sorted(BOILERPLATE_KINDS))
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ArticleClaimCreateView(generics.GenericAPIView):
    permission_classes = [IsDesk]
    serializer_class = SpanSerializer
    queryset = Article.objects.none()  # for the schema only

    @extend_schema(
        summary="Make a claim from a span of the article's text, or promote a fragment",
        examples=[OpenApiExample("A span", value={"start": 120, "end": 188}, request_only=True)],
        responses={201: ClaimSerializer, **ERRORS},
    )
    def post(self, request, article_id: int):
        article = get_object_or_404(Article.objects.only("id"), pk=article_id)
        serializer = SpanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        given = serializer.validated_data
        if "fragment" in given:
            fragment = get_object_or_404(ArticleFragment, pk=given["fragment"], article_id=article.pk)
            claim = services.claim_promote_fragment(fragment=fragment, actor=request.user)
        else:
            claim = services.claim_create_from_span(
                article=article, start=given["start"], end=given["end"], actor=request.user
            )
        return _claim_response(
            claim.pk, queryset=selectors.claim_list(), request=request, status_code=status.HTTP_201_CREATED
        )


class ClaimFurnitureView(generics.GenericAPIView):
    permission_classes = [IsDesk]
    serializer_class = FurnitureSerializer
    queryset = Claim.objects.none()  # for the schema only

    @extend_schema(
        summary="Mark a claim as page furniture (dismissed with the reason furniture)",
        examples=[OpenApiExample("A caption", value={"kind": "caption"}, request_only=True)],
        responses={200: ClaimSerializer, **ERRORS},
    )
    def post(self, request, claim_id: int):
        claim = get_object_or_404(Claim.objects.only("id", "status"), pk=claim_id)
        serializer = FurnitureSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.claim_mark_furniture(claim=claim, actor=request.user, **serializer.validated_data)
        return _claim_response(claim.pk, queryset=selectors.claim_list(), request=request)
