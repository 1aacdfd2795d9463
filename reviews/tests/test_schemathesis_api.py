"""Contract test: `schemathesis run --checks all` against every operation of /api/schema/ on a live server.

Run as the command line runs it (examples, coverage, fuzzing and stateful phases), with a fixed
seed and a few examples per operation. No answer may be a 5xx or stray from the schema, a request
the schema calls invalid must be refused, and one it calls valid accepted, except for the
refusals EXPLAINED below: each depends on stored data or on a standard the schema cannot state.

The checks' expected statuses differ from schemathesis's defaults in one way, for If-Match
(RFC 9110, 13.2 and RFC 6585, 3): without it a PATCH answers 428, and with a tag that is not the
claim's or verdict's current ETag it answers 412, which RFC 9110 evaluates before the body.
"""

import base64
import json
import subprocess
import sys
from dataclasses import dataclass

from factcheck.api.authentication import api_token_create
from reviews.tests.api_helpers import published, submitted

EXAMPLES_PER_OPERATION = 10
SEED = 1
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "412", "429", "5xx"]

[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "412", "415", "422", "428", "429", "5xx"]

[checks.missing_required_header]
expected-statuses = ["400", "401", "403", "406", "415", "422", "428"]
"""


@dataclass(frozen=True)
class Failure:
    operation: str
    check: str
    status: int | None
    answer: str  # the response body

    def __str__(self):
        return f"{self.operation} {self.check}: {self.status} {self.answer[:300]}"


# The closing note: schema-valid requests the API refuses, and why the schema does not say so.
EXPLAINED = [
    (
        "POST /api/v1/claims/merge/",
        ("A claim to merge no longer exists", "Only claims of one article", "Only adjacent claims"),
        "which claims merge depends on stored claims: they must exist and be adjacent in one article",
    ),
    (
        "POST /api/v1/claims/{id}/split/",
        ("Split inside the claim", "only the extracted wording can be split", "Both parts of a split"),
        "the split offset must fall inside that claim's text (the schema bounds it by the largest body)",
    ),
    (
        "POST /api/v1/claims/{claim_id}/verdicts/",
        ("attached to its claim", "There is no rating", "correction"),
        "a verdict cites the claim's own sources and a rating of the scale; a correction note only on a correction",
    ),
    (
        "PATCH /api/v1/verdicts/{id}/",
        ("attached to its claim", "There is no rating", "correction"),
        "as for drafting a verdict",
    ),
    (
        "POST /api/v1/claims/{id}/assign/",
        ("There is no active user", "is not a reviewer or editor"),
        "the assignee must be an active reviewer or editor",
    ),
    (
        "POST /api/v1/claims/{id}/sources/",
        ("already attached to the claim", "Enter a valid http:// or https:// URL"),
        "a source is attached once per URL, and its URLs are http(s) URLs Django's URLValidator accepts",
    ),
    (
        "POST /api/v1/articles/",
        (
            "Another article with different text already has this URL",
            "Enter a valid URL",
            "The article body is",
            "Send a url to fetch, or a title and a body",
            "The article needs a title.",
            "does not resolve",
            "resolves to",
            "not allowed",
        ),
        "an article's URL belongs to one text; URLs are the ones Django's URLValidator accepts (stricter than "
        "`format: uri`); HTML that holds no text is an empty body; an article is either a text or a URL to "
        "fetch, whose host must resolve to a public address (the SSRF guard); a text needs a title with visible "
        "characters, which only a body makes required",
    ),
    (
        "POST /api/v1/articles/{article_id}/claims/",
        (
            "Give start and end offsets, or a fragment",
            "overlaps claim",
            "outside the article",
            "Choose a span inside the text",
            "no fragment",
        ),
        "a claim is made either from offsets or from a fragment, and the span must lie in that article's "
        "text without overlapping one of its claims",
    ),
    (
        "POST /api/v1/feeds/",
        ("does not resolve", "Enter a valid URL", "resolves to", "not allowed", "already"),
        "a feed's host must resolve to a public address (the SSRF guard), and a feed URL is subscribed once",
    ),
    (
        "PATCH /api/v1/feeds/{id}/",
        ("does not resolve", "Enter a valid URL", "resolves to", "not allowed", "already"),
        "as for adding a feed",
    ),
    (
        "POST /api/v1/webhooks/",
        ("does not resolve", "Enter a valid URL", "resolves to", "not allowed"),
        "a receiver's host must resolve to a public address (the SSRF guard), and the URL pass URLValidator",
    ),
    (
        "PATCH /api/v1/webhooks/{id}/",
        ("does not resolve", "Enter a valid URL", "resolves to", "not allowed"),
        "as for subscribing",
    ),
]
# A request the schema calls invalid that the API accepts, for a reason in schemathesis itself.
EXPLAINED_ACCEPTED = [
    (
        "POST /api/v1/articles/",
        '"url": ""',
        'schemathesis negates only the `uri` branch of `anyOf: [uri, empty]`, so it calls `"url": ""` invalid',
    ),
]


def _explanation(failure: Failure, request_body: str) -> str | None:
    if failure.check == "positive_data_acceptance" and failure.status == 400:
        for operation, refusals, why in EXPLAINED:
            if failure.operation == operation and any(refusal in failure.answer for refusal in refusals):
                return why
    if failure.check == "negative_data_rejection" and failure.status is not None and failure.status < 300:
        for operation, sent, why in EXPLAINED_ACCEPTED:
            if failure.operation == operation and sent in request_body:
                return why
    return None


def _failures(report_path, tested: set) -> list[tuple[Failure, str]]:
    found = []
    with open(report_path, encoding="utf-8") as report:
        for line in report:
            event = json.loads(line).get("ScenarioFinished")
            if not event:
                continue
            recorder = event["recorder"]
            tested.add(recorder["label"])
            for case_id, checks in recorder.get("checks", {}).items():
                interaction = recorder.get("interactions", {}).get(case_id) or {}
                response = interaction.get("response") or {}
                answer = base64.b64decode(response.get("content", {}).get("$base64", "")).decode("utf-8", "replace")
                sent = interaction.get("request", {}).get("body", {}).get("$base64", "")
                sent = base64.b64decode(sent).decode("utf-8", "replace") if sent else ""
                for check in checks:
                    if check["status"] == "failure":
                        operation = check["failure_info"]["failure"].get("operation") or recorder["label"]
                        found.append((Failure(operation, check["name"], response.get("status_code"), answer), sent))
    return found


def _run(*, base_url, key, paths, tmp_path, name, tested: set) -> list[tuple[Failure, str]]:
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    report = tmp_path / f"{name}.ndjson"
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run",
        f"{base_url}/api/schema/?format=json", "--checks", "all",
        "--max-examples", str(EXAMPLES_PER_OPERATION), "--seed", str(SEED), "--no-shrink", "--workers", "1",
        "--generation-database", "none", "--header", f"Authorization: Token {key}",
        "--report", "ndjson", "--report-ndjson-path", str(report), *paths,
    ]  # fmt: skip
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert report.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    return _failures(report, tested)


def test_api_passes_every_schemathesis_check_but_the_explained_refusals(
    live_server, transactional_db, editor, other_editor, reviewer, integrator, settings, tmp_path
):
    # given a live server with something in it, and keys for the desk and an integrator
    settings.FACTCHECK_API_THROTTLE_RATES = {"user": "100000/minute", "anon": "100000/minute"}
    published(reviewer=reviewer, editor=other_editor)
    submitted(reviewer=reviewer)
    _, desk_key = api_token_create(user=editor)
    _, integrator_key = api_token_create(user=integrator)

    # when: webhooks belong to integrators; everything else runs as an editor, who may do the most
    webhooks, tested = "^/api/v1/webhooks", set()
    found = _run(
        base_url=live_server.url,
        key=desk_key,
        paths=["--exclude-path-regex", webhooks],
        tmp_path=tmp_path,
        name="desk",
        tested=tested,
    )
    found += _run(
        base_url=live_server.url,
        key=integrator_key,
        paths=["--include-path-regex", webhooks],
        tmp_path=tmp_path,
        name="integrator",
        tested=tested,
    )

    # then
    assert len({label for label in tested if label.startswith(("GET", "POST", "PATCH", "DELETE"))}) >= 30
    explained = {}
    unexplained = []
    for failure, sent in found:
        why = _explanation(failure, sent)
        if why is None:
            unexplained.append(str(failure))
        else:
            explained.setdefault(f"{failure.operation} ({failure.check})", why)
    print("\nexplained refusals:\n" + "\n".join(f"  {op}: {why}" for op, why in sorted(explained.items())))
    assert unexplained == [], "\n".join(sorted(set(unexplained)))
