"""The editor queue: submitted verdicts oldest first, approve or request changes with a note."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from reviews.models import Verdict
from reviews.tests.wf_helpers import submitted_verdict

pytestmark = pytest.mark.django_db


def test_queue_lists_submitted_verdicts_oldest_first(client, reviewer, editor):
    newer_claim, newer = submitted_verdict(reviewer=reviewer)
    older_claim, older = submitted_verdict(reviewer=reviewer)
    Verdict.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timezone.timedelta(days=2))
    client.force_login(editor)

    html = client.get(reverse("admin:reviews_verdict_queue")).content.decode()

    assert html.index(f'data-claim="{older_claim.pk}"') < html.index(f'data-claim="{newer_claim.pk}"')
    assert html.count("fc-approve") == 2


def test_editor_approves_from_the_queue_and_returns_to_it(client, reviewer, editor):
    claim, verdict = submitted_verdict(reviewer=reviewer)
    queue = reverse("admin:reviews_verdict_queue")
    client.force_login(editor)

    response = client.post(
        reverse("admin:claims_claim_step", args=[claim.pk, "verdict_approve"]), {"verdict": verdict.pk, "next": queue}
    )

    assert response["Location"] == queue
    claim.refresh_from_db()
    assert claim.status == "published"
    assert "Nothing is waiting for approval." in client.get(queue).content.decode()


def test_editor_requests_changes_with_a_note(client, reviewer, editor):
    claim, verdict = submitted_verdict(reviewer=reviewer)
    client.force_login(editor)

    response = client.post(
        reverse("admin:claims_claim_step", args=[claim.pk, "verdict_request_changes"]),
        {"verdict": verdict.pk, "note": "Which table?"},
        follow=True,
    )

    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.CHANGES_REQUESTED
    assert claim.events.get(action="request_changes").note == "Which table?"


def test_reviewers_see_the_queue_without_decision_buttons(client, reviewer, other_reviewer):
    submitted_verdict(reviewer=other_reviewer)
    client.force_login(reviewer)

    html = client.get(reverse("admin:reviews_verdict_queue")).content.decode()

    assert 'class="fc-queue-row"' in html
    assert "fc-approve" not in html
    assert "Editors decide." in html


def test_a_redirect_target_outside_the_site_is_ignored(client, reviewer, editor):
    claim, verdict = submitted_verdict(reviewer=reviewer)
    client.force_login(editor)

    response = client.post(
        reverse("admin:claims_claim_step", args=[claim.pk, "verdict_approve"]),
        {"verdict": verdict.pk, "next": "https://evil.example.com/"},
    )

    assert response["Location"] == reverse("admin:claims_claim_change", args=[claim.pk])
