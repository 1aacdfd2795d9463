"""Every write of the v1 API refuses keys it does not take, read-only ones included, with a 400 naming each.

The writes and their valid bodies come from the role matrix; each is sent, as a role allowed to
make it, with keys a client might hope to set. Nothing may change.
"""

import pytest
from django.core.cache import cache
from django.db import transaction

from claims.models import Article, Claim
from reviews.models import Verdict
from reviews.tests.test_api_role_matrix import CASES, _fill, build_world

# Keys that name fields of the resources as integrators read them, and one that names nothing.
SMUGGLED = {"status": "published", "author": "edna", "editor": "edna", "version": 9, "created_by": 1, "id": 7}
WRITES = [case for case in CASES if case[0] in ("post", "patch")]
# An article has an author of its own (who wrote it), which the push takes.
TAKEN = {"articles/": {"author"}}


def _allowed_role(expected: dict) -> str:
    return next(role for role in ("editor", "reviewer", "integrator") if 200 <= expected[role] < 300)


def _state():
    return (
        list(Article.objects.order_by("pk").values_list("pk", "title", "segmentation_status")),
        list(Claim.objects.order_by("pk").values_list("pk", "text", "status", "assignee_id")),
        list(Verdict.objects.order_by("pk").values_list("pk", "status", "summary", "author_id", "editor_id")),
    )


@pytest.mark.parametrize("case", WRITES, ids=[f"{c[0].upper()} {c[1]}" for c in WRITES])
def test_write_refuses_unknown_and_read_only_keys_by_name(
    case, reviewer, editor, integrator, api_client_for, settings
):
    method, path, expected, body, etag_of = case
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["hooks.example.org"]
    ids = build_world(reviewer=reviewer, editor=editor, integrator=integrator)
    users = {"editor": editor, "reviewer": reviewer, "integrator": integrator}
    client = api_client_for(users[_allowed_role(expected)])
    headers = {}
    if etag_of:
        headers["HTTP_IF_MATCH"] = api_client_for(editor).get("/api/v1/" + etag_of.format(**ids))["ETag"]
    before = _state()
    cache.clear()

    # when: a valid body with keys the endpoint does not take
    with transaction.atomic():
        response = getattr(client, method)(
            "/api/v1/" + path.format(**ids), {**_fill(body or {}, ids), **SMUGGLED}, format="json", **headers
        )

    # then
    assert response.status_code == 400, response.content[:300]
    assert set(SMUGGLED) - TAKEN.get(path, set()) == set(response.data), response.data
    assert _state() == before


def test_read_only_and_unknown_keys_are_told_apart(reviewer, api_client_for):
    from claims.tests.factories import ClaimFactory

    claim = ClaimFactory()
    client = api_client_for(reviewer)
    etag = client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]

    response = client.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"text": "Reworded.", "status": "published", "colour": "red"},
        format="json",
        HTTP_IF_MATCH=etag,
    )

    assert response.status_code == 400
    assert response.data == {"status": ["This field is read-only."], "colour": ["Unknown field."]}
    claim.refresh_from_db()
    assert claim.text != "Reworded."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "T", "body": "Prices rose 4% in 2023.", "is_html": 0}, "is_html"),
        ({"title": 42, "body": "Prices rose 4% in 2023."}, "title"),
        ({"title": "T", "body": "Prices rose 4% in 2023.", "published_at": 1700000000}, "published_at"),
    ],
)
def test_values_of_the_wrong_json_type_are_refused_not_coerced(body, field, integrator, api_client_for):
    response = api_client_for(integrator).post("/api/v1/articles/", body, format="json")

    assert response.status_code == 400
    assert list(response.data) == [field]
    assert not Article.objects.exists()
