"""A claim's matches over the API: listed as checked before / seen before, confirmed (the reuse) or rejected."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.matches import claim_match
from claims.models import Claim, ClaimMatch
from claims.tests.factories import ArticleFactory, ClaimFactory
from factcheck.webhooks.models import WebhookDelivery
from reviews.tests.api_helpers import published

pytestmark = pytest.mark.django_db

FACT_CHECK = "Unemployment in Westland fell to 5% in 2019."
REPEAT = "Westland's unemployment dropped to five per cent in 2019."
BODY = (
    "Westland's unemployment dropped to five per cent in 2019, the minister told parliament on Monday. "
    "The new harbour in Corbel will open next spring after years of delays."
)
HOOK = "https://hooks.example.org/factcheck"


@pytest.fixture
def fact_check(reviewer, editor):
    article = ArticleFactory(url="https://first.example.org/jobs", published_at=datetime(2024, 1, 5, tzinfo=UTC))
    claim, _ = published(reviewer=reviewer, editor=editor, claim=ClaimFactory(article=article, text=FACT_CHECK))
    return claim


def _suggestion(claim, candidate, *, score=0.9, checked=True):
    return ClaimMatch.objects.create(
        claim=claim, candidate=candidate, score=score, reasons=["same figures"], matcher_version="t", checked=checked
    )


def _url(claim, match=None, step=None):
    if match is None:
        return f"/api/v1/claims/{claim.pk}/matches/"
    return f"/api/v1/claims/{claim.pk}/matches/{match.pk}/{step}/"


def test_a_pushed_article_repeating_a_fact_check_is_answered_by_it_through_the_api(
    fact_check, reviewer, integrator, api_client_for, settings, django_capture_on_commit_callbacks
):
    # given an integrator subscribed to claim.matched, through the subscription API
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["hooks.example.org"]
    pusher = api_client_for(integrator)
    subscribed = pusher.post("/api/v1/webhooks/", {"url": HOOK, "events": ["claim.matched"]}, format="json")
    assert subscribed.status_code == 201, subscribed.content
    assert subscribed.data["events"] == ["claim.matched"]

    # when an article repeating the fact-check is pushed (segmented, then matched, as each commits)
    with django_capture_on_commit_callbacks(execute=True):
        pushed = pusher.post(
            "/api/v1/articles/",
            {"title": "Jobs", "body": BODY, "url": "https://second.example.org/jobs"},
            format="json",
        )
    assert pushed.status_code == 202, pushed.content

    # then the claim is listed as checked before, with the fact-check's rating, date and page
    desk = api_client_for(reviewer)
    listed = desk.get("/api/v1/claims/", {"article": pushed.data["id"], "checked_before": "true"}).json()
    (row,) = listed["results"]
    assert row["text"].startswith("Westland's unemployment")
    matches = desk.get(f"/api/v1/claims/{row['id']}/matches/").json()
    (suggestion,) = matches["checked_before"]
    assert suggestion["status"] == "suggested"
    assert suggestion["checked"] is True
    assert suggestion["candidate"]["id"] == fact_check.pk
    assert suggestion["candidate"]["text"] == FACT_CHECK
    assert suggestion["candidate"]["rating"] == "false"
    assert suggestion["candidate"]["published_at"] is not None
    assert suggestion["candidate"]["public_url"].endswith(f"/fact-checks/{fact_check.pk}/")
    assert suggestion["candidate"]["claimreview_url"] == f"/api/v1/claims/{fact_check.pk}/claimreview/"
    assert 0 < suggestion["score"] <= 1
    assert suggestion["reasons"]
    assert suggestion["matcher_version"]

    # when a reviewer confirms it
    with django_capture_on_commit_callbacks(execute=False):
        confirmed = desk.post(f"/api/v1/claims/{row['id']}/matches/{suggestion['id']}/confirm/")

    # then the match is decided, the claim is another appearance of the fact-check
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed["ETag"]
    assert (confirmed.data["status"], confirmed.data["decided_by"]) == ("confirmed", "rita")
    assert confirmed.data["decided_at"] is not None
    claim = desk.get(f"/api/v1/claims/{row['id']}/").json()
    assert claim["status"] == Claim.Status.REUSED
    assert claim["fact_check"] == fact_check.pk
    assert claim["match_group"] == fact_check.pk
    document = api_client_for(None).get(f"/api/v1/claims/{fact_check.pk}/claimreview/").json()
    appearances = [a["url"] for a in document["itemReviewed"]["appearance"]]
    assert appearances == ["https://first.example.org/jobs", "https://second.example.org/jobs"]
    (delivery,) = WebhookDelivery.objects.filter(event="claim.matched")
    assert delivery.payload["claim"]["id"] == row["id"]
    assert delivery.payload["fact_check"]["id"] == fact_check.pk
    # and it is no longer an open suggestion: a second decision is a conflict
    again = desk.post(f"/api/v1/claims/{row['id']}/matches/{suggestion['id']}/reject/")
    assert again.status_code == 409
    assert "already decided" in again.data["detail"]


def test_a_rejected_pair_stays_listed_as_rejected_and_is_never_suggested_again(fact_check, editor, api_client_for):
    repeat = ClaimFactory(text=REPEAT)
    claim_match(claim_ids=[repeat.pk])
    match = ClaimMatch.objects.get(claim=repeat, candidate=fact_check)
    client = api_client_for(editor)

    rejected = client.post(_url(repeat, match, "reject"), {}, format="json")
    claim_match(claim_ids=[repeat.pk])  # the matcher runs again (a resegmentation, say)

    assert rejected.status_code == 200, rejected.content
    assert (rejected.data["status"], rejected.data["decided_by"]) == ("rejected", "edna")
    assert list(ClaimMatch.objects.filter(claim=repeat).values_list("candidate_id", "status")) == [
        (fact_check.pk, "rejected")
    ]
    listed = client.get(_url(repeat)).json()
    assert [(m["id"], m["status"]) for m in listed["checked_before"]] == [(match.pk, "rejected")]
    assert client.get("/api/v1/claims/", {"checked_before": "true"}).json()["results"] == []
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.NEW
    assert repeat.match_group is None


def test_matches_are_split_into_checked_before_and_seen_before_best_first(fact_check, integrator, api_client_for):
    claim = ClaimFactory(text=REPEAT)
    earlier = ClaimFactory(text="Westland unemployment was 5% in 2019, a report says.")
    weaker = ClaimFactory(text="Unemployment in Westland, 2019.")
    _suggestion(claim, fact_check)
    _suggestion(claim, weaker, score=0.4, checked=False)
    _suggestion(claim, earlier, score=0.7, checked=False)

    answer = api_client_for(integrator).get(_url(claim)).json()

    (checked,) = answer["checked_before"]
    assert checked["candidate"]["id"] == fact_check.pk
    assert [m["candidate"]["id"] for m in answer["seen_before"]] == [earlier.pk, weaker.pk]
    seen = answer["seen_before"][0]["candidate"]
    assert seen["status"] == "new"
    assert seen["article"] == earlier.article_id
    assert seen["article_title"] == earlier.article.title
    assert seen["article_url"] == earlier.article.url
    assert (seen["rating"], seen["published_at"], seen["public_url"], seen["claimreview_url"]) == (None,) * 4


def test_the_matches_of_a_claim_are_read_in_a_fixed_number_of_queries(fact_check, integrator, api_client_for):
    claim = ClaimFactory(text=REPEAT)
    client = api_client_for(integrator)
    client.get(_url(claim))  # the token's last use is written once
    _suggestion(claim, fact_check)
    with CaptureQueriesContext(connection) as one:
        client.get(_url(claim))
    for _ in range(4):
        _suggestion(claim, ClaimFactory(), checked=False)
    with CaptureQueriesContext(connection) as five:
        answer = client.get(_url(claim)).json()

    assert len(answer["seen_before"]) == 4
    assert len(five) == len(one)


@pytest.mark.parametrize("step", ["confirm", "reject"])
def test_a_match_of_another_claim_is_not_found(step, fact_check, reviewer, api_client_for):
    claim, other = ClaimFactory(text=REPEAT), ClaimFactory()
    match = _suggestion(claim, fact_check)

    response = api_client_for(reviewer).post(_url(other, match, step))

    assert response.status_code == 404
    assert ClaimMatch.objects.get(pk=match.pk).status == "suggested"


@pytest.mark.parametrize("step", ["confirm", "reject"])
def test_deciding_takes_an_empty_body_only(step, fact_check, reviewer, api_client_for):
    claim = ClaimFactory(text=REPEAT)
    match = _suggestion(claim, fact_check)

    response = api_client_for(reviewer).post(_url(claim, match, step), {"status": "confirmed"}, format="json")

    assert response.status_code == 400
    assert set(response.data) == {"status"}
    assert ClaimMatch.objects.get(pk=match.pk).status == "suggested"


@pytest.mark.parametrize("step", ["confirm", "reject"])
def test_integrators_may_read_matches_but_not_decide_them(step, fact_check, integrator, api_client_for):
    claim = ClaimFactory(text=REPEAT)
    match = _suggestion(claim, fact_check)
    client = api_client_for(integrator)

    assert client.get(_url(claim)).status_code == 200
    assert client.post(_url(claim, match, step)).status_code == 403
    assert api_client_for(None).get(_url(claim)).status_code == 401
    assert ClaimMatch.objects.get(pk=match.pk).status == "suggested"


def test_the_matches_of_a_claim_that_does_not_exist_are_not_found(integrator, api_client_for):
    assert api_client_for(integrator).get("/api/v1/claims/999999/matches/").status_code == 404


# --- the claim list's filters and fields ---------------------------------------------------------


@pytest.fixture
def matched(fact_check, reviewer):
    """{name: claim}: one with an open checked match, one seen before only, one rejected, one reused, one alone."""
    from reviews import services

    checked, seen, rejected, reused, alone = (ClaimFactory() for _ in range(5))
    _suggestion(checked, fact_check)
    _suggestion(seen, alone, checked=False)
    services.match_reject(match=_suggestion(rejected, fact_check), actor=reviewer)
    services.claim_reuse_fact_check(claim=reused, fact_check=fact_check, actor=reviewer)
    return {"checked": checked, "seen": seen, "rejected": rejected, "reused": reused, "alone": alone}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"checked_before": "true"}, {"checked", "reused"}),
        ({"checked_before": "false"}, {"seen", "rejected", "alone"}),
        ({"seen_before": "true"}, {"checked", "seen"}),
        ({"seen_before": "false"}, {"rejected", "reused", "alone"}),
        ({"seen_before": "true", "checked_before": "false"}, {"seen"}),
    ],
)
def test_the_claim_list_filters_by_seen_and_checked_before(
    params, expected, matched, fact_check, integrator, api_client_for
):
    names = {claim.pk: name for name, claim in matched.items()}

    answer = api_client_for(integrator).get("/api/v1/claims/", params).json()

    assert {names.get(row["id"], "fact_check") for row in answer["results"]} - {"fact_check"} == expected


@pytest.mark.parametrize("name", ["seen_before", "checked_before"])
@pytest.mark.parametrize("value", ["", "maybe", "1"])
def test_a_matching_filter_takes_true_or_false_only(name, value, integrator, api_client_for):
    response = api_client_for(integrator).get("/api/v1/claims/", {name: value})

    assert response.status_code == 400
    assert name in response.data


def test_a_reused_claim_names_its_fact_check_and_group_in_list_and_detail(
    matched, fact_check, integrator, api_client_for
):
    client = api_client_for(integrator)
    reused = matched["reused"]

    (row,) = [r for r in client.get("/api/v1/claims/").json()["results"] if r["id"] == reused.pk]
    detail = client.get(f"/api/v1/claims/{reused.pk}/").json()

    assert (row["status"], row["fact_check"], row["match_group"]) == ("reused", fact_check.pk, fact_check.pk)
    assert detail == row
    alone = client.get(f"/api/v1/claims/{matched['alone'].pk}/").json()
    assert (alone["fact_check"], alone["match_group"]) == (None, None)
