"""Absolute links to this site, for pages and documents that leave it (feeds, ClaimReview, API answers, webhooks).

The base is FACTCHECK_PUBLIC_BASE_URL when it is set. Otherwise it is the request's scheme and
host, so a page links to wherever it was served from. Without either (a webhook payload written by
a service or a task), it is the first DJANGO_ALLOWED_HOSTS name over https (http while
DJANGO_DEBUG is on): a deployment whose public site lives elsewhere sets the variable.
"""

from django.conf import settings


def public_base_url(request=None) -> str:
    """Scheme and host (and any path prefix) of public links, without a trailing slash."""
    configured = settings.FACTCHECK_PUBLIC_BASE_URL
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return _base_without_request()


def absolute_url(path: str, *, request=None) -> str:
    return public_base_url(request) + path


def _base_without_request() -> str:
    # settings.py refuses a "*" here at start-up; ".example.org" (any subdomain) means example.org.
    host = settings.ALLOWED_HOSTS[0].lstrip(".")
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{host}"
