"""The claim list and the editor queue cost the same number of queries for 1 row as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, ClaimMatch
from claims.tests.factories import ClaimFactory, SourceFactory
from factcheck.tests.factories import UserFactory
from reviews import services
from reviews.models import Verdict
from reviews.tests.api_helpers import published
from reviews.tests.factories import VerdictFactory
from reviews.tests.wf_helpers import submitted_verdict

pytestmark = pytest.mark.django_db


def _claims(n, *, author):
    for i in range(n):
        assignee = UserFactory(username=f"desk{Claim.objects.count()}", role="reviewer")
        claim = ClaimFactory(assignee=assignee, status="published" if i % 2 else "in_review")
        if i % 2:
            VerdictFactory(claim=claim, author=author, status=Verdict.Status.APPROVED)
        # Matching's suggestions (#17): each claim was seen before, every other one checked before.
        earlier = Claim.objects.exclude(pk=claim.pk).order_by("-pk").first()
        if earlier is not None:
            ClaimMatch.objects.create(
                claim=claim, candidate=earlier, score=0.7, matcher_version="t", checked=earlier.status == "published"
            )


def _submitted(n, *, author):
    for _ in range(n):
        claim = ClaimFactory(status="awaiting_approval")
        verdict = VerdictFactory(claim=claim, author=author, status=Verdict.Status.SUBMITTED)
        verdict.sources.add(SourceFactory(claim=claim))


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status__exact=new",
        "?assigned=me",
        "?cw=high",
        "?rating=false",
        "?publisher=Example+News",
        "?seen=yes",
        "?seen=no",
        "?checked=yes",
        "?checked=no",
        "?status__exact=reused",
    ],
)
def test_claim_list_queries_do_not_grow_with_rows(client, editor, reviewer, query):
    client.force_login(editor)
    url = reverse("admin:claims_claim_changelist") + query
    _claims(1, author=reviewer)
    client.get(url)  # warm the session and content-type caches
    one, _ = _count(client, url)

    _claims(29, author=reviewer)
    thirty, _ = _count(client, url)

    assert thirty == one
    assert one <= 12


def test_claim_list_shows_every_row_column_without_extra_queries(client, editor, reviewer):
    client.force_login(editor)
    _claims(30, author=reviewer)

    _, response = _count(client, reverse("admin:claims_claim_changelist"))

    assert len(response.context["cl"].result_list) == 30
    assert "False" in response.content.decode()  # the rating column came from the annotation


def test_editor_queue_queries_do_not_grow_with_rows(client, editor, reviewer):
    client.force_login(editor)
    url = reverse("admin:reviews_verdict_queue")
    _submitted(1, author=reviewer)
    client.get(url)
    one, _ = _count(client, url)

    _submitted(29, author=reviewer)
    thirty, response = _count(client, url)

    assert thirty == one
    assert response.content.decode().count('class="fc-queue-row"') == 30


def test_claim_page_queries_do_not_grow_with_sources_versions_and_events(client, editor, reviewer, other_reviewer):
    client.force_login(editor)
    # Both verdicts were sent back and resubmitted: their pages show the same parts.
    small, resubmitted = submitted_verdict(reviewer=reviewer)
    services.verdict_request_changes(verdict=resubmitted, actor=editor, note="Say which table.")
    services.verdict_submit(verdict=resubmitted, actor=reviewer)
    large, verdict = submitted_verdict(reviewer=other_reviewer)
    for n in range(5):
        SourceFactory(claim=large, url=f"https://archive.example.org/{n}")
    services.verdict_request_changes(verdict=verdict, actor=editor, note="More sources.")
    services.verdict_update(verdict=verdict, actor=other_reviewer, sources=list(large.sources.all()))
    services.verdict_submit(verdict=verdict, actor=other_reviewer)
    client.get(reverse("admin:claims_claim_change", args=[small.pk]))

    few, _ = _count(client, reverse("admin:claims_claim_change", args=[small.pk]))
    many, response = _count(client, reverse("admin:claims_claim_change", args=[large.pk]))

    assert large.events.count() > small.events.count()
    assert response.content.decode().count('class="fc-source"') == 6
    assert many == few


def test_claim_page_queries_do_not_grow_with_matches(client, reviewer, editor):
    client.force_login(reviewer)
    few, many = ClaimFactory(), ClaimFactory()
    for claim, n in ((few, 1), (many, 6)):
        for i in range(n):
            candidate, _ = published(reviewer=reviewer, editor=editor) if i % 2 == 0 else (ClaimFactory(), None)
            ClaimMatch.objects.create(
                claim=claim,
                candidate=candidate,
                score=0.7,
                matcher_version="t",
                checked=candidate.status == "published",
            )
    client.get(reverse("admin:claims_claim_change", args=[few.pk]))

    one, _ = _count(client, reverse("admin:claims_claim_change", args=[few.pk]))
    six, response = _count(client, reverse("admin:claims_claim_change", args=[many.pk]))

    assert response.content.decode().count('class="fc-match"') == 6
    assert six == one
