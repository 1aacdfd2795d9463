"""Request rates per user and per anonymous address, counted in the shared (Redis) cache.

A count per fixed window (a minute for "1200/minute"), kept with the cache's atomic increment. DRF's
own throttles keep every request's timestamp in one cached list, read and written back whole on
every request: up to 1,200 pickled floats a request at the default rate, and two processes writing
back at once lose each other's requests. A window lets a client spend its rate at the end of one
window and again at the start of the next; the rate is a budget, not a smoothing.

The rates are read from settings.FACTCHECK_API_THROTTLE_RATES on every request (DRF's classes
freeze them at import), so an operator or a test can change them without a restart.

When the shared cache is unreachable (Redis down), requests are counted in each process instead:
the API keeps answering, and each process holds a caller to the rate on its own until Redis is back.
"""

import logging
import threading
import time

from django.conf import settings
from redis.exceptions import RedisError
from rest_framework.throttling import AnonRateThrottle, BaseThrottle, UserRateThrottle

logger = logging.getLogger(__name__)

# After the shared cache failed, count in the process this long before trying it again, so that an
# unreachable Redis does not cost every request a connection attempt.
RETRY_SHARED_AFTER_SECONDS = 5.0


class _WindowCount:
    def get_rate(self):
        return settings.FACTCHECK_API_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.retry_after = (window + 1) * self.duration - now
        # The key outlives its window, so an increment racing its expiry cannot recreate it forever.
        return _count(self.cache, f"{key}:{window}", timeout=2 * self.duration) <= self.num_requests

    def wait(self):
        return self.retry_after


class _LocalCounts:
    """Counts kept in this process while the shared cache is unreachable."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: dict[str, tuple[int, float]] = {}  # key -> (count, monotonic expiry)
        self._degraded = False
        self._retry_shared_at = 0.0

    def use_shared(self) -> bool:
        return time.monotonic() >= self._retry_shared_at

    def shared_failed(self, error: Exception) -> None:
        with self._lock:
            self._retry_shared_at = time.monotonic() + RETRY_SHARED_AFTER_SECONDS
            if self._degraded:
                return
            self._degraded = True
        logger.warning("The shared cache is unreachable (%s); API request rates are counted per process.", error)

    def shared_works(self) -> None:
        if not self._degraded:  # the usual case, without taking the lock
            return
        with self._lock:
            if not self._degraded:
                return
            self._degraded = False
            self._counts.clear()
        logger.info("The shared cache is back; API request rates are counted in it again.")

    def count(self, key: str, *, timeout: int) -> int:
        now = time.monotonic()
        with self._lock:
            if len(self._counts) > 10_000:  # forget the windows that are over
                self._counts = {k: entry for k, entry in self._counts.items() if entry[1] > now}
            count, expires = self._counts.get(key, (0, now + timeout))
            if expires <= now:
                count, expires = 0, now + timeout
            self._counts[key] = (count + 1, expires)
            return count + 1


_local = _LocalCounts()


def _count(cache, key: str, *, timeout: int) -> int:
    """One more request under `key`; the count so far, this one included."""
    if _local.use_shared():
        try:
            count = _shared_count(cache, key, timeout=timeout)
        except RedisError as error:
            _local.shared_failed(error)
        else:
            _local.shared_works()
            return count
    return _local.count(key, timeout=timeout)


def _shared_count(cache, key: str, *, timeout: int) -> int:
    try:
        return cache.incr(key)
    except ValueError:  # the window's first request
        if cache.add(key, 1, timeout):
            return 1
        return cache.incr(key)  # another process's first request came in between


class UserThrottle(_WindowCount, UserRateThrottle):
    scope = "user"


class AnonThrottle(_WindowCount, AnonRateThrottle):
    scope = "anon"


def client_address(request) -> str:
    """The caller's address: REMOTE_ADDR, or X-Forwarded-For behind NUM_PROXIES trusted proxies.

    The login lockout (AXES_CLIENT_IP_CALLABLE) counts by the same address as the throttles.
    """
    return BaseThrottle().get_ident(request)


class SearchThrottle(_WindowCount, AnonRateThrottle):
    """The public fact-check search: its own rate per address (the matcher ranks every answer)."""

    scope = "factcheck_search"
