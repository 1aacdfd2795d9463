"""The desk's claim pages: the list with its triage actions, and the claim page with every step.

Every change goes through a service (reviews.services): the list's bulk actions are in
`claim_list`, the claim page and its table of actions in `claim_page`.
"""

from django.contrib import admin
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from claims import selectors as claim_selectors
from claims.models import Claim
from claims.paginators import EstimatedCountPaginator
from factcheck.admin_helpers import ReadOnlyHistoryAdmin, age_words, score
from factcheck.words import shorten

from .. import selectors
from . import claim_list, claim_page


@admin.register(Claim)
class ClaimAdmin(ReadOnlyHistoryAdmin):
    list_display = (
        "claim_text",
        "article_title",
        "status",
        "due_display",
        "age",
        "checkworthiness_display",
        "assignee",
        "current_rating",
    )
    list_display_links = ("claim_text",)
    list_filter = claim_list.FILTERS
    list_select_related = ("article", "assignee")
    search_fields = ("text",)
    search_help_text = "Words of the claim or of its article's title, in any order."
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    empty_value_display = "–"
    history_field_words = {
        "text": "the wording",
        "checkworthiness": "the check-worthiness",
        "claim_type": "the claim type",
        "dismiss_reason": "the dismissal reason",
        "claimant_url": "the claimant's address",
        "due_at": "the deadline",
        "start": "where it starts",
        "end": "where it ends",
    }
    paginator = EstimatedCountPaginator
    actions = claim_list.ACTIONS

    def get_queryset(self, request):
        return selectors.claim_admin_list()

    def get_ordering(self, request):
        # New claims are triaged most check-worthy first (the status/check-worthiness index serves it).
        if request.GET.get("status__exact") == Claim.Status.NEW:
            return ("-checkworthiness", "id")
        return ("-updated_at", "-id")

    def get_search_results(self, request, queryset, search_term):
        return claim_selectors.claim_search(queryset, search_term, titles=True), False

    @admin.display(description="claim", ordering="text")
    def claim_text(self, claim):
        return shorten(claim.text, 240)

    @admin.display(description="article", ordering="article__title")
    def article_title(self, claim):
        return shorten(claim.article.title, 60)

    @admin.display(description="check-worthiness", ordering="checkworthiness")
    def checkworthiness_display(self, claim):
        return score(claim.checkworthiness)

    @admin.display(description="priority and deadline", ordering="-priority")
    def due_display(self, claim):
        """The priority (when above normal) and the deadline (red once it passed on open work)."""
        parts = []
        if claim.priority != Claim.Priority.NORMAL:
            parts.append(
                format_html('<span class="fc-priority p{}">{}</span>', claim.priority, claim.get_priority_display())
            )
        if claim.due_at is not None:
            when = date_format(timezone.localtime(claim.due_at), "j M H:i")
            if claim.status in selectors.OPEN_CLAIM_STATES and claim.due_at < timezone.now():
                parts.append(format_html('<span class="fc-overdue" title="Overdue">{} overdue</span>', when))
            else:
                parts.append(format_html("<span>due {}</span>", when))
        return format_html_join(" ", "{}", ((part,) for part in parts)) if parts else "–"

    @admin.display(description="age", ordering="-created_at")
    def age(self, claim):
        return age_words(claim.created_at)

    def changelist_view(self, request, extra_context=None):
        # The list is the desk's work table: the site's navigation column would take a fifth of it.
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    @admin.display(description="rating")
    def current_rating(self, claim):
        return getattr(claim, "current_rating_label", None) or "–"

    def has_add_permission(self, request):
        # Claims come from segmentation, splits and merges, never from a blank form.
        return False

    def has_delete_permission(self, request, obj=None):
        # Dismiss instead: a deleted claim takes its timeline with it.
        return False

    def get_urls(self):
        step = path(
            "<path:object_id>/do/<str:step>/",
            self.admin_site.admin_view(self.step_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_step",
        )
        return [step, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return claim_page.claim_page(self, request, object_id, extra_context)

    def step_view(self, request, object_id, step):
        return claim_page.page_action_view(self, request, object_id, step)
