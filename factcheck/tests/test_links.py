"""Absolute links: FACTCHECK_PUBLIC_BASE_URL when set, else the request's host, else the first allowed host."""

from django.test import RequestFactory

from factcheck.links import absolute_url
from factcheck.tests.test_settings import _run_manage


def test_a_set_base_url_wins_over_the_request(settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://factcheck.example.org/"
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8101")

    assert absolute_url("/fact-checks/7/", request=request) == "https://factcheck.example.org/fact-checks/7/"
    assert absolute_url("/fact-checks/7/") == "https://factcheck.example.org/fact-checks/7/"


def test_unset_links_come_from_the_request_host_and_port(settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8101")

    assert absolute_url("/fact-checks/7/", request=request) == "http://127.0.0.1:8101/fact-checks/7/"


def test_unset_links_follow_a_tls_proxy(settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["desk.example.org"]
    request = RequestFactory().get("/", HTTP_HOST="desk.example.org", HTTP_X_FORWARDED_PROTO="https")

    assert absolute_url("/", request=request) == "https://desk.example.org/"


def test_without_request_or_setting_links_use_the_first_allowed_host_over_https(settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = ""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [".example.org", "localhost"]

    assert absolute_url("/fact-checks/7/") == "https://example.org/fact-checks/7/"


def test_without_request_or_setting_development_links_are_plain_http(settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = ""
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]

    assert absolute_url("/fact-checks/7/") == "http://localhost/fact-checks/7/"


def test_a_wildcard_first_allowed_host_needs_the_base_url_set():
    refused = _run_manage("check", DJANGO_DEBUG="true", DJANGO_ALLOWED_HOSTS="*")
    accepted = _run_manage(
        "check", DJANGO_DEBUG="true", DJANGO_ALLOWED_HOSTS="*", FACTCHECK_PUBLIC_BASE_URL="https://desk.example.org"
    )

    assert refused.returncode != 0
    assert "FACTCHECK_PUBLIC_BASE_URL must be set" in refused.stderr
    assert accepted.returncode == 0, accepted.stderr
