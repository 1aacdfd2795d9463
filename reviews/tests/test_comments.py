"""The desk's thread on a claim: @mentions tell people, requests for changes land in it, outsiders never see it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.models import Claim
from claims.tests.factories import ArticleFactory, ClaimFactory
from factcheck.errors import RoleForbidden
from reviews import services
from reviews.models import Comment, Notification
from reviews.tests.api_helpers import published
from reviews.tests.wf_helpers import submitted_verdict

pytestmark = pytest.mark.django_db


def test_a_comment_tells_the_desk_members_it_mentions(
    reviewer, other_reviewer, editor, integrator, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_add(
            claim=claim, actor=reviewer, body="@RAUL, @edna: is this the 2020 table? @ivy @nobody @rita"
        )

    assert list(comment.mentions.order_by("username")) == [editor, other_reviewer]
    told = Notification.objects.filter(kind=Notification.Kind.MENTIONED)
    assert sorted(told.values_list("recipient__username", flat=True)) == ["edna", "raul"]
    assert "rita mentioned you on claim" in told.first().text


@pytest.mark.parametrize("state", list(Claim.Status))
def test_the_desk_comments_in_every_state_and_integrators_never(reviewer, integrator, state):
    claim = ClaimFactory(status=state)

    services.comment_add(claim=claim, actor=reviewer, body="Looking at it.")
    with pytest.raises(RoleForbidden):
        services.comment_add(claim=claim, actor=integrator, body="Me too.")

    assert list(claim.comments.values_list("body", flat=True)) == ["Looking at it."]
    assert not claim.events.exists()  # the thread is not the timeline


def test_an_empty_comment_is_refused(reviewer):
    with pytest.raises(ValidationError):
        services.comment_add(claim=ClaimFactory(), actor=reviewer, body="   ")


def test_the_editors_request_is_in_the_thread_and_above_the_authors_form(client, editor, reviewer):
    claim, verdict = submitted_verdict(reviewer=reviewer)

    services.verdict_request_changes(verdict=verdict, actor=editor, note="Cite the 2020 table as well.")

    note = Comment.objects.get(claim=claim)
    assert (note.kind, note.verdict, note.author) == (Comment.Kind.CHANGES_REQUESTED, verdict, editor)
    client.force_login(reviewer)
    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    callout = html.split('id="fc-changes-note"', 1)[1].split("</div>\n  </div>", 1)[0]
    assert "edna asked for changes" in callout
    assert "Cite the 2020 table as well." in callout
    assert html.index('id="fc-changes-note"') < html.index('id="fc-verdict-form"')
    thread = html.split('id="fc-thread"', 1)[1].split("</ol>", 1)[0]
    assert "Cite the 2020 table as well." in thread


def test_the_claim_page_posts_a_comment(client, reviewer, editor):
    claim = ClaimFactory()
    client.force_login(reviewer)

    client.post(reverse("admin:claims_claim_step", args=[claim.pk, "comment"]), {"body": "Over to you, @edna."})

    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert '<strong class="fc-mention">@edna</strong>' in html
    assert Comment.objects.get().mentions.get() == editor


def test_comments_stay_off_the_public_site_and_out_of_the_integrators_api(
    client, reviewer, editor, integrator, api_client_for
):
    claim, verdict = published(reviewer=reviewer, editor=editor)
    services.comment_add(claim=claim, actor=reviewer, body="INTERNAL-ONLY remark")
    api = api_client_for(integrator)

    pages = [
        client.get(reverse("public-factcheck", args=[claim.pk])),
        client.get(reverse("public-factcheck-json", args=[claim.pk])),
        api.get(f"/api/v1/claims/{claim.pk}/"),
        api.get(f"/api/v1/claims/{claim.pk}/events/"),
        api.get(f"/api/v1/claims/{claim.pk}/verdicts/"),
        api.get(f"/api/v1/verdicts/{verdict.pk}/"),
    ]

    for response in pages:
        assert response.status_code == 200
        assert b"INTERNAL-ONLY" not in response.content
    assert api.get(f"/api/v1/claims/{claim.pk}/comments/").status_code == 404


def test_merging_claims_keeps_their_threads(reviewer):
    body = "Taxes fell 5%. Debt is at a record high."
    article = ArticleFactory(body=body)
    first = ClaimFactory(article=article, text="Taxes fell 5%.", start=0, end=14, position=0)
    second = ClaimFactory(article=article, text="Debt is at a record high.", start=15, end=40, position=1)
    services.comment_add(claim=second, actor=reviewer, body="Check the debt office.")

    merged = services.claim_merge(claims=[first, second], actor=reviewer)

    assert list(merged.comments.values_list("body", flat=True)) == ["Check the debt office."]
