"""Absolute links to this site, for documents that leave it (webhooks, ClaimReview, API answers)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    return settings.FACTCHECK_PUBLIC_BASE_URL.rstrip("/") + path
