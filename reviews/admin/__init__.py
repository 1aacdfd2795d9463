"""The desk's admin pages, one module per thing they show; importing this registers them all."""

from . import articles, claims, notifications, sources, verdicts  # noqa: F401
