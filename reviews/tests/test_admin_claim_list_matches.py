"""The claim list's "seen before" / "checked before" filters, and the dashboard's most repeated claims (#17)."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimMatch
from claims.tests.factories import ArticleFactory, ClaimFactory
from reviews import services
from reviews.tests.api_helpers import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def fact_check(reviewer, editor):
    article = ArticleFactory(title="Jobs report")
    claim, _ = published(
        reviewer=reviewer, editor=editor, claim=ClaimFactory(article=article, text="Unemployment fell to 5%.")
    )
    return claim


@pytest.fixture
def repeat():
    return ClaimFactory(text="Unemployment dropped to five per cent.")


def _suggest(claim, candidate):
    return ClaimMatch.objects.create(
        claim=claim,
        candidate=candidate,
        score=0.8,
        reasons=["same figure"],
        matcher_version="t",
        checked=candidate.status == Claim.Status.PUBLISHED,
    )


def _section(html, section_id):
    return html.split(f'id="{section_id}"', 1)[1].split("</section>", 1)[0]


def test_the_list_filters_seen_before_and_checked_before(client, reviewer, fact_check, repeat):
    seen_only = ClaimFactory(text="Seen once before.")
    _suggest(repeat, fact_check)
    _suggest(seen_only, ClaimFactory(text="The one seen."))
    rejected = ClaimFactory(text="Rejected only.")
    ClaimMatch.objects.filter(pk=_suggest(rejected, fact_check).pk).update(status=ClaimMatch.Status.REJECTED)
    client.force_login(reviewer)

    def listed(query):
        response = client.get(reverse("admin:claims_claim_changelist") + query)
        assert response.status_code == 200
        return {c.pk for c in response.context["cl"].result_list}

    everyone = set(Claim.objects.values_list("pk", flat=True))
    assert listed("?seen=yes") == {repeat.pk, seen_only.pk}
    assert listed("?seen=no") == everyone - {repeat.pk, seen_only.pk}
    assert listed("?checked=yes") == {repeat.pk}
    assert listed("?checked=no") == everyone - {repeat.pk}
    html = client.get(reverse("admin:claims_claim_changelist")).content.decode()
    filters = html.split('id="changelist-filter"', 1)[1]
    assert "seen before" in filters
    assert "checked before" in filters
    assert "status__exact=reused" in filters
    assert "Already fact-checked" in filters


def test_a_reused_claim_is_checked_before_and_listed_as_already_fact_checked(client, reviewer, fact_check, repeat):
    services.claim_reuse_fact_check(claim=repeat, fact_check=fact_check, actor=reviewer)
    client.force_login(reviewer)

    response = client.get(reverse("admin:claims_claim_changelist") + "?status__exact=reused&checked=yes")

    assert [c.pk for c in response.context["cl"].result_list] == [repeat.pk]
    assert "Already fact-checked" in response.content.decode()


def test_the_dashboard_lists_the_weeks_most_repeated_claims(client, reviewer, fact_check, repeat):
    for text in ("Westland jobless at 5% in 2019.", "In 2019 Westland's unemployment was 5%."):
        _suggest(ClaimFactory(text=text), fact_check)
    _suggest(repeat, fact_check)
    once = ClaimFactory(text="Made only twice.")
    _suggest(ClaimFactory(text="Made only twice, again."), once)
    old = ClaimFactory(text="Repeated long ago.")
    ClaimMatch.objects.filter(pk=_suggest(ClaimFactory(), old).pk).update(created_at=datetime(2020, 1, 1, tzinfo=UTC))
    client.force_login(reviewer)

    html = client.get(reverse("admin:index")).content.decode()

    section = _section(html, "fc-most-repeated")
    rows = section.split('class="fc-repeated-row"')[1:]
    assert [int(row.split('data-claim="', 1)[1].split('"', 1)[0]) for row in rows] == [fact_check.pk, once.pk]
    assert "3 matches" in rows[0]
    assert "1 match<" in rows[1]
    assert f'href="{reverse("admin:claims_claim_change", args=[fact_check.pk])}"' in rows[0]
    assert "Repeated long ago" not in section
