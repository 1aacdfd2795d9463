"""Webhook subscriptions over the API: integrators manage their own, read deliveries, replay one."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from factcheck.api.permissions import IsIntegrator
from factcheck.api.schema import ERRORS
from factcheck.api.serializers import EmptyBodySerializer, StrictInputMixin

from .delivery import webhook_delivery_replay
from .events import EVENTS
from .models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from .services import webhook_subscription_create, webhook_subscription_update

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


class WebhookSubscriptionSerializer(StrictInputMixin, serializers.ModelSerializer):
    read_only_keys = frozenset({"secret"})  # shown once, in the creation answer
    url = serializers.URLField(max_length=2000)
    events = serializers.ListField(child=serializers.ChoiceField(choices=EVENTS), min_length=1, max_length=len(EVENTS))

    class Meta:
        model = WebhookSubscription
        fields = ["id", "url", "events", "is_active", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class WebhookSubscriptionCreatedSerializer(WebhookSubscriptionSerializer):
    """The creation answer: the only time the signing secret is shown."""

    secret = serializers.CharField(read_only=True)

    class Meta(WebhookSubscriptionSerializer.Meta):
        fields = [*WebhookSubscriptionSerializer.Meta.fields, "secret"]


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["at", "status_code", "error", "duration_ms"]
        read_only_fields = fields


class WebhookDeliverySerializer(serializers.ModelSerializer):
    attempt_log = WebhookAttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id", "event_id", "event", "payload", "status", "attempts", "last_status_code", "last_error",
            "next_attempt_at", "delivered_at", "created_at", "attempt_log",
        ]  # fmt: skip
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Your webhook subscriptions", examples=[WEBHOOK_OUT]),
    retrieve=extend_schema(summary="A webhook subscription", examples=[WEBHOOK_OUT]),
    partial_update=extend_schema(
        summary="Change a subscription's URL, events or active flag",
        examples=[OpenApiExample("Pause", value={"is_active": False}, request_only=True)],
    ),
    destroy=extend_schema(
        summary="Delete a subscription and its delivery log",
        responses={204: OpenApiResponse(description="Deleted; nothing more is sent to it.")},
    ),
)
class WebhookViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Integrators manage their own subscriptions; nobody sees anyone else's."""

    serializer_class = WebhookSubscriptionSerializer
    permission_classes = [IsIntegrator]
    pagination_class = None
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        return (
            WebhookSubscription.objects.filter(owner=user)
            if user.is_authenticated
            else WebhookSubscription.objects.none()
        )

    @extend_schema(
        summary="Subscribe to events",
        description=(
            "Deliveries are POSTed as JSON with `X-Factcheck-Signature: t=<unix time>,v1=<hex>`, the "
            "HMAC-SHA256 of `<t>.<body>` keyed with the subscription's `secret`, which this answer shows once."
        ),
        request=WebhookSubscriptionSerializer,
        examples=[
            OpenApiExample(
                "Published fact-checks",
                value={
                    "url": "https://hooks.example.org/factcheck",
                    "events": ["claim.published", "verdict.corrected"],
                },
                request_only=True,
            )
        ],
        responses={201: WebhookSubscriptionCreatedSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = WebhookSubscriptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subscription = webhook_subscription_create(owner=request.user, **serializer.validated_data)
        return Response(WebhookSubscriptionCreatedSerializer(subscription).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        subscription = self.get_object()
        serializer = WebhookSubscriptionSerializer(subscription, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        webhook_subscription_update(subscription=subscription, **serializer.validated_data)
        return Response(WebhookSubscriptionSerializer(subscription).data)

    @extend_schema(
        summary="Deliveries of a subscription, newest first, with every attempt",
        responses={200: WebhookDeliverySerializer(many=True), **ERRORS},
        examples=[DELIVERY_OUT],
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        subscription = self.get_object()
        deliveries = subscription.deliveries.prefetch_related("attempt_log")[:100]
        return Response(WebhookDeliverySerializer(deliveries, many=True).data)

    @extend_schema(
        summary="Send a delivery again",
        description="Same event id and body, freshly signed, with a new round of attempts.",
        request=None,
        responses={202: WebhookDeliverySerializer, **ERRORS},
        examples=[DELIVERY_REPLAYED],
    )
    @action(detail=True, methods=["post"], url_path=r"deliveries/(?P<delivery_id>[0-9]+)/replay")
    def replay(self, request, pk=None, delivery_id=None):
        subscription = self.get_object()
        EmptyBodySerializer(data=request.data).is_valid(raise_exception=True)
        delivery = get_object_or_404(WebhookDelivery.objects.filter(subscription=subscription), pk=delivery_id)
        webhook_delivery_replay(delivery=delivery)
        fresh = WebhookDelivery.objects.prefetch_related("attempt_log").get(pk=delivery.pk)
        return Response(WebhookDeliverySerializer(fresh).data, status=status.HTTP_202_ACCEPTED)
