"""What `seed` prints under `make run`: no warnings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_make_run_mode_prints_no_broker_warning(tmp_path):
    """The embedded mode has no Redis: queuing a task in-process must not warn about a broker hostname."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FACTCHECK_", "CELERY_"))}
    env.pop("REDIS_URL", None)
    env.update(DJANGO_DEBUG="true", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
        )

    assert manage("migrate", "--noinput", "-v", "0").returncode == 0
    seeded = manage("seed")

    assert seeded.returncode == 0, seeded.stderr
    assert "WARNING" not in seeded.stderr, seeded.stderr
