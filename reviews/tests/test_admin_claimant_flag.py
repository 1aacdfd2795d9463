"""The no-claimant flag before approval (ClaimReview then names the publisher); furniture from the claim page."""

import pytest
from django.urls import reverse

from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews.tests.api_helpers import submitted

pytestmark = pytest.mark.django_db


def test_the_claim_page_flags_a_claim_without_claimant(client, reviewer):
    article = ArticleFactory(publisher="Daily Example")
    bare = ClaimFactory(article=article, claimant="")
    named = ClaimFactory(article=article, claimant="Maria Lopez")
    client.force_login(reviewer)

    bare_page = client.get(reverse("admin:claims_claim_change", args=[bare.pk])).content.decode()
    named_page = client.get(reverse("admin:claims_claim_change", args=[named.pk])).content.decode()

    assert "No claimant: the publisher (Daily Example) will be named." in bare_page
    assert "No claimant" not in named_page


def test_the_editor_queue_flags_a_claim_without_claimant(client, reviewer, editor):
    claim, _ = submitted(reviewer=reviewer)
    claim.claimant = ""
    claim.save(update_fields=["claimant"])
    client.force_login(editor)

    page = client.get(reverse("admin:reviews_verdict_queue")).content.decode()

    assert "fc-no-claimant" in page


def test_a_claim_is_marked_as_furniture_from_its_page(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    client.post(reverse("admin:claims_claim_step", args=[claim.pk, "furniture"]), {"kind": "caption"})

    assert 'id="fc-furniture"' in page
    claim.refresh_from_db()
    assert (claim.status, claim.dismiss_reason, claim.kind) == ("dismissed", "furniture", "caption")
