"""Markup in articles, claims, sources, verdicts and events renders as text on every admin page."""

import pytest
from django.urls import reverse

from claims.tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from reviews.models import Verdict, WorkflowEvent
from reviews.tests.factories import VerdictFactory

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("pwned")</script><img src=x onerror="alert(1)">'
RAW_MARKERS = ("<script>alert", "<img src=x", 'onerror="alert')


@pytest.fixture
def hostile(reviewer, other_reviewer):
    body = f"Intro {PAYLOAD} The tax rose 9% in 2023. {PAYLOAD} outro."
    article = ArticleFactory(title=f"Title {PAYLOAD}", body=body, publisher=f"Pub {PAYLOAD}")
    start = body.index("The tax")
    end = body.index("2023.") + 5
    claim = ClaimFactory(
        article=article,
        text=f"The tax rose {PAYLOAD}",
        original_text=body[start:end],
        start=start,
        end=end,
        position=0,
        status="awaiting_approval",
        claimant=f"Mayor {PAYLOAD}",
        tags=[PAYLOAD],
        reasons=[PAYLOAD],
    )
    ClaimFactory(article=article, text=f"Neighbour {PAYLOAD}", start=end + 1, end=end + 20, position=1)
    source = SourceFactory(
        claim=claim, title=f"Source {PAYLOAD}", excerpt=PAYLOAD, publisher=PAYLOAD, url="https://example.org/?q=<b>"
    )
    # Written straight to the table, as a bulk path or an old row could: the pages must still escape.
    verdict = VerdictFactory(
        claim=claim,
        author=other_reviewer,
        summary=f"Summary {PAYLOAD}",
        explanation=f"<p>Fine</p>{PAYLOAD}",
        correction_note=PAYLOAD,
        status=Verdict.Status.SUBMITTED,
    )
    verdict.sources.add(source)
    WorkflowEvent.objects.create(
        claim=claim, actor=reviewer, action="edit", from_state="new", to_state="new", note=PAYLOAD
    )
    return {"article": article, "claim": claim, "source": source, "verdict": verdict}


def _pages(objects):
    claim, article, verdict, source = objects["claim"], objects["article"], objects["verdict"], objects["source"]
    return [
        reverse("admin:index"),
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_changelist") + "?q=tax",
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_claim_history", args=[claim.pk]),
        reverse("admin:claims_article_changelist"),
        reverse("admin:claims_article_change", args=[article.pk]),
        reverse("admin:claims_article_history", args=[article.pk]),
        reverse("admin:claims_source_changelist"),
        reverse("admin:claims_source_change", args=[source.pk]),
        reverse("admin:reviews_verdict_changelist"),
        reverse("admin:reviews_verdict_change", args=[verdict.pk]),
        reverse("admin:reviews_verdict_queue"),
        reverse("admin:reviews_workflowevent_changelist"),
    ]


@pytest.mark.parametrize("who", ["reviewer", "editor"])
def test_every_admin_page_escapes_stored_markup(client, hostile, who, request):
    client.force_login(request.getfixturevalue(who))

    for url in _pages(hostile):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for marker in RAW_MARKERS:
            assert marker not in html, f"{marker!r} unescaped on {url}"


def test_the_claim_page_shows_the_markup_as_text(client, hostile, editor):
    client.force_login(editor)

    html = client.get(reverse("admin:claims_claim_change", args=[hostile["claim"].pk])).content.decode()

    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html
    assert '<mark id="fc-highlight">The tax rose 9% in 2023.</mark>' in html
    assert "<p>Fine</p>" in html


def test_matches_on_the_claim_page_and_the_dashboard_show_markup_as_text(client, hostile, reviewer, editor):
    # A hostile earlier claim (text, article title, status) suggested to the hostile claim with hostile reasons,
    # and a hostile published fact-check reused by a third claim.
    from claims.models import ClaimMatch
    from reviews import services
    from reviews.tests.api_helpers import published

    claim = hostile["claim"]
    earlier = ClaimFactory(article=ArticleFactory(title=f"Earlier {PAYLOAD}"), text=f"Earlier {PAYLOAD}")
    fact_check, _ = published(reviewer=reviewer, editor=editor, claim=ClaimFactory(text=f"Checked {PAYLOAD}"))
    for candidate in (earlier, fact_check):
        ClaimMatch.objects.create(
            claim=claim,
            candidate=candidate,
            score=0.9,
            reasons=[PAYLOAD],
            matcher_version="t",
            checked=candidate == fact_check,
        )
    reused = ClaimFactory(text="A repeat.")
    services.claim_reuse_fact_check(claim=reused, fact_check=fact_check, actor=reviewer)
    client.force_login(editor)

    pages = {
        "claim": reverse("admin:claims_claim_change", args=[claim.pk]),
        "reused": reverse("admin:claims_claim_change", args=[reused.pk]),
        "fact-check": reverse("admin:claims_claim_change", args=[fact_check.pk]),
        "dashboard": reverse("admin:index"),
        "seen list": reverse("admin:claims_claim_changelist") + "?seen=yes",
    }
    for name, url in pages.items():
        html = client.get(url).content.decode()
        for marker in RAW_MARKERS:
            assert marker not in html, f"{marker!r} unescaped on the {name} page"
        assert "&lt;script&gt;" in html, name
