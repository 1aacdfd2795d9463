"""Request rates per user and per anonymous address, counted in the shared (Redis) cache.

A count per fixed window (a minute for "1200/minute"), kept with the cache's atomic increment. DRF's
own throttles keep every request's timestamp in one cached list, read and written back whole on
every request: up to 1,200 pickled floats a request at the default rate, and two processes writing
back at once lose each other's requests. A window lets a client spend its rate at the end of one
window and again at the start of the next; the rate is a budget, not a smoothing.

The rates are read from settings.FACTCHECK_API_THROTTLE_RATES on every request (DRF's classes
freeze them at import), so an operator or a test can change them without a restart.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


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


def _count(cache, key: str, *, timeout: int) -> int:
    """One more request under `key`; the count so far, this one included."""
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
