"""claim_match(): the database proposes, the pure matcher re-scores, suggestions are stored, published first.

Runs on whichever database the leg uses (SQLite's FTS5 in the fast leg, PostgreSQL's full-text and
pg_trgm indexes in the PostgreSQL leg): the sources share one interface and these tests hold for both.
"""

import pytest

from claims.candidates import Query, database_sources
from claims.matches import (
    claim_match,
    claim_matches,
    claims_checked_before,
    claims_most_repeated,
    claims_seen_before,
    refresh_term_statistics,
)
from claims.matching import MATCHER_VERSION, CandidateSource
from claims.models import Claim, ClaimMatch
from claims.tests.factories import ArticleFactory, ClaimFactory
from claims.tests.matching_examples import FACT_CHECKS, JUNK

pytestmark = pytest.mark.django_db

# Claims other articles made, never fact-checked: the "seen before" side, and noise.
OTHER_CLAIMS = [
    "Westland's unemployment fell to five per cent in 2019, the minister said.",
    "The Corbel town council approved a new budget for road repairs.",
    "Police in Elmsford arrested three people after the bridge protest.",
    "Flu season started early in Norvale this year.",
    "Mayor Julia Hartmann opened a new library on Monday.",
]


def _claim(text, *, status=Claim.Status.NEW, article=None):
    return ClaimFactory(text=text, status=status, article=article or ArticleFactory())


@pytest.fixture(params=["pool's term weights", "desk's term statistics"])
def checked(request):
    """The made-up fact-checks, published, each in its own article; the junk among them too. Every test
    runs twice: before the first count of the desk's term statistics, and after it."""
    claims = {key: _claim(text, status=Claim.Status.PUBLISHED) for key, (text, _) in FACT_CHECKS.items()}
    if request.param == "desk's term statistics":
        refresh_term_statistics()
    return claims


@pytest.fixture
def seen():
    return [_claim(text) for text in OTHER_CLAIMS]


def _match(*texts):
    article = ArticleFactory()
    claims = [_claim(text, article=article) for text in texts]
    claim_match(claim_ids=[c.pk for c in claims])
    return claims


def _suggested(claim):
    return list(ClaimMatch.objects.filter(claim=claim).order_by("-checked", "-score", "pk"))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Text messages telling people they were picked for a military draft are being sent by the US Army.",
            "draft-texts",
        ),
        ("Westland's unemployment dropped to five per cent in 2019.", "westland-jobs"),
        ("Building the Elmsford bridge cost one thousand million dollars.", "elmsford-bridge"),
        ("Mayor Hartmann slashed police funding by twenty per cent.", "hartmann-police"),
    ],
)
def test_the_same_claim_reworded_is_suggested_first_as_checked_before(checked, seen, text, key):
    (claim,) = _match(text)

    first = _suggested(claim)[0]
    assert first.candidate_id == checked[key].pk
    assert first.checked is True
    assert first.score >= 0.5
    assert first.reasons
    assert first.matcher_version == MATCHER_VERSION
    assert first.status == ClaimMatch.Status.SUGGESTED


def test_numbers_written_differently_are_the_same_figures(checked, seen):
    (claim,) = _match("Unemployment in Westland fell to five percent in 2019.")

    first = _suggested(claim)[0]
    assert first.candidate_id == checked["westland-jobs"].pk
    assert "same figures" in first.reasons


def test_a_claim_seen_before_but_never_checked_is_suggested_after_the_checked_ones(checked, seen):
    (claim,) = _match("Westland's unemployment dropped to five per cent in 2019.")

    rows = _suggested(claim)
    seen_rows = [m for m in rows if not m.checked]
    assert seen[0].pk in [m.candidate_id for m in seen_rows]
    assert [m.checked for m in rows] == sorted((m.checked for m in rows), reverse=True)
    matches = claim_matches(claim)
    assert matches.checked_before[0].candidate_id == checked["westland-jobs"].pk
    assert seen[0].pk in [m.candidate_id for m in matches.seen_before]


def test_a_denial_is_suggested_low_and_flagged_never_as_the_same_claim(checked, seen):
    (claim,) = _match("The U.S. Army is not sending text messages about a military draft.")

    first = _suggested(claim)[0]
    assert first.candidate_id == checked["draft-texts"].pk
    assert "negation differs" in first.reasons
    assert first.score < 0.5


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Unemployment in Westland fell to 7% in 2019.", "different figures"),
        ("Unemployment in Westland fell to 5% in 2016.", "different year"),
    ],
)
def test_another_figure_or_year_is_suggested_and_flagged(checked, seen, text, reason):
    (claim,) = _match(text)

    first = _suggested(claim)[0]
    assert first.candidate_id == checked["westland-jobs"].pk
    assert reason in first.reasons


def test_junk_is_never_suggested_first(checked, seen):
    (claim,) = _match("Crime in Westland is rising, the U.S. says.")

    rows = _suggested(claim)
    junk = {checked[key].pk for key in JUNK}
    assert not rows or rows[0].candidate_id not in junk


def test_claims_of_the_same_article_are_not_matched_to_each_other(checked):
    first, second = _match(
        "Westland's unemployment dropped to five per cent in 2019.",
        "Unemployment in Westland fell to five percent in 2019.",
    )

    candidates = set(ClaimMatch.objects.values_list("candidate_id", flat=True))
    assert first.pk not in candidates
    assert second.pk not in candidates


def test_matching_again_stores_nothing_twice_and_decided_pairs_are_never_suggested_again(checked, seen):
    (claim,) = _match("Westland's unemployment dropped to five per cent in 2019.")
    rows = _suggested(claim)
    rejected = rows[0]
    ClaimMatch.objects.filter(pk=rejected.pk).update(status=ClaimMatch.Status.REJECTED)

    assert claim_match(claim_ids=[claim.pk]) == []
    assert ClaimMatch.objects.filter(claim=claim).count() == len(rows)
    # The other way round: the fact-check matched later against the claim is not suggested either.
    ClaimMatch.objects.all().delete()
    ClaimMatch.objects.create(
        claim=rejected.candidate, candidate=claim, score=0.9, matcher_version="x", status=ClaimMatch.Status.REJECTED
    )
    claim_match(claim_ids=[claim.pk])
    assert not ClaimMatch.objects.filter(claim=claim, candidate=rejected.candidate).exists()


def test_the_desks_filters_and_the_most_repeated_claims(checked, seen):
    repeated = [
        _match(text)[0]
        for text in (
            "Westland's unemployment dropped to five per cent in 2019.",
            "In 2019 unemployment in Westland fell to 5 per cent.",
        )
    ]
    unmatched = _claim("Zebras yodel quietly at dawn in the valley.")
    ClaimMatch.objects.filter(claim=unmatched).delete()

    claims = Claim.objects.filter(pk__in=[*(c.pk for c in repeated), unmatched.pk])
    assert set(claims_seen_before(claims)) == set(repeated)
    assert set(claims_checked_before(claims)) == set(repeated)
    top = claims_most_repeated(limit=3)
    assert checked["westland-jobs"] in top
    assert top[0].pk in {checked["westland-jobs"].pk, seen[0].pk}
    assert [c.repeats for c in top] == sorted((c.repeats for c in top), reverse=True)
    assert top[0].repeats >= 2


def test_the_database_sources_implement_the_matchers_protocol(checked):
    for source in database_sources():
        assert isinstance(source, CandidateSource)
        found = source.find([Query(1, "Westland's unemployment dropped to five per cent in 2019.")])
        assert found[1][0].claim_id == checked["westland-jobs"].pk
        assert 0.0 <= min(f.signal for f in found[1]) <= max(f.signal for f in found[1]) == 1.0


def test_a_fact_check_sharing_only_one_rare_name_with_the_claim_is_still_proposed(checked):
    # No other word of the claim is in the fact-check: a search by pairs of rare words alone never finds it.
    fact_check = _claim("Quarrendon's harbour toll doubled overnight.", status=Claim.Status.PUBLISHED)
    query = Query(1, "Residents complain about Quarrendon after the storm wrecked fishing boats.")

    for source in database_sources():
        if source.checked:
            found = source.find([query])
            assert fact_check.pk in [f.claim_id for f in found[1]], source.name
