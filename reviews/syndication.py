"""The public site for machines: an Atom feed of published fact-checks and the sitemap.

Django's own pieces (django.contrib.syndication, django.contrib.sitemaps); their links follow the
same rule as the pages' (factcheck/links.py): FACTCHECK_PUBLIC_BASE_URL when set, else the request.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from factcheck.links import absolute_url

from .claimreview import public_url
from .selectors import published_verdicts

FEED_ENTRIES = 50


class FactcheckFeed(Feed):
    """The latest published fact-checks; a correction comes back to the top with its new date."""

    feed_type = Atom1Feed

    # The feed's "object" is the request: a Feed instance serves every request, so nothing
    # request-specific may be kept on it.
    def get_object(self, request, *args, **kwargs):
        return request

    def title(self, request):
        return f"{settings.FACTCHECK_PUBLISHER_NAME}: fact-checks"

    def subtitle(self, request):
        return f"The latest fact-checks published by {settings.FACTCHECK_PUBLISHER_NAME}."

    def link(self, request):
        return absolute_url(reverse("public-home"), request=request)

    def feed_url(self, request):
        return absolute_url(reverse("public-feed"), request=request)

    def author_name(self, request):
        return settings.FACTCHECK_PUBLISHER_NAME

    def items(self, request):
        verdicts = list(
            published_verdicts().defer("claim__article__body").order_by("-decided_at", "-id")[:FEED_ENTRIES]
        )
        for verdict in verdicts:
            verdict.public_url = public_url(verdict.claim_id, request=request)
        return verdicts

    def item_title(self, verdict):
        return f"{verdict.rating.label}: {verdict.claim.text}"

    def item_description(self, verdict):
        return verdict.summary

    def item_link(self, verdict):
        return verdict.public_url

    def item_guid(self, verdict):
        # One entry per fact-check, updated by corrections (Atom readers replace an entry by its id).
        return verdict.public_url

    def item_pubdate(self, verdict):
        return verdict.first_published_at

    def item_updateddate(self, verdict):
        return verdict.decided_at

    def item_categories(self, verdict):
        return [verdict.rating.label]


class FactcheckSitemap(Sitemap):
    """Every published fact-check page, with the date of its latest version."""

    def items(self):
        return published_verdicts().select_related(None).only("claim", "decided_at").order_by("claim_id")

    def location(self, verdict):
        return reverse("public-factcheck", args=[verdict.claim_id])

    def lastmod(self, verdict):
        return verdict.decided_at

    # The sitemap view takes scheme and host from the request; a configured public base wins.
    def get_protocol(self, protocol=None):
        base = settings.FACTCHECK_PUBLIC_BASE_URL
        return urlsplit(base).scheme if base else super().get_protocol(protocol)

    def get_domain(self, site=None):
        base = settings.FACTCHECK_PUBLIC_BASE_URL
        return urlsplit(base).netloc if base else super().get_domain(site)


SITEMAPS = {"fact-checks": FactcheckSitemap}
