"""The editor's review: the queue shows each whole verdict, approving goes through a preview of the public page.

The queue and the preview only show; the decisions are the claim page's actions (`claim_page.PAGE_ACTIONS`,
`verdict_approve` and `verdict_request_changes`), posted from here with `next` pointing back.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from factcheck.roles import Role, is_desk, roles_of

from .. import selectors, workflow
from ..markdown import render_explanation
from ..models import Verdict
from ..verdict_changes import verdict_changes
from ..workflow import Action
from .claim_page import remember_roles
from .forms import NoteForm

QUEUE_CONTEXT_CHARS = 200  # characters of the article shown on each side of the claim in the queue
MAX_PREVIEW_CHARS = 100_000


def _article_context(claim) -> dict:
    body = claim.article.body
    start, end = claim.start, claim.end
    return {
        "before": body[max(0, start - QUEUE_CONTEXT_CHARS) : start],
        "claim": body[start:end],
        "after": body[end : end + QUEUE_CONTEXT_CHARS],
        "cut_before": start > QUEUE_CONTEXT_CHARS,
        "cut_after": end + QUEUE_CONTEXT_CHARS < len(body),
    }


def queue_view(model_admin, request):
    """Submitted verdicts, oldest first, each whole: rating, summary, explanation, sources, claim in its article."""
    user = request.user
    remember_roles(user)
    roles = roles_of(user)
    if not roles & {Role.REVIEWER, Role.EDITOR}:
        raise PermissionDenied
    verdicts = list(selectors.verdict_queue()[:200])
    changes = verdict_changes(verdicts)
    # An editor's own verdicts are listed without the buttons: the workflow's four-eyes rule.
    rows = [
        {
            "verdict": v,
            "may_decide": Action.APPROVE in workflow.permitted(user, v),
            "changes": changes.get(v.pk),
            "context": _article_context(v.claim),
        }
        for v in verdicts
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Editor queue: verdicts awaiting approval",
        "opts": model_admin.opts,
        "rows": rows,
        "is_editor": Role.EDITOR in roles,
        "note_form": NoteForm(),
    }
    return TemplateResponse(request, "admin/reviews/verdict/queue.html", context)


def preview_view(model_admin, request, pk):
    """The public page this verdict would make, with the approval to confirm."""
    if not is_desk(request.user):
        raise PermissionDenied
    verdict = get_object_or_404(
        Verdict.objects.select_related("claim", "claim__article", "rating", "author", "editor").prefetch_related(
            "sources"
        ),
        pk=pk,
    )
    remember_roles(request.user)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Preview: claim #{verdict.claim_id}, verdict v{verdict.version}",
        "opts": model_admin.opts,
        "verdict": verdict,
        "claim": verdict.claim,
        "article": verdict.claim.article,
        "explanation": verdict.explanation_html,
        "sources": list(verdict.sources.all()),
        "publisher_name": settings.FACTCHECK_PUBLISHER_NAME,
        "may_approve": verdict.status == Verdict.Status.SUBMITTED
        and Action.APPROVE in workflow.permitted(request.user, verdict),
        "changes": verdict_changes([verdict]).get(verdict.pk),
    }
    return TemplateResponse(request, "admin/reviews/verdict/preview.html", context)


def markdown_preview_view(model_admin, request):
    """The live preview of an explanation: the same rendering and sanitising the public page uses."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not is_desk(request.user):
        raise PermissionDenied
    text = request.POST.get("text", "")[:MAX_PREVIEW_CHARS]
    return HttpResponse(render_explanation(text), content_type="text/html; charset=utf-8")
