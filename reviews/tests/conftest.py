"""Fixtures shared by the reviews tests."""

import pytest


@pytest.fixture
def receiver(settings):
    """A webhook receiver on 127.0.0.1 that deliveries are allowed to reach."""
    from reviews.tests.api_helpers import Receiver

    server = Receiver()
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = [server.host]
    yield server
    server.close()
