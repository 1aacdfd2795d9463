"""The public site: published fact-checks newest first, and each one's page (HTML with the ClaimReview
embedded as JSON-LD, and a JSON variant). The Atom feed and the sitemap are in syndication.py.
"""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from factcheck.links import absolute_url

from .claimreview import claim_articles, claimreview_document, public_url
from .selectors import claimreview_verdicts, public_factcheck_list, verdict_history

PAGE_SIZE = 20
# Longer queries are not what a search box is for, and each word is one more condition.
MAX_QUERY_LENGTH = 200

# In a <script> element only "</" can end the element early; escaping <, > and & keeps any text inert.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _published(claim_id: int):
    verdict = claimreview_verdicts().filter(claim_id=claim_id).first()
    if verdict is None:
        raise Http404("No published fact-check for this claim.")
    return verdict


def _history(claim_id: int) -> list:
    return [
        {
            "version": v.version,
            "rating": v.rating.label,
            "summary": v.summary,
            "correction_note": v.correction_note,
            "published_at": v.decided_at,
            "current": v.status == "approved",
        }
        for v in verdict_history(claim_id=claim_id).order_by("-version")
    ]


@require_GET
def home(request):
    q = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    page = Paginator(public_factcheck_list(q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "publisher_name": settings.FACTCHECK_PUBLISHER_NAME,
        # Search results and later pages are the same list: one canonical address for it.
        "canonical_url": absolute_url(reverse("public-home"), request=request),
    }
    return render(request, "reviews/public_home.html", context)


@require_GET
def factcheck_page(request, claim_id: int):
    verdict = _published(claim_id)
    document = claimreview_document(verdict=verdict, first_published_at=verdict.first_published_at, request=request)
    json_ld = json.dumps(document, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
    context = {
        "verdict": verdict,
        "claim": verdict.claim,
        "article": verdict.claim.article,
        "document": document,
        # Markdown rendered and sanitised on the way out, whatever path stored it.
        "explanation": verdict.explanation_html,
        "json_ld": mark_safe(json_ld),  # noqa: S308
        "history": _history(claim_id),
        # Every article the claim appeared in, the fact-checked one and those whose claims reuse it.
        "appearances": claim_articles(verdict.claim),
        "sources": list(verdict.sources.all()),
        "canonical_url": public_url(claim_id, request=request),
        "publisher_name": settings.FACTCHECK_PUBLISHER_NAME,
    }
    return render(request, "reviews/public_factcheck.html", context)


def _article_json(article) -> dict:
    return {"title": article.title, "url": article.url, "publisher": article.publisher}


@require_GET
def factcheck_json(request, claim_id: int):
    verdict = _published(claim_id)
    claim = verdict.claim
    return JsonResponse(
        {
            "claim": {"id": claim.pk, "text": claim.text, "claimant": claim.claimant},
            "article": _article_json(claim.article),
            "appearances": [_article_json(a) for a in claim_articles(claim)],
            "verdict": {
                "version": verdict.version,
                "rating": verdict.rating.slug,
                "rating_label": verdict.rating.label,
                "summary": verdict.summary,
                "explanation": str(verdict.explanation_html),
                "correction_note": verdict.correction_note,
                "published_at": verdict.decided_at,
                "sources": [{"url": s.url, "title": s.title, "publisher": s.publisher} for s in verdict.sources.all()],
            },
            "history": _history(claim_id),
            "claimreview": claimreview_document(
                verdict=verdict, first_published_at=verdict.first_published_at, request=request
            ),
        },
        json_dumps_params={"ensure_ascii": False},
    )
