"""MATCHER_VERSION changes whenever the output changes: stored matches say which matcher made them."""

import dataclasses
import hashlib
import json

from claims.matching import MATCHER_VERSION, normalise, rank, score
from claims.tests.matching_examples import FACT_CHECKS, fact_check_sources

# Queries that exercise every rule family: numbers in words and digits, units, dates, names,
# negation scopes, junk, hashtags and links; their normalisation, scores and rankings are fingerprinted.
QUERIES = [
    "Text messages telling people they were picked for a military draft are being sent by the US Army.",
    "The U.S. Army isn't sending texts about a draft, but it is recruiting.",
    "Westland's unemployment dropped to five per cent on January 14, 2019, from 7.5% in 2016.",
    "Building the Elmsford bridge cost one thousand million dollars ($1bn), a 10-year-old said at 6 p.m.",
    "Mayor Julia Hartmann slashed police funding by twenty per cent #WestlandPolice https://example.org/x",
    "Nobody was hurt when it rained fish in Corbel.",
    "Crime is rising.",
    "The",
    "PÉREZ’S CAFÉ in São Paulo served 1,000 meals; not one was free.",
]

# The version and the output it produces for the queries. A change that alters any output must bump
# MATCHER_VERSION (claims/matching/__init__.py) and record both here; the failure message says how.
RECORDED = ("1.0.0", "d7742ffa08d4f4db7db8c89c8578aa79f9633ce1abe706656bec5419eaf42933")


def _fingerprint() -> str:
    sources = fact_check_sources()
    claims = [normalise(text, context=title) for text, title in FACT_CHECKS.values()]
    output = []
    for query in QUERIES:
        n = normalise(query)
        output.append(
            {
                "normalised": {
                    field.name: sorted(map(str, value)) if isinstance(value, frozenset) else value
                    for field, value in ((f, getattr(n, f.name)) for f in dataclasses.fields(n))
                },
                "scores": [dataclasses.astuple(score(n, claim, weights=sources[0])) for claim in claims],
                "ranked": [
                    (r.key, dataclasses.astuple(r.match), sorted(r.signals.items()))
                    for r in rank(n, sources=sources, limit=10)
                ],
            }
        )
    return hashlib.sha256(json.dumps(output, sort_keys=True).encode()).hexdigest()


def test_output_changes_only_with_a_new_version():
    fingerprint = _fingerprint()

    recorded_version, recorded_fingerprint = RECORDED
    if fingerprint != recorded_fingerprint:
        assert recorded_version != MATCHER_VERSION, (
            f"matching output changed: bump MATCHER_VERSION (now {MATCHER_VERSION}) and record it here"
        )
    assert (MATCHER_VERSION, fingerprint) == RECORDED, (
        f'record the new version and its output: RECORDED = ("{MATCHER_VERSION}", "{fingerprint}")'
    )
