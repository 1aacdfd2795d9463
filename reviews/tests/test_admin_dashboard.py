"""The admin home is a dashboard: claims per state, verdicts per rating, claims published per week."""

import re

import pytest
from django.urls import reverse

from claims.tests.factories import ClaimFactory
from reviews import services
from reviews.tests.wf_helpers import submitted_verdict

pytestmark = pytest.mark.django_db


def _bar_count(html, section, label):
    block = html.split(f'id="fc-chart-{section}"', 1)[1].split("</section>", 1)[0]
    match = re.search(
        rf">{re.escape(label)}</a></td>\s*<td>.*?</td>\s*<td class=\"fc-bar-count\">(\d+)</td>", block, re.S
    )
    assert match, f"no bar for {label!r} in {section}"
    return int(match.group(1))


def test_dashboard_counts_claims_per_state_and_published_verdicts_per_rating(client, reviewer, editor):
    ClaimFactory.create_batch(3)
    ClaimFactory(status="dismissed")
    claim, verdict = submitted_verdict(reviewer=reviewer, rating_slug="mostly-false")
    services.verdict_approve(verdict=verdict, actor=editor)
    client.force_login(editor)

    html = client.get(reverse("admin:index")).content.decode()

    assert _bar_count(html, "states", "New") == 3
    assert _bar_count(html, "states", "Dismissed") == 1
    assert _bar_count(html, "states", "Published") == 1
    assert _bar_count(html, "ratings", "Mostly false") == 1
    assert _bar_count(html, "ratings", "True") == 0
    weeks = html.split('id="fc-chart-weeks"', 1)[1].split("</svg>", 1)[0]
    assert weeks.count("<rect") == 12
    assert re.search(r"<title>Week of [^<]+: 1</title>", weeks)


def test_dashboard_links_to_the_editor_queue_and_new_claims(client, editor):
    client.force_login(editor)

    html = client.get(reverse("admin:index")).content.decode()

    assert reverse("admin:reviews_verdict_queue") in html
    assert reverse("admin:claims_claim_changelist") + "?status__exact=new" in html
