from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.ingest import article_ingest
from factcheck.roles import GROUP_FOR_ROLE, Role
from seeds.loader import seed_articles

# Demo accounts: (username, role, is_staff, password). Only ever created with DJANGO_DEBUG on.
DEMO_USERS = (
    ("reviewer", Role.REVIEWER, True, "reviewer-demo-2024"),
    ("editor", Role.EDITOR, True, "editor-demo-2024"),
    ("integrator", Role.INTEGRATOR, False, "integrator-demo-2024"),
)


class Command(BaseCommand):
    help = "Load the seed articles through the ingest service, and demo users when DEBUG is on."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Load the articles only.")

    def handle(self, *args, no_users=False, **options):
        if not no_users and not settings.DEBUG:
            raise CommandError(
                "Refusing to create demo users with known passwords while DJANGO_DEBUG is false. "
                "Use --no-users to load only the seed articles."
            )
        with transaction.atomic():
            for seed in seed_articles():
                article, created = article_ingest(article=seed, created_by=None)
                verb = "Loaded" if created else "Already loaded"
                self.stdout.write(f"{verb} article #{article.pk}: {article.title}")
            if not no_users:
                self._demo_users()

    def _demo_users(self):
        User = get_user_model()
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
            self.stdout.write(f"Demo user {username!r} ({role}, {where}) {state}; password: {password}")
