"""The claim list's filters and its bulk actions; each action calls one service per selected claim."""

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils import timezone

from claims.matches import claims_checked_before, claims_seen_before
from claims.models import Article
from claims.pipeline import article_resegment
from factcheck.admin_helpers import refusal_of, service_call

from .. import selectors, services
from ..models import Rating, Verdict
from .forms import AssignForm, DismissForm

# --- filters ------------------------------------------------------------------------------------


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
        if (self.value() or "").isdigit():  # one person's claims: the dashboard's overdue work links here
            return queryset.filter(assignee_id=int(self.value()))
        return queryset


class DueFilter(admin.SimpleListFilter):
    """Deadlines of the work still open (new, in review, awaiting approval)."""

    title = "deadline"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("today", "Due today"), ("week", "Due within 7 days"), ("none", "No deadline")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(due_at__isnull=True)
        if value not in ("overdue", "today", "week"):
            return queryset
        now = timezone.now()
        open_work = queryset.filter(status__in=selectors.OPEN_CLAIM_STATES)
        if value == "overdue":
            return open_work.filter(due_at__lt=now)
        start, end = selectors.today_bounds(now)
        if value == "today":
            return open_work.filter(due_at__gte=start, due_at__lt=end)
        return open_work.filter(due_at__gte=now, due_at__lt=now + timedelta(days=7))


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


class _MatchedFilter(admin.SimpleListFilter):
    """Yes/no over one of claims.matches' selectors."""

    select = None  # the selector: (queryset of claims, before=True/False) -> the ones that match, or not

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return self.select(queryset, before=self.value() == "yes")
        return queryset


class SeenBeforeFilter(_MatchedFilter):
    title = "seen before"
    parameter_name = "seen"
    select = staticmethod(claims_seen_before)


class CheckedBeforeFilter(_MatchedFilter):
    title = "checked before"
    parameter_name = "checked"
    select = staticmethod(claims_checked_before)


FILTERS = (
    "status",
    DueFilter,
    "priority",
    AssignedFilter,
    CheckworthinessFilter,
    "claim_type",
    RatingFilter,
    PublisherFilter,
    SeenBeforeFilter,
    CheckedBeforeFilter,
)


# --- bulk actions -------------------------------------------------------------------------------


def _each(request, queryset, call, *, done: str):
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


def _intermediate(modeladmin, request, queryset, form, *, action: str, title: str):
    """The page that asks for an action's details (who to assign, why to dismiss) before applying it."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.opts,
        "claims": queryset.order_by("pk")[:200],
        "form": form,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
    }
    return TemplateResponse(request, "admin/claims/claim/action_form.html", context)


@admin.action(description="Assign to me")
def assign_to_me(modeladmin, request, queryset):
    _each(
        request,
        queryset,
        lambda claim: services.claim_assign(claim=claim, actor=request.user, assignee=request.user),
        done="Assigned {n} claim{s} to you.",
    )


@admin.action(description="Assign to…")
def assign_to(modeladmin, request, queryset):
    form = AssignForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        assignee = form.cleaned_data["assignee"]
        _each(
            request,
            queryset,
            lambda claim: services.claim_assign(claim=claim, actor=request.user, assignee=assignee),
            done=f"Assigned {{n}} claim{{s}} to {assignee.get_username()}.",
        )
        return None
    return _intermediate(modeladmin, request, queryset, form, action="assign_to", title="Assign claims")


@admin.action(description="Unassign")
def unassign(modeladmin, request, queryset):
    _each(
        request,
        queryset,
        lambda claim: services.claim_assign(claim=claim, actor=request.user, assignee=None),
        done="Unassigned {n} claim{s}.",
    )


@admin.action(description="Dismiss…")
def dismiss(modeladmin, request, queryset):
    form = DismissForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        _each(
            request,
            queryset,
            lambda claim: services.claim_dismiss(claim=claim, actor=request.user, **form.cleaned_data),
            done="Dismissed {n} claim{s}.",
        )
        return None
    return _intermediate(modeladmin, request, queryset, form, action="dismiss", title="Dismiss claims")


@admin.action(description="Reopen")
def reopen(modeladmin, request, queryset):
    _each(
        request,
        queryset,
        lambda claim: services.claim_reopen(claim=claim, actor=request.user),
        done="Reopened {n} claim{s}.",
    )


@admin.action(description="Merge (adjacent claims of one article)")
def merge(modeladmin, request, queryset):
    service_call(
        request,
        lambda: services.claim_merge(claims=list(queryset.order_by("pk")), actor=request.user),
        success=f"Merged {queryset.count()} claims.",
    )


@admin.action(description="Re-segment their articles")
def resegment_article(modeladmin, request, queryset):
    article_ids = sorted(set(queryset.values_list("article_id", flat=True)))
    done = 0
    for article in Article.objects.filter(pk__in=article_ids).order_by("pk"):
        if service_call(request, lambda article=article: article_resegment(article=article, actor=request.user)):
            done += 1
    if done:
        messages.success(request, f"Queued {done} article{'s' if done != 1 else ''} for segmentation.")


ACTIONS = (assign_to_me, assign_to, unassign, dismiss, reopen, merge, resegment_article)
