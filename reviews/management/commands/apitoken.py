from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from factcheck.api.authentication import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user. The key is printed once, as the last line; only its hash is stored."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="A label for the token, shown in the admin.")

    def handle(self, *args, username, name, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; an API token would not authenticate.")
        token, key = api_token_create(user=user, name=name)
        self.stdout.write(f"Created token {token.prefix}… for {username}. Store the key now; it is not shown again.")
        self.stdout.write(key)
