"""The one outbound HTTP client: every request we make to a URL someone gave us goes through here.

A Guard refuses anything but http(s), URLs with credentials, and hosts that resolve to loopback,
private, link-local or otherwise non-public addresses, unless the host is listed in the guard's
allow-list setting. The check runs before each request, again on the address the socket actually
connected to (DNS rebinding), and on every redirect hop, which this module follows itself.
"""

import ipaddress
import socket
import time
from urllib.parse import urljoin, urlsplit

import requests
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
