"""A polite fetcher: our User-Agent, robots.txt obeyed and read once per host, a few requests per host at once."""

import threading

import pytest

from claims import fetching
from claims.ingest_url import article_submit_url
from factcheck.testing import Route


def test_every_request_carries_our_user_agent(site, run_on_commit, settings, db):
    settings.FACTCHECK_FETCH_USER_AGENT = "factcheck-test/1.0 (+https://desk.example.org/)"

    with run_on_commit():
        article_submit_url(url=site.url("/news/homes"), created_by=None)

    agents = {headers.get("User-Agent") for _, headers in site.requests}
    assert agents == {"factcheck-test/1.0 (+https://desk.example.org/)"}


def test_robots_txt_is_read_once_per_host(site, run_on_commit, db):
    with run_on_commit():
        article_submit_url(url=site.url("/news/homes"), created_by=None)
        article_submit_url(url=site.url("/news/grain"), created_by=None)
        article_submit_url(url=site.url("/private/memo"), created_by=None)

    assert site.paths_requested().count("/robots.txt") == 1
    assert "/private/memo" not in site.paths_requested()


def test_a_robots_txt_that_names_us_is_obeyed(site, settings):
    settings.FACTCHECK_FETCH_USER_AGENT = "OtherBot/2.0"

    assert fetching.robots_allow(site.url("/news/homes")) is False


def test_a_missing_robots_txt_allows_everything_and_a_broken_one_nothing(site):
    site.routes["/robots.txt"] = Route("", status=404)
    assert fetching.robots_allow(site.url("/private/memo")) is True

    from django.core.cache import cache

    cache.clear()
    site.routes["/robots.txt"] = Route("", status=503)
    assert fetching.robots_allow(site.url("/news/homes")) is False


def test_no_more_than_the_limit_of_requests_go_to_one_host_at_once(settings):
    # given one slot per host, held by someone else
    settings.FACTCHECK_FETCH_PER_HOST = 1
    settings.FACTCHECK_FETCH_TIMEOUT_SECONDS = 1
    held, release = threading.Event(), threading.Event()

    def holder():
        with fetching.host_slot("news.example.org"):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    # a loaded machine may take a while to start the holder; the check below needs it holding
    assert held.wait(30), "the holder never took the slot"
    try:
        # then another request to that host waits, then gives up for a later retry
        with pytest.raises(fetching.HostBusy), fetching.host_slot("news.example.org"):
            pass
        # while another host is free
        with fetching.host_slot("other.example.org"):
            pass
    finally:
        release.set()
        thread.join()
    with fetching.host_slot("news.example.org"):  # freed once the holder is done
        pass
