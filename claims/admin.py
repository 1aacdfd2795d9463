"""The desk's pages for articles: add one (text or HTML), read it with its claims, re-segment."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from factcheck.admin_helpers import ReadOnlyHistoryAdmin, score
from factcheck.errors import WorkflowError

from .forms import ArticleIngestForm
from .ingest import ArticleInput, article_ingest
from .models import Article, Claim
from .pipeline import article_resegment

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
        "segmentation_status",
        "segmentation_error",
        "segmentation_attempts",
        "segmented_at",
        "segmentation_ms",
        "segmenter_version",
        "created_by",
        "created_at",
        "body_text",
    )
    inlines = (ClaimInline,)
    actions = ("resegment_selected",)

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

    @admin.display(description="error")
    def error_short(self, article):
        return Truncator(article.segmentation_error).chars(80) or "–"

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
            (None, {"fields": ["title", "url", "publisher", "author", "published_at", "language", "created_by"]}),
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
        article, created = article_ingest(article=ArticleInput(**form.cleaned_data), created_by=request.user)
        # The admin's own redirect and log entry then point at the stored article.
        obj.pk = article.pk
        obj.title = article.title
        obj._state.adding = False
        if not created:
            messages.info(request, "An article with the same text was already stored; this is that article.")
        else:
            messages.info(request, "The article is queued for segmentation.")

    def save_related(self, request, form, formsets, change):
        return

    def has_change_permission(self, request, obj=None):
        # A stored article is read-only: its text is what claim offsets point into.
        return super().has_change_permission(request, obj) if obj is None else False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
