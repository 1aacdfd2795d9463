"""The one outbound HTTP client: every request we make to a URL someone gave us goes through here.

A Guard refuses anything but http(s), URLs with credentials, and hosts that resolve to loopback,
private, link-local or otherwise non-public addresses, unless the host is listed in the guard's
allow-list setting. The check runs before each request, again on the address the socket actually
connected to (DNS rebinding), and on every redirect hop, which this module follows itself.
"""

import ipaddress
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

MAX_REDIRECTS = 5


_NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL_USE = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")


def _rfc6052(ip: ipaddress.IPv6Address, prefix_length: int) -> ipaddress.IPv4Address:
    """The IPv4 address a NAT64 prefix of this length embeds (RFC 6052: bits 64-71 are skipped)."""
    bits = f"{int(ip):0128b}"
    without_u = bits[:64] + bits[72:]
    start = prefix_length if prefix_length <= 64 else prefix_length - 8
    return ipaddress.IPv4Address(int(without_u[start : start + 32], 2))


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address stands for: mapped, translated, compatible, NAT64, 6to4, Teredo."""
    if ip.ipv4_mapped:
        return [ip.ipv4_mapped]
    if ip in _IPV4_TRANSLATED or ip in _IPV4_COMPATIBLE or ip in _NAT64_WELL_KNOWN:
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    if ip in _NAT64_LOCAL_USE:
        # The operator picks the prefix length inside the /48, so every place the address may sit counts.
        return [_rfc6052(ip, length) for length in (48, 56, 64, 96)]
    if ip.sixtofour:
        return [ip.sixtofour]
    if ip.teredo:
        return list(ip.teredo)  # the server and the client
    return []


class DestinationRefused(Exception):
    """The URL is not one we connect to (scheme, credentials, or an address inside our network)."""


class HostUnresolved(DestinationRefused):
    """The host name does not resolve now; unlike the other refusals, it may later."""


class Guard:
    """Where outbound requests of one kind may go; `allowed_hosts_setting` names the allow-list.

    The setting is read at each check, so a changed setting (or a test's override) holds at once.
    """

    def __init__(self, *, allowed_hosts_setting: str):
        self.allowed_hosts_setting = allowed_hosts_setting

    def is_allowed_host(self, host: str, port: int) -> bool:
        allowed = {entry.lower() for entry in getattr(settings, self.allowed_hosts_setting)}
        return host in allowed or f"{host}:{port}" in allowed

    def address_refusal(self, host: str, port: int, address: str) -> str | None:
        """Why `host` at `address` may not be reached, or None when it may."""
        if self.is_allowed_host(host, port):
            return None
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        # An IPv6 address that carries an IPv4 address reaches that address (through a translator, a
        # tunnel or the dual stack), so the IPv4 address is the one judged; all of them if several.
        embedded = embedded_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else []
        for judged in embedded or [ip]:
            if not judged.is_global or judged.is_multicast:
                shown = f"{ip} ({judged})" if judged is not ip else str(ip)
                return f"The host {host!r} resolves to {shown}, which is not a public address."
        return None

    def check(self, url: str) -> None:
        """Raise DestinationRefused unless `url` is http(s) and every address it resolves to is public."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as error:
            raise DestinationRefused(f"Malformed URL: {error}.") from None
        if parts.scheme not in ("http", "https"):
            raise DestinationRefused("The URL must use http or https.")
        host = (parts.hostname or "").lower()
        if not host:
            raise DestinationRefused("The URL has no host.")
        if parts.username or parts.password:
            raise DestinationRefused("The URL may not carry credentials.")
        port = port or (443 if parts.scheme == "https" else 80)
        if self.is_allowed_host(host, port):
            return
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise HostUnresolved(f"The host {host!r} does not resolve ({error}).") from None
        for info in infos:
            reason = self.address_refusal(host, port, info[4][0])
            if reason:
                raise DestinationRefused(reason)

    def session(self) -> requests.Session:
        """A requests session that refuses to connect to internal addresses and ignores proxy settings."""
        session = requests.Session()
        session.trust_env = False  # no proxies from the environment: the destination check must hold
        adapter = _CheckedAdapter(self, max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session


class _CheckedConnectionMixin:
    """Checks the address the socket actually connected to.

    Guard.check resolves the name before the request; the connection resolves it again, and a name
    that answers differently the second time (DNS rebinding) is caught here.
    """

    guard: Guard

    def _new_conn(self):
        sock = super()._new_conn()
        reason = self.guard.address_refusal(self.host.lower(), self.port, sock.getpeername()[0])
        if reason:
            sock.close()
            raise DestinationRefused(reason)
        return sock


class _CheckedAdapter(HTTPAdapter):
    def __init__(self, guard: Guard, **kwargs):
        self.guard = guard
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        attrs = {"guard": self.guard}
        http = type("CheckedHTTPConnection", (_CheckedConnectionMixin, HTTPConnection), attrs)
        https = type("CheckedHTTPSConnection", (_CheckedConnectionMixin, HTTPSConnection), attrs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("CheckedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("CheckedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }


def read_capped(response, *, cap: int, deadline: float) -> bytes:
    """At most `cap` bytes of the body, and no more than arrives before `deadline` (monotonic)."""
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=8192):
        chunks.append(chunk)
        size += len(chunk)
        if size >= cap or time.monotonic() > deadline:
            break
    return b"".join(chunks)[:cap]


def post(*, guard: Guard, url: str, body: bytes, headers: dict, timeout: float, max_bytes: int) -> tuple[int, bytes]:
    """POST `body`, following redirects by hand so each hop's destination is checked again."""
    deadline = time.monotonic() + timeout
    with guard.session() as session:
        for _hop in range(MAX_REDIRECTS + 1):
            guard.check(url)
            response = session.post(
                url, data=body, headers=headers, timeout=(min(5, timeout), timeout), allow_redirects=False, stream=True
            )
            try:
                location = response.headers.get("Location")
                if response.is_redirect and location:
                    url = urljoin(url, location)
                    continue
                return response.status_code, read_capped(response, cap=max_bytes, deadline=deadline)
            finally:
                response.close()
    raise DestinationRefused(f"More than {MAX_REDIRECTS} redirects.")


# --- GET, for fetching pages and feeds ----------------------------------------------------------


class FetchFailed(Exception):
    """A GET that gave no usable answer; the message says why in words a person understands."""


class FetchTimedOut(FetchFailed):
    pass


class ResponseTooLarge(FetchFailed):
    pass


class WrongContentType(FetchFailed):
    def __init__(self, content_type: str):
        super().__init__(f"Not an accepted kind of content ({content_type}).")
        self.content_type = content_type


@dataclass(frozen=True)
class Fetched:
    url: str  # where the answer came from, after redirects
    status: int
    headers: Mapping[str, str]
    body: bytes  # empty unless the status is 2xx


def _size_text(size: int) -> str:
    return f"{size / 1_000_000:g} MB" if size >= 1_000_000 else f"{size:,} bytes"


def get(
    *,
    guard: Guard,
    url: str,
    headers: dict,
    timeout: float,
    max_bytes: int,
    content_types: tuple[str, ...] = (),
) -> Fetched:
    """GET `url`, following redirects by hand so each hop's destination is checked again.

    The whole exchange must end within `timeout` seconds and the body stay under `max_bytes` while
    it streams; with `content_types`, a 2xx answer of another declared type is refused before its
    body is read. The body is read for 2xx answers only. Raises DestinationRefused or FetchFailed.
    """
    deadline = time.monotonic() + timeout
    seen = set()
    with guard.session() as session:
        for hop in range(MAX_REDIRECTS + 1):
            try:
                guard.check(url)
            except DestinationRefused as refusal:
                if hop:
                    raise DestinationRefused(f"The page redirects to an address we may not fetch: {refusal}") from None
                raise
            seen.add(url)
            response = _send(session, url, headers=headers, timeout=timeout, deadline=deadline)
            try:
                location = response.headers.get("Location")
                if response.is_redirect and location:
                    url = urljoin(url, location)
                    if url in seen:
                        raise FetchFailed("The page redirects in a loop.")
                    continue
                body = b""
                if 200 <= response.status_code < 300:
                    _check_content_type(response.headers.get("Content-Type", ""), content_types)
                    body = _read_body(response, max_bytes=max_bytes, deadline=deadline, timeout=timeout)
                return Fetched(url=url, status=response.status_code, headers=response.headers, body=body)
            finally:
                response.close()
    raise FetchFailed(f"The page redirects more than {MAX_REDIRECTS} times.")


def _send(session, url, *, headers, timeout, deadline):
    remaining = max(0.1, deadline - time.monotonic())
    try:
        return session.get(
            url, headers=headers, timeout=(min(5, remaining), remaining), allow_redirects=False, stream=True
        )
    except requests.Timeout:
        raise FetchTimedOut(f"Timed out after {timeout:g} s.") from None
    except requests.ConnectionError:
        # A refusal at connect time (DNS rebinding) is not wrapped by requests: it passes through as it is.
        raise FetchFailed(f"Could not connect to {urlsplit(url).hostname}.") from None
    except requests.RequestException as error:
        raise FetchFailed(f"The request failed ({type(error).__name__}).") from None


def _check_content_type(declared: str, accepted: tuple[str, ...]) -> None:
    kind = declared.split(";", 1)[0].strip().lower()
    if accepted and kind and kind not in accepted:
        raise WrongContentType(kind)


def _read_body(response, *, max_bytes: int, deadline: float, timeout: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ResponseTooLarge(f"Larger than {_size_text(max_bytes)}.")
    chunks, size = [], 0
    try:
        # read1 hands over what has arrived (iter_content would wait to fill each chunk), so a body
        # that trickles in byte by byte still meets the deadline.
        while chunk := response.raw.read1(65_536, decode_content=True):
            size += len(chunk)
            if size > max_bytes:
                raise ResponseTooLarge(f"Larger than {_size_text(max_bytes)}.")
            if time.monotonic() > deadline:
                raise FetchTimedOut(f"Timed out after {timeout:g} s.")
            chunks.append(chunk)
    except (requests.Timeout, urllib3.exceptions.TimeoutError):
        raise FetchTimedOut(f"Timed out after {timeout:g} s.") from None
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as error:
        raise FetchFailed(f"The connection broke while reading the page ({type(error).__name__}).") from None
    return b"".join(chunks)
