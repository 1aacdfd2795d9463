from django.contrib import admin
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from redis.exceptions import RedisError


@require_GET
def healthz(request):
    """Whether this process serves, and whether Redis (cache, throttles, broker) answers.

    Redis down is "degraded" with status 200: the web process still serves and stores work (the
    sweep queues it later), so the container's healthcheck must not restart it for that.
    """
    default_cache = caches["default"]
    if not isinstance(default_cache, RedisCache):
        return JsonResponse({"status": "ok"})  # the embedded mode: no Redis at all
    try:
        default_cache.get("healthz")
    except RedisError:
        return JsonResponse({"status": "degraded", "redis": "unavailable"})
    return JsonResponse({"status": "ok", "redis": "ok"})


urlpatterns = [
    # API tokens and webhooks moved out of the reviews app; bookmarks of their old admin pages still work.
    re_path(
        r"^admin/reviews/(?P<model>apitoken)/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/api/%(model)s/%(rest)s", permanent=True, query_string=True),
    ),
    re_path(
        r"^admin/reviews/(?P<model>webhooksubscription|webhookdelivery|webhookattempt)/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/webhooks/%(model)s/%(rest)s", permanent=True, query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # The v1 map lives with the app standing on all the others; each app keeps its own views.
    path("api/v1/", include("reviews.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file of its own: no inline script (CSP).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    path("", include("reviews.urls")),
]

# Unmatched API URLs answer JSON like the rest of the API.
handler404 = "factcheck.api.exceptions.not_found"
