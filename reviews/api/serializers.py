from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api.serializers import MAX_ID, iso_datetime, output_timezone, route, url_formatter
from claims.models import Claim, Source
from factcheck.api.serializers import StrictInputMixin, UniqueListField, VisibleTextField
from reviews.claimreview import public_url
from reviews.models import Rating, Verdict, WorkflowEvent
from reviews.selectors import claim_row


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
    explanation = serializers.CharField(
        source="explanation_html", read_only=True, help_text="The explanation as sanitised HTML, ready to show."
    )
    explanation_markdown = serializers.CharField(
        source="explanation", read_only=True, help_text="The explanation as its author wrote it (Markdown)."
    )

    class Meta:
        model = Verdict
        fields = [
            "id", "claim", "version", "status", "rating", "rating_label", "summary", "explanation",
            "explanation_markdown", "sources", "correction_note", "author", "editor", "submitted_at", "decided_at",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class VerdictWriteSerializer(StrictInputMixin, serializers.Serializer):
    read_only_keys = frozenset(VerdictSerializer.Meta.fields)

    rating = serializers.SlugField(max_length=100, help_text="A rating slug from /ratings/.")
    summary = VisibleTextField(max_length=300, allow_blank=True)
    explanation = VisibleTextField(
        allow_blank=True, required=False, default="", max_length=100_000,
        help_text="Markdown. HTML inside it is kept where it is safe; answers show it as sanitised HTML.",
    )  # fmt: skip
    sources = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list, max_length=200,
        help_text="Ids of sources attached to the claim.",
    )  # fmt: skip
    correction_note = VisibleTextField(
        allow_blank=True, required=False, default="", max_length=5000,
        help_text="Required on a correction of a published verdict, refused otherwise.",
    )  # fmt: skip


class VerdictPatchSerializer(VerdictWriteSerializer):
    min_keys = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class RequestChangesSerializer(StrictInputMixin, serializers.Serializer):
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


# --- claims ---------------------------------------------------------------------------------


class ClaimSerializer(serializers.ModelSerializer):
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    claimant_url = serializers.CharField(read_only=True, help_text="A URL, or empty.")
    dismiss_reason = serializers.ChoiceField(
        choices=Claim.DismissReason.choices, allow_blank=True, read_only=True, help_text="Empty unless dismissed."
    )
    rating = serializers.CharField(
        source="published_rating", read_only=True, allow_null=True, help_text="Slug of the published rating."
    )
    match_group = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Claims confirmed the same share this number (the id of the group's first claim); null if none.",
    )
    fact_check = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="For a reused claim: the published claim whose fact-check it is another appearance of.",
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id", "article", "text", "original_text", "start", "end", "position", "checkworthiness",
            "reasons", "claim_type", "kind", "segmenter_version", "status", "dismiss_reason", "assignee",
            "priority", "due_at", "claimant", "claimant_url", "tags", "rating", "match_group", "fact_check",
            "created_at", "updated_at", "links",
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
        return self._links(claim.pk, claim.status)

    def _links(self, pk: int, status: str) -> dict:
        # Reversed once per serializer (a list page's rows share one child serializer), then formatted.
        formatters = self.__dict__.get("_links_for")
        if formatters is None:
            formatters = self.__dict__["_links_for"] = (
                url_formatter(route("api-claim-detail")),
                url_formatter(lambda pk: public_url(pk, request=self.context.get("request"))),
                url_formatter(route("api-claim-claimreview")),
            )
        self_url, public, claimreview = formatters
        published = status == Claim.Status.PUBLISHED
        return {
            "self": self_url(pk),
            "public": public(pk) if published else None,
            "claimreview": claimreview(pk) if published else None,
        }

    def to_representation(self, claim):
        """The declared fields, read straight from a list row or a claim: the generic path is per field and row.

        Same keys, order and values as the field-by-field representation, which the OpenAPI schema
        still describes from the declarations above. List pages pass rows from
        `selectors.claim_rows`; single claims come from `selectors.claim_list`.
        """
        row = claim if isinstance(claim, dict) else claim_row(claim)
        tz = self.__dict__.get("_tz")
        if tz is None:
            tz = self.__dict__["_tz"] = output_timezone()
        rating = row["published_rating"]
        claimant_url = row["claimant_url"]
        return {
            "id": row["id"],
            "article": row["article_id"],
            "text": str(row["text"]),
            "original_text": str(row["original_text"]),
            "start": int(row["start"]),
            "end": int(row["end"]),
            "position": int(row["position"]),
            "checkworthiness": float(row["checkworthiness"]),
            "reasons": row["reasons"],
            "claim_type": str(row["claim_type"]),
            "kind": str(row["kind"]),
            "segmenter_version": str(row["segmenter_version"]),
            "status": str(row["status"]),
            "dismiss_reason": str(row["dismiss_reason"]),
            "assignee": row["assignee_username"],
            "priority": int(row["priority"]),
            "due_at": iso_datetime(row["due_at"], tz),
            "claimant": str(row["claimant"]),
            "claimant_url": str(claimant_url) if claimant_url is not None else None,
            "tags": row["tags"],
            "rating": str(rating) if rating is not None else None,
            "match_group": row["match_group"],
            "fact_check": row["fact_check_id"],
            "created_at": iso_datetime(row["created_at"], tz),
            "updated_at": iso_datetime(row["updated_at"], tz),
            "links": self._links(row["id"], row["status"]),
        }


class ClaimEditSerializer(StrictInputMixin, serializers.Serializer):
    """What a desk member may change on a claim; everything else is set by the system."""

    read_only_keys = frozenset(ClaimSerializer.Meta.fields)
    min_keys = 1

    text = VisibleTextField(required=False, trim_whitespace=False)
    claimant = VisibleTextField(required=False, allow_blank=True, max_length=200)
    claimant_url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    tags = serializers.ListField(child=serializers.CharField(max_length=50), required=False, max_length=50)


class AssignSerializer(StrictInputMixin, serializers.Serializer):
    assignee = serializers.CharField(allow_null=True, help_text="A username, `me`, or null to unassign.")


class DismissSerializer(StrictInputMixin, serializers.Serializer):
    reason = serializers.ChoiceField(choices=Claim.DismissReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class NoteSerializer(StrictInputMixin, serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class SplitSerializer(StrictInputMixin, serializers.Serializer):
    # No claim is longer than the largest article body.
    at = serializers.IntegerField(
        min_value=1,
        max_value=settings.FACTCHECK_MAX_ARTICLE_BYTES,
        help_text="Character offset inside the claim's text: from 1 to the text's length minus 1.",
    )


class MergeSerializer(StrictInputMixin, serializers.Serializer):
    claims = UniqueListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        min_length=2,
        max_length=50,
        help_text="Two or more adjacent claims of one article, each named once.",
    )


class SourceSerializer(StrictInputMixin, serializers.ModelSerializer):
    added_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    # Plain strings here: the service validates and normalises URLs, with its own messages.
    url = serializers.CharField(max_length=2000, help_text="An http:// or https:// URL.")
    archive_url = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="An http:// or https:// URL, or empty.",
    )
    title = VisibleTextField(max_length=500, required=False, allow_blank=True)
    publisher = VisibleTextField(max_length=200, required=False, allow_blank=True)
    excerpt = VisibleTextField(required=False, allow_blank=True)

    class Meta:
        model = Source
        fields = [
            "id", "claim", "url", "title", "publisher", "published_at", "accessed_at", "archive_url",
            "excerpt", "source_type", "added_by", "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "claim", "added_by", "created_at"]
        extra_kwargs = {"source_type": {"required": False}}
