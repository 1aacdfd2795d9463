from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Articles and claims"

    def ready(self):
        from . import checks  # noqa: F401 (registers the start-up checks)
