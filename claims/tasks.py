from celery import shared_task

from . import services


@shared_task(name="claims.segment_article")
def segment_article_task(article_id: int) -> bool:
    return services.article_segment(article_id=article_id)
