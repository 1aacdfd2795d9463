"""The public site: the list of fact-checks, each fact-check's page, the Atom feed and the sitemap."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from factcheck import converters  # noqa: F401 - registers the <id:...> converter

from . import public
from .syndication import SITEMAPS, FactcheckFeed

urlpatterns = [
    path("", public.home, name="public-home"),
    path("fact-checks/feed/", FactcheckFeed(), name="public-feed"),
    path("fact-checks/<id:claim_id>/", public.factcheck_page, name="public-factcheck"),
    path("fact-checks/<id:claim_id>.json", public.factcheck_json, name="public-factcheck-json"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="public-sitemap"),
]
