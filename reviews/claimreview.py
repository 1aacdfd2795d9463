"""schema.org ClaimReview documents for published verdicts.

https://schema.org/ClaimReview and Google's fact-check markup: claimReviewed, reviewRating
(alternateName; ratingValue/bestRating/worstRating on the numeric scale), url and author are what
consumers need; itemReviewed says who made the claim and where it appeared.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from factcheck.links import absolute_url, public_base_url

from .selectors import rating_scale_bounds


def public_url(claim_id: int, *, request=None) -> str:
    """The fact-check page's absolute URL; pass the request when there is one (factcheck/links.py)."""
    return absolute_url(reverse("public-factcheck", args=[claim_id]), request=request)


def claim_reviewed_text(claim) -> str:
    return " ".join((claim.text or "").split())


def claimreview_validate(*, verdict, claim=None) -> None:
    """Refuse to publish a verdict whose ClaimReview would lack what consumers require.

    `claim` is the verdict's claim when the caller already holds it (locked), to save a query.
    """
    claim = claim if claim is not None else verdict.claim
    errors = {}
    if not claim_reviewed_text(claim):
        errors["text"] = "The claim has no text; a ClaimReview needs the claim it reviews (claimReviewed)."
    if verdict.rating_id is None:
        errors["rating"] = "A published verdict needs a rating."
    elif not (verdict.rating.label or "").strip():
        errors["rating"] = "The rating has no label to publish."
    if errors:
        raise ValidationError(errors)


def _claimant(claim, article) -> dict | None:
    name = claim.claimant or article.author or article.publisher
    if not name:
        return None
    # A named claimant can be a person or an organisation; without more to go on, the article's
    # publisher is an organisation and its author a person.
    kind = "Organization" if not claim.claimant and not article.author else "Person"
    author = {"@type": kind, "name": name}
    if claim.claimant and claim.claimant_url:
        author["url"] = claim.claimant_url
    return author


def claimreview_document(*, verdict, first_published_at=None, bounds=None, request=None) -> dict:
    """The ClaimReview JSON-LD for an approved verdict (its claim and article must be loaded).

    Its links start with the request's host when given and FACTCHECK_PUBLIC_BASE_URL is unset.
    """
    claim = verdict.claim
    article = claim.article
    worst, best = bounds if bounds is not None else rating_scale_bounds()
    rating = {"@type": "Rating", "alternateName": verdict.rating.label}
    if verdict.rating.value is not None and best is not None:
        rating.update(ratingValue=verdict.rating.value, bestRating=best, worstRating=worst)

    item = {"@type": "Claim"}
    claimant = _claimant(claim, article)
    if claimant:
        item["author"] = claimant
    appeared = article.published_at or article.created_at
    if appeared:
        item["datePublished"] = appeared.date().isoformat()
    appearance = {"@type": "CreativeWork", "headline": article.title}
    if article.url:
        appearance["url"] = article.url
    item["appearance"] = [appearance]
    if article.url:
        item["firstAppearance"] = appearance

    published = first_published_at or verdict.decided_at
    base = public_base_url(request)
    document = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_url(claim.pk, request=request),
        "claimReviewed": claim_reviewed_text(claim),
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": settings.FACTCHECK_PUBLISHER_NAME, "url": base + "/"},
        "datePublished": published.date().isoformat() if published else None,
        "itemReviewed": item,
        "headline": verdict.summary,
    }
    if verdict.decided_at and published and verdict.decided_at.date() != published.date():
        document["dateModified"] = verdict.decided_at.date().isoformat()
    if verdict.correction_note:
        document["correction"] = {"@type": "CorrectionComment", "text": verdict.correction_note}
    return {key: value for key, value in document.items() if value is not None}
