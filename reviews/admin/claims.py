"""The desk's claim pages: the list with its triage actions, and the claim page with every step.

Every change goes through a service (reviews.services); the admin only reads the POST, calls one
function and turns a refusal into a message. Buttons are shown from `reviews.workflow`, but the
services decide.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

from claims import selectors as claim_selectors
from claims.models import Article, Claim
from claims.paginators import EstimatedCountPaginator
from claims.pipeline import article_resegment
from factcheck.admin_helpers import ReadOnlyHistoryAdmin, refusal_of, service_call
from factcheck.roles import roles_of

from .. import selectors, services
from ..models import Rating, Verdict
from ..workflow import Action
from ..workflow import allowed_actions as workflow_allowed_actions
from .forms import (
    AssignForm,
    ClaimEditForm,
    DismissForm,
    NoteForm,
    SourceForm,
    SplitForm,
    VerdictForm,
    desk_users,
    form_errors_text,
)

CONTEXT_CHARS = 600  # characters of article text shown on each side of a claim


# --- claim list filters -----------------------------------------------------------------------


class AssignedFilter(admin.SimpleListFilter):
    title = "assignee"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Assigned to me"), ("unassigned", "Unassigned"), ("others", "Assigned to others")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "unassigned":
            return queryset.filter(assignee__isnull=True)
        if self.value() == "others":
            return queryset.filter(assignee__isnull=False).exclude(assignee=request.user)
        return queryset


class CheckworthinessFilter(admin.SimpleListFilter):
    title = "check-worthiness"
    parameter_name = "cw"
    BANDS = {"high": (0.7, 1.01), "medium": (0.4, 0.7), "low": (0.0, 0.4)}

    def lookups(self, request, model_admin):
        return [("high", "High (0.7 and up)"), ("medium", "Medium (0.4–0.7)"), ("low", "Low (below 0.4)")]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        if band is None:
            return queryset
        return queryset.filter(checkworthiness__gte=band[0], checkworthiness__lt=band[1])


class RatingFilter(admin.SimpleListFilter):
    title = "published rating"
    parameter_name = "rating"

    def lookups(self, request, model_admin):
        return [(rating.slug, rating.label) for rating in Rating.objects.order_by("order", "id")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        published = Verdict.objects.filter(
            claim=OuterRef("pk"), status=Verdict.Status.APPROVED, rating__slug=self.value()
        )
        return queryset.filter(Exists(published))


class PublisherFilter(admin.SimpleListFilter):
    title = "publisher"
    parameter_name = "publisher"

    def lookups(self, request, model_admin):
        # From the (small) article table, never a DISTINCT over every claim.
        names = (
            Article.objects.exclude(publisher="")
            .order_by("publisher")
            .values_list("publisher", flat=True)
            .distinct()[:100]
        )
        return [(name, name) for name in names]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(article__publisher=self.value())


# --- claims -----------------------------------------------------------------------------------


@admin.register(Claim)
class ClaimAdmin(ReadOnlyHistoryAdmin):
    list_display = (
        "claim_text",
        "article_title",
        "status",
        "checkworthiness_display",
        "claim_type",
        "assignee",
        "current_rating",
        "updated_at",
    )
    list_display_links = ("claim_text",)
    list_filter = (
        "status",
        AssignedFilter,
        CheckworthinessFilter,
        "claim_type",
        RatingFilter,
        PublisherFilter,
    )
    list_select_related = ("article", "assignee")
    search_fields = ("text",)
    search_help_text = "Words of the claim (full-text)."
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    paginator = EstimatedCountPaginator
    actions = ("assign_to_me", "assign_to", "unassign", "dismiss", "reopen", "merge", "resegment_article")

    # -- list ----------------------------------------------------------------------------------

    def get_queryset(self, request):
        return selectors.claim_admin_list()

    def get_ordering(self, request):
        # New claims are triaged most check-worthy first (the status/check-worthiness index serves it).
        if request.GET.get("status__exact") == Claim.Status.NEW:
            return ("-checkworthiness", "id")
        return ("-updated_at", "-id")

    def get_search_results(self, request, queryset, search_term):
        return claim_selectors.claim_search(queryset, search_term), False

    @admin.display(description="claim", ordering="text")
    def claim_text(self, claim):
        return Truncator(claim.text).chars(120)

    @admin.display(description="article", ordering="article__title")
    def article_title(self, claim):
        return Truncator(claim.article.title).chars(60)

    @admin.display(description="check-worthiness", ordering="checkworthiness")
    def checkworthiness_display(self, claim):
        return f"{claim.checkworthiness:.2f}"

    @admin.display(description="rating")
    def current_rating(self, claim):
        return getattr(claim, "current_rating_label", None) or "–"

    def has_add_permission(self, request):
        # Claims come from segmentation, splits and merges, never from a blank form.
        return False

    def has_delete_permission(self, request, obj=None):
        # Dismiss instead: a deleted claim takes its timeline with it.
        return False

    # -- list actions --------------------------------------------------------------------------

    def _each(self, request, queryset, call, *, done: str):
        """Apply `call(claim)` to each selected claim; report how many worked and why others did not."""
        succeeded, refusals = 0, {}
        for claim in queryset.order_by("pk"):
            refusal = refusal_of(lambda claim=claim: call(claim))
            if refusal is None:
                succeeded += 1
            else:
                refusals.setdefault(refusal, []).append(f"#{claim.pk}")
        if succeeded:
            messages.success(request, done.format(n=succeeded, s="" if succeeded == 1 else "s"))
        for refusal, ids in refusals.items():
            messages.error(request, f"{refusal} ({', '.join(ids)})")

    @admin.action(description="Assign to me")
    def assign_to_me(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda claim: services.claim_assign(claim=claim, actor=request.user, assignee=request.user),
            done="Assigned {n} claim{s} to you.",
        )

    @admin.action(description="Assign to…")
    def assign_to(self, request, queryset):
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            assignee = form.cleaned_data["assignee"]
            self._each(
                request,
                queryset,
                lambda claim: services.claim_assign(claim=claim, actor=request.user, assignee=assignee),
                done=f"Assigned {{n}} claim{{s}} to {assignee.get_username()}.",
            )
            return None
        return self._intermediate(request, queryset, form, action="assign_to", title="Assign claims")

    @admin.action(description="Unassign")
    def unassign(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda claim: services.claim_assign(claim=claim, actor=request.user, assignee=None),
            done="Unassigned {n} claim{s}.",
        )

    @admin.action(description="Dismiss…")
    def dismiss(self, request, queryset):
        form = DismissForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._each(
                request,
                queryset,
                lambda claim: services.claim_dismiss(
                    claim=claim, actor=request.user, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
                ),
                done="Dismissed {n} claim{s}.",
            )
            return None
        return self._intermediate(request, queryset, form, action="dismiss", title="Dismiss claims")

    @admin.action(description="Reopen")
    def reopen(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda claim: services.claim_reopen(claim=claim, actor=request.user),
            done="Reopened {n} claim{s}.",
        )

    @admin.action(description="Merge (adjacent claims of one article)")
    def merge(self, request, queryset):
        service_call(
            request,
            lambda: services.claim_merge(claims=list(queryset.order_by("pk")), actor=request.user),
            success=f"Merged {queryset.count()} claims.",
        )

    @admin.action(description="Re-segment their articles")
    def resegment_article(self, request, queryset):
        article_ids = sorted(set(queryset.values_list("article_id", flat=True)))
        done = 0
        for article in Article.objects.filter(pk__in=article_ids).order_by("pk"):
            if service_call(request, lambda article=article: article_resegment(article=article, actor=request.user)):
                done += 1
        if done:
            messages.success(request, f"Queued {done} article{'s' if done != 1 else ''} for segmentation.")

    def _intermediate(self, request, queryset, form, *, action: str, title: str):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "claims": queryset.order_by("pk")[:200],
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "admin/claims/claim/action_form.html", context)

    # -- the claim page ------------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        custom = [
            path(
                "<path:object_id>/do/<str:step>/",
                self.admin_site.admin_view(self.step_view),
                name="{}_{}_step".format(*info),
            ),
        ]
        return custom + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        try:
            claim = selectors.claim_detail(claim_id=int(object_id))
        except (Claim.DoesNotExist, ValueError):
            raise Http404("No such claim.") from None
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/claims/claim/detail.html",
            {
                **self.admin_site.each_context(request),
                **self.claim_page_context(request, claim),
                **(extra_context or {}),
            },
        )

    def claim_page_context(self, request, claim: Claim) -> dict:
        user = request.user
        allowed = workflow_allowed_actions(state=claim.status, user=user)
        body = claim.article.body
        verdicts = list(claim.verdicts.all())
        open_verdict = next(
            (v for v in verdicts if v.status in (*services.OPEN_VERDICT_STATES, Verdict.Status.SUBMITTED)),
            None,
        )
        published = claim.status == Claim.Status.PUBLISHED
        may_write_verdict = (Action.CORRECT if published else Action.SUBMIT) in allowed
        may_decide = (Action.CORRECT if published else Action.APPROVE) in allowed
        is_author = open_verdict is not None and open_verdict.author_id == user.pk
        open_editable = open_verdict is not None and open_verdict.status in services.OPEN_VERDICT_STATES
        before, after = claim_selectors.claim_neighbours(claim=claim)
        verdict_initial = None
        if open_editable and is_author:
            verdict_initial = {
                "rating": open_verdict.rating_id,
                "summary": open_verdict.summary,
                "explanation": open_verdict.explanation,
                "sources": [s.pk for s in open_verdict.sources.all()],
                "correction_note": open_verdict.correction_note,
            }
        elif published:
            current = next((v for v in verdicts if v.status == Verdict.Status.APPROVED), None)
            if current is not None:
                verdict_initial = {
                    "rating": current.rating_id,
                    "summary": current.summary,
                    "explanation": current.explanation,
                    "sources": [s.pk for s in current.sources.all()],
                }
        can = {
            "assign": Action.ASSIGN in allowed,
            "unassign": Action.UNASSIGN in allowed and claim.assignee_id is not None,
            "dismiss": Action.DISMISS in allowed,
            "reopen": Action.REOPEN in allowed,
            "edit": Action.EDIT in allowed,
            "split": Action.SPLIT in allowed and body[claim.start : claim.end] == claim.text,
            "add_source": Action.EDIT in allowed or (published and Action.CORRECT in allowed),
            "draft": open_verdict is None and may_write_verdict,
            "edit_verdict": open_editable and is_author and may_write_verdict,
            "submit": open_editable and is_author and may_write_verdict,
            # Four eyes: the author never sees the approve button on their own verdict.
            "decide": open_verdict is not None
            and open_verdict.status == Verdict.Status.SUBMITTED
            and may_decide
            and not is_author,
        }
        return {
            "title": f"Claim #{claim.pk}",
            "public_url": _public_url(claim) if published else None,
            "opts": self.opts,
            "original": claim,
            "claim": claim,
            "has_view_permission": True,
            "roles": sorted(roles_of(user)),
            "context_before": body[max(0, claim.start - CONTEXT_CHARS) : claim.start],
            "context_claim": body[claim.start : claim.end],
            "context_after": body[claim.end : claim.end + CONTEXT_CHARS],
            "context_cut_before": claim.start > CONTEXT_CHARS,
            "context_cut_after": claim.end + CONTEXT_CHARS < len(body),
            "reworded": claim.text != body[claim.start : claim.end],
            "neighbours_before": before,
            "neighbours_after": after,
            "sources": list(claim.sources.all()),
            "verdicts": verdicts,
            "open_verdict": open_verdict,
            "is_author": is_author,
            "is_correction": published,
            "events": list(claim.events.all()),
            "can": can,
            "assign_form": AssignForm(initial={"assignee": claim.assignee_id}),
            "dismiss_form": DismissForm(),
            "edit_form": ClaimEditForm(
                initial={
                    "text": claim.text,
                    "claimant": claim.claimant,
                    "claimant_url": claim.claimant_url,
                    "tags": ", ".join(claim.tags),
                }
            ),
            "split_form": SplitForm(),
            "source_form": SourceForm(),
            "verdict_form": VerdictForm(initial=verdict_initial, claim=claim),
            "note_form": NoteForm(),
            "desk_users": desk_users(),
        }

    def step_view(self, request, object_id, step):
        """One POST from the claim page or the editor queue: read it, call one service, go back."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = get_object_or_404(Claim.objects.select_related("article"), pk=object_id)
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        handler = self.STEPS.get(step)
        if handler is None:
            raise Http404("No such step.")
        handler(self, request, claim)
        return HttpResponseRedirect(self._next_url(request, claim))

    def _next_url(self, request, claim):
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return reverse("admin:claims_claim_change", args=[claim.pk])

    def _with_form(self, request, form, call, *, success):
        if not form.is_valid():
            messages.error(request, form_errors_text(form))
            return
        service_call(request, lambda: call(form.cleaned_data), success=success)

    def _verdict(self, request, claim) -> Verdict:
        try:
            return Verdict.objects.get(pk=int(request.POST.get("verdict", "")), claim=claim)
        except (ValueError, Verdict.DoesNotExist):
            raise Http404("No such verdict on this claim.") from None

    def step_assign_me(self, request, claim):
        service_call(
            request,
            lambda: services.claim_assign(claim=claim, actor=request.user, assignee=request.user),
            success="The claim is assigned to you.",
        )

    def step_assign(self, request, claim):
        self._with_form(
            request,
            AssignForm(request.POST),
            lambda data: services.claim_assign(claim=claim, actor=request.user, assignee=data["assignee"]),
            success="The claim is assigned.",
        )

    def step_unassign(self, request, claim):
        service_call(
            request,
            lambda: services.claim_assign(claim=claim, actor=request.user, assignee=None),
            success="The claim is unassigned.",
        )

    def step_dismiss(self, request, claim):
        self._with_form(
            request,
            DismissForm(request.POST),
            lambda data: services.claim_dismiss(
                claim=claim, actor=request.user, reason=data["reason"], note=data["note"]
            ),
            success="The claim is dismissed.",
        )

    def step_reopen(self, request, claim):
        self._with_form(
            request,
            NoteForm(request.POST),
            lambda data: services.claim_reopen(claim=claim, actor=request.user, note=data["note"]),
            success="The claim is reopened.",
        )

    def step_edit(self, request, claim):
        self._with_form(
            request,
            ClaimEditForm(request.POST),
            lambda data: services.claim_edit(claim=claim, actor=request.user, **data),
            success="The claim is saved.",
        )

    def step_split(self, request, claim):
        self._with_form(
            request,
            SplitForm(request.POST),
            lambda data: services.claim_split(claim=claim, actor=request.user, at=data["at"]),
            success="The claim is split in two.",
        )

    def step_source_add(self, request, claim):
        self._with_form(
            request,
            SourceForm(request.POST),
            lambda data: services.source_add(claim=claim, actor=request.user, **data),
            success="The source is added.",
        )

    def step_verdict_draft(self, request, claim):
        self._with_form(
            request,
            VerdictForm(request.POST, claim=claim),
            lambda data: services.verdict_create(claim=claim, actor=request.user, **data),
            success="The verdict draft is saved.",
        )

    def step_verdict_update(self, request, claim):
        verdict = self._verdict(request, claim)
        self._with_form(
            request,
            VerdictForm(request.POST, claim=claim),
            lambda data: services.verdict_update(verdict=verdict, actor=request.user, **data),
            success="The verdict draft is saved.",
        )

    def step_verdict_submit(self, request, claim):
        verdict = self._verdict(request, claim)
        service_call(
            request,
            lambda: services.verdict_submit(verdict=verdict, actor=request.user),
            success="The verdict is submitted for approval.",
        )

    def step_verdict_approve(self, request, claim):
        verdict = self._verdict(request, claim)
        service_call(
            request,
            lambda: services.verdict_approve(verdict=verdict, actor=request.user),
            success=f"Verdict v{verdict.version} is approved and published.",
        )

    def step_verdict_request_changes(self, request, claim):
        verdict = self._verdict(request, claim)
        self._with_form(
            request,
            NoteForm(request.POST),
            lambda data: services.verdict_request_changes(verdict=verdict, actor=request.user, note=data["note"]),
            success="Changes are requested from the author.",
        )

    STEPS = {
        "assign_me": step_assign_me,
        "assign": step_assign,
        "unassign": step_unassign,
        "dismiss": step_dismiss,
        "reopen": step_reopen,
        "edit": step_edit,
        "split": step_split,
        "source_add": step_source_add,
        "verdict_draft": step_verdict_draft,
        "verdict_update": step_verdict_update,
        "verdict_submit": step_verdict_submit,
        "verdict_approve": step_verdict_approve,
        "verdict_request_changes": step_verdict_request_changes,
    }


def _public_url(claim: Claim) -> str | None:
    try:
        return reverse("public-factcheck", args=[claim.pk])
    except NoReverseMatch:
        return None
