"""The desk's pages for articles: add one (a URL, text or HTML), read it with its claims, re-segment, re-fetch."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.clickjacking import xframe_options_sameorigin

from factcheck.admin_helpers import ReadOnlyHistoryAdmin, score
from factcheck.errors import WorkflowError

from . import admin_feeds  # noqa: F401 (registers the feed pages)
from .extraction import decode_html, snapshot_unpack
from .forms import ArticleIngestForm
from .ingest import ArticleInput, article_ingest
from .ingest_url import article_refetch, article_submit_url
from .models import Article, ArticleVersion, Claim
from .pipeline import article_resegment

# The page as fetched is someone else's HTML: no scripts, forms or plugins (sandbox, a unique origin
# that cannot read the desk's cookies), and nothing loaded from anywhere, so opening it tells no one.
SNAPSHOT_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"

# --- articles ---------------------------------------------------------------------------------


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ("position", "claim_link", "status", "checkworthiness_display", "claim_type", "assignee")
    readonly_fields = fields
    ordering = ("position",)
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("assignee")

    @admin.display(description="claim")
    def claim_link(self, claim):
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        return format_html('<a href="{}">{}</a>', url, Truncator(claim.text).chars(140))

    @admin.display(description="check-worthiness")
    def checkworthiness_display(self, claim):
        return score(claim.checkworthiness)  # as the claim list and the claim page show it

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(ReadOnlyHistoryAdmin):
    list_display = ("title", "publisher", "segmentation_status", "error_short", "segmented_at", "created_at")
    list_filter = ("segmentation_status",)
    search_fields = ("title", "url")
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_select_related = ("created_by",)
    readonly_fields = (
        "title",
        "url",
        "publisher",
        "author",
        "published_at",
        "language",
        "detected_language",
        "segmentation_status",
        "segmentation_error",
        "segmentation_attempts",
        "segmented_at",
        "segmentation_ms",
        "segmenter_version",
        "created_by",
        "created_at",
        "body_text",
        "canonical_url",
        "fetched_at",
        "fetch_error",
        "version",
        "duplicate_link",
        "snapshot",
    )
    inlines = (ClaimInline,)
    actions = ("resegment_selected", "refetch_selected")

    class Media:
        css = {"all": ["claims/article.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body")

    @admin.action(description="Re-segment selected articles")
    def resegment_selected(self, request, queryset):
        queued = 0
        for article in queryset.order_by("pk"):
            try:
                article_resegment(article=article, actor=request.user)
            except WorkflowError as refusal:
                # The refusal is about the person asking, so it holds for every selected article.
                messages.error(request, refusal.message)
                return
            queued += 1
        messages.success(request, f"Queued {queued} article{'s' if queued != 1 else ''} for segmentation.")

    @admin.action(description="Re-fetch selected articles from their URLs")
    def refetch_selected(self, request, queryset):
        queued, refused = 0, []
        for article in queryset.order_by("pk"):
            try:
                article_refetch(article=article, actor=request.user)
            except WorkflowError as refusal:
                if refusal.status_code == 403:  # about the person asking: the same for every article
                    messages.error(request, refusal.message)
                    return
                refused.append(f"{article}: {refusal.message}")
                continue
            queued += 1
        messages.success(request, f"Queued {queued} article{'s' if queued != 1 else ''} to be fetched again.")
        for refusal in refused:
            messages.warning(request, refusal)

    @admin.display(description="error")
    def error_short(self, article):
        return Truncator(article.fetch_error or article.segmentation_error).chars(80) or "–"

    @admin.display(description="duplicate of")
    def duplicate_link(self, article):
        if not article.duplicate_of_id:
            return "–"
        url = reverse("admin:claims_article_change", args=[article.duplicate_of_id])
        return format_html('<a href="{}">article {}</a>', url, article.duplicate_of_id)

    @admin.display(description="page as fetched")
    def snapshot(self, article):
        if not ArticleVersion.objects.filter(article=article, html_zlib__isnull=False).exists():
            return "–"
        url = reverse("admin:claims_article_snapshot", args=[article.pk])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Open the page as fetched</a> (scripts off, nothing loaded)'
            '<iframe class="fc-snapshot" sandbox="" src="{}" title="The page as fetched"></iframe>',
            url,
            url,
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.snapshot_view)
        return [path("<int:object_id>/snapshot/", view, name="claims_article_snapshot"), *super().get_urls()]

    @xframe_options_sameorigin
    def snapshot_view(self, request, object_id):
        """The page of the article's current (or ?version=n) version, served sandboxed."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        versions = ArticleVersion.objects.filter(article_id=object_id, html_zlib__isnull=False)
        if request.GET.get("version", "").isdigit():
            versions = versions.filter(number=int(request.GET["version"]))
        version = versions.order_by("-number").first()
        if version is None:
            raise Http404("No page was fetched for this article.")
        html, _ = decode_html(snapshot_unpack(version.html_zlib), f"charset={version.charset}")
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        response["Content-Security-Policy"] = SNAPSHOT_POLICY
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.display(description="body")
    def body_text(self, article):
        return format_html('<div class="fc-article-body">{}</div>', article.body)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ArticleIngestForm
            kwargs["fields"] = [*ArticleIngestForm.Meta.fields, "is_html"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # An article's text is what claim offsets point into: it is never edited after ingest.
        return self.readonly_fields if obj is not None else ()

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": [*ArticleIngestForm.Meta.fields, "is_html"]})]
        return [
            (
                None,
                {
                    "fields": [
                        "title",
                        "url",
                        "publisher",
                        "author",
                        "published_at",
                        "language",
                        "detected_language",
                        "created_by",
                    ]
                },
            ),
            (
                "Fetched",
                {"fields": ["canonical_url", "fetched_at", "fetch_error", "version", "duplicate_link", "snapshot"]},
            ),
            (
                "Segmentation",
                {
                    "fields": [
                        "segmentation_status",
                        "segmentation_error",
                        "segmentation_attempts",
                        "segmented_at",
                        "segmentation_ms",
                        "segmenter_version",
                        "created_at",
                    ]
                },
            ),
            ("Text", {"fields": ["body_text"], "classes": ["collapse"]}),
        ]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:
            return
        if form.fetches:
            given = form.cleaned_data
            article, created = article_submit_url(
                url=given["url"], created_by=request.user, publisher=given.get("publisher") or ""
            )
            done = "The page is queued to be fetched; its text is then segmented."
            known = "An article with this URL was already stored; this is that article."
        else:
            article, created = article_ingest(article=ArticleInput(**form.cleaned_data), created_by=request.user)
            done = "The article is queued for segmentation."
            known = "An article with the same text was already stored; this is that article."
        # The admin's own redirect and log entry then point at the stored article.
        obj.pk = article.pk
        obj.title = article.title
        obj._state.adding = False
        messages.info(request, done if created else known)

    def save_related(self, request, form, formsets, change):
        return

    def has_change_permission(self, request, obj=None):
        # A stored article is read-only: its text is what claim offsets point into.
        return super().has_change_permission(request, obj) if obj is None else False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
