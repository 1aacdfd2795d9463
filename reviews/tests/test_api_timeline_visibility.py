"""A claim's timeline: the desk reads all of it; integrators only the public part of a published claim's."""

from reviews import services
from reviews.tests.api_helpers import corrected, drafted, published, submitted

URL = "/api/v1/claims/{}/events/"


def _actions(response):
    return [event["action"] for event in response.data]


def test_integrator_reads_nothing_of_an_unpublished_claims_timeline(integrator, reviewer, editor, api_client_for):
    # given: a claim in review with a source, a draft sent back with an editor's note
    claim, verdict = submitted(reviewer=reviewer)
    services.verdict_request_changes(verdict=verdict, actor=editor, note="The second source is a blog.")
    source_url = claim.sources.get().url

    seen_by_integrator = api_client_for(integrator).get(URL.format(claim.pk))
    seen_by_desk = api_client_for(reviewer).get(URL.format(claim.pk))

    assert seen_by_integrator.status_code == 200
    assert seen_by_integrator.data == []
    # the desk still has it all: the source's URL, the assignee, the editor's note
    notes = " ".join(event["note"] for event in seen_by_desk.data)
    assert source_url in notes
    assert reviewer.username in notes
    assert "The second source is a blog." in notes


def test_integrator_reads_only_the_publications_of_a_published_claim(
    integrator, reviewer, editor, other_editor, api_client_for
):
    # given: a claim researched, published, then corrected
    claim, _ = published(reviewer=reviewer, editor=other_editor)
    corrected(claim=claim, editor=other_editor, author=editor)
    source_url = claim.sources.first().url

    response = api_client_for(integrator).get(URL.format(claim.pk))

    assert response.status_code == 200
    assert _actions(response) == ["approve", "correct"]
    assert [(e["from_state"], e["to_state"]) for e in response.data] == [
        ("awaiting_approval", "published"),
        ("published", "published"),
    ]
    text = repr(response.data)
    assert source_url not in text
    assert reviewer.username not in text  # the assignee and author of the first version
    # the desk's view of the same claim has the working steps too
    desk = _actions(api_client_for(reviewer).get(URL.format(claim.pk)))
    assert {"assign", "source_add", "verdict_draft", "submit", "correction_draft"} <= set(desk)


def test_integrator_reads_an_empty_timeline_for_a_claim_with_only_a_draft(integrator, reviewer, api_client_for):
    claim, _ = drafted(reviewer=reviewer)

    response = api_client_for(integrator).get(URL.format(claim.pk))

    assert response.status_code == 200
    assert response.data == []
