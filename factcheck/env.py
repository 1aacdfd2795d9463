"""Typed readers for settings that come from the environment.

Each reader refuses a bad value with ImproperlyConfigured naming the variable, so a typo in a
deployment stops start-up instead of silently falling back to a default.
"""

import os
import re

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_UNSET = object()


def _raw(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if default is _UNSET:
            raise ImproperlyConfigured(f"{name} must be set.")
        return None
    return value.strip()


def env_bool(name: str, *, default: bool) -> bool:
    value = _raw(name, default)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use true or false.")


def env_int(name: str, *, default: int, minimum: int | None = None) -> int:
    value = _raw(name, default)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
    return number


def env_str(name: str, *, default=_UNSET) -> str | None:
    value = _raw(name, default)
    return default if value is None else value


def env_choice(name: str, *, default: str, choices: tuple[str, ...]) -> str:
    value = _raw(name, default)
    if value is None:
        return default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {', '.join(choices)}.")
    return value


_RATE = re.compile(r"^[1-9][0-9]*/(second|minute|hour|day)$")


def env_rate(name: str, *, default: str) -> str:
    """A request rate as DRF throttles read it: `<count>/<second|minute|hour|day>`."""
    value = _raw(name, default)
    if value is None:
        return default
    if not _RATE.match(value):
        raise ImproperlyConfigured(f"{name}={value!r} is not a rate such as 120/minute.")
    return value


def env_url(name: str, *, default: str) -> str:
    value = _raw(name, default)
    if value is None:
        return default
    if not re.match(r"^https?://[^\s/]+", value):
        raise ImproperlyConfigured(f"{name}={value!r} must be an http:// or https:// URL.")
    return value


def env_list(name: str, *, default: list[str]) -> list[str]:
    value = _raw(name, default)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} must list at least one value.")
    return items


def env_database(name: str, *, default: str, base_dir) -> dict:
    url = _raw(name, default) or default
    scheme = url.split(":", 1)[0]
    if scheme not in environ.Env.DB_SCHEMES:
        known = ", ".join(sorted(s for s in environ.Env.DB_SCHEMES if s.startswith(("postgres", "sqlite"))))
        raise ImproperlyConfigured(f"{name}={url!r} has an unknown database scheme {scheme!r} (use one of {known}).")
    try:
        config = environ.Env.db_url_config(url)
    except Exception as error:  # environ raises several types for malformed URLs
        raise ImproperlyConfigured(f"{name}={url!r} is not a database URL: {error}") from None
    engine = config["ENGINE"]
    if engine.endswith("sqlite3"):
        name_value = config.get("NAME") or "db.sqlite3"
        if name_value != ":memory:" and not os.path.isabs(name_value):
            config["NAME"] = str(base_dir / name_value)
    elif not config.get("NAME"):
        raise ImproperlyConfigured(f"{name}={url!r} does not name a database.")
    return config


def env_redis_url(name: str) -> str | None:
    value = _raw(name, None)
    if value is None:
        return None
    if not value.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"{name}={value!r} must be a redis:// or rediss:// URL.")
    return value
