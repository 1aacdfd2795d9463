"""Feeds over the API: editors and integrators add, change, pause, delete and poll them."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims.feeds import feed_create, feed_delete, feed_poll_now, feed_update
from claims.models import Feed
from factcheck.api.permissions import IsEditorOrIntegrator
from factcheck.api.schema import ERRORS
from factcheck.api.serializers import EmptyBodySerializer, StrictInputMixin

from .schema import FEED_OUT


class FeedSerializer(StrictInputMixin, serializers.ModelSerializer):
    url = serializers.URLField(max_length=2000)
    poll_interval_minutes = serializers.IntegerField(min_value=1, max_value=7 * 24 * 60, required=False)

    class Meta:
        model = Feed
        fields = [
            "id", "url", "name", "publisher", "is_active", "poll_interval_minutes",
            "last_status", "last_error", "last_polled_at", "last_new_entries", "consecutive_failures",
            "next_poll_at", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "id", "last_status", "last_error", "last_polled_at", "last_new_entries", "consecutive_failures",
            "next_poll_at", "created_at", "updated_at",
        ]  # fmt: skip


@extend_schema_view(
    list=extend_schema(summary="Feeds polled for new articles", examples=[FEED_OUT]),
    retrieve=extend_schema(summary="A feed, with its last poll's status and error", examples=[FEED_OUT]),
    partial_update=extend_schema(
        summary="Change a feed (a new URL starts over)",
        examples=[OpenApiExample("Pause", value={"is_active": False}, request_only=True), FEED_OUT],
    ),
    destroy=extend_schema(
        summary="Stop polling a feed",
        responses={204: OpenApiResponse(description="Deleted; articles that came from it stay.")},
    ),
)
class FeedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = FeedSerializer
    permission_classes = [IsEditorOrIntegrator]
    pagination_class = None
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    queryset = Feed.objects.order_by("name", "pk")

    @extend_schema(
        summary="Add a feed",
        description=(
            "An RSS or Atom URL, polled every `poll_interval_minutes` (default 30) by conditional GET; its new "
            "entries come in as articles by URL. The first poll is queued at once. A feed that fails is "
            "tried again later and later (`consecutive_failures`, `next_poll_at`)."
        ),
        request=FeedSerializer,
        examples=[
            OpenApiExample(
                "A politics feed",
                value={"url": "https://news.example.org/politics/atom.xml", "name": "Example News: politics"},
                request_only=True,
            ),
            FEED_OUT,
        ],
        responses={201: FeedSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = FeedSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        feed = feed_create(actor=request.user, **serializer.validated_data)
        return Response(FeedSerializer(feed).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        feed = self.get_object()
        serializer = FeedSerializer(feed, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        feed_update(feed=feed, actor=request.user, **serializer.validated_data)
        return Response(FeedSerializer(feed).data)

    def perform_destroy(self, instance):
        feed_delete(feed=instance, actor=self.request.user)

    @extend_schema(
        summary="Poll a feed now", request=None, responses={202: FeedSerializer, **ERRORS}, examples=[FEED_OUT]
    )
    @action(detail=True, methods=["post"])
    def poll(self, request, pk=None):
        EmptyBodySerializer(data=request.data).is_valid(raise_exception=True)
        feed = self.get_object()
        feed_poll_now(feed=feed, actor=request.user)
        return Response(FeedSerializer(feed).data, status=status.HTTP_202_ACCEPTED)
