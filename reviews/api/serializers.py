from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api.serializers import MAX_ID
from reviews.models import Rating, Verdict, WebhookAttempt, WebhookDelivery, WebhookSubscription, WorkflowEvent
from reviews.webhooks import EVENTS


class VerdictSourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    title = serializers.CharField()
    publisher = serializers.CharField()


class VerdictSerializer(serializers.ModelSerializer):
    rating = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    rating_label = serializers.CharField(source="rating.label", read_only=True)
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    editor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    sources = VerdictSourceSerializer(many=True, read_only=True)

    class Meta:
        model = Verdict
        fields = [
            "id", "claim", "version", "status", "rating", "rating_label", "summary", "explanation", "sources",
            "correction_note", "author", "editor", "submitted_at", "decided_at", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class VerdictWriteSerializer(serializers.Serializer):
    rating = serializers.SlugField(max_length=100, help_text="A rating slug from /ratings/.")
    summary = serializers.CharField(max_length=300, allow_blank=True)
    explanation = serializers.CharField(allow_blank=True, required=False, default="", max_length=100_000)
    sources = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list, max_length=200,
        help_text="Ids of sources attached to the claim.",
    )  # fmt: skip
    correction_note = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)


class VerdictPatchSerializer(VerdictWriteSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("Send at least one of: " + ", ".join(self.fields) + ".")
        return attrs


class RequestChangesSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5000)


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = WorkflowEvent
        fields = ["id", "action", "from_state", "to_state", "note", "actor", "at"]
        read_only_fields = fields


class RatingSerializer(serializers.ModelSerializer):
    claimreview = serializers.SerializerMethodField(help_text="How this rating appears in ClaimReview.")

    class Meta:
        model = Rating
        fields = ["slug", "label", "value", "description", "order", "claimreview"]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "alternateName": {"type": "string"},
                "ratingValue": {"type": "integer"},
                "bestRating": {"type": "integer"},
                "worstRating": {"type": "integer"},
            },
        }
    )
    def get_claimreview(self, rating) -> dict:
        worst, best = self.context["bounds"]
        document = {"alternateName": rating.label}
        if rating.value is not None and best is not None:
            document.update(ratingValue=rating.value, bestRating=best, worstRating=worst)
        return document


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
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
