from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from reviews import public


@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("reviews.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("fact-checks/<int:claim_id>/", public.factcheck_page, name="public-factcheck"),
    path("fact-checks/<int:claim_id>.json", public.factcheck_json, name="public-factcheck-json"),
]

# Unmatched API URLs answer JSON like the rest of the API.
handler404 = "reviews.api.exceptions.not_found"
