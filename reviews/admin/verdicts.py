"""The desk's pages for verdicts, the editor queue, the rating scale and the workflow log."""

from functools import partial

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from claims.models import Claim
from factcheck.admin_helpers import ReadOnlyHistoryAdmin, ViewOnlyAdminMixin
from factcheck.words import shorten

from ..models import Rating, Verdict, WorkflowEvent
from ..timeline import ACTION_WORDS, event_words
from . import editor_review


@admin.register(Rating)
class RatingAdmin(ReadOnlyHistoryAdmin):
    list_display = ("label", "slug", "value", "order", "description")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("label",)}
    ordering = ("order", "id")

    def has_delete_permission(self, request, obj=None):
        # A rating that published verdicts use stays (the database protects it too).
        if obj is not None and obj.verdicts.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Verdict)
class VerdictAdmin(ViewOnlyAdminMixin, ReadOnlyHistoryAdmin):
    """Verdict versions, read-only: they are written on their claim's page and decided in the queue."""

    list_display = ("claim_short", "version", "status", "rating", "author", "editor", "submitted_at", "decided_at")
    list_filter = ("status", "rating")
    list_select_related = ("claim", "rating", "author", "editor")
    search_fields = ("summary",)
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    fields = (
        "claim_link",
        "version",
        "status",
        "rating",
        "summary",
        "explanation_html",
        "cited_sources",
        "correction_note",
        "author",
        "editor",
        "submitted_at",
        "decided_at",
        "created_at",
    )
    readonly_fields = fields
    history_field_words = {"sources": "the cited sources", "editor": "the deciding editor"}

    @admin.display(description="claim")
    def claim_short(self, verdict):
        return shorten(verdict.claim.text, 80)

    @admin.display(description="claim")
    def claim_link(self, verdict):
        url = reverse("admin:claims_claim_change", args=[verdict.claim_id])
        return format_html('<a href="{}">{}</a>', url, shorten(verdict.claim.text, 200))

    @admin.display(description="explanation")
    def explanation_html(self, verdict):
        # Rendered from Markdown and cleaned on the way out, whatever path wrote the row.
        return verdict.explanation_html

    @admin.display(description="cited sources")
    def cited_sources(self, verdict):
        items = [format_html("<li>{} — {}</li>", s.title or s.url, s.url) for s in verdict.sources.all()]
        return format_html("<ul>{}</ul>", mark_safe("".join(items))) if items else "–"  # noqa: S308

    def get_urls(self):
        view = self.admin_site.admin_view
        custom = [
            path("queue/", view(partial(editor_review.queue_view, self)), name="reviews_verdict_queue"),
            path("<int:pk>/preview/", view(partial(editor_review.preview_view, self)), name="reviews_verdict_preview"),
            path(
                "preview-markdown/",
                view(partial(editor_review.markdown_preview_view, self)),
                name="reviews_verdict_preview_markdown",
            ),
        ]
        return custom + super().get_urls()


class EventActionFilter(admin.SimpleListFilter):
    title = "what was done"
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [(action, words) for action, words in ACTION_WORDS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class EventStateFilter(admin.SimpleListFilter):
    title = "claim state after"
    parameter_name = "to_state"

    def lookups(self, request, model_admin):
        return Claim.Status.choices

    def queryset(self, request, queryset):
        return queryset.filter(to_state=self.value()) if self.value() else queryset


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "claim_short", "what", "states", "note_short")
    list_filter = (EventActionFilter, EventStateFilter)
    list_select_related = ("claim", "actor")
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    date_hierarchy = None
    ordering = ("-at", "-id")

    @admin.display(description="claim")
    def claim_short(self, event):
        return shorten(event.claim.text, 60)

    @admin.display(description="what")
    def what(self, event):
        return event_words(event)["headline"]

    @admin.display(description="state")
    def states(self, event):
        return event_words(event)["moved"] or "–"

    @admin.display(description="note")
    def note_short(self, event):
        return shorten(event.note, 100)
