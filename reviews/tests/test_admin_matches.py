"""The claim page's matches: checked before, seen before, Same claim / Not the same, and a reused claim.

Also the claim list's "seen before" / "checked before" filters and the dashboard's most repeated claims.
"""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import dateformat, timezone

from claims.matches import claim_match
from claims.models import Claim, ClaimMatch
from claims.tests.factories import ArticleFactory, ClaimFactory
from factcheck.tests.factories import UserFactory
from reviews.admin_site import FactcheckAdminSite
from reviews.tests.api_helpers import published

pytestmark = pytest.mark.django_db

FACT_CHECK = "Unemployment in Westland fell to 5% in 2019."
REPEAT = "Westland's unemployment dropped to five per cent in 2019."


@pytest.fixture
def fact_check(reviewer, editor):
    article = ArticleFactory(title="Jobs report", published_at=datetime(2024, 1, 5, tzinfo=UTC))
    claim, _ = published(reviewer=reviewer, editor=editor, claim=ClaimFactory(article=article, text=FACT_CHECK))
    return claim


@pytest.fixture
def repeat():
    return ClaimFactory(article=ArticleFactory(title="Later story"), text=REPEAT)


def _suggest(claim, candidate, *, score=0.83, reasons=("same numbers", "same place")):
    return ClaimMatch.objects.create(
        claim=claim,
        candidate=candidate,
        score=score,
        reasons=list(reasons),
        matcher_version="t",
        checked=candidate.status == Claim.Status.PUBLISHED,
    )


def _page(client, claim):
    response = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _section(html, section_id):
    return html.split(f'id="{section_id}"', 1)[1].split("</section>", 1)[0]


def _post(client, claim, step, match):
    return client.post(
        reverse("admin:claims_claim_step", args=[claim.pk, step]), {"match": match.pk if match else ""}, follow=True
    )


def _messages(response):
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def test_the_page_shows_checked_before_and_seen_before_with_their_buttons(client, reviewer, fact_check, repeat):
    earlier = ClaimFactory(article=ArticleFactory(title="An earlier story"), text="Westland's jobless rate hit 5%.")
    checked, seen = _suggest(repeat, fact_check), _suggest(repeat, earlier, score=0.61, reasons=["same figure"])
    client.force_login(reviewer)

    html = _page(client, repeat)

    checked_html = _section(html, "fc-checked-before")
    assert f'data-match="{checked.pk}"' in checked_html
    assert FACT_CHECK in checked_html
    assert "False" in checked_html  # the published rating
    approved = fact_check.verdicts.get(status="approved").decided_at
    assert f"published {dateformat.format(timezone.localtime(approved), 'j M Y')}" in checked_html
    assert reverse("public-factcheck", args=[fact_check.pk]) in checked_html
    assert "Score 0.83" in checked_html
    assert "same numbers; same place" in checked_html
    assert "Same claim" in checked_html
    assert "Not the same" in checked_html
    assert "csrfmiddlewaretoken" in checked_html
    seen_html = _section(html, "fc-seen-before")
    assert f'data-match="{seen.pk}"' in seen_html
    assert "An earlier story" in seen_html
    assert reverse("admin:claims_article_change", args=[earlier.article_id]) in seen_html
    assert "Score 0.61" in seen_html
    assert ">New</span>" in seen_html
    assert 'data-match="' not in html.split('id="fc-checked-before"', 1)[0]


def test_same_claim_makes_the_claim_an_appearance_of_the_fact_check(client, reviewer, fact_check, repeat):
    match = _suggest(repeat, fact_check)
    client.force_login(reviewer)

    response = _post(client, repeat, "match_confirm", match)

    assert response.status_code == 200
    assert _messages(response) == [("success", "Marked as the same claim.")]
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.REUSED
    assert repeat.fact_check == fact_check
    html = response.content.decode()
    assert "Already fact-checked" in _section(html, "fc-claim")
    reused = html.split('id="fc-reused"', 1)[1].split("</div>", 1)[0]
    assert f'href="{reverse("admin:claims_claim_change", args=[fact_check.pk])}"' in reused
    assert f"fact-check #{fact_check.pk}" in reused
    decided = _section(html, "fc-checked-before")
    assert "Same claim</span>" in decided
    assert f"decided by {reviewer.username}" in decided
    assert "fc-match-confirm" not in decided  # decided: no buttons any more
    # The fact-check's page lists its appearances.
    appearances = _section(_page(client, fact_check), "fc-appearances")
    assert f'href="{reverse("admin:claims_claim_change", args=[repeat.pk])}"' in appearances
    assert "Later story" in appearances


def test_not_the_same_removes_the_suggestion_for_good(client, reviewer, fact_check, repeat):
    match = _suggest(repeat, fact_check)
    client.force_login(reviewer)

    response = _post(client, repeat, "match_reject", match)

    assert _messages(response)[0][0] == "success"
    match.refresh_from_db()
    assert match.status == ClaimMatch.Status.REJECTED
    assert match.decided_by == reviewer
    assert f'data-match="{match.pk}"' not in response.content.decode()
    claim_match(claim_ids=[repeat.pk])  # the matcher runs again: the pair stays decided
    assert list(ClaimMatch.objects.filter(claim=repeat).values_list("status", flat=True)) == ["rejected"]


def test_refusals_are_messages_never_errors(client, reviewer, other_reviewer, fact_check, repeat):
    match = _suggest(repeat, fact_check)
    other = _suggest(ClaimFactory(text="Another claim about Westland's jobs."), fact_check)
    client.force_login(reviewer)
    _post(client, repeat, "match_reject", match)

    twice = _post(client, repeat, "match_confirm", match)
    not_its_own = _post(client, repeat, "match_confirm", other)
    missing = _post(client, repeat, "match_reject", None)

    assert twice.status_code == not_its_own.status_code == missing.status_code == 200
    assert _messages(twice) == [("error", "This match was already decided: not the same.")]
    assert _messages(not_its_own) == [("error", "Suggestion: This suggestion is not one of this claim's.")]
    assert _messages(missing)[0][0] == "error"
    other.refresh_from_db()
    assert other.status == ClaimMatch.Status.SUGGESTED


def test_editors_decide_too(client, editor, fact_check, repeat):
    match = _suggest(repeat, fact_check)
    client.force_login(editor)

    assert "fc-match-confirm" in _page(client, repeat)
    _post(client, repeat, "match_reject", match)

    match.refresh_from_db()
    assert match.status == ClaimMatch.Status.REJECTED
    assert match.decided_by == editor


def test_a_user_without_a_desk_role_cannot_decide(client, integrator, fact_check, repeat):
    match = _suggest(repeat, fact_check)
    integrator.is_staff = True
    integrator.save()
    client.force_login(integrator)

    response = client.post(reverse("admin:claims_claim_step", args=[repeat.pk, "match_confirm"]), {"match": match.pk})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    match.refresh_from_db()
    assert match.status == ClaimMatch.Status.SUGGESTED


def test_past_the_sites_door_the_action_itself_refuses_a_user_without_a_desk_role(
    client, monkeypatch, fact_check, repeat
):
    # A staff member who may read claims but is neither reviewer nor editor (say, a site that let them in).
    stray = UserFactory(username="stray", is_staff=True)
    stray.user_permissions.add(Permission.objects.get(codename="view_claim"))
    monkeypatch.setattr(FactcheckAdminSite, "has_permission", lambda self, request: request.user.is_active)
    match = _suggest(repeat, fact_check)
    client.force_login(stray)

    html = _page(client, repeat)
    response = _post(client, repeat, "match_confirm", match)

    assert f'data-match="{match.pk}"' in html
    assert "fc-match-confirm" not in html
    assert response.status_code == 200
    assert _messages(response) == [("error", "Your role may not decide matches of claims.")]
    match.refresh_from_db()
    assert match.status == ClaimMatch.Status.SUGGESTED
