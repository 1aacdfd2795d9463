"""The claim page: what it shows, and the steps people take on it as one table of page actions.

A POST to `<claim>/do/<name>/` runs the page action `name`: it reads the action's form, calls its
one service and reports its message, or turns the refusal into an error message. Which buttons
the page shows is asked of `reviews.workflow.permitted`; the services decide.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from claims import selectors as claim_selectors
from claims.models import Claim
from factcheck.admin_helpers import service_call
from factcheck.roles import roles_of, roles_remember

from .. import selectors, services, workflow
from ..models import Verdict
from ..workflow import Action
from . import claim_sections
from .forms import (
    AssignForm,
    ClaimEditForm,
    CommentForm,
    DismissForm,
    FurnitureForm,
    MatchForm,
    NoteForm,
    ScheduleForm,
    SourceForm,
    SplitForm,
    VerdictForm,
    desk_users,
    form_errors_text,
)

CONTEXT_CHARS = 600  # characters of article text shown on each side of a claim

# What a page action's permission is asked of: the claim, verdict work on the claim (on a
# published claim that is a correction, editors only), or the claim's open verdict.
ON_CLAIM, ON_WORK, ON_VERDICT = "claim", "work", "verdict"


@dataclass(frozen=True)
class Step:
    """What a page action's service call is given."""

    actor: object
    claim: Claim
    verdict: Verdict | None  # the verdict the POST names, for actions on a verdict
    data: dict  # the form's cleaned data


@dataclass(frozen=True)
class Page:
    """What the workflow permits the viewer on this claim page."""

    claim: Claim
    on_claim: set
    on_verdict: set  # on the claim's open verdict, if any

    def shows(self, action: "PageAction") -> bool:
        if action.on == ON_VERDICT:
            allowed = action.permission in self.on_verdict
        elif action.on == ON_WORK:
            allowed = workflow.claim_action(action.permission, self.claim.status) in self.on_claim
        else:
            allowed = action.permission in self.on_claim
        return allowed and (action.also is None or action.also(self.claim))


@dataclass(frozen=True)
class PageAction:
    name: str  # the URL's <name>, and the template's `can.<name>`
    permission: Action  # the workflow step that shows the button...
    on: str  # ...asked of the claim (ON_CLAIM), verdict work on it (ON_WORK) or its verdict (ON_VERDICT)
    call: Callable[[Step], object]  # the one service call
    success: str  # the message when it worked; may name {verdict.version}
    form: type[forms.Form] | None = None
    also: Callable[[Claim], bool] | None = None  # what else the page needs to offer it


def _unedited(claim: Claim) -> bool:
    return claim.article.body[claim.start : claim.end] == claim.text


PAGE_ACTIONS: dict[str, PageAction] = {
    action.name: action
    for action in (
        PageAction(
            "assign_me",
            Action.ASSIGN,
            ON_CLAIM,
            lambda s: services.claim_assign(claim=s.claim, actor=s.actor, assignee=s.actor),
            "The claim is assigned to you.",
        ),
        PageAction(
            "assign",
            Action.ASSIGN,
            ON_CLAIM,
            lambda s: services.claim_assign(claim=s.claim, actor=s.actor, assignee=s.data["assignee"]),
            "The claim is assigned.",
            form=AssignForm,
        ),
        PageAction(
            "unassign",
            Action.UNASSIGN,
            ON_CLAIM,
            lambda s: services.claim_assign(claim=s.claim, actor=s.actor, assignee=None),
            "The claim is unassigned.",
            also=lambda claim: claim.assignee_id is not None,
        ),
        PageAction(
            "dismiss",
            Action.DISMISS,
            ON_CLAIM,
            lambda s: services.claim_dismiss(claim=s.claim, actor=s.actor, **s.data),
            "The claim is dismissed.",
            form=DismissForm,
        ),
        PageAction(
            "furniture",
            Action.DISMISS,
            ON_CLAIM,
            lambda s: services.claim_mark_furniture(claim=s.claim, actor=s.actor, **s.data),
            "The claim is marked as page furniture.",
            form=FurnitureForm,
        ),
        PageAction(
            "reopen",
            Action.REOPEN,
            ON_CLAIM,
            lambda s: services.claim_reopen(claim=s.claim, actor=s.actor, **s.data),
            "The claim is reopened.",
            form=NoteForm,
        ),
        PageAction(
            "edit",
            Action.EDIT,
            ON_CLAIM,
            lambda s: services.claim_edit(claim=s.claim, actor=s.actor, **s.data),
            "The claim is saved.",
            form=ClaimEditForm,
        ),
        PageAction(
            "schedule",
            Action.SCHEDULE,
            ON_CLAIM,
            lambda s: services.claim_schedule(claim=s.claim, actor=s.actor, **s.data),
            "The deadline and priority are saved.",
            form=ScheduleForm,
        ),
        PageAction(
            "comment",
            Action.COMMENT,
            ON_CLAIM,
            lambda s: services.comment_add(claim=s.claim, actor=s.actor, **s.data),
            "Your comment is posted.",
            form=CommentForm,
        ),
        PageAction(
            "split",
            Action.SPLIT,
            ON_CLAIM,
            lambda s: services.claim_split(claim=s.claim, actor=s.actor, **s.data),
            "The claim is split in two.",
            form=SplitForm,
            also=_unedited,
        ),
        # Matching: a suggestion of this claim is the same claim (confirming may make the claim another
        # appearance of a published fact-check), or not (never suggested again).
        PageAction(
            "match_confirm",
            Action.MATCH,
            ON_CLAIM,
            lambda s: services.match_confirm(match=s.data["match"], actor=s.actor),
            "Marked as the same claim.",
            form=MatchForm,
        ),
        PageAction(
            "match_reject",
            Action.MATCH,
            ON_CLAIM,
            lambda s: services.match_reject(match=s.data["match"], actor=s.actor),
            "Marked as not the same claim: it will not be suggested again.",
            form=MatchForm,
        ),
        PageAction(
            "source_add",
            Action.EDIT,
            ON_WORK,
            lambda s: services.source_add(claim=s.claim, actor=s.actor, cite_in_draft=True, **s.data),
            "The source is added.",
            form=SourceForm,
        ),
        PageAction(
            "verdict_draft",
            Action.SUBMIT,
            ON_WORK,
            lambda s: services.verdict_create(claim=s.claim, actor=s.actor, **s.data),
            "The verdict draft is saved.",
            form=VerdictForm,
            also=lambda claim: _open_verdict(claim) is None,
        ),
        # The draft form is offered where its author could submit it (not on a claim sent back to new).
        PageAction(
            "verdict_update",
            Action.SUBMIT,
            ON_VERDICT,
            lambda s: services.verdict_update(verdict=s.verdict, actor=s.actor, **s.data),
            "The verdict draft is saved.",
            form=VerdictForm,
        ),
        PageAction(
            "verdict_submit",
            Action.SUBMIT,
            ON_VERDICT,
            lambda s: services.verdict_submit(verdict=s.verdict, actor=s.actor),
            "The verdict is submitted for approval.",
        ),
        PageAction(
            "verdict_approve",
            Action.APPROVE,
            ON_VERDICT,
            lambda s: services.verdict_approve(verdict=s.verdict, actor=s.actor),
            "Verdict v{verdict.version} is approved and published.",
        ),
        PageAction(
            "verdict_request_changes",
            Action.REQUEST_CHANGES,
            ON_VERDICT,
            lambda s: services.verdict_request_changes(verdict=s.verdict, actor=s.actor, **s.data),
            "Changes are requested from the author.",
            form=NoteForm,
        ),
    )
}


# --- the POST -----------------------------------------------------------------------------------


def page_action_view(model_admin, request, object_id, name):
    """One POST from the claim page or the editor queue: read it, call one service, go back."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=object_id)
    if not model_admin.has_view_or_change_permission(request, claim):
        raise PermissionDenied
    action = PAGE_ACTIONS.get(name)
    if action is None:
        raise Http404("No such step.")
    verdict = _posted_verdict(request, claim) if action.on == ON_VERDICT else None
    data = {}
    if action.form is not None:
        form = action.form(request.POST, claim=claim)
        if not form.is_valid():
            messages.error(request, form_errors_text(form))
            return HttpResponseRedirect(_next_url(request, claim))
        data = form.cleaned_data
    step = Step(actor=request.user, claim=claim, verdict=verdict, data=data)
    service_call(request, lambda: action.call(step), success=action.success.format(verdict=verdict))
    return HttpResponseRedirect(_next_url(request, claim))


def _posted_verdict(request, claim) -> Verdict:
    try:
        return Verdict.objects.get(pk=int(request.POST.get("verdict", "")), claim=claim)
    except (ValueError, Verdict.DoesNotExist):
        raise Http404("No such verdict on this claim.") from None


def _next_url(request, claim) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:claims_claim_change", args=[claim.pk])


# --- the page -----------------------------------------------------------------------------------


def remember_roles(user) -> None:
    # A page that asks the workflow about several objects reads the user's groups once.
    roles_remember(user=user, group_names=[group.name for group in user.groups.all()])


def _open_verdict(claim: Claim) -> Verdict | None:
    """The version being written or waiting for a decision (the verdicts are prefetched)."""
    return next(
        (v for v in claim.verdicts.all() if v.status in (*services.OPEN_VERDICT_STATES, Verdict.Status.SUBMITTED)),
        None,
    )


def claim_page(model_admin, request, object_id, extra_context=None):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    try:
        claim = selectors.claim_detail(claim_id=int(object_id))
    except (Claim.DoesNotExist, ValueError):
        raise Http404("No such claim.") from None
    if not model_admin.has_view_or_change_permission(request, claim):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        **_context(model_admin, request, claim),
        **(extra_context or {}),
    }
    return TemplateResponse(request, "admin/claims/claim/detail.html", context)


def _context(model_admin, request, claim: Claim) -> dict:
    user = request.user
    remember_roles(user)
    body = claim.article.body
    verdicts = list(claim.verdicts.all())
    open_verdict = _open_verdict(claim)
    published = claim.status == Claim.Status.PUBLISHED
    page = Page(
        claim=claim,
        on_claim=workflow.permitted(user, claim),
        on_verdict=workflow.permitted(user, open_verdict) if open_verdict is not None else set(),
    )
    can = {name: page.shows(action) for name, action in PAGE_ACTIONS.items()}
    before, after = claim_selectors.claim_neighbours(claim=claim)
    return {
        "title": f"Claim #{claim.pk}",
        "public_url": claim_sections.public_url(claim.pk) if published else None,
        "opts": model_admin.opts,
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
        "is_author": open_verdict is not None and open_verdict.author_id == user.pk,
        "is_correction": published,
        "events": list(claim.events.all()),
        "can": can,
        "assign_form": AssignForm(initial={"assignee": claim.assignee_id}),
        "dismiss_form": DismissForm(),
        "furniture_form": FurnitureForm(),
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
        # The page's later panels, each from its own builder (claim_sections).
        **claim_sections.schedule_section(claim),
        **claim_sections.verdict_section(claim, open_verdict, can),
        **claim_sections.discussion_section(claim, open_verdict),
        **claim_sections.matches_section(claim),
        "note_form": NoteForm(),
        "desk_users": desk_users(),
    }
