"""`make run PORT=...` serves on that port, prints links to it, and links written without a request follow."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _make_dry_run(*args, **env_overrides):
    if shutil.which("make") is None:
        pytest.fail("make is missing")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FACTCHECK_"))}
    env.update(env_overrides)
    # A prerequisite shows the base URL `run` hands its commands (-n prints commands, runs none).
    show = ["--eval=run: show-base", "--eval=show-base: ; @echo BASE=$(FACTCHECK_PUBLIC_BASE_URL)"]
    result = subprocess.run(
        ["make", "-n", *show, "run", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_on_another_port_prints_and_serves_that_port():
    out = _make_dry_run("PORT=8101")

    assert "manage.py runserver 127.0.0.1:8101" in out
    assert "http://127.0.0.1:8101/admin/" in out
    assert ":8000" not in out
    assert "BASE=http://127.0.0.1:8101" in out


def test_a_base_url_set_by_the_caller_wins():
    out = _make_dry_run("PORT=8101", FACTCHECK_PUBLIC_BASE_URL="https://factcheck.example.org")

    assert "BASE=https://factcheck.example.org" in out
