"""Count again how rare each word is among published claims, as the periodic task does: after loading
fact-checks in bulk (or before the worker's beat first runs), so matching weighs words by them at once."""

from django.core.management.base import BaseCommand

from claims.matches import refresh_term_statistics


class Command(BaseCommand):
    help = "Count the matcher's terms over every published claim (the weights matching uses)."

    def handle(self, *args, **options):
        row = refresh_term_statistics()
        self.stdout.write(
            f"Counted {len(row.tokens):,} terms and {len(row.words):,} words"
            f" over {row.published_claims:,} published claims."
        )
