"""Verdicts over the API: drafting, ETag-guarded edits, submission, four eyes, and what integrators see."""

from claims.tests.factories import ClaimFactory
from reviews import services
from reviews.models import Verdict
from reviews.tests.api_helpers import corrected, drafted, published, submitted


def _in_review(reviewer):
    claim = ClaimFactory()
    services.claim_assign(claim=claim, actor=reviewer, assignee=reviewer)
    return claim


def test_reviewer_drafts_a_verdict_citing_a_source(reviewer, api_client_for):
    claim = _in_review(reviewer)
    client = api_client_for(reviewer)
    source = client.post(
        f"/api/v1/claims/{claim.pk}/sources/", {"url": "https://stats.example.org/x"}, format="json"
    ).data

    response = client.post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"rating": "false", "summary": "Wrong.", "explanation": "<p>No.</p>", "sources": [source["id"]]},
        format="json",
    )

    assert response.status_code == 201
    assert response.data["status"] == "draft"
    assert response.data["version"] == 1
    assert response.data["author"] == reviewer.username
    assert [s["id"] for s in response.data["sources"]] == [source["id"]]
    assert response["ETag"]


def test_unknown_rating_is_400_and_no_verdict_is_stored(reviewer, api_client_for):
    claim = _in_review(reviewer)

    response = api_client_for(reviewer).post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"rating": "pants-on-fire", "summary": "x"}, format="json"
    )

    assert response.status_code == 400
    assert "rating" in response.data
    assert not Verdict.objects.exists()


def test_explanation_is_sanitised(reviewer, api_client_for):
    claim = _in_review(reviewer)

    response = api_client_for(reviewer).post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"rating": "false", "summary": "x", "explanation": '<p onclick="x()">Hi</p><script>alert(1)</script>'},
        format="json",
    )

    assert response.status_code == 201
    assert "script" not in response.data["explanation"]
    assert "onclick" not in response.data["explanation"]


def test_submit_without_a_source_is_400_with_the_evidence_gate_message(reviewer, api_client_for):
    claim = _in_review(reviewer)
    client = api_client_for(reviewer)
    verdict = client.post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"rating": "false", "summary": "Wrong."}, format="json"
    ).data

    response = client.post(f"/api/v1/verdicts/{verdict['id']}/submit/", format="json")

    assert response.status_code == 400
    assert "sources" in response.data


def test_editor_cannot_approve_a_verdict_they_wrote(reviewer, editor, api_client_for):
    claim = _in_review(editor)
    _, verdict = submitted(reviewer=editor, claim=claim)

    response = api_client_for(editor).post(f"/api/v1/verdicts/{verdict.pk}/approve/", format="json")

    assert response.status_code == 403
    verdict.refresh_from_db()
    assert verdict.status == "submitted"


def test_another_editor_approves_and_the_claim_is_published(reviewer, editor, api_client_for):
    claim, verdict = submitted(reviewer=reviewer)

    response = api_client_for(editor).post(f"/api/v1/verdicts/{verdict.pk}/approve/", format="json")

    assert response.status_code == 200
    assert response.data["status"] == "approved"
    assert response.data["editor"] == editor.username
    claim.refresh_from_db()
    assert claim.status == "published"


def test_approving_twice_is_409(reviewer, editor, other_editor, api_client_for):
    _, verdict = published(reviewer=reviewer, editor=editor)

    response = api_client_for(other_editor).post(f"/api/v1/verdicts/{verdict.pk}/approve/", format="json")

    assert response.status_code == 409


def test_request_changes_needs_a_note(reviewer, editor, api_client_for):
    _, verdict = submitted(reviewer=reviewer)
    client = api_client_for(editor)

    missing = client.post(f"/api/v1/verdicts/{verdict.pk}/request-changes/", {}, format="json")
    sent = client.post(f"/api/v1/verdicts/{verdict.pk}/request-changes/", {"note": "Cite the survey."}, format="json")

    assert missing.status_code == 400
    assert "note" in missing.data
    assert sent.status_code == 200
    assert sent.data["status"] == "changes_requested"


def test_verdict_patch_needs_if_match_and_refuses_stale_tags(reviewer, api_client_for):
    _, verdict = drafted(reviewer=reviewer)
    client = api_client_for(reviewer)
    url = f"/api/v1/verdicts/{verdict.pk}/"
    etag = client.get(url)["ETag"]

    without = client.patch(url, {"summary": "No tag."}, format="json")
    first = client.patch(url, {"summary": "First."}, format="json", HTTP_IF_MATCH=etag)
    stale = client.patch(url, {"summary": "Second."}, format="json", HTTP_IF_MATCH=etag)

    assert without.status_code == 428
    assert first.status_code == 200
    assert first.data["summary"] == "First."
    assert stale.status_code == 412
    verdict.refresh_from_db()
    assert verdict.summary == "First."


def test_verdict_system_fields_cannot_be_patched(reviewer, api_client_for):
    _, verdict = drafted(reviewer=reviewer)
    client = api_client_for(reviewer)
    url = f"/api/v1/verdicts/{verdict.pk}/"
    etag = client.get(url)["ETag"]

    response = client.patch(
        url, {"status": "approved", "version": 9, "author": "edna"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 400
    verdict.refresh_from_db()
    assert (verdict.status, verdict.version, verdict.author_id) == ("draft", 1, reviewer.pk)


def test_integrators_never_see_draft_or_submitted_verdicts(reviewer, editor, integrator, api_client_for):
    claim, published_verdict = published(reviewer=reviewer, editor=editor)
    draft = services.verdict_create(
        claim=claim,
        actor=editor,
        rating="mostly-false",
        summary="Correction in progress.",
        explanation="",
        sources=list(claim.sources.values_list("pk", flat=True)),
        correction_note="Revised numbers.",
    )
    _, pending = submitted(reviewer=reviewer)
    client = api_client_for(integrator)

    listed = client.get(f"/api/v1/claims/{claim.pk}/verdicts/")

    assert [v["id"] for v in listed.data] == [published_verdict.pk]
    assert client.get(f"/api/v1/verdicts/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/verdicts/{pending.pk}/").status_code == 404
    assert client.get(f"/api/v1/claims/{pending.claim_id}/verdicts/").data == []
    # the desk sees the draft
    assert len(api_client_for(reviewer).get(f"/api/v1/claims/{claim.pk}/verdicts/").data) == 2


def test_integrators_see_superseded_versions_after_a_correction(
    reviewer, editor, other_editor, integrator, api_client_for
):
    claim, first = published(reviewer=reviewer, editor=editor)
    second = corrected(claim=claim, editor=other_editor, author=editor)

    listed = api_client_for(integrator).get(f"/api/v1/claims/{claim.pk}/verdicts/")

    assert [(v["id"], v["status"]) for v in listed.data] == [(second.pk, "approved"), (first.pk, "superseded")]
    assert listed.data[0]["correction_note"]
