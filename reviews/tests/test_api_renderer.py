"""The API's JSON is written by orjson and reads exactly as DRF's JSONRenderer wrote it."""

import datetime
import decimal
import json
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from claims.tests.factories import ClaimFactory
from factcheck.api.renderers import JSONLDRenderer, JSONRenderer
from reviews.tests.api_helpers import published

UTC_NOON = datetime.datetime(2026, 11, 29, 12, 0, 0, 250000, tzinfo=datetime.UTC)
DATA = {
    "ids": [1, 2**63 - 1, -7, 0],
    "floats": [0.6, 0.1 + 0.2, 1.0, 0.0],
    "text": 'Niger’s junta — «troops» 🇳🇪, a "quote", a \\ and a\nnewline\t',
    "flags": [True, False, None],
    "utc": UTC_NOON,
    "offset": datetime.datetime(2026, 3, 29, 2, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
    "naive": datetime.datetime(2026, 1, 1, 9, 30),
    "whole_second": datetime.datetime(2026, 1, 1, 9, 30, tzinfo=datetime.UTC),
    "date": datetime.date(2024, 2, 29),
    "time": datetime.time(23, 59, 59, 999999),
    "duration": datetime.timedelta(minutes=90),
    "decimal": decimal.Decimal("12.50"),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "lazy": gettext_lazy("Not found."),
    "error": ErrorDetail("This field is required.", code="required"),
    "nested": ReturnDict({"rows": ReturnList([{"a": 1}, {"b": [UTC_NOON]}], serializer=None)}, serializer=None),
    "set_like": ("a", "b"),
    "list_item_errors": {"tags": {0: ["Too long."], 3: ["Not a string."]}},
    "other_keys": {True: 1, None: 2, 1.5: 3},
}


def test_renders_the_bytes_drf_renders():
    assert JSONRenderer().render(DATA) == DRFJSONRenderer().render(DATA)


def test_float_exponents_differ_only_in_spelling():
    data = {"tiny": 1e-07, "huge": 1e20}
    ours, drf = JSONRenderer().render(data), DRFJSONRenderer().render(data)

    assert json.loads(ours) == json.loads(drf) == data


def test_an_unknown_type_is_an_error_not_a_null():
    with pytest.raises(TypeError):
        JSONRenderer().render({"value": object()})


def test_browsable_api_gets_indented_json():
    rendered = JSONRenderer().render({"a": [1]}, "text/html", {})
    assert rendered == b'{\n  "a": [\n    1\n  ]\n}'


@pytest.mark.django_db
def test_api_pages_are_the_bytes_drf_would_write(integrator, reviewer, editor, api_client_for):
    claim, _ = published(reviewer=reviewer, editor=editor)
    ClaimFactory.create_batch(3)
    client = api_client_for(integrator)

    urls = [
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/claims/{claim.pk}/verdicts/",
        f"/api/v1/claims/{claim.pk}/events/",
        "/api/v1/articles/",
        "/api/v1/claimreviews/",
        "/api/v1/claims/?status=nonsense",  # a 400's field errors
    ]
    for url in urls:
        response = client.get(url)
        assert response["Content-Type"] == "application/json", url
        assert type(response.accepted_renderer) is JSONRenderer
        assert response.content == DRFJSONRenderer().render(response.data), url

    document = client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert document["Content-Type"] == "application/ld+json"
    assert type(document.accepted_renderer) is JSONLDRenderer
    assert document.content == DRFJSONRenderer().render(document.data)
