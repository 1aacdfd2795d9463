"""The claim page's table of actions: one URL per action, forms checked first, buttons from workflow.permitted."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.tests.factories import ClaimFactory
from reviews.admin.claim_page import PAGE_ACTIONS
from reviews.tests.wf_helpers import claim_in_review, submitted_verdict

pytestmark = pytest.mark.django_db


def _messages(response):
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def test_an_unknown_action_is_404_and_a_get_is_refused(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)

    unknown = client.post(reverse("admin:claims_claim_step", args=[claim.pk, "publish_now"]))
    fetched = client.get(reverse("admin:claims_claim_step", args=[claim.pk, "assign_me"]))

    assert unknown.status_code == 404
    assert fetched.status_code == 405


def test_an_invalid_form_is_reported_and_the_service_is_not_called(client, reviewer):
    claim, _ = claim_in_review(reviewer=reviewer)
    client.force_login(reviewer)

    response = client.post(reverse("admin:claims_claim_step", args=[claim.pk, "split"]), {"at": "x"}, follow=True)

    assert _messages(response) == [("error", "Split at character: Enter a whole number.")]
    assert not claim.events.filter(action="split").exists()


def test_every_button_on_the_page_posts_to_an_action_of_the_table(client, reviewer):
    claim, cited = claim_in_review(reviewer=reviewer)
    client.force_login(reviewer)

    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    prefix = reverse("admin:claims_claim_step", args=[claim.pk, "NAME"]).removesuffix("NAME/")
    posted = {chunk.split("/")[0] for chunk in html.split(prefix)[1:]}
    assert posted
    assert posted <= set(PAGE_ACTIONS)


def test_the_queue_offers_no_decision_on_an_editors_own_verdict(client, editor, other_editor):
    own_claim, _ = submitted_verdict(reviewer=editor)
    others_claim, _ = submitted_verdict(reviewer=other_editor)
    client.force_login(editor)

    html = client.get(reverse("admin:reviews_verdict_queue")).content.decode()

    assert html.count("fc-approve") == 1
    assert html.count("Your verdict: another editor decides.") == 1
    own_row = html[html.index(f'data-claim="{own_claim.pk}"') :].split("</tr>")[0]
    assert "fc-approve" not in own_row
    assert f'data-claim="{others_claim.pk}"' in html
