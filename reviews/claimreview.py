"""schema.org ClaimReview documents for published verdicts.

https://schema.org/ClaimReview and Google's fact-check markup: claimReviewed, reviewRating
(alternateName; ratingValue/bestRating/worstRating on the numeric scale), url and author are what
consumers need; itemReviewed says who made the claim and where it appeared: every appearance (the
claims reusing the fact-check included), the earliest with a URL as firstAppearance.
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


# Words that make a claimant an organisation rather than a person ("the Health Ministry said").
_ORGANISATION_WORDS = frozenset(
    [
        "ministry",
        "department",
        "agency",
        "office",
        "government",
        "council",
        "commission",
        "committee",
        "bank",
        "institute",
        "university",
        "police",
        "party",
        "union",
        "association",
        "company",
        "corporation",
        "inc",
        "ltd",
        "group",
        "authority",
        "board",
        "court",
        "army",
        "service",
        "bureau",
        "organisation",
        "organization",
        "foundation",
        "parliament",
        "senate",
        "congress",
    ]
)


def claimant_kind(name: str) -> str:
    """schema.org type for a claimant named in text: an Organization when its name says so, else a Person."""
    words = {word.strip(".,'’").lower() for word in name.split()}
    return "Organization" if words & _ORGANISATION_WORDS else "Person"


def _claimant(claim, article) -> dict | None:
    """Who made the claim: its claimant, else the publisher that printed it; never the article's byline."""
    if claim.claimant:
        author = {"@type": claimant_kind(claim.claimant), "name": claim.claimant}
        if claim.claimant_url:
            author["url"] = claim.claimant_url
        return author
    if article.publisher:
        return {"@type": "Organization", "name": article.publisher}
    return None


def claim_articles(claim) -> list:
    """The articles a fact-checked claim appeared in: its own, then those of the claims reusing it
    (claims.matches), earliest first; the reusing claims are read from `claim.appearances` (prefetched
    for lists by reviews.selectors.claimreview_verdicts)."""
    articles = {claim.article_id: claim.article}
    for appearance in claim.appearances.all():
        articles.setdefault(appearance.article_id, appearance.article)
    return sorted(articles.values(), key=lambda a: (a.published_at or a.created_at, a.pk))


def _appearance(article) -> dict:
    appearance = {"@type": "CreativeWork", "headline": article.title}
    if article.url:
        appearance["url"] = article.url
    return appearance


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
    appearances = [_appearance(a) for a in claim_articles(claim)]
    item["appearance"] = appearances
    first = next((a for a in appearances if "url" in a), None)
    if first is not None:
        item["firstAppearance"] = first

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
