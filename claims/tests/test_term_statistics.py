"""How rare a word is on this desk: counted over published claims, and lent to the indexes re-scoring
builds over a few candidates (whose own counts call the query's rare words common)."""

import pytest
from django.core.management import call_command

from claims.matches import refresh_term_statistics, term_frequencies
from claims.matching import LexicalIndex, document_frequencies, lexical_sources, normalise
from claims.models import Claim, TermStatistics
from claims.tests.factories import ClaimFactory
from claims.tests.matching_examples import FACT_CHECKS

COLLECTION = [(key, normalise(text)) for key, (text, _) in FACT_CHECKS.items()]


def test_a_claim_counts_once_however_often_it_says_a_word():
    counted = document_frequencies([normalise("Troops, troops and more troops."), normalise("No troops left.")])

    assert counted["tokens"].claims == 2
    assert counted["tokens"].counts[normalise("troops").tokens[0]] == 2
    assert counted["words"].counts["troops"] == 2


def test_an_index_of_a_few_claims_weighs_words_as_the_whole_collection_does():
    collection = LexicalIndex(COLLECTION)
    few = COLLECTION[:2]  # what a database search would find for one claim
    counted = document_frequencies(c for _, c in COLLECTION)
    borrowed, own = LexicalIndex(few, frequencies=counted["tokens"]), LexicalIndex(few)

    tokens = {t for _, claim in few for t in claim.tokens}
    assert all(borrowed.weight(t) == pytest.approx(collection.weight(t)) for t in tokens)
    # Alone, the few claims count their shared words as common, and weigh them less than the collection does.
    shared = set(few[0][1].tokens) & set(few[1][1].tokens)
    assert all(own.weight(t) < collection.weight(t) for t in shared)


def test_both_lexical_views_borrow_their_own_fields_counts():
    counted = document_frequencies(c for _, c in COLLECTION)
    tokens, words = lexical_sources(COLLECTION[:2], frequencies=counted)

    assert tokens.frequencies is counted["tokens"]
    assert words.frequencies is counted["words"]
    assert all(source.frequencies is None for source in lexical_sources(COLLECTION[:2]))


@pytest.mark.django_db
def test_the_count_reads_published_claims_only_and_replaces_the_last_one():
    ClaimFactory(text="Westland's unemployment fell to five per cent.", status=Claim.Status.PUBLISHED)
    ClaimFactory(text="Westland's mayor opened a library.", status=Claim.Status.NEW)
    first = refresh_term_statistics()

    assert first.published_claims == 1
    assert first.words["unemployment"] == 1
    assert "library" not in first.words

    ClaimFactory(text="The Westland library closed.", status=Claim.Status.PUBLISHED)
    second = refresh_term_statistics()

    assert list(TermStatistics.objects.values_list("pk", flat=True)) == [second.pk]
    assert second.published_claims == 2
    assert second.words["library"] == 1
    frequencies = term_frequencies()
    assert frequencies["words"].claims == 2
    assert frequencies["words"].counts == second.words
    assert frequencies["tokens"].counts == second.tokens


@pytest.mark.django_db
def test_no_count_or_another_matchers_count_leaves_the_pools_own_weights():
    assert term_frequencies() is None

    TermStatistics.objects.create(matcher_version="0.0.1", published_claims=5, tokens={"x": 1}, words={"x": 1})

    assert term_frequencies() is None


@pytest.mark.django_db
def test_the_command_counts_and_says_how_many(capsys):
    ClaimFactory(text="About 1,000 US troops were stationed in Niger.", status=Claim.Status.PUBLISHED)

    call_command("refresh_term_statistics")

    assert "over 1 published claims" in capsys.readouterr().out
    assert TermStatistics.objects.get().published_claims == 1


@pytest.mark.django_db
def test_the_worker_counts_again_on_a_schedule():
    from django.conf import settings

    from claims.tasks import refresh_term_statistics_task
    from factcheck.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["refresh-term-statistics"]
    assert entry["task"] == refresh_term_statistics_task.name
    assert entry["task"] in app.tasks
    assert entry["schedule"] == settings.FACTCHECK_TERM_STATISTICS_SECONDS
    ClaimFactory(text="About 1,000 US troops were stationed in Niger.", status=Claim.Status.PUBLISHED)

    assert refresh_term_statistics_task.apply().get() == 1
    assert TermStatistics.objects.get().published_claims == 1
