"""Request rates per user and per anonymous address, counted in the shared (Redis) cache.

The rates are read from settings.FACTCHECK_API_THROTTLE_RATES on every request (DRF's own classes
freeze them at import), so an operator or a test can change them without a restart.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _SettingsRate:
    def get_rate(self):
        return settings.FACTCHECK_API_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        # Re-read the rate each time: get_rate above is consulted only in __init__ by DRF.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class UserThrottle(_SettingsRate, UserRateThrottle):
    scope = "user"


class AnonThrottle(_SettingsRate, AnonRateThrottle):
    scope = "anon"
