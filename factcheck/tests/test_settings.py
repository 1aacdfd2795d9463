"""Settings come from the environment; a bad value stops start-up with a message naming it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAFE_SECRET = "x" * 20 + "-production-secret-for-tests-only-" + "y" * 20


def _run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FACTCHECK_", "CELERY_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DJANGO_DEBUG", "maybe"),
        ("DATABASE_URL", "nosuchdb://host/name"),
        ("REDIS_URL", "http://127.0.0.1:6379/0"),
        ("DJANGO_ALLOWED_HOSTS", " , "),
        ("FACTCHECK_MIN_SOURCES", "one"),
        ("FACTCHECK_MIN_SOURCES", "-1"),
        ("FACTCHECK_MAX_ARTICLE_BYTES", "1MB"),
        ("CELERY_TASK_TIME_LIMIT", "10"),
        ("FACTCHECK_API_RATE_USER", "lots"),
        ("FACTCHECK_API_RATE_ANON", "0/minute"),
        ("FACTCHECK_PUBLIC_BASE_URL", "desk.example.org"),
        ("DJANGO_LOG_LEVEL", "LOUD"),
        ("FACTCHECK_LOGIN_FAILURE_LIMIT", "0"),
        ("FACTCHECK_LOGIN_COOLOFF_MINUTES", "soon"),
        # a lease that one late heartbeat could lose
        ("FACTCHECK_SEGMENTATION_STUCK_SECONDS", "10"),
    ],
)
def test_bad_value_stops_startup_naming_the_variable(variable, value):
    result = _run_manage("check", **{"DJANGO_DEBUG": "true", variable: value})

    assert result.returncode != 0
    assert variable in result.stderr


def test_production_requires_a_secret_key():
    result = _run_manage("check", DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=SAFE_SECRET,
        DJANGO_ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_embedded_defaults_use_sqlite_and_in_process_tasks():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'factcheck.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.ALLOWED_HOSTS)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["DJANGO_DEBUG"] = "true"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "['localhost',", "'127.0.0.1']"]


PRINT_OPTIONS = (
    "shell",
    "--no-imports",
    "-c",
    "from django.conf import settings; db = settings.DATABASES['default'];"
    "print(db['ENGINE'], sorted(db['OPTIONS'].items()))",
)


def test_postgresql_runs_on_djangos_own_backend_with_its_defaults():
    result = _run_manage(*PRINT_OPTIONS, DJANGO_DEBUG="true", DATABASE_URL="postgres://u@db.example:5432/desk")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql []"


def test_options_in_the_database_url_reach_the_backend():
    url = "postgres://u@db.example:5432/desk?prepare_threshold=20&sslmode=require"
    result = _run_manage(*PRINT_OPTIONS, DJANGO_DEBUG="true", DATABASE_URL=url)

    assert result.returncode == 0, result.stderr
    assert "('prepare_threshold', 20)" in result.stdout
    assert "('sslmode', 'require')" in result.stdout


def test_the_login_lockout_is_set_from_the_environment():
    show = "from django.conf import settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.total_seconds())"
    result = _run_manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        DJANGO_DEBUG="true",
        FACTCHECK_LOGIN_FAILURE_LIMIT="8",
        FACTCHECK_LOGIN_COOLOFF_MINUTES="60",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["8", "3600.0"]
