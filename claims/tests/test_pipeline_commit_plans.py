"""A segmentation's commit: the foreign-key checks reuse their plan; the connection keeps its own setting.

The connection runs with plan_cache_mode=force_custom_plan (settings), which PostgreSQL also applies
to the foreign-key checks it runs at COMMIT for each inserted claim. The write lifts it for its own
commit only.
"""

import pytest
from django.db import connection, transaction

from claims.models import Article, Claim
from claims.services import article_segment, content_hash
from factcheck.db import generic_plans_at_commit
from factcheck.testing import session_plan_cache_mode

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]

BODY = (
    "The ministry said 4,000 homes were built in Niamey in 2023. "
    "Critics said the real figure was closer to 1,500. "
    "Prices for grain doubled in May, the highest level since 2008."
)


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


def test_segmentation_lifts_it_for_its_commit_and_leaves_the_connection_as_it_was():
    article = Article.objects.create(title="Story", body=BODY, content_hash=content_hash(BODY))
    seen = []

    def record(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith("SET LOCAL plan_cache_mode"):
            # Still inside the write's transaction, with the claims written.
            seen.append((connection.in_atomic_block, Claim.objects.filter(article=article).count()))
        return result

    with connection.execute_wrapper(record):
        outcome = article_segment(article_id=article.pk)

    assert outcome.status == Article.SegmentationStatus.DONE
    assert seen == [(True, 3)]
    assert session_plan_cache_mode() == "force_custom_plan"
    assert Claim.objects.filter(article=article).count() == 3
