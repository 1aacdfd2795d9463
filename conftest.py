"""Shared fixtures: one user per role, API clients, and in-process tasks for ordinary tests."""

import pytest


def _django_configured() -> bool:
    # False only when pytest runs with `-p no:django` (the pure-Python segmentation tests do).
    from django.conf import settings

    return settings.configured


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Run Celery tasks in-process, as the embedded mode does, unless the test runs a real worker."""
    from factcheck.celery import app

    if request.node.get_closest_marker("worker") or not _django_configured():
        yield
        return
    from celery._state import _set_task_join_will_block

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
    # An eager task started from a test's threads can leave celery's global "inside a task" flag set.
    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _data_migration_rows(request):
    """Tests that use the database find the groups and rating scale, even after a transactional test."""
    if request.node.get_closest_marker("django_db") is None and not {"db", "transactional_db"} & set(
        request.fixturenames
    ):
        return
    from reviews.testing import restore_data_migration_rows

    request.getfixturevalue("_django_db_helper")
    restore_data_migration_rows()


@pytest.fixture(autouse=True)
def _no_login_lockouts(request):
    """No test starts locked out by another's failed logins (django-axes keeps them in the database)."""
    if request.node.get_closest_marker("django_db") is None and not {"db", "transactional_db"} & set(
        request.fixturenames
    ):
        return
    from axes.utils import reset

    request.getfixturevalue("_django_db_helper")
    reset()


@pytest.fixture(autouse=True)
def _postgresql_only(request):
    if request.node.get_closest_marker("postgresql"):
        from factcheck.testing import require_postgresql

        require_postgresql()


@pytest.fixture(autouse=True)
def _fresh_cache():
    if not _django_configured():
        return
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    # Production hashing costs ~0.3 s per user; tests create hundreds of users.
    if not _django_configured():
        yield
        return
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def reviewer(db):
    from factcheck.tests.factories import UserFactory

    return UserFactory(username="rita", role="reviewer")


@pytest.fixture
def other_reviewer(db):
    from factcheck.tests.factories import UserFactory

    return UserFactory(username="raul", role="reviewer")


@pytest.fixture
def editor(db):
    from factcheck.tests.factories import UserFactory

    return UserFactory(username="edna", role="editor")


@pytest.fixture
def other_editor(db):
    from factcheck.tests.factories import UserFactory

    return UserFactory(username="eli", role="editor")


@pytest.fixture
def integrator(db):
    from factcheck.tests.factories import UserFactory

    return UserFactory(username="ivy", role="integrator")


@pytest.fixture
def celery_broker(transactional_db):
    """The real Redis broker, emptied; skips locally (fails in CI) without REDIS_URL and PostgreSQL."""
    from factcheck.testing import flush_broker, require_real_services

    redis_url = require_real_services()
    flush_broker(redis_url)
    yield redis_url
    flush_broker(redis_url)


@pytest.fixture
def make_celery_worker(celery_broker):
    """Build (not start) `celery worker` processes on the test database; all are stopped after the test.

    Tests using it are marked `worker` and get the transactional database, since a worker reads
    only committed rows. Keyword arguments: concurrency, pool, env (extra environment variables).
    """
    from factcheck.testing import WorkerProcess, database_url

    workers = []

    def make(**options):
        worker = WorkerProcess(database_url=database_url(), redis_url=celery_broker, **options)
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.stop()
        # Shown by pytest only when the test failed.
        print(f"--- worker log ({worker.name}) ---\n{worker.log_text[-6000:]}")
        worker.close()


@pytest.fixture
def make_celery_beat(celery_broker):
    """Build (not start) `celery beat` processes sending the settings' periodic tasks; stopped after the test.

    Keyword arguments: env (extra environment variables, e.g. another REDIS_URL).
    """
    from factcheck.testing import BeatProcess, database_url

    beats = []

    def make(**options):
        beat = BeatProcess(database_url=database_url(), redis_url=celery_broker, **options)
        beats.append(beat)
        return beat

    yield make
    for beat in beats:
        beat.stop()
        print(f"--- beat log ---\n{beat.log_text[-3000:]}")
        beat.close()


@pytest.fixture
def celery_worker_process(make_celery_worker):
    """A started `celery worker` (prefork, concurrency 1); `.stop()`, `.kill()` (SIGKILL), `.start()`."""
    worker = make_celery_worker()
    worker.start()
    return worker


@pytest.fixture
def api_client_for(db):
    """`api_client_for(user)`: a DRF test client sending a fresh API token of `user`; `None` = anonymous."""
    from rest_framework.test import APIClient

    from factcheck.api.authentication import api_token_create

    def make(user=None):
        client = APIClient()
        if user is not None:
            _, key = api_token_create(user=user, name="test")
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make
