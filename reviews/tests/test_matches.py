"""The desk's decisions on suggested matches: confirm (group, reuse a fact-check), reject, and who may."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from claims.matches import claim_answer, claim_appearances, claim_match, group_members
from claims.models import Claim, ClaimMatch
from claims.tests.factories import ArticleFactory, ClaimFactory
from factcheck.errors import RoleForbidden, StateConflict
from factcheck.webhooks.models import WebhookDelivery
from factcheck.webhooks.services import webhook_subscription_create
from reviews import services
from reviews.models import Notification, WorkflowEvent
from reviews.selectors import published_verdicts
from reviews.tests.api_helpers import corrected, published

pytestmark = pytest.mark.django_db

FACT_CHECK = "Unemployment in Westland fell to 5% in 2019."
REPEATS = [
    "Westland's unemployment dropped to five per cent in 2019.",
    "In 2019 unemployment in Westland fell to 5 per cent.",
]


@pytest.fixture
def fact_check(reviewer, editor):
    article = ArticleFactory(url="https://first.example.org/jobs", published_at=datetime(2024, 1, 5, tzinfo=UTC))
    claim, _ = published(reviewer=reviewer, editor=editor, claim=ClaimFactory(article=article, text=FACT_CHECK))
    return claim


def _new_claim(text, *, published_at=datetime(2024, 6, 1, tzinfo=UTC), url=None):
    article = ArticleFactory(published_at=published_at, **({"url": url} if url else {}))
    return ClaimFactory(article=article, text=text)


def _suggestion(claim, candidate):
    return ClaimMatch.objects.create(
        claim=claim, candidate=candidate, score=0.9, reasons=["same wording"], matcher_version="t"
    )


def _suggested_by_the_matcher(claim, candidate):
    claim_match(claim_ids=[claim.pk])
    return ClaimMatch.objects.get(claim=claim, candidate=candidate)


def test_confirming_a_published_match_makes_the_claim_another_appearance(
    fact_check, other_reviewer, integrator, receiver, django_capture_on_commit_callbacks
):
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["claim.matched"])
    repeat = _new_claim(REPEATS[0], url="https://second.example.org/jobs")
    match = _suggested_by_the_matcher(repeat, fact_check)
    assert match.checked is True

    with django_capture_on_commit_callbacks(execute=False):
        decided = services.match_confirm(match=match, actor=other_reviewer)

    repeat.refresh_from_db()
    fact_check.refresh_from_db()
    assert decided.status == match.status == ClaimMatch.Status.CONFIRMED
    assert decided.decided_by == other_reviewer
    assert decided.decided_at is not None
    assert repeat.status == Claim.Status.REUSED
    assert repeat.fact_check == fact_check
    assert claim_answer(repeat) == fact_check
    assert fact_check.status == Claim.Status.PUBLISHED
    assert repeat.match_group == fact_check.match_group == fact_check.pk
    assert list(claim_appearances(fact_check.pk)) == [fact_check, repeat]
    # Person-made: in the histories, in the person's name, and on the timeline.
    assert match.history.latest().history_user == other_reviewer
    assert repeat.history.latest().history_user == other_reviewer
    assert repeat.history.latest().status == Claim.Status.REUSED
    actions = set(WorkflowEvent.objects.filter(claim=repeat).values_list("action", flat=True))
    assert {"match_confirm", "reuse"} <= actions
    # The outbox has claim.matched, with the ClaimReview listing both appearances.
    (delivery,) = WebhookDelivery.objects.filter(event="claim.matched")
    assert delivery.payload["claim"]["id"] == repeat.pk
    assert delivery.payload["candidate"]["id"] == fact_check.pk
    assert delivery.payload["match"]["status"] == "confirmed"
    appearances = delivery.payload["fact_check"]["claimreview"]["itemReviewed"]["appearance"]
    assert [a.get("url") for a in appearances] == ["https://first.example.org/jobs", "https://second.example.org/jobs"]


def test_the_people_who_checked_the_claim_hear_it_was_made_again(
    fact_check, reviewer, other_reviewer, django_capture_on_commit_callbacks
):
    match = _suggestion(_new_claim(REPEATS[0]), fact_check)

    with django_capture_on_commit_callbacks(execute=True):
        services.match_confirm(match=match, actor=other_reviewer)

    notification = Notification.objects.get(kind=Notification.Kind.CLAIM_MATCHED, recipient=reviewer)
    assert notification.claim_id == fact_check.pk
    assert not Notification.objects.filter(recipient=other_reviewer).exists()


def test_the_claimreview_lists_every_appearance_earliest_first(fact_check, other_reviewer, api_client_for):
    later = _new_claim(REPEATS[0], url="https://later.example.org/a", published_at=datetime(2024, 9, 1, tzinfo=UTC))
    earlier = _new_claim(
        REPEATS[1], url="https://earlier.example.org/b", published_at=datetime(2023, 1, 1, tzinfo=UTC)
    )
    services.match_confirm(match=_suggestion(later, fact_check), actor=other_reviewer)
    services.claim_reuse_fact_check(claim=earlier, fact_check=fact_check, actor=other_reviewer)

    doc = api_client_for(None).get(f"/api/v1/claims/{fact_check.pk}/claimreview/").json()

    urls = [a["url"] for a in doc["itemReviewed"]["appearance"]]
    assert urls == ["https://earlier.example.org/b", "https://first.example.org/jobs", "https://later.example.org/a"]
    assert doc["itemReviewed"]["firstAppearance"]["url"] == "https://earlier.example.org/b"
    assert doc["claimReviewed"] == FACT_CHECK


def test_the_public_page_and_its_json_list_where_the_claim_appeared(fact_check, other_reviewer, client):
    page = reverse("public-factcheck", args=[fact_check.pk])
    assert 'id="fc-appearances"' not in client.get(page).content.decode()  # one article: the quote says where
    repeat = _new_claim(REPEATS[0], url="https://later.example.org/a", published_at=datetime(2024, 9, 1, tzinfo=UTC))
    repeat.article.title, repeat.article.publisher = "Jobs figures <disputed>", "Later Times"
    repeat.article.save(update_fields=["title", "publisher"])
    services.match_confirm(match=_suggestion(repeat, fact_check), actor=other_reviewer)

    html = client.get(page).content.decode()
    section = html[html.index('id="fc-appearances"') :]
    assert section.index("https://first.example.org/jobs") < section.index("https://later.example.org/a")
    assert "Jobs figures &lt;disputed&gt;</a> (Later Times), 1 September 2024" in section
    appearances = client.get(reverse("public-factcheck-json", args=[fact_check.pk])).json()["appearances"]
    assert [a["url"] for a in appearances] == ["https://first.example.org/jobs", "https://later.example.org/a"]
    assert appearances[1] == {
        "title": "Jobs figures <disputed>",
        "url": "https://later.example.org/a",
        "publisher": "Later Times",
    }


def test_a_correction_reaches_every_appearance(
    fact_check,
    reviewer,
    editor,
    other_editor,
    other_reviewer,
    integrator,
    receiver,
    django_capture_on_commit_callbacks,
):
    repeat = _new_claim(REPEATS[0])
    services.match_confirm(match=_suggestion(repeat, fact_check), actor=other_reviewer)
    webhook_subscription_create(owner=integrator, url=receiver.url(), events=["verdict.corrected"])

    with django_capture_on_commit_callbacks(execute=False):
        correction = corrected(claim=fact_check, editor=other_editor, author=editor, note="The survey was revised.")

    repeat.refresh_from_db()
    answer = published_verdicts().get(claim=claim_answer(repeat))
    assert answer == correction
    assert answer.correction_note == "The survey was revised."
    (delivery,) = WebhookDelivery.objects.filter(event="verdict.corrected")
    assert [a["id"] for a in delivery.payload["appearances"]] == [repeat.pk]
    assert len(delivery.payload["claimreview"]["itemReviewed"]["appearance"]) == 2
    # The person who made the repeat an appearance hears of the correction too.
    with django_capture_on_commit_callbacks(execute=True):
        corrected(claim=fact_check, editor=editor, author=other_editor, note="Revised again.", rating="false")
    assert Notification.objects.filter(kind=Notification.Kind.CORRECTION_PUBLISHED, recipient=other_reviewer).exists()


def test_confirmed_matches_group_claims_symmetrically_and_transitively(fact_check, other_reviewer):
    a, b, c = (_new_claim(text) for text in ["Westland jobless rate fell.", *REPEATS])

    services.match_confirm(match=_suggestion(b, a), actor=other_reviewer)
    services.match_confirm(match=_suggestion(c, b), actor=other_reviewer)

    for claim in (a, b, c):
        claim.refresh_from_db()
    assert a.match_group == b.match_group == c.match_group == a.pk
    assert {x.status for x in (a, b, c)} == {Claim.Status.NEW}
    assert list(group_members(c)) == [a, b, c]

    # One of them is found to be the published claim: the whole group reuses its fact-check.
    services.match_confirm(match=_suggestion(c, fact_check), actor=other_reviewer)
    for claim in (a, b, c):
        claim.refresh_from_db()
        assert claim.status == Claim.Status.REUSED
        assert claim.fact_check == fact_check
        assert claim.match_group == fact_check.pk
    # A claim grouped already is never suggested against its own group again.
    assert claim_match(claim_ids=[a.pk, b.pk, c.pk]) == []


def test_a_rejected_match_is_recorded_and_leaves_the_claims_alone(fact_check, other_reviewer):
    repeat = _new_claim(REPEATS[0])
    match = _suggestion(repeat, fact_check)

    services.match_reject(match=match, actor=other_reviewer)

    repeat.refresh_from_db()
    assert match.status == ClaimMatch.Status.REJECTED
    assert match.history.latest().history_user == other_reviewer
    assert repeat.status == Claim.Status.NEW
    assert repeat.match_group is None
    assert claim_match(claim_ids=[repeat.pk]) == []
    with pytest.raises(StateConflict):
        services.match_confirm(match=match, actor=other_reviewer)


def test_a_decided_match_cannot_be_decided_again(fact_check, other_reviewer, editor):
    match = _suggestion(_new_claim(REPEATS[0]), fact_check)
    services.match_confirm(match=match, actor=other_reviewer)

    with pytest.raises(StateConflict, match="already decided"):
        services.match_reject(match=match, actor=editor)


def test_only_the_desk_decides_matches(fact_check, integrator):
    repeat = _new_claim(REPEATS[0])
    match = _suggestion(repeat, fact_check)

    with pytest.raises(RoleForbidden):
        services.match_confirm(match=match, actor=integrator)
    with pytest.raises(RoleForbidden):
        services.match_reject(match=match, actor=integrator)
    with pytest.raises(RoleForbidden):
        services.claim_reuse_fact_check(claim=repeat, fact_check=fact_check, actor=integrator)

    match.refresh_from_db()
    repeat.refresh_from_db()
    assert match.status == ClaimMatch.Status.SUGGESTED
    assert repeat.status == Claim.Status.NEW


def test_only_open_work_reuses_and_only_a_published_fact_check_is_reused(fact_check, reviewer, other_reviewer):
    unpublished = _new_claim(REPEATS[1])
    with pytest.raises(StateConflict, match="not a published fact-check"):
        services.claim_reuse_fact_check(claim=_new_claim(REPEATS[0]), fact_check=unpublished, actor=other_reviewer)

    dismissed = _new_claim(REPEATS[0])
    services.claim_dismiss(claim=dismissed, actor=reviewer, reason=Claim.DismissReason.OPINION)
    with pytest.raises(StateConflict):
        services.claim_reuse_fact_check(claim=dismissed, fact_check=fact_check, actor=other_reviewer)

    # Confirming still groups a claim that is not open work; it just does not become an appearance.
    services.match_confirm(match=_suggestion(dismissed, fact_check), actor=other_reviewer)
    dismissed.refresh_from_db()
    assert dismissed.status == Claim.Status.DISMISSED
    assert dismissed.fact_check is None
    assert dismissed.match_group == fact_check.pk
