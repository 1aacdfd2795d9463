"""The README's configuration table states the defaults the settings actually use."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A row whose default is one plain number: | `NAME` | `123` | meaning |
ROW = re.compile(r"^\| `(?P<name>[A-Z_]+)` \| `(?P<default>[0-9]+)` \|", re.MULTILINE)


def _defaults(names) -> dict:
    code = (
        "import json; from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {sorted(names)!r}}}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FACTCHECK_", "CELERY_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env["DJANGO_DEBUG"] = "true"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_readme_states_the_default_of_every_numeric_setting_it_lists():
    rows = {m["name"]: int(m["default"]) for m in ROW.finditer((ROOT / "README.md").read_text(encoding="utf-8"))}
    # The segmentation recovery settings at least: the one-minute bound rests on them.
    assert {
        "FACTCHECK_SEGMENTATION_HEARTBEAT_SECONDS",
        "FACTCHECK_SEGMENTATION_STUCK_SECONDS",
        "FACTCHECK_SEGMENTATION_PENDING_SECONDS",
        "FACTCHECK_SEGMENTATION_SWEEP_SECONDS",
    } <= set(rows)

    actual = _defaults(rows)

    # Rows naming no setting of that name (e.g. DJANGO_CONN_MAX_AGE, read into DATABASES) are left out.
    stated = {name: default for name, default in rows.items() if actual[name] is not None}
    assert stated == {name: actual[name] for name in stated}
