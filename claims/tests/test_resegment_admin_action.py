"""The admin action "Re-segment selected articles": editors queue it, anyone else is told why not."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.ingest import ArticleInput, article_ingest
from claims.models import Article

pytestmark = pytest.mark.django_db(transaction=True)

BODY = "The ministry said 4,000 homes were built in 2023. Critics said the real figure was closer to 2,500."


def _run_action(client, user, articles):
    client.force_login(user)
    return client.post(
        reverse("admin:claims_article_changelist"),
        {"action": "resegment_selected", "_selected_action": [a.pk for a in articles]},
        follow=True,
    )


def test_editor_resegments_the_selected_articles(client, editor):
    article, _ = article_ingest(article=ArticleInput(title="Homes", body=BODY), created_by=None)
    Article.objects.filter(pk=article.pk).update(segmentation_status=Article.SegmentationStatus.FAILED)

    response = _run_action(client, editor, [article])

    article.refresh_from_db()
    assert response.status_code == 200
    assert [m.message for m in get_messages(response.wsgi_request)] == ["Queued 1 article for segmentation."]
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert article.claims.count() == 2


def test_reviewer_is_refused_with_a_message_and_nothing_changes(client, reviewer):
    article, _ = article_ingest(article=ArticleInput(title="Homes", body=BODY), created_by=None)
    Article.objects.filter(pk=article.pk).update(segmentation_status=Article.SegmentationStatus.FAILED)

    response = _run_action(client, reviewer, [article])

    article.refresh_from_db()
    assert response.status_code == 200
    assert [m.message for m in get_messages(response.wsgi_request)] == ["Only editors may re-segment articles."]
    assert article.segmentation_status == Article.SegmentationStatus.FAILED
