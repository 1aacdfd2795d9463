"""From an integrator's article to a signed claim.published webhook and the ClaimReview feed, over the API only."""

import hashlib
import hmac
import json

ARTICLE = {
    "title": "Minister on jobs",
    "body": (
        "The minister said on Monday that unemployment fell by 50% since 2020. "
        "She added that 200,000 new jobs were created last year.\n\n"
        "Photo: Example Agency"
    ),
    "url": "https://news.example.org/2026/11/jobs",
    "publisher": "Example News",
    "author": "A. Reporter",
    "published_at": "2026-11-27T08:00:00Z",
}


def test_article_to_published_fact_check_over_the_api(
    transactional_db, integrator, reviewer, editor, receiver, api_client_for
):
    ivy, rita, edna = api_client_for(integrator), api_client_for(reviewer), api_client_for(editor)

    # the integrator subscribes and pushes an article; segmentation runs after the ingest commits
    hook = ivy.post(
        "/api/v1/webhooks/", {"url": receiver.url("/factcheck"), "events": ["claim.published"]}, format="json"
    )
    assert hook.status_code == 201
    secret = hook.data["secret"]
    pushed = ivy.post("/api/v1/articles/", ARTICLE, format="json")
    assert pushed.status_code == 202
    article_id = pushed.data["id"]
    assert ivy.get(f"/api/v1/articles/{article_id}/").data["segmentation_status"] == "done"

    # claims appear
    claims = ivy.get("/api/v1/claims/", {"article": article_id, "ordering": "position"}).data["results"]
    assert claims
    claim = next(c for c in claims if "unemployment" in c["text"])
    assert ARTICLE["body"][claim["start"] : claim["end"]] == claim["text"]

    # the reviewer assigns it to herself, adds a source, drafts and submits a verdict
    assert rita.post(f"/api/v1/claims/{claim['id']}/assign/", {"assignee": "me"}, format="json").status_code == 200
    source = rita.post(
        f"/api/v1/claims/{claim['id']}/sources/",
        {"url": "https://stats.example.gov/labour/2026", "title": "Labour force survey", "source_type": "dataset"},
        format="json",
    )
    assert source.status_code == 201
    draft = rita.post(
        f"/api/v1/claims/{claim['id']}/verdicts/",
        {
            "rating": "false",
            "summary": "Unemployment fell from 5.1% to 4.8%, not by half.",
            "explanation": "<p>The labour force survey shows a fall of 0.3 points.</p>",
            "sources": [source.data["id"]],
        },
        format="json",
    )
    assert draft.status_code == 201
    verdict_id = draft.data["id"]
    assert rita.post(f"/api/v1/verdicts/{verdict_id}/submit/", format="json").status_code == 200
    # the integrator cannot see the submitted verdict, nor approve it
    assert ivy.get(f"/api/v1/verdicts/{verdict_id}/").status_code == 404
    assert receiver.requests == []

    # an editor who did not write it approves
    approved = edna.post(f"/api/v1/verdicts/{verdict_id}/approve/", format="json")
    assert approved.status_code == 200
    assert approved.data["status"] == "approved"

    # the receiver got a claim.published it can verify with the secret
    (delivery,) = receiver.requests
    assert delivery["path"] == "/factcheck"
    stamp, signature = (part.split("=", 1)[1] for part in delivery["headers"]["X-Factcheck-Signature"].split(","))
    expected = hmac.new(secret.encode(), f"{stamp}.".encode() + delivery["body"], hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature, expected)
    event = json.loads(delivery["body"])
    assert event["event"] == "claim.published"
    assert event["data"]["claim"]["id"] == claim["id"]
    assert event["data"]["claimreview"]["claimReviewed"] == claim["text"]
    logged = ivy.get(f"/api/v1/webhooks/{hook.data['id']}/deliveries/").data
    assert [(d["event"], d["status"]) for d in logged] == [("claim.published", "delivered")]

    # the ClaimReview feed lists it, for anyone
    feed = api_client_for(None).get("/api/v1/claimreviews/").data["results"]
    (review,) = feed
    assert review["claimReviewed"] == claim["text"]
    assert review["reviewRating"]["alternateName"] == "False"
    assert review["itemReviewed"]["appearance"][0]["url"] == ARTICLE["url"]
    assert review["url"].endswith(f"/fact-checks/{claim['id']}/")
