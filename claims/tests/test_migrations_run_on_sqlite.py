"""The embedded SQLite database migrates too: PostgreSQL-only indexes are skipped there, plain ones built."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_migrate_on_sqlite_skips_the_gin_index_and_builds_the_rest(tmp_path):
    database = tmp_path / "embedded.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_DEBUG="true")

    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as conn:
        indexes = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        applied = {name for (name,) in conn.execute("SELECT name FROM django_migrations WHERE app = 'claims'")}
    assert "0002_claim_text_search_index" in applied
    assert "claim_text_search_idx" not in indexes
    assert {"claim_status_cw_idx", "claim_updated_idx", "article_publisher_idx"} <= indexes
    # 0006 replaced the assignee index with a partial one.
    assert {"claim_assigned_status_idx", "claim_created_by_idx"} <= indexes
    assert "claim_assignee_status_idx" not in indexes
