"""The Atom feed of published fact-checks at /fact-checks/feed/."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from lxml import etree

from reviews.models import Verdict
from reviews.tests.api_helpers import corrected, published, submitted

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client):
    response = client.get(reverse("public-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return etree.fromstring(response.content)


def _assert_valid_atom(feed):
    """What RFC 4287 requires of a feed and of each entry."""
    assert feed.tag == f"{ATOM}feed"
    for element in (feed, *feed.findall(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            assert element.findtext(f"{ATOM}{required}"), f"{element.tag} lacks {required}"
        datetime.fromisoformat(element.findtext(f"{ATOM}updated"))
    # atom:author on the feed covers every entry that has none of its own.
    assert feed.findtext(f"{ATOM}author/{ATOM}name")
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))


def test_feed_is_valid_atom_with_an_entry_per_published_fact_check(reviewer, editor, client, settings):
    settings.FACTCHECK_PUBLISHER_NAME = "Example Fact Desk"
    older, older_verdict = published(reviewer=reviewer, editor=editor, summary="Older one.")
    Verdict.objects.filter(pk=older_verdict.pk).update(decided_at=timezone.now() - timedelta(days=3))
    newer, _ = published(reviewer=reviewer, editor=editor, rating="mostly-true", summary="Newer one.")
    submitted(reviewer=reviewer)  # not public

    feed = _feed(client)

    _assert_valid_atom(feed)
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Example Fact Desk"
    entries = feed.findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link[@rel='alternate']").get("href") for entry in entries]
    assert links == [
        "http://testserver" + reverse("public-factcheck", args=[newer.pk]),
        "http://testserver" + reverse("public-factcheck", args=[older.pk]),
    ]
    assert entries[0].findtext(f"{ATOM}title") == f"Mostly true: {newer.text}"
    assert entries[0].findtext(f"{ATOM}summary") == "Newer one."


def test_a_correction_updates_its_entry_and_brings_it_to_the_top(reviewer, editor, other_editor, client):
    first, first_verdict = published(reviewer=reviewer, editor=editor)
    Verdict.objects.filter(pk=first_verdict.pk).update(decided_at=timezone.now() - timedelta(days=3))
    second, _ = published(reviewer=reviewer, editor=editor)

    corrected(claim=first, editor=other_editor, author=editor)

    feed = _feed(client)
    _assert_valid_atom(feed)
    top, below = feed.findall(f"{ATOM}entry")
    assert top.findtext(f"{ATOM}id").endswith(reverse("public-factcheck", args=[first.pk]))
    assert below.findtext(f"{ATOM}id").endswith(reverse("public-factcheck", args=[second.pk]))
    # Still one entry for the fact-check: first published three days ago, updated now.
    published_at = datetime.fromisoformat(top.findtext(f"{ATOM}published"))
    updated_at = datetime.fromisoformat(top.findtext(f"{ATOM}updated"))
    assert updated_at - published_at > timedelta(days=2)


def test_an_empty_feed_is_still_valid_atom(db, client):
    feed = _feed(client)

    _assert_valid_atom(feed)
    assert feed.findall(f"{ATOM}entry") == []
