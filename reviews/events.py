"""What integrators are told about fact-checks: the payloads of claim.published and verdict.corrected."""

from django.urls import reverse

from factcheck.links import absolute_url
from factcheck.webhooks.events import CLAIM_PUBLISHED, VERDICT_CORRECTED
from factcheck.webhooks.services import webhook_emit

from .claimreview import claimreview_document
from .selectors import published_verdicts


def verdict_published_notify(*, verdict, correction: bool) -> None:
    """Emit claim.published (first publication) or verdict.corrected for an approved verdict."""
    verdict = published_verdicts().get(pk=verdict.pk)
    claim = verdict.claim
    payload = {
        "claim": {
            "id": claim.pk,
            "text": claim.text,
            "article": claim.article_id,
            "status": claim.status,
            "public_url": absolute_url(reverse("public-factcheck", args=[claim.pk])),
            "api_url": absolute_url(reverse("api-claim-detail", args=[claim.pk])),
        },
        "verdict": {
            "id": verdict.pk,
            "version": verdict.version,
            "rating": verdict.rating.slug,
            "summary": verdict.summary,
            "correction_note": verdict.correction_note,
            "decided_at": verdict.decided_at,
        },
        "claimreview": claimreview_document(verdict=verdict, first_published_at=verdict.first_published_at),
    }
    webhook_emit(event=VERDICT_CORRECTED if correction else CLAIM_PUBLISHED, payload=payload)
