"""The Celery app: each pool process freezes what it inherited, so collections skip it."""

import gc

from celery.signals import worker_process_init

from factcheck.celery import app


def test_a_new_pool_process_freezes_its_startup_objects():
    assert app.main == "factcheck"
    before = gc.get_freeze_count()
    try:
        worker_process_init.send(sender=None)  # what Celery sends in each process it forks

        assert gc.get_freeze_count() > before
        assert gc.get_freeze_count() > 10_000  # Django, Celery and our modules, not a handful
    finally:
        gc.unfreeze()
