"""The desk's pages for verdicts, the editor queue, the rating scale and the workflow log."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from factcheck.admin_helpers import ReadOnlyHistoryAdmin, ViewOnlyAdminMixin
from factcheck.roles import Role, roles_of

from .. import selectors, workflow
from ..models import Rating, Verdict, WorkflowEvent
from ..services import sanitize_explanation
from ..workflow import Action
from .claim_page import remember_roles
from .forms import NoteForm


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

    @admin.display(description="claim")
    def claim_short(self, verdict):
        return Truncator(verdict.claim.text).chars(80)

    @admin.display(description="claim")
    def claim_link(self, verdict):
        url = reverse("admin:claims_claim_change", args=[verdict.claim_id])
        return format_html('<a href="{}">{}</a>', url, Truncator(verdict.claim.text).chars(200))

    @admin.display(description="explanation")
    def explanation_html(self, verdict):
        # Cleaned again on the way out, whatever path wrote the row.
        return mark_safe(sanitize_explanation(verdict.explanation))  # noqa: S308

    @admin.display(description="cited sources")
    def cited_sources(self, verdict):
        items = [format_html("<li>{} — {}</li>", s.title or s.url, s.url) for s in verdict.sources.all()]
        return format_html("<ul>{}</ul>", mark_safe("".join(items))) if items else "–"  # noqa: S308

    def get_urls(self):
        custom = [path("queue/", self.admin_site.admin_view(self.queue_view), name="reviews_verdict_queue")]
        return custom + super().get_urls()

    def queue_view(self, request):
        """Submitted verdicts, oldest first, with approve / request changes for those the workflow lets decide."""
        user = request.user
        remember_roles(user)
        roles = roles_of(user)
        if not roles & {Role.REVIEWER, Role.EDITOR}:
            raise PermissionDenied
        verdicts = list(selectors.verdict_queue()[:200])
        # An editor's own verdicts are listed without the buttons: the workflow's four-eyes rule.
        rows = [{"verdict": v, "may_decide": Action.APPROVE in workflow.permitted(user, v)} for v in verdicts]
        is_editor = Role.EDITOR in roles
        context = {
            **self.admin_site.each_context(request),
            "title": "Editor queue: verdicts awaiting approval",
            "opts": self.opts,
            "rows": rows,
            "is_editor": is_editor,
            "note_form": NoteForm(),
        }
        return TemplateResponse(request, "admin/reviews/verdict/queue.html", context)


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "claim_short", "action", "from_state", "to_state", "actor", "note_short")
    list_filter = ("action", "to_state")
    list_select_related = ("claim", "actor")
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    date_hierarchy = None
    ordering = ("-at", "-id")

    @admin.display(description="claim")
    def claim_short(self, event):
        return Truncator(event.claim.text).chars(60)

    @admin.display(description="note")
    def note_short(self, event):
        return Truncator(event.note).chars(80)
