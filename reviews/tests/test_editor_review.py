"""A real editor review: the whole verdict in the queue, a preview before approving, what changed since last time."""

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import Rating
from reviews.tests.api_helpers import drafted
from reviews.tests.wf_helpers import submitted_verdict

pytestmark = pytest.mark.django_db


def _queue(client):
    return client.get(reverse("admin:reviews_verdict_queue")).content.decode()


def test_the_queue_shows_the_whole_verdict_and_the_claim_in_its_article(client, reviewer, editor):
    claim, verdict = submitted_verdict(reviewer=reviewer)
    services.verdict_request_changes(verdict=verdict, actor=editor, note="Format it.")
    services.verdict_update(verdict=verdict, actor=reviewer, explanation="The **table** says 3%.")
    services.verdict_submit(verdict=verdict, actor=reviewer)
    client.force_login(editor)

    row = _queue(client).split(f'data-claim="{claim.pk}"', 1)[1].split("</tr>", 1)[0]

    assert '<span class="fc-rating">False</span>' in row
    assert "The figure is 3 percent, not 40." in row
    assert "<p>The <strong>table</strong> says 3%.</p>" in row
    assert "Table 0</a>" in row  # the cited source
    assert f"<mark>{claim.article.body[claim.start : claim.end]}</mark>" in row


def test_approving_goes_through_a_preview_of_the_public_page(client, reviewer, editor):
    claim, verdict = submitted_verdict(reviewer=reviewer)
    client.force_login(editor)
    preview_url = reverse("admin:reviews_verdict_preview", args=[verdict.pk])

    assert preview_url in _queue(client)
    preview = client.get(preview_url).content.decode()
    assert 'id="fc-factchecker"' in preview  # the public page's own body
    assert "<h1>The figure is 3 percent, not 40.</h1>" in preview
    assert 'id="fc-confirm-approve"' in preview
    claim.refresh_from_db()
    assert claim.status == "awaiting_approval"  # looking is not approving

    response = client.post(
        reverse("admin:claims_claim_step", args=[claim.pk, "verdict_approve"]),
        {"verdict": verdict.pk, "next": reverse("admin:reviews_verdict_queue")},
    )

    assert response["Location"] == reverse("admin:reviews_verdict_queue")
    claim.refresh_from_db()
    assert claim.status == "published"


def test_the_preview_offers_no_approval_to_the_author_or_a_reviewer(client, editor, other_editor, reviewer):
    _, own = submitted_verdict(reviewer=editor)
    client.force_login(editor)
    assert (
        'id="fc-confirm-approve"'
        not in client.get(reverse("admin:reviews_verdict_preview", args=[own.pk])).content.decode()
    )

    client.force_login(reviewer)
    page = client.get(reverse("admin:reviews_verdict_preview", args=[own.pk])).content.decode()
    assert 'id="fc-confirm-approve"' not in page
    assert "Another editor decides" in page


def test_a_resubmitted_verdict_shows_what_changed_since_the_editor_sent_it_back(client, reviewer, editor):
    # given: sent back, then reworded, re-rated and re-sourced
    claim, verdict = submitted_verdict(reviewer=reviewer)
    old_source = verdict.sources.get()
    services.verdict_request_changes(verdict=verdict, actor=editor, note="Use the 2020 table.")
    new_source = services.source_add(claim=claim, actor=reviewer, url="https://stats.example.org/2020", title="2020")
    services.verdict_update(
        verdict=verdict,
        actor=reviewer,
        summary="The figure is 3 percent, not 40, in 2020.",
        rating=Rating.objects.get(slug="mostly-false"),
        sources=[new_source],
    )
    services.verdict_submit(verdict=verdict, actor=reviewer)
    client.force_login(editor)

    # when
    queue = _queue(client)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    # then: on both pages
    for html in (queue, page):
        changes = html.split(f'id="fc-changes-{verdict.pk}"', 1)[1].split("</div>", 1)[0]
        assert "Changed the rating from <del>False</del> to <ins>Mostly false</ins>" in changes
        assert "Changed the summary:" in changes
        assert "<del>40.</del><ins>40, in 2020.</ins>" in changes
        assert "Changed the explanation" not in changes  # only what changed
        assert "Cites a new source: <ins>2020</ins>" in changes
        assert f"No longer cites: <del>{old_source.title}</del>" in changes


def test_a_first_submission_shows_no_changes(client, reviewer, editor):
    _, verdict = submitted_verdict(reviewer=reviewer)
    client.force_login(editor)

    assert f'id="fc-changes-{verdict.pk}"' not in _queue(client)


def test_a_source_added_while_drafting_is_cited_at_once(client, reviewer):
    claim, verdict = drafted(reviewer=reviewer)
    client.force_login(reviewer)

    client.post(
        reverse("admin:claims_claim_step", args=[claim.pk, "source_add"]),
        {"url": "https://stats.example.org/extra", "title": "Extra", "source_type": "dataset"},
    )

    assert list(verdict.sources.order_by("pk").values_list("title", flat=True)) == ["", "Extra"]
    assert (
        claim.events.latest("id").note
        == "Added source https://stats.example.org/extra and cited it in draft version 1."
    )


def test_a_first_draft_starts_citing_every_source(client, reviewer):
    from reviews.tests.wf_helpers import claim_in_review

    claim, cited = claim_in_review(reviewer=reviewer, sources=2)
    client.force_login(reviewer)

    form = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).context["verdict_form"]

    assert form.initial["sources"] == [source.pk for source in cited]
