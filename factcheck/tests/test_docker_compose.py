"""docker-compose.yml cannot be run here; its structure is checked against the settings instead."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_SOURCE = (ROOT / "factcheck" / "settings.py").read_text()
SETTINGS_VARIABLES = set(re.findall(r'env_\w+\("([A-Z_]+)"', SETTINGS_SOURCE))


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _environment(service) -> dict:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return env


def test_compose_has_the_five_services():
    services = _compose()["services"]

    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)


def test_app_services_pass_only_variables_the_settings_read():
    compose = _compose()
    for name in ("web", "worker", "beat"):
        service = compose["services"][name]
        env = _environment(service)
        unknown = set(env) - SETTINGS_VARIABLES
        assert not unknown, f"{name} passes variables the settings never read: {unknown}"
        assert {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_DEBUG"} <= set(env), name


def test_app_services_point_at_the_compose_databases():
    services = _compose()["services"]
    for name in ("web", "worker", "beat"):
        env = _environment(services[name])
        assert env["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_backing_services_have_healthchecks():
    services = _compose()["services"]
    for name in ("postgres", "redis", "web"):
        assert services[name]["healthcheck"]["test"], name


def test_web_runs_gunicorn_after_migrating_and_workers_run_celery():
    services = _compose()["services"]
    web_command = _command(services["web"])
    assert "migrate" in web_command
    assert "gunicorn factcheck.wsgi" in web_command
    assert "celery -A factcheck worker" in _command(services["worker"])
    assert "celery -A factcheck beat" in _command(services["beat"])


def _command(service):
    command = service["command"]
    return " ".join(command) if isinstance(command, list) else command
