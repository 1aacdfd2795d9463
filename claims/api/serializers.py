import datetime

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Article
from factcheck.api.serializers import StrictInputMixin, VisibleTextField

_MARKER = 987654321987654321

# Largest primary key (BigAutoField); a larger id is a 400, not a database overflow.
MAX_ID = 2**63 - 1


def url_formatter(url_for):
    """`pk -> URL` from `url_for(pk)` called once: the URL around the id is fixed, so rows only format."""
    before, after = url_for(_MARKER).split(str(_MARKER))
    return lambda pk: f"{before}{pk}{after}"


def route(name: str):
    return lambda pk: reverse(name, args=[pk])


def iso_datetime(value, tz):
    """What DRF's DateTimeField gives for an aware datetime: ISO 8601 in `tz`, `Z` for UTC."""
    if not value:
        return None
    if value.tzinfo is not tz:  # the database's datetimes are already in UTC: no conversion
        if timezone.is_naive(value):
            return serializers.DateTimeField().to_representation(value)
        value = value.astimezone(tz)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def output_timezone():
    """The current time zone, as datetime.UTC when it is UTC (the tzinfo database values carry)."""
    tz = timezone.get_current_timezone()
    return datetime.UTC if getattr(tz, "key", None) in ("UTC", "Etc/UTC") else tz


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, allow_null=True)
    claim_count = serializers.IntegerField(read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id", "title", "url", "publisher", "author", "published_at", "language", "detected_language",
            "segmentation_status", "segmentation_error", "segmented_at", "segmenter_version",
            "canonical_url", "fetched_at", "fetch_error", "version", "duplicate_of",
            "claim_count", "created_at", "updated_at", "links",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field({"type": "object", "properties": {"self": {"type": "string"}, "claims": {"type": "string"}}})
    def get_links(self, article) -> dict:
        # Reversed once per serializer (a list page's rows share it), then formatted per row.
        formatters = self.__dict__.get("_links")
        if formatters is None:
            claims = reverse("api-claim-list") + "?article="
            formatters = self.__dict__["_links"] = (
                url_formatter(route("api-article-detail")),
                lambda pk: f"{claims}{pk}",
            )
        self_url, claims_url = formatters
        return {"self": self_url(article.pk), "claims": claims_url(article.pk)}


class ArticleCreateSerializer(StrictInputMixin, serializers.Serializer):
    """Either the article's text (title and body), or a `url` alone: the page is then fetched and extracted."""

    read_only_keys = frozenset(ArticleSerializer.Meta.fields)

    title = VisibleTextField(max_length=500, required=False, help_text="Required with a body.")
    body = VisibleTextField(
        trim_whitespace=False, required=False, help_text="Plain text, or HTML with is_html=true. Omit to fetch `url`."
    )
    url = serializers.URLField(max_length=2000, required=False, allow_null=True, allow_blank=True)
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    author = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    language = serializers.CharField(max_length=16, required=False, default="en")
    is_html = serializers.BooleanField(required=False, default=False)

    def validate(self, data):
        if "body" not in data:
            if not data.get("url"):
                raise serializers.ValidationError({"url": "Send a url to fetch, or a title and a body."})
        elif not data.get("title"):
            raise serializers.ValidationError({"title": "The article needs a title."})
        return data
