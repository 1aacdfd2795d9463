"""Fetching pages and feeds politely, through the one outbound client and its guard (factcheck.http).

Every request carries our User-Agent; a page is fetched only where the site's robots.txt lets us
(read through the same guard, cached per host in the shared cache); and at most
FACTCHECK_FETCH_PER_HOST requests go to one host at once, counted across every worker.
"""

import codecs
import hashlib
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from django.conf import settings
from django.core.cache import cache

from factcheck import http

GUARD = http.Guard(allowed_hosts_setting="FACTCHECK_FETCH_ALLOWED_HOSTS")

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/rdf+xml, application/xml;q=0.9, */*;q=0.5"
ROBOTS_MAX_BYTES = 500_000
# What RFC 9309 says to assume when robots.txt answers 5xx: the whole site is off limits for now.
_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


class FetchProblem(Exception):
    """The page or feed could not be had; the message is meant for the person who asked for it."""


class HostBusy(Exception):
    """Every request slot for the host stayed taken: try again a little later."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    html: bytes
    content_type: str
    fetch_ms: int


def headers(**extra) -> dict:
    return {"User-Agent": settings.FACTCHECK_FETCH_USER_AGENT, **extra}


def _get(url: str, *, max_bytes: int, content_types=(), **extra_headers) -> http.Fetched:
    """A GET within one of the host's request slots; refusals and failures become FetchProblem."""
    with host_slot(urlsplit(url).hostname or ""):
        try:
            return http.get(
                guard=GUARD,
                url=url,
                headers=headers(**extra_headers),
                timeout=settings.FACTCHECK_FETCH_TIMEOUT_SECONDS,
                max_bytes=max_bytes,
                content_types=content_types,
            )
        except http.WrongContentType as error:
            raise FetchProblem(f"Not an HTML page ({error.content_type}).") from None
        except (http.DestinationRefused, http.FetchFailed) as error:
            raise FetchProblem(str(error)) from None


def fetch_page(url: str) -> Page:
    """The HTML page at `url`, or FetchProblem saying why not (HostBusy: retry later)."""
    if not robots_allow(url):
        raise FetchProblem(f"The site's robots.txt does not allow us to fetch {url}.")
    started = time.perf_counter()
    fetched = _get(
        url,
        max_bytes=settings.FACTCHECK_FETCH_MAX_BYTES,
        content_types=HTML_TYPES,
        Accept="text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
    )
    if fetched.status != 200:
        raise FetchProblem(f"The page answered {fetched.status}.")
    if b"\x00" in fetched.body[:4096] and not fetched.body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FetchProblem("Not an HTML page (binary content).")
    return Page(
        url=fetched.url,
        html=fetched.body,
        content_type=fetched.headers.get("Content-Type", ""),
        fetch_ms=round((time.perf_counter() - started) * 1000),
    )


def fetch_feed(url: str, *, etag: str = "", last_modified: str = "") -> http.Fetched:
    """The feed at `url` by conditional GET: status 200 with a body, or 304; else FetchProblem."""
    conditional = {}
    if etag:
        conditional["If-None-Match"] = etag
    if last_modified:
        conditional["If-Modified-Since"] = last_modified
    fetched = _get(url, max_bytes=settings.FACTCHECK_FETCH_MAX_BYTES, Accept=FEED_ACCEPT, **conditional)
    if fetched.status not in (200, 304):
        raise FetchProblem(f"The feed answered {fetched.status}.")
    return fetched


# --- robots.txt -------------------------------------------------------------------------------


def robots_allow(url: str) -> bool:
    """Whether the site's robots.txt lets our User-Agent fetch `url`; the file is cached per host."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc.lower()}"
    key = "fc:robots:" + hashlib.sha256(origin.encode()).hexdigest()
    rules = cache.get(key)
    if rules is None:
        rules = _read_robots(origin)
        cache.set(key, rules, settings.FACTCHECK_FETCH_ROBOTS_CACHE_SECONDS)
    parser = RobotFileParser()
    parser.parse(rules.splitlines())
    return parser.can_fetch(settings.FACTCHECK_FETCH_USER_AGENT, url)


def _read_robots(origin: str) -> str:
    try:
        fetched = _get(f"{origin}/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
    except FetchProblem as problem:
        raise FetchProblem(f"Could not read the site's robots.txt: {problem}") from None
    if fetched.status >= 500:
        return _DISALLOW_ALL
    if fetched.status != 200:
        return ""  # no robots.txt (4xx): nothing is off limits
    return fetched.body.decode("utf-8", errors="replace")


# --- requests per host ------------------------------------------------------------------------


@contextmanager
def host_slot(host: str):
    """Hold one of the host's FACTCHECK_FETCH_PER_HOST request slots, waiting a while for one to free up."""
    # cache.add is atomic (SET NX on Redis), so N keys per host make a semaphore that workers on
    # every machine share; each key expires, which frees the slot of a worker that died holding it.
    limit = settings.FACTCHECK_FETCH_PER_HOST
    hold = settings.FACTCHECK_FETCH_TIMEOUT_SECONDS * 2 + 5
    token = secrets.token_hex(8)
    deadline = time.monotonic() + settings.FACTCHECK_FETCH_TIMEOUT_SECONDS
    while True:
        for slot in range(limit):
            key = f"fc:fetch-slot:{host}:{slot}"
            if cache.add(key, token, timeout=hold):
                try:
                    yield
                finally:
                    if cache.get(key) == token:
                        cache.delete(key)
                return
        if time.monotonic() > deadline:
            raise HostBusy(f"Every request slot for {host} stayed taken.")
        time.sleep(0.05 + secrets.randbelow(50) / 1000)
