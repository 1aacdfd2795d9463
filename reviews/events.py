"""What integrators are told about fact-checks: claim.published, verdict.corrected and claim.matched."""

from django.urls import reverse

from claims.models import Claim
from factcheck.links import absolute_url
from factcheck.webhooks.events import CLAIM_MATCHED, CLAIM_PUBLISHED, VERDICT_CORRECTED
from factcheck.webhooks.services import webhook_emit, webhook_subscriptions

from .claimreview import claimreview_document
from .selectors import published_verdicts


def claim_payload(claim: Claim) -> dict:
    """A claim as webhooks describe it; a public page only once it is published."""
    payload = {
        "id": claim.pk,
        "text": claim.text,
        "article": claim.article_id,
        "status": claim.status,
        "api_url": absolute_url(reverse("api-claim-detail", args=[claim.pk])),
    }
    if claim.status == Claim.Status.PUBLISHED:
        payload["public_url"] = absolute_url(reverse("public-factcheck", args=[claim.pk]))
    return payload


def verdict_published_notify(*, verdict, correction: bool) -> None:
    """Emit claim.published (first publication) or verdict.corrected for an approved verdict.

    Both name every appearance of the fact-check (the claims reusing it read this verdict too).
    """
    verdict = published_verdicts().get(pk=verdict.pk)
    claim = verdict.claim
    payload = {
        "claim": claim_payload(claim),
        "verdict": {
            "id": verdict.pk,
            "version": verdict.version,
            "rating": verdict.rating.slug,
            "summary": verdict.summary,
            "correction_note": verdict.correction_note,
            "decided_at": verdict.decided_at,
        },
        "appearances": [claim_payload(a) for a in claim.appearances.all()],
        "claimreview": claimreview_document(verdict=verdict, first_published_at=verdict.first_published_at),
    }
    webhook_emit(event=VERDICT_CORRECTED if correction else CLAIM_PUBLISHED, payload=payload)


def claim_matched_emit(*, match, fact_check: Claim | None = None) -> None:
    """Emit claim.matched for a confirmed match; with the fact-check it now reuses and its ClaimReview, if any."""
    subscriptions = webhook_subscriptions(CLAIM_MATCHED)
    if not subscriptions:
        return
    payload = {
        "match": {
            "id": match.pk,
            "score": match.score,
            "reasons": list(match.reasons),
            "checked": match.checked,
            "status": match.status,
            "matcher_version": match.matcher_version,
            "decided_at": match.decided_at,
        },
        "claim": claim_payload(match.claim),
        "candidate": claim_payload(match.candidate),
        "fact_check": None,
    }
    if fact_check is not None:
        verdict = published_verdicts().filter(claim=fact_check).first()
        payload["fact_check"] = {
            **claim_payload(fact_check),
            "claimreview": claimreview_document(verdict=verdict, first_published_at=verdict.first_published_at)
            if verdict is not None
            else None,
        }
    webhook_emit(event=CLAIM_MATCHED, payload=payload, subscriptions=subscriptions)
