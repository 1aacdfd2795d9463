"""The rating scale is edited in the admin by editors; reviewers can only read it."""

import pytest
from django.urls import reverse

from reviews.models import Rating

pytestmark = pytest.mark.django_db


def _change(client, rating, **data):
    fields = {
        "label": rating.label,
        "slug": rating.slug,
        "value": rating.value or "",
        "description": rating.description,
        "order": rating.order,
    }
    return client.post(reverse("admin:reviews_rating_change", args=[rating.pk]), {**fields, **data})


def test_the_default_scale_is_installed():
    assert list(Rating.objects.order_by("order").values_list("label", "value")) == [
        ("True", 5),
        ("Mostly true", 4),
        ("Half true", 3),
        ("Mostly false", 2),
        ("False", 1),
        ("Misleading", None),
        ("Unproven", None),
    ]


def test_editors_rename_a_rating(client, editor):
    rating = Rating.objects.get(slug="half-true")
    client.force_login(editor)

    response = _change(client, rating, label="Half-true")

    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.label == "Half-true"
    assert rating.history.latest().history_user == editor


def test_reviewers_cannot_change_the_scale(client, reviewer):
    rating = Rating.objects.get(slug="half-true")
    client.force_login(reviewer)

    response = _change(client, rating, label="Whatever")

    assert response.status_code == 403
    rating.refresh_from_db()
    assert rating.label == "Half true"
