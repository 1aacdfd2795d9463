"""The v1 API: `/api/v1/...`. Paths here are a contract with integrators; keep them stable."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from claims.api.feeds import FeedViewSet
from claims.api.views import ArticleViewSet
from factcheck import converters  # noqa: F401 - registers the <id:...> converter
from factcheck.webhooks.api import WebhookViewSet

from . import views
from .claims import ClaimViewSet
from .matches import ClaimMatchesView, MatchConfirmView, MatchRejectView
from .search import FactCheckSearchView
from .spans import ArticleClaimCreateView, ClaimFurnitureView

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="api-article")
router.register("feeds", FeedViewSet, basename="api-feed")
router.register("claims", ClaimViewSet, basename="api-claim")
router.register("verdicts", views.VerdictViewSet, basename="api-verdict")
router.register("webhooks", WebhookViewSet, basename="api-webhook")

urlpatterns = [
    path("articles/<id:article_id>/claims/", ArticleClaimCreateView.as_view(), name="api-article-claims"),
    path("claims/<id:claim_id>/furniture/", ClaimFurnitureView.as_view(), name="api-claim-furniture"),
    path("claims/<id:claim_id>/verdicts/", views.ClaimVerdictsView.as_view(), name="api-claim-verdicts"),
    path("claims/<id:claim_id>/events/", views.ClaimEventsView.as_view(), name="api-claim-events"),
    path("claims/<id:claim_id>/claimreview/", views.ClaimReviewView.as_view(), name="api-claim-claimreview"),
    path("claims/<id:claim_id>/matches/", ClaimMatchesView.as_view(), name="api-claim-matches"),
    path("claims/<id:claim_id>/matches/<id:match_id>/confirm/", MatchConfirmView.as_view(), name="api-match-confirm"),
    path("claims/<id:claim_id>/matches/<id:match_id>/reject/", MatchRejectView.as_view(), name="api-match-reject"),
    path("fact-checks/search/", FactCheckSearchView.as_view(), name="api-factcheck-search"),
    path("claimreviews/", views.ClaimReviewFeedView.as_view(), name="api-claimreview-feed"),
    path("ratings/", views.RatingListView.as_view(), name="api-rating-list"),
    *router.urls,
]
