"""The public fact-check pages."""

from django.urls import path

from . import public

urlpatterns = [
    path("fact-checks/<int:claim_id>/", public.factcheck_page, name="public-factcheck"),
    path("fact-checks/<int:claim_id>.json", public.factcheck_json, name="public-factcheck-json"),
]
