"""What `seed` prints under `make run`: a summary that explains itself, and no warnings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.models import Article, Claim

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_seed_says_how_many_claims_it_extracted_and_which_the_desk_worked_on(settings, capsys, caplog):
    settings.DEBUG = True

    call_command("seed")

    out = capsys.readouterr().out
    # one summary line per seed article, each with that article's own count
    for article in Article.objects.order_by("pk"):
        count = Claim.objects.filter(article=article).count()
        assert f"{count} claims extracted; captions, photo credits and bylines left out" in out
    assert "kept" not in out
    # The pipeline's own INFO lines ("16 claims (0 kept)", task traces) are left to -v 2.
    assert [r.getMessage() for r in caplog.records if r.levelno < 30 and r.name.startswith(("claims", "celery"))] == []

    # given: a reviewer has started on one claim
    claim = Claim.objects.order_by("position").first()
    Claim.objects.filter(pk=claim.pk).update(text=claim.text + " (reworded)")

    call_command("seed")

    assert "1 worked on by the desk (kept if the article is re-segmented)" in capsys.readouterr().out


def test_make_run_mode_prints_no_broker_warning(tmp_path):
    """The embedded mode has no Redis: queuing a task in-process must not warn about a broker hostname."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FACTCHECK_", "CELERY_"))}
    env.pop("REDIS_URL", None)
    env.update(DJANGO_DEBUG="true", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
        )

    assert manage("migrate", "--noinput", "-v", "0").returncode == 0
    seeded = manage("seed")

    assert seeded.returncode == 0, seeded.stderr
    assert "claims extracted" in seeded.stdout
    assert "WARNING" not in seeded.stderr, seeded.stderr
