import contextlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.ingest import article_ingest
from claims.models import Article
from claims.touched import claims_untouched
from factcheck.roles import GROUP_FOR_ROLE, Role
from seeds.loader import seed_articles

# Demo accounts: (username, role, is_staff, password). Only ever created with DJANGO_DEBUG on.
# Two editors, so one can approve the verdict the other wrote (nobody approves their own).
DEMO_USERS = (
    ("reviewer", Role.REVIEWER, True, "reviewer-demo-2024"),
    ("editor", Role.EDITOR, True, "editor-demo-2024"),
    ("editor2", Role.EDITOR, True, "editor2-demo-2024"),
    ("integrator", Role.INTEGRATOR, False, "integrator-demo-2024"),
)


class Command(BaseCommand):
    help = "Load the seed articles through the ingest service, and demo users when DEBUG is on."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Load the articles only.")

    def handle(self, *args, no_users=False, verbosity=1, **options):
        if not no_users and not settings.DEBUG:
            raise CommandError(
                "Refusing to create demo users with known passwords while DJANGO_DEBUG is false. "
                "Use --no-users to load only the seed articles."
            )
        loaded = []
        # The pipeline's log lines (task traces, "16 claims (0 kept)") are for operators; this command
        # prints its own summary below, and shows them with -v 2.
        with _pipeline_log_quiet(verbosity < 2), transaction.atomic():
            for seed in seed_articles():
                loaded.append(article_ingest(article=seed, created_by=None))
            users = [] if no_users else self._demo_users()
        # After the commit: in the embedded mode the articles were segmented when it happened.
        for article, created in loaded:
            self.stdout.write(f"{'Loaded' if created else 'Already loaded'} article #{article.pk}: {article.title}")
            self.stdout.write(f"  {_claims_summary(article)}")
        for line in users:
            self.stdout.write(line)

    def _demo_users(self) -> list[str]:
        User = get_user_model()
        lines = []
        for username, role, is_staff, password in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": is_staff, "email": f"{username}@example.org"}
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
                user.groups.add(Group.objects.get(name=GROUP_FOR_ROLE[role]))
            where = "admin and API" if is_staff else "API only"
            state = "created" if created else "exists"
            lines.append(f"Demo user {username!r} ({role}, {where}) {state}; password: {password}")
        return lines


def _claims_summary(article) -> str:
    article.refresh_from_db(fields=["segmentation_status"])
    status = article.segmentation_status
    if status == Article.SegmentationStatus.FAILED:
        return "segmentation failed; see the article in the admin"
    if status != Article.SegmentationStatus.DONE:
        return f"segmentation {status}: a Celery worker splits it into claims"
    claims = article.claims.all()
    total = claims.count()
    summary = f"{total} claims extracted; captions, photo credits and bylines left out"
    worked_on = total - claims_untouched(claims).count()
    if worked_on:
        summary += f"; {worked_on} worked on by the desk (kept if the article is re-segmented)"
    return summary


@contextlib.contextmanager
def _pipeline_log_quiet(quiet: bool):
    loggers = [logging.getLogger(name) for name in ("claims", "celery.app.trace")] if quiet else []
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
