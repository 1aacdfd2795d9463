"""Property-based contract test: generated requests against every operation in /api/schema/ on a live server.

No answer may be a 5xx, and every answer must match the schema (status code, content type, body).
Bounded: a few examples per operation and no shrinking, so the whole run stays near a minute.
"""

from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.openapi import from_url
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from factcheck.api.authentication import api_token_create
from reviews.tests.api_helpers import published, submitted

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
BOUNDED = settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


def _exercise(operation, *, base_url, key):
    @BOUNDED
    @given(case=operation.as_strategy())
    def exercise(case):
        case.call_and_validate(base_url=base_url, headers={"Authorization": f"Token {key}"}, checks=CHECKS)

    return exercise


def test_api_answers_match_the_schema_and_never_5xx(
    live_server, transactional_db, editor, other_editor, reviewer, integrator, settings
):
    # given a live server with something in it, and keys for the desk and an integrator
    settings.FACTCHECK_API_THROTTLE_RATES = {"user": "100000/minute", "anon": "100000/minute"}
    published(reviewer=reviewer, editor=other_editor)
    submitted(reviewer=reviewer)
    _, desk_key = api_token_create(user=editor)
    _, integrator_key = api_token_create(user=integrator)
    schema = from_url(f"{live_server.url}/api/schema/?format=json")

    operations = [result.ok() for result in schema.get_all_operations()]
    failures = []
    for operation in operations:
        # webhooks belong to integrators; everything else runs as an editor, who may do the most
        key = integrator_key if operation.path.startswith("/api/v1/webhooks") else desk_key

        exercise = _exercise(operation, base_url=live_server.url, key=key)
        try:
            exercise()
        except (Exception, BaseExceptionGroup) as error:  # collect every operation's failure, report together
            failures.append(f"{operation.label}: {error}")

    # then
    assert len(operations) >= 30
    assert failures == [], "\n\n".join(failures)
