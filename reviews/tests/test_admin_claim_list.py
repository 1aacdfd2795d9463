"""The claim list: filters a desk uses, new claims most check-worthy first, bulk actions through the services."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews.models import Verdict, WorkflowEvent
from reviews.tests.factories import VerdictFactory

pytestmark = pytest.mark.django_db


def _ids(client, query=""):
    response = client.get(reverse("admin:claims_claim_changelist") + query)
    assert response.status_code == 200
    return [claim.pk for claim in response.context["cl"].result_list]


def test_new_claims_are_listed_most_check_worthy_first(client, reviewer):
    low, high, mid = (
        ClaimFactory(checkworthiness=0.2),
        ClaimFactory(checkworthiness=0.9),
        ClaimFactory(checkworthiness=0.5),
    )
    ClaimFactory(status="dismissed", checkworthiness=1.0)
    client.force_login(reviewer)

    assert _ids(client, "?status__exact=new") == [high.pk, mid.pk, low.pk]


def test_filters_for_assignee_band_rating_and_publisher(client, reviewer, other_reviewer):
    mine = ClaimFactory(assignee=reviewer, status="in_review", checkworthiness=0.8)
    theirs = ClaimFactory(assignee=other_reviewer, status="in_review", checkworthiness=0.5)
    loose = ClaimFactory(checkworthiness=0.1, article=ArticleFactory(publisher="Daily Planet"))
    rated = ClaimFactory(status="published", checkworthiness=0.75)
    VerdictFactory(claim=rated, status=Verdict.Status.APPROVED, author=other_reviewer)
    client.force_login(reviewer)

    assert _ids(client, "?assigned=me") == [mine.pk]
    assert set(_ids(client, "?assigned=unassigned")) == {loose.pk, rated.pk}
    assert _ids(client, "?assigned=others") == [theirs.pk]
    assert set(_ids(client, "?cw=high")) == {mine.pk, rated.pk}
    assert _ids(client, "?cw=low") == [loose.pk]
    assert _ids(client, "?rating=false") == [rated.pk]
    assert _ids(client, "?publisher=Daily+Planet") == [loose.pk]
    assert _ids(client, "?claim_type=quantity&cw=medium") == [theirs.pk]


def test_search_finds_claims_by_their_words(client, reviewer):
    hit = ClaimFactory(text="Inflation reached 9 percent in March.")
    ClaimFactory(text="The bridge opened in 1990.")
    client.force_login(reviewer)

    assert _ids(client, "?q=inflation") == [hit.pk]


def test_bulk_assign_to_me_reports_what_was_refused(client, reviewer):
    fresh = ClaimFactory.create_batch(2)
    published = ClaimFactory(status="published")
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "assign_to_me", "_selected_action": [c.pk for c in [*fresh, published]]},
        follow=True,
    )

    messages = [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]
    assert messages == [
        ("success", "Assigned 2 claims to you."),
        ("error", f"Cannot assign a claim that is published. (#{published.pk})"),
    ]
    assert {c.assignee_id for c in type(published).objects.filter(pk__in=[c.pk for c in fresh])} == {reviewer.pk}


def test_assign_to_asks_for_the_person_then_assigns(client, reviewer, other_reviewer):
    claims = ClaimFactory.create_batch(2)
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_changelist")
    selected = {"action": "assign_to", "_selected_action": [c.pk for c in claims]}

    form_page = client.post(url, selected)
    client.post(url, {**selected, "apply": "1", "assignee": other_reviewer.pk})

    assert form_page.status_code == 200
    assert 'name="assignee"' in form_page.content.decode()
    assert WorkflowEvent.objects.filter(action="assign", claim__in=claims, note="Assigned to raul.").count() == 2


def test_bulk_dismiss_needs_a_reason(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_changelist")

    client.post(url, {"action": "dismiss", "_selected_action": [claim.pk], "apply": "1", "reason": "nonsense"})
    claim.refresh_from_db()
    assert claim.status == "new"

    client.post(url, {"action": "dismiss", "_selected_action": [claim.pk], "apply": "1", "reason": "opinion"})
    claim.refresh_from_db()
    assert (claim.status, claim.dismiss_reason) == ("dismissed", "opinion")


def test_reviewers_cannot_resegment_articles_from_the_claim_list(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "resegment_article", "_selected_action": [claim.pk]},
        follow=True,
    )

    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    claim.article.refresh_from_db()
    assert claim.article.segmentation_status == "done"
