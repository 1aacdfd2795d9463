"""generic_plans_at_commit: a transaction's commit checks reuse their plan; the connection keeps its own setting.

The connection runs with plan_cache_mode=force_custom_plan (settings), which PostgreSQL also applies
to the foreign-key checks it runs at COMMIT for each inserted row. The helper lifts it for one
transaction's commit only.
"""

import pytest
from django.db import transaction

from factcheck.db import generic_plans_at_commit
from factcheck.testing import session_plan_cache_mode

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def test_connection_plans_reads_for_their_values():
    assert session_plan_cache_mode() == "force_custom_plan"


def test_commit_checks_run_with_postgresql_default_and_the_setting_ends_with_the_transaction():
    with transaction.atomic():
        generic_plans_at_commit()
        assert session_plan_cache_mode() == "auto"

    assert session_plan_cache_mode() == "force_custom_plan"


def _refused_write():
    with transaction.atomic():
        generic_plans_at_commit()
        raise RuntimeError("refused")


def test_setting_is_undone_by_a_rollback_too():
    with pytest.raises(RuntimeError):
        _refused_write()

    assert session_plan_cache_mode() == "force_custom_plan"
