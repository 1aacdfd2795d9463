from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Article, Claim, Source
from reviews.claimreview import public_url


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, allow_null=True)
    claim_count = serializers.IntegerField(read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id", "title", "url", "publisher", "author", "published_at", "language",
            "segmentation_status", "segmentation_error", "segmented_at", "segmenter_version",
            "claim_count", "created_at", "updated_at", "links",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field({"type": "object", "properties": {"self": {"type": "string"}, "claims": {"type": "string"}}})
    def get_links(self, article) -> dict:
        return {
            "self": reverse("api-article-detail", args=[article.pk]),
            "claims": reverse("api-claim-list") + f"?article={article.pk}",
        }


class ArticleCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    body = serializers.CharField(trim_whitespace=False, help_text="Plain text, or HTML with is_html=true.")
    url = serializers.URLField(max_length=2000, required=False, allow_null=True, allow_blank=True)
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    author = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    language = serializers.CharField(max_length=16, required=False, default="en")
    is_html = serializers.BooleanField(required=False, default=False)


class ClaimSerializer(serializers.ModelSerializer):
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    claimant_url = serializers.CharField(read_only=True, help_text="A URL, or empty.")
    dismiss_reason = serializers.ChoiceField(
        choices=Claim.DismissReason.choices, allow_blank=True, read_only=True, help_text="Empty unless dismissed."
    )
    rating = serializers.CharField(
        source="published_rating", read_only=True, allow_null=True, help_text="Slug of the published rating."
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id", "article", "text", "original_text", "start", "end", "position", "checkworthiness",
            "reasons", "claim_type", "segmenter_version", "status", "dismiss_reason", "assignee",
            "claimant", "claimant_url", "tags", "rating", "created_at", "updated_at", "links",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "self": {"type": "string"},
                "public": {"type": "string", "nullable": True},
                "claimreview": {"type": "string", "nullable": True},
            },
        }
    )
    def get_links(self, claim) -> dict:
        published = claim.status == Claim.Status.PUBLISHED
        return {
            "self": reverse("api-claim-detail", args=[claim.pk]),
            "public": public_url(claim.pk) if published else None,
            "claimreview": reverse("api-claim-claimreview", args=[claim.pk]) if published else None,
        }


class ClaimEditSerializer(serializers.Serializer):
    """What a desk member may change on a claim; everything else is set by the system."""

    text = serializers.CharField(required=False, trim_whitespace=False)
    claimant = serializers.CharField(required=False, allow_blank=True, max_length=200)
    claimant_url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    tags = serializers.ListField(child=serializers.CharField(max_length=50), required=False, max_length=50)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("Send at least one of: text, claimant, claimant_url, tags.")
        return attrs


class AssignSerializer(serializers.Serializer):
    assignee = serializers.CharField(allow_null=True, help_text="A username, `me`, or null to unassign.")


class DismissSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=Claim.DismissReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class SplitSerializer(serializers.Serializer):
    at = serializers.IntegerField(min_value=1, help_text="Character offset inside the claim's text.")


class MergeSerializer(serializers.Serializer):
    claims = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=2, max_length=50)


class SourceSerializer(serializers.ModelSerializer):
    added_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    # Plain strings here: the service validates and normalises URLs, with its own messages.
    url = serializers.CharField(max_length=2000)
    archive_url = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    class Meta:
        model = Source
        fields = [
            "id", "claim", "url", "title", "publisher", "published_at", "accessed_at", "archive_url",
            "excerpt", "source_type", "added_by", "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "claim", "added_by", "created_at"]
        extra_kwargs = {
            "title": {"required": False},
            "publisher": {"required": False},
            "excerpt": {"required": False},
            "source_type": {"required": False},
        }
