"""Workflow actions on claims over the API call the same services as the admin."""

from claims.models import Claim, Source
from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews.models import WorkflowEvent
from reviews.tests.api_helpers import published

URL = "/api/v1/claims/"
BODY = "Unemployment fell by half since 2020. Prices rose by 4% last year."


def _two_claims():
    article = ArticleFactory(body=BODY)
    first = ClaimFactory(article=article, position=0, text=BODY[:37], start=0, end=37)
    second = ClaimFactory(article=article, position=1, text=BODY[38:], start=38, end=len(BODY))
    return first, second


def test_assign_to_me_moves_the_claim_into_review_and_records_an_event(reviewer, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(reviewer).post(f"{URL}{claim.pk}/assign/", {"assignee": "me"}, format="json")

    assert response.status_code == 200
    assert response.data["status"] == "in_review"
    assert response.data["assignee"] == reviewer.username
    assert WorkflowEvent.objects.filter(claim=claim, action="assign", actor=reviewer).exists()


def test_assign_to_an_unknown_user_is_400_and_changes_nothing(reviewer, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(reviewer).post(f"{URL}{claim.pk}/assign/", {"assignee": "ghost"}, format="json")

    assert response.status_code == 400
    assert "assignee" in response.data
    claim.refresh_from_db()
    assert claim.status == "new"


def test_assign_to_an_integrator_is_400(reviewer, integrator, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(reviewer).post(
        f"{URL}{claim.pk}/assign/", {"assignee": integrator.username}, format="json"
    )

    assert response.status_code == 400
    assert "assignee" in response.data


def test_unassign_with_null_returns_the_claim_to_new(reviewer, api_client_for):
    claim = ClaimFactory()
    client = api_client_for(reviewer)
    client.post(f"{URL}{claim.pk}/assign/", {"assignee": "me"}, format="json")

    response = client.post(f"{URL}{claim.pk}/assign/", {"assignee": None}, format="json")

    assert response.status_code == 200
    assert response.data["status"] == "new"
    assert response.data["assignee"] is None


def test_dismiss_then_reopen(reviewer, api_client_for):
    claim = ClaimFactory()
    client = api_client_for(reviewer)

    dismissed = client.post(f"{URL}{claim.pk}/dismiss/", {"reason": "opinion"}, format="json")
    reopened = client.post(f"{URL}{claim.pk}/reopen/", {"note": "Worth checking."}, format="json")

    assert dismissed.status_code == 200
    assert dismissed.data["status"] == "dismissed"
    assert dismissed.data["dismiss_reason"] == "opinion"
    assert reopened.status_code == 200
    assert reopened.data["status"] == "new"


def test_dismiss_without_a_valid_reason_is_400(reviewer, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(reviewer).post(f"{URL}{claim.pk}/dismiss/", {"reason": "boring"}, format="json")

    assert response.status_code == 400
    assert "reason" in response.data


def test_reopening_a_claim_that_is_not_dismissed_is_409(reviewer, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(reviewer).post(f"{URL}{claim.pk}/reopen/", {}, format="json")

    assert response.status_code == 409
    assert "new" in response.data["detail"]


def test_dismissing_a_published_claim_is_409(reviewer, editor, api_client_for):
    claim, _ = published(reviewer=reviewer, editor=editor)

    response = api_client_for(editor).post(f"{URL}{claim.pk}/dismiss/", {"reason": "opinion"}, format="json")

    assert response.status_code == 409


def test_split_returns_both_claims_with_exact_offsets(reviewer, api_client_for):
    first, _ = _two_claims()

    response = api_client_for(reviewer).post(f"{URL}{first.pk}/split/", {"at": 18}, format="json")

    assert response.status_code == 200
    head, tail = response.data
    assert BODY[head["start"] : head["end"]] == head["text"] == "Unemployment fell"
    assert BODY[tail["start"] : tail["end"]] == tail["text"] == "by half since 2020."


def test_split_outside_the_text_is_400(reviewer, api_client_for):
    first, _ = _two_claims()

    response = api_client_for(reviewer).post(f"{URL}{first.pk}/split/", {"at": 500}, format="json")

    assert response.status_code == 400
    assert "at" in response.data
    assert Claim.objects.count() == 2


def test_merge_joins_adjacent_claims(reviewer, api_client_for):
    first, second = _two_claims()

    response = api_client_for(reviewer).post(f"{URL}merge/", {"claims": [first.pk, second.pk]}, format="json")

    assert response.status_code == 200
    assert response.data["id"] == first.pk
    assert response.data["text"] == BODY
    assert not Claim.objects.filter(pk=second.pk).exists()


def test_merge_of_claims_from_two_articles_is_400(reviewer, api_client_for):
    a, b = ClaimFactory(), ClaimFactory()

    response = api_client_for(reviewer).post(f"{URL}merge/", {"claims": [a.pk, b.pk]}, format="json")

    assert response.status_code == 400
    assert Claim.objects.count() == 2


def test_add_and_list_sources(reviewer, api_client_for):
    claim = ClaimFactory()
    client = api_client_for(reviewer)

    created = client.post(
        f"{URL}{claim.pk}/sources/",
        {"url": "https://stats.example.org/labour", "title": "Labour survey", "source_type": "dataset"},
        format="json",
    )
    listed = client.get(f"{URL}{claim.pk}/sources/")

    assert created.status_code == 201
    assert created.data["added_by"] == reviewer.username
    assert [s["url"] for s in listed.data] == ["https://stats.example.org/labour"]


def test_the_same_source_twice_is_400(reviewer, api_client_for):
    claim = ClaimFactory()
    client = api_client_for(reviewer)
    client.post(f"{URL}{claim.pk}/sources/", {"url": "https://stats.example.org/labour"}, format="json")

    response = client.post(f"{URL}{claim.pk}/sources/", {"url": "https://stats.example.org/labour"}, format="json")

    assert response.status_code == 400
    assert "url" in response.data
    assert Source.objects.count() == 1


def test_a_source_with_a_non_http_url_is_400(reviewer, api_client_for):
    claim = ClaimFactory()

    response = api_client_for(reviewer).post(
        f"{URL}{claim.pk}/sources/", {"url": "javascript:alert(1)"}, format="json"
    )

    assert response.status_code == 400
    assert Source.objects.count() == 0


def test_timeline_lists_events_in_order(reviewer, api_client_for):
    claim = ClaimFactory()
    client = api_client_for(reviewer)
    client.post(f"{URL}{claim.pk}/assign/", {"assignee": "me"}, format="json")
    client.post(f"{URL}{claim.pk}/dismiss/", {"reason": "opinion"}, format="json")

    response = client.get(f"{URL}{claim.pk}/events/")

    assert response.status_code == 200
    assert [(e["action"], e["to_state"]) for e in response.data] == [("assign", "in_review"), ("dismiss", "dismissed")]
    assert response.data[0]["actor"] == reviewer.username
