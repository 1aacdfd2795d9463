"""Database helpers that work on every backend we run on."""

import contextlib

from django.db import DEFAULT_DB_ALIAS, connections


def generic_plans(using: str = DEFAULT_DB_ALIAS) -> contextlib.AbstractContextManager:
    """Statements in this block may reuse a plan made for no value in particular (see postgresql/base.py).

    For code whose statements the database plans alike whatever their values. Elsewhere than on
    our PostgreSQL backend with prepared statements, nothing changes.
    """
    enter = getattr(connections[using], "generic_plans", None)
    return enter() if enter is not None else contextlib.nullcontext()


def generic_plans_at_commit(using: str = DEFAULT_DB_ALIAS) -> None:
    """Inside a transaction: the checks run at its COMMIT may reuse their plans (see postgresql/base.py).

    For writes that insert many rows with foreign keys. Elsewhere than on our PostgreSQL backend,
    nothing changes.
    """
    lift = getattr(connections[using], "generic_plans_at_commit", None)
    if lift is not None:
        lift()
