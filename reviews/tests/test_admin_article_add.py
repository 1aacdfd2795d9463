"""Adding an article in the admin goes through the ingest service and queues segmentation."""

import pytest
from django.urls import reverse

from claims.models import Article

pytestmark = pytest.mark.django_db

BODY = "The council spent 4 million euros on the bridge in 2022. Critics said the cost doubled."


def _add(client, **data):
    fields = {"title": "Bridge costs", "body": BODY, "url": "", "publisher": "Local", "author": "", "language": "en"}
    return client.post(reverse("admin:claims_article_add"), {**fields, **data}, follow=True)


def test_adding_an_article_ingests_and_segments_it(client, editor, django_capture_on_commit_callbacks):
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = _add(client)

    article = Article.objects.get()
    assert response.status_code == 200
    assert article.content_hash
    assert article.created_by == editor
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert article.claims.exists()


def test_adding_the_same_text_again_returns_the_stored_article(client, editor):
    client.force_login(editor)
    _add(client)

    response = _add(client, title="Same text, other title")

    assert Article.objects.count() == 1
    assert "already stored" in response.content.decode()


def test_an_empty_body_is_refused_on_the_form(client, editor):
    client.force_login(editor)

    response = _add(client, body="   ")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_stored_articles_are_read_only(client, editor):
    client.force_login(editor)
    _add(client)
    article = Article.objects.get()

    page = client.get(reverse("admin:claims_article_change", args=[article.pk]))

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
