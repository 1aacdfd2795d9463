"""Fixtures for fetching and feeds: the local news site, allowed through the fetch guard."""

import pytest


@pytest.fixture
def site(settings):
    """The local news site (claims/tests/site.py) on 127.0.0.1, the only host the fetch guard lets through."""
    from .site import news_site

    served = news_site()
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = [served.host]
    yield served
    served.close()


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """`with run_on_commit(): ...` runs what the block queued on commit (fetch, segment) right after it."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
