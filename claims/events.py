"""What integrators are told about articles: the payloads of article.segmented and article.failed."""

from django.db.models import Count
from django.urls import reverse

from factcheck.links import absolute_url
from factcheck.webhooks.events import ARTICLE_FAILED, ARTICLE_SEGMENTED
from factcheck.webhooks.services import webhook_emit, webhook_subscriptions

from .models import Article


def article_payload(article) -> dict:
    """The article as webhooks describe it; `article` comes annotated with its claim_count."""
    return {
        "article": {
            "id": article.pk,
            "title": article.title,
            "url": article.url,
            "segmentation_status": article.segmentation_status,
            "segmentation_error": article.segmentation_error,
            "fetch_error": article.fetch_error,
            "segmenter_version": article.segmenter_version,
            "claim_count": article.claim_count,
            "api_url": absolute_url(reverse("api-article-detail", args=[article.pk])),
        }
    }


def articles_segmentation_notify(*, done: list[int], failed: list[int]) -> None:
    """Emit article.segmented for the `done` articles and article.failed for the `failed` ones."""
    for event, article_ids in ((ARTICLE_SEGMENTED, done), (ARTICLE_FAILED, failed)):
        if not article_ids:
            continue
        # Once per batch of segmented articles: the payloads, one query for them all, only for listeners.
        subscriptions = webhook_subscriptions(event)
        if subscriptions:
            articles = (
                Article.objects.filter(pk__in=article_ids)
                .defer("body")
                .annotate(claim_count=Count("claims"))
                .order_by("pk")
            )
            for article in articles:
                webhook_emit(event=event, payload=article_payload(article), subscriptions=subscriptions)
