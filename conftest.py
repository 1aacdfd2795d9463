"""Shared fixtures: one user per role, API clients, and in-process tasks for ordinary tests."""

import pytest


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Run Celery tasks in-process, as the embedded mode does, unless the test runs a real worker."""
    from factcheck.celery import app

    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    return


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
