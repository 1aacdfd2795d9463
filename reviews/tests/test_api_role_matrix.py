"""Every (role x endpoint x method) of the v1 API with the status it must answer.

For each role one desk is built (articles, claims and verdicts in every state, a webhook
subscription); every case makes one request with a valid body inside a savepoint that is rolled
back, so the status says only whether that role may do it (and, for workflow steps, what the
services allow).
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from rest_framework.test import APIClient

from claims.models import ClaimMatch, Feed
from claims.tests.factories import ArticleFactory, ClaimFactory
from factcheck.tests.factories import UserFactory
from factcheck.webhooks.models import WebhookDelivery
from factcheck.webhooks.services import webhook_subscription_create
from reviews import services
from reviews.tests.api_helpers import drafted, published, submitted

ROLES = ("anonymous", "nobody", "integrator", "reviewer", "editor")
BODY = "Unemployment fell by half since 2020. Prices rose by 4% last year."
HOOK = "https://hooks.example.org/factcheck"


def build_world(*, reviewer, editor, integrator):
    article = ArticleFactory(body=BODY)
    first = ClaimFactory(article=article, position=0, text=BODY[:37], start=0, end=37)
    second = ClaimFactory(article=article, position=1, text=BODY[38:], start=38, end=len(BODY))
    in_review = ClaimFactory()
    services.claim_assign(claim=in_review, actor=reviewer, assignee=reviewer)
    dismissed = ClaimFactory()
    services.claim_dismiss(claim=dismissed, actor=reviewer, reason="opinion")
    pub_claim, pub_verdict = published(reviewer=reviewer, editor=editor)
    _, draft = drafted(reviewer=reviewer)
    _, sub = submitted(reviewer=reviewer)
    hook = webhook_subscription_create(owner=integrator, url=HOOK, events=["claim.published"])
    delivery = WebhookDelivery.objects.create(subscription=hook, event="claim.published", payload={"x": 1})
    fetched = ArticleFactory(url="https://news.example.org/fetched")
    feed = Feed.objects.create(url="https://news.example.org/feed.xml", name="News")
    match = ClaimMatch.objects.create(
        claim=first, candidate=pub_claim, score=0.9, reasons=["same figures"], matcher_version="t", checked=True
    )
    return {
        "fetched": fetched.pk,
        "feed": feed.pk,
        "article": article.pk,
        "new": first.pk,
        "second": second.pk,
        "in_review": in_review.pk,
        "dismissed": dismissed.pk,
        "published": pub_claim.pk,
        "pub_verdict": pub_verdict.pk,
        "draft": draft.pk,
        "submitted": sub.pk,
        "hook": hook.pk,
        "delivery": delivery.pk,
        "match": match.pk,
    }


def row(method, path, expected, body=None, etag_of=None):
    """expected: statuses for (anonymous, nobody, integrator, reviewer, editor)."""
    return (method, path, dict(zip(ROLES, expected, strict=True)), body, etag_of)


CASES = [
    row("get", "articles/", (401, 403, 200, 200, 200)),
    row("post", "articles/", (401, 403, 202, 202, 202), {"title": "New", "body": "A fresh article. It says 42%."}),
    row("get", "articles/{article}/", (401, 403, 200, 200, 200)),
    row("post", "articles/{article}/resegment/", (401, 403, 403, 403, 202)),
    row("post", "articles/", (401, 403, 202, 202, 202), {"url": "https://news.example.org/new"}),
    row("post", "articles/{fetched}/refetch/", (401, 403, 403, 403, 202)),
    row("get", "feeds/", (401, 403, 200, 403, 200)),
    row("post", "feeds/", (401, 403, 201, 403, 201), {"url": "https://news.example.org/atom.xml", "name": "News"}),
    row("get", "feeds/{feed}/", (401, 403, 200, 403, 200)),
    row("patch", "feeds/{feed}/", (401, 403, 200, 403, 200), {"is_active": False}),
    row("delete", "feeds/{feed}/", (401, 403, 204, 403, 204)),
    row("post", "feeds/{feed}/poll/", (401, 403, 202, 403, 202), {}),
    row("get", "claims/", (401, 403, 200, 200, 200)),
    row("get", "claims/{new}/", (401, 403, 200, 200, 200)),
    row("patch", "claims/{new}/", (401, 403, 403, 200, 200), {"text": "Unemployment halved."}, "claims/{new}/"),
    row("post", "claims/{new}/assign/", (401, 403, 403, 200, 200), {"assignee": "me"}),
    row("post", "claims/{new}/dismiss/", (401, 403, 403, 200, 200), {"reason": "opinion"}),
    row("post", "claims/{dismissed}/reopen/", (401, 403, 403, 200, 200), {}),
    row("post", "claims/{new}/split/", (401, 403, 403, 200, 200), {"at": 18}),
    row("post", "claims/merge/", (401, 403, 403, 200, 200), {"claims": ["{new}", "{second}"]}),
    row("post", "articles/{fetched}/claims/", (401, 403, 403, 201, 201), {"start": 0, "end": 5}),
    row("post", "claims/{new}/furniture/", (401, 403, 403, 200, 200), {"kind": "caption"}),
    row("get", "claims/{new}/sources/", (401, 403, 403, 200, 200)),
    row("post", "claims/{new}/sources/", (401, 403, 403, 201, 201), {"url": "https://stats.example.org/a"}),
    row("get", "claims/{new}/matches/", (401, 403, 200, 200, 200)),
    row("post", "claims/{new}/matches/{match}/confirm/", (401, 403, 403, 200, 200), {}),
    row("post", "claims/{new}/matches/{match}/reject/", (401, 403, 403, 200, 200), {}),
    # Public: no credentials are read, so an unknown caller is answered like anyone.
    row("get", "fact-checks/search/?q=Unemployment+fell+by+half", (200, 200, 200, 200, 200)),
    row("get", "fact-checks/search/", (400, 400, 400, 400, 400)),
    row("get", "claims/{published}/verdicts/", (401, 403, 200, 200, 200)),
    row(
        "post",
        "claims/{in_review}/verdicts/",
        (401, 403, 403, 201, 201),
        {"rating": "false", "summary": "Wrong.", "explanation": "<p>No.</p>"},
    ),
    row("get", "verdicts/{pub_verdict}/", (401, 403, 200, 200, 200)),
    row("get", "verdicts/{draft}/", (401, 403, 404, 200, 200)),
    # Only the author (the reviewer) may edit or submit a draft; the services say so for the editor.
    row("patch", "verdicts/{draft}/", (401, 403, 403, 200, 403), {"summary": "Still wrong."}, "verdicts/{draft}/"),
    row("post", "verdicts/{draft}/submit/", (401, 403, 403, 200, 403), {}),
    row("post", "verdicts/{submitted}/approve/", (401, 403, 403, 403, 200), {}),
    row("post", "verdicts/{submitted}/request-changes/", (401, 403, 403, 403, 200), {"note": "Cite more."}),
    row("get", "claims/{published}/events/", (401, 403, 200, 200, 200)),
    row("get", "claims/{published}/claimreview/", (200, 200, 200, 200, 200)),
    row("get", "claims/{new}/claimreview/", (404, 404, 404, 404, 404)),
    row("get", "claimreviews/", (200, 200, 200, 200, 200)),
    row("get", "ratings/", (401, 403, 200, 200, 200)),
    row("get", "webhooks/", (401, 403, 200, 403, 403)),
    row("post", "webhooks/", (401, 403, 201, 403, 403), {"url": HOOK, "events": ["article.segmented"]}),
    row("get", "webhooks/{hook}/", (401, 403, 200, 403, 403)),
    row("patch", "webhooks/{hook}/", (401, 403, 200, 403, 403), {"is_active": False}),
    row("delete", "webhooks/{hook}/", (401, 403, 204, 403, 403)),
    row("get", "webhooks/{hook}/deliveries/", (401, 403, 200, 403, 403)),
    row("post", "webhooks/{hook}/deliveries/{delivery}/replay/", (401, 403, 202, 403, 403), {}),
]


def _fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, list):
        filled = [_fill(item, ids) for item in value]
        return [int(item) if isinstance(item, str) and item.isdigit() else item for item in filled]
    if isinstance(value, dict):
        return {key: _fill(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize("role", ROLES)
def test_role_gets_expected_status_from_every_endpoint(role, reviewer, editor, integrator, api_client_for, settings):
    # given one desk with something in every state; each call runs in a savepoint that is rolled
    # back afterwards, so every case sees the same desk
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["hooks.example.org"]
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = ["news.example.org"]  # no DNS lookup for the feed and page URLs
    ids = build_world(reviewer=reviewer, editor=editor, integrator=integrator)
    users = {
        "anonymous": None,
        "nobody": UserFactory(username="nobody"),
        "integrator": integrator,
        "reviewer": reviewer,
        "editor": editor,
    }
    client = api_client_for(users[role]) if users[role] is not None else APIClient()
    reader = api_client_for(editor)

    mismatches = []
    for method, path, expected, body, etag_of in CASES:
        with transaction.atomic():
            cache.clear()  # throttle counters
            headers = {}
            if etag_of:
                headers["HTTP_IF_MATCH"] = reader.get("/api/v1/" + etag_of.format(**ids))["ETag"]
            call = getattr(client, method)
            url = "/api/v1/" + path.format(**ids)
            # when
            if body is not None:
                response = call(url, _fill(body, ids), format="json", **headers)
            else:
                response = call(url, **headers)
            if response.status_code != expected[role]:
                mismatches.append((method.upper(), url, expected[role], response.status_code, response.content[:200]))
            transaction.set_rollback(True)

    # then
    assert mismatches == []


def test_matrix_covers_every_api_route():
    # given every route the v1 URLconf serves
    from django.urls import get_resolver

    from reviews.api import urls as api_urls

    resolver = get_resolver(api_urls)
    routes = set()
    for pattern in resolver.url_patterns:
        route = str(pattern.pattern)
        if "format" in route or route in ("^$", ""):
            continue
        routes.add(route)

    # then each is exercised by a case above (ids and path parameters aside)
    def shape(text):
        import re

        text = re.sub(r"\(\?P<\w+>[^)]*\)", "X", text)
        text = re.sub(r"<[\w:]+>", "X", text)
        text = re.sub(r"\{\w+\}", "X", text)
        text = text.split("?")[0]
        return text.strip("^$").rstrip("/") + "/"

    covered = {shape(path) for _, path, *_ in CASES}
    missing = sorted(shape(route) for route in routes if shape(route) not in covered)
    assert len(routes) >= 20
    assert missing == []
