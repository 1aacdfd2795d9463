"""Scale benchmark: one million claims on PostgreSQL, measured beside the raw SQL that returns the same rows.

    python bench/scale.py [--rebuild] [--repeats N] [--no-load-test]

Builds (or reuses, when present and the right size) the database `fc_bench_scale` with 1,000,000 claims
over 40,000 articles, loaded with COPY after `migrate`. Then measures, warm, the claim list API, the
admin changelist and the claim page in-process (Django's test client against the real database, DEBUG off),
each beside the raw SQL for the same rows through psycopg, and a concurrent read test with gunicorn
(2 workers) and wrk on loopback. Ends with one `RESULT ...` line.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/fc_bench_scale).
"""

import argparse
import hashlib
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/fc_bench_scale"

N_CLAIMS = 1_000_000
N_ARTICLES = 40_000
N_REVIEWERS = 20
N_EDITORS = 3
RARE_WORD = "quokka"  # in about 0.1% of the claims
UNIQUE_WORD = "zyzzyva"  # in exactly one claim: the 1-row page for the constant-queries check
RARE_SHARE = 0.001
SEED = 20261128

STATUS_WEIGHTS = [  # most claims are never triaged
    ("new", 0.82),
    ("dismissed", 0.10),
    ("in_review", 0.04),
    ("awaiting_approval", 0.015),
    ("published", 0.025),
]
CLAIM_TYPES = [
    ("quantity", 0.35),
    ("causation", 0.12),
    ("law_or_rule", 0.08),
    ("prediction", 0.10),
    ("personal_experience", 0.05),
    ("other", 0.25),
    ("not_a_claim", 0.05),
]
REASONS = ["number", "comparison", "causal_language", "named_source", "statistic", "trend", "superlative"]
DISMISS_REASONS = ["not_checkworthy", "opinion", "duplicate", "not_a_claim"]
PUBLISHERS = [f"Outlet {n}" for n in range(1, 61)]
CLAIMANTS = ["", "", "", "Minister of Health", "Opposition leader", "Mayor", "Trade union", "Chamber of commerce"]


def _copy(conn, statement, rows):
    with conn.cursor().copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def log(message: str) -> None:
    print(message, flush=True)


def with_dbname(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{dbname}"))


# --- building the database -------------------------------------------------------------------------


def database_state(url: str) -> tuple[bool, int, int]:
    """(exists, claims, articles) for the benchmark database; counts are -1 when not migrated."""
    dbname = urlsplit(url).path.lstrip("/")
    with psycopg.connect(with_dbname(url, "postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone() is not None
    if not exists:
        return False, -1, -1
    with psycopg.connect(url) as conn:
        if conn.execute("SELECT to_regclass('claims_claim') IS NULL").fetchone()[0]:
            return True, -1, -1
        claims = conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM claims_article").fetchone()[0]
    return True, claims, articles


def recreate_database(url: str) -> None:
    dbname = urlsplit(url).path.lstrip("/")
    with psycopg.connect(with_dbname(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')


def migrate(url: str) -> None:
    env = django_env(url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)


def django_env(url: str, *, debug: bool = True) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env["DATABASE_URL"] = url
    env["DJANGO_DEBUG"] = "true" if debug else "false"
    if not debug:
        # As deployed (DEBUG off), on plain HTTP over loopback.
        env.update(
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SECURE_SSL_REDIRECT="false",
        )
    return env


class Vocabulary:
    def __init__(self, rng: random.Random):
        from faker.providers.lorem.en_US import Provider

        words = [w for w in Provider.word_list if w not in (RARE_WORD, UNIQUE_WORD)]
        rng.shuffle(words)
        self.words = words
        # Zipf-like: a few words are everywhere, most are uncommon.
        self.cum_weights = []
        total = 0.0
        for rank in range(1, len(words) + 1):
            total += 1.0 / rank
            self.cum_weights.append(total)
        self.rng = rng

    def sentence(self, *, rare: bool, unique: bool) -> str:
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self.cum_weights, k=rng.randint(8, 26))
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words)), f"{rng.randint(2, 990)} percent")
        if rare:
            words.insert(rng.randrange(len(words)), RARE_WORD)
        if unique:
            words.insert(rng.randrange(len(words)), UNIQUE_WORD)
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."


def weighted(rng: random.Random, table):
    values = [v for v, _ in table]
    weights = [w for _, w in table]
    return lambda: rng.choices(values, weights=weights)[0]


def claims_per_article(rng: random.Random, n_claims: int, n_articles: int) -> list[int]:
    mean = n_claims / n_articles
    counts = [max(1, int(rng.gauss(mean, mean / 3))) for _ in range(n_articles)]
    diff = n_claims - sum(counts)
    i = 0
    while diff:
        step = 1 if diff > 0 else -1
        if counts[i % n_articles] + step >= 1:
            counts[i % n_articles] += step
            diff -= step
        i += 1
    return counts


def create_users(url: str) -> None:
    """Reviewers, editors and an integrator through the ORM (so groups and permissions are right)."""
    code = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
User = get_user_model()
def make(name, group, staff):
    user, _ = User.objects.get_or_create(username=name, defaults={{"email": name + "@example.org", "is_staff": staff}})
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=group))
for n in range(1, {N_REVIEWERS} + 1):
    make(f"reviewer{{n:02d}}", "Reviewers", True)
for n in range(1, {N_EDITORS} + 1):
    make(f"editor{{n:02d}}", "Editors", True)
make("integrator", "Integrators", False)
"""
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code], cwd=ROOT, env=django_env(url), check=True
    )


def droppable_indexes(conn, tables) -> list[tuple[str, str]]:
    """(name, definition) of the plain indexes on `tables` (not those backing a constraint)."""
    rows = conn.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [list(tables)],
    ).fetchall()
    return [(name, definition) for name, definition in rows]


def load(url: str, *, n_claims: int, n_articles: int) -> None:
    rng = random.Random(SEED)
    vocab = Vocabulary(rng)
    status_of = weighted(rng, STATUS_WEIGHTS)
    type_of = weighted(rng, CLAIM_TYPES)
    counts = claims_per_article(rng, n_claims, n_articles)
    unique_at = n_claims // 2
    now = datetime.now(UTC).replace(microsecond=0)
    start_time = now - timedelta(days=365)
    span = timedelta(days=365) / n_articles

    tables = ["claims_article", "claims_claim", "claims_source", "reviews_verdict", "reviews_workflowevent"]
    with psycopg.connect(url) as conn:
        users = dict(conn.execute("SELECT username, id FROM auth_user").fetchall())
        reviewers = [users[f"reviewer{n:02d}"] for n in range(1, N_REVIEWERS + 1)]
        editors = [users[f"editor{n:02d}"] for n in range(1, N_EDITORS + 1)]
        ratings = [r for (r,) in conn.execute("SELECT id FROM reviews_rating ORDER BY id").fetchall()]
        for table in tables + ["reviews_verdict_sources"]:
            conn.execute(f"TRUNCATE {table} CASCADE")
        indexes = droppable_indexes(conn, tables)
        for name, _ in indexes:
            conn.execute(f"DROP INDEX {name}")
        # Our generator writes consistent keys; skipping the per-row FK triggers makes the load a
        # single pass (the constraints stay declared and hold for every row written here).
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET maintenance_work_mem = '1GB'")

        claim_id = 0
        source_id = 0
        verdict_id = 0
        event_id = 0
        t0 = time.monotonic()
        claim_rows = []
        source_rows = []
        verdict_rows = []
        verdict_source_rows = []
        event_rows = []
        article_rows = []

        def flush():
            _copy(
                conn,
                "COPY claims_article (id, title, body, url, publisher, author, published_at, language, content_hash,"
                " segmentation_status, segmentation_error, segmentation_started_at, segmented_at, segmentation_ms,"
                " segmentation_attempts, segmenter_version, created_by_id, created_at, updated_at) FROM STDIN",
                article_rows,
            )
            _copy(
                conn,
                'COPY claims_claim (id, article_id, text, original_text, start, "end", position, checkworthiness,'
                " reasons, claim_type, segmenter_version, status, dismiss_reason, assignee_id, claimant,"
                " claimant_url, tags, created_by_id, created_at, updated_at) FROM STDIN",
                claim_rows,
            )
            _copy(
                conn,
                "COPY claims_source (id, claim_id, url, normalized_url, title, publisher, published_at, accessed_at,"
                " archive_url, excerpt, source_type, added_by_id, created_at, updated_at) FROM STDIN",
                source_rows,
            )
            _copy(
                conn,
                "COPY reviews_verdict (id, claim_id, version, author_id, rating_id, summary, explanation, status,"
                " editor_id, submitted_at, decided_at, correction_note, created_at, updated_at) FROM STDIN",
                verdict_rows,
            )
            _copy(conn, "COPY reviews_verdict_sources (verdict_id, source_id) FROM STDIN", verdict_source_rows)
            _copy(
                conn,
                "COPY reviews_workflowevent (id, claim_id, actor_id, action, from_state, to_state, note, at)"
                " FROM STDIN",
                event_rows,
            )
            for rows in (article_rows, claim_rows, source_rows, verdict_rows, verdict_source_rows, event_rows):
                rows.clear()

        for article_index, n in enumerate(counts):
            article_id = article_index + 1
            created = start_time + span * article_index + timedelta(seconds=rng.randint(0, 59))
            segmented = created + timedelta(seconds=rng.randint(1, 30))
            parts = []
            offset = 0
            for position in range(n):
                claim_id += 1
                text = vocab.sentence(rare=rng.random() < RARE_SHARE, unique=claim_id == unique_at)
                start = offset
                end = start + len(text)
                parts.append(text)
                offset = end + 1
                status = status_of()
                reviewed = status != "new"
                cw = round(rng.betavariate(5, 2) if status in ("in_review", "awaiting_approval", "published")
                           else rng.betavariate(2, 3), 4)  # fmt: skip
                assignee = rng.choice(reviewers) if status in ("in_review", "awaiting_approval", "published") else None
                updated = segmented + timedelta(hours=rng.randint(1, 24 * 20)) if reviewed else segmented
                updated = min(updated, now)
                reasons = json.dumps(rng.sample(REASONS, rng.randint(0, 3)))
                claim_rows.append((
                    claim_id, article_id, text, text, start, end, position, cw, reasons, type_of(), "bench-1",
                    status, rng.choice(DISMISS_REASONS) if status == "dismissed" else "", assignee,
                    rng.choice(CLAIMANTS), "", "[]", None, segmented, updated,
                ))  # fmt: skip
                actor = assignee or rng.choice(reviewers)
                if status == "dismissed":
                    event_id += 1
                    event_rows.append((event_id, claim_id, actor, "dismiss", "new", "dismissed", "", updated))
                if assignee is not None:
                    event_id += 1
                    event_rows.append((event_id, claim_id, actor, "assign", "new", "in_review", "", updated))
                    claim_sources = []
                    for k in range(rng.randint(1, 3)):
                        source_id += 1
                        claim_sources.append(source_id)
                        source_url = f"https://data.example.org/{claim_id}/report-{k}"
                        source_rows.append((
                            source_id, claim_id, source_url, source_url, f"Report {k} on claim {claim_id}",
                            "Statistics office", created.date(), updated, "", "", "primary_document", assignee,
                            updated, updated,
                        ))  # fmt: skip
                    if status in ("awaiting_approval", "published"):
                        verdict_id += 1
                        approved = status == "published"
                        event_id += 1
                        event_rows.append(
                            (event_id, claim_id, actor, "submit", "in_review", "awaiting_approval", "", updated)
                        )
                        editor = rng.choice(editors) if approved else None
                        if approved:
                            event_id += 1
                            event_rows.append(
                                (event_id, claim_id, editor, "approve", "awaiting_approval", "published", "", updated)
                            )
                        verdict_rows.append((
                            verdict_id, claim_id, 1, assignee, rng.choice(ratings),
                            "The figure does not match the official data.",
                            "<p>The official report gives a different number.</p>",
                            "approved" if approved else "submitted", editor, updated,
                            updated if approved else None, "", updated, updated,
                        ))  # fmt: skip
                        verdict_source_rows.extend((verdict_id, s) for s in claim_sources)
            body = " ".join(parts)
            title = " ".join(parts[0].split()[:8]).rstrip(".")
            article_rows.append((
                article_id, title, body, f"https://news.example.org/{article_id}", rng.choice(PUBLISHERS), "",
                created, "en", hashlib.sha256(body.encode()).hexdigest(), "done", "", created, segmented,
                rng.randint(20, 900), 1, "bench-1", None, created, segmented,
            ))  # fmt: skip
            if len(claim_rows) >= 50_000:
                flush()
        flush()
        loaded = time.monotonic() - t0
        log(f"  COPY: {n_articles:,} articles, {claim_id:,} claims, {source_id:,} sources, "
            f"{verdict_id:,} verdicts, {event_id:,} events in {loaded:.1f} s")  # fmt: skip
        conn.execute("SET session_replication_role = DEFAULT")
        for table, seq_value in (
            ("claims_article", n_articles),
            ("claims_claim", claim_id),
            ("claims_source", source_id),
            ("reviews_verdict", verdict_id),
            ("reviews_workflowevent", event_id),
        ):
            conn.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, max(seq_value, 1)])
        conn.commit()
        t1 = time.monotonic()
        conn.autocommit = True
        conn.execute("SET maintenance_work_mem = '1GB'")
        for _name, definition in indexes:
            conn.execute(definition)
        log(f"  indexes: {len(indexes)} rebuilt in {time.monotonic() - t1:.1f} s")
        t2 = time.monotonic()
        conn.execute("VACUUM (ANALYZE)")
        log(f"  VACUUM ANALYZE in {time.monotonic() - t2:.1f} s")


def ensure_database(url: str, *, rebuild: bool, n_claims: int, n_articles: int) -> None:
    exists, claims, articles = database_state(url)
    if exists and not rebuild and (claims, articles) == (n_claims, n_articles):
        log(f"Reusing {urlsplit(url).path.lstrip('/')}: {claims:,} claims over {articles:,} articles.")
        t0 = time.monotonic()
        migrate(url)  # picks up index migrations added since the build
        log(f"  migrate in {time.monotonic() - t0:.1f} s")
        return
    log(f"Building {urlsplit(url).path.lstrip('/')}: {n_claims:,} claims over {n_articles:,} articles.")
    t0 = time.monotonic()
    recreate_database(url)
    migrate(url)
    create_users(url)
    log(f"  migrate and users in {time.monotonic() - t0:.1f} s")
    load(url, n_claims=n_claims, n_articles=n_articles)
    log(f"Built in {time.monotonic() - t0:.1f} s")


# --- measuring ------------------------------------------------------------------------------------

API_COLUMNS = """
    c.id, c.article_id, c.text, c.original_text, c.start, c."end", c.position, c.checkworthiness, c.reasons,
    c.claim_type, c.segmenter_version, c.status, c.dismiss_reason, u.username, c.claimant, c.claimant_url, c.tags,
    (SELECT r.slug FROM reviews_verdict v JOIN reviews_rating r ON r.id = v.rating_id
      WHERE v.claim_id = c.id AND v.status = 'approved' LIMIT 1) AS rating,
    c.created_at, c.updated_at
"""
API_FROM = "FROM claims_claim c LEFT JOIN auth_user u ON u.id = c.assignee_id"
SEARCH_SQL = (
    "to_tsvector('english'::regconfig, COALESCE(c.text, '')) @@ websearch_to_tsquery('english'::regconfig, %s)"
)
ADMIN_COLUMNS = """
    c.id, c.text, a.title, c.status, c.checkworthiness, c.claim_type, u.username,
    (SELECT r.label FROM reviews_verdict v JOIN reviews_rating r ON r.id = v.rating_id
      WHERE v.claim_id = c.id AND v.status = 'approved' LIMIT 1) AS rating,
    c.updated_at
"""
ADMIN_FROM = (
    "FROM claims_claim c JOIN claims_article a ON a.id = c.article_id LEFT JOIN auth_user u ON u.id = c.assignee_id"
)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


class Op:
    def __init__(self, name, kind, request, raw, *, ids=None):
        self.name = name
        self.kind = kind  # "api" or "admin"
        self.request = request  # () -> response
        self.raw = raw  # list of (sql, params); the first one returns the page's rows
        self.ids = ids  # response -> list of claim ids on the page, compared with the raw rows
        self.p50 = self.p95 = self.raw_p50 = self.sql_p50 = None
        self.queries = None
        self.notes = []


def setup_django(url: str) -> None:
    """Django in this process, configured as deployed: DEBUG off, static files collected."""
    env = django_env(url, debug=False)
    # The admin's pages name their static files through the manifest that collectstatic writes.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update(env)
    os.environ.pop("REDIS_URL", None)
    # The benchmark is one user making thousands of requests: the throttle must not answer 429.
    os.environ["FACTCHECK_API_RATE_USER"] = "100000000/minute"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def integrator_key() -> str:
    from django.contrib.auth import get_user_model

    from factcheck.api.authentication import api_token_create

    user = get_user_model().objects.get(username="integrator")
    _, key = api_token_create(user=user, name="bench-scale")
    return key


def api_ids(response) -> list[int]:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return [row["id"] for row in response.json()["results"]]


ACTION_ID = re.compile(rb'name="_selected_action" value="(\d+)"')


def admin_ids(response) -> list[int]:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return [int(i) for i in ACTION_ID.findall(response.content)]


def ok(response) -> list[int]:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return []


def build_ops(url: str) -> tuple[list["Op"], dict]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    key = integrator_key()
    api = Client(HTTP_AUTHORIZATION=f"Token {key}", HTTP_HOST="127.0.0.1", HTTP_ACCEPT="application/json")
    User = get_user_model()
    reviewer = User.objects.get(username="reviewer03")
    desk = Client(HTTP_HOST="127.0.0.1")
    desk.force_login(reviewer)

    with psycopg.connect(url) as conn:
        # The 10,000th row of the default order, found the way an integrator would: following `next`.
        deep_url = "/api/v1/claims/"
        for _ in range(200):
            deep_url = api.get(deep_url).json()["next"]
        deep_after = conn.execute("SELECT id FROM claims_claim ORDER BY id DESC OFFSET 9999 LIMIT 1").fetchone()[0]
        published = conn.execute(
            "SELECT c.id FROM claims_claim c WHERE c.status = 'published' AND c.assignee_id = %s "
            "ORDER BY c.id LIMIT 1",
            [reviewer.pk],
        ).fetchone()[0]

    page = 50
    ops = [
        Op(
            "API list, first page",
            "api",
            lambda: api.get("/api/v1/claims/"),
            [(f"SELECT {API_COLUMNS} {API_FROM} ORDER BY c.id DESC LIMIT %s", [page])],
            ids=api_ids,
        ),
        Op(
            "API status=new by -checkworthiness",
            "api",
            lambda: api.get("/api/v1/claims/", {"status": "new", "ordering": "-checkworthiness"}),
            [
                (
                    f"SELECT {API_COLUMNS} {API_FROM} WHERE c.status = 'new' "
                    "ORDER BY c.checkworthiness DESC, c.id DESC LIMIT %s",
                    [page],
                )
            ],  # fmt: skip
            ids=api_ids,
        ),
        Op(
            "API all claims by -checkworthiness",
            "api",
            lambda: api.get("/api/v1/claims/", {"ordering": "-checkworthiness"}),
            [(f"SELECT {API_COLUMNS} {API_FROM} ORDER BY c.checkworthiness DESC, c.id DESC LIMIT %s", [page])],
            ids=api_ids,
        ),
        Op(
            "API deep page (after 10,000 rows)",
            "api",
            lambda: api.get(deep_url),
            [(f"SELECT {API_COLUMNS} {API_FROM} WHERE c.id < %s ORDER BY c.id DESC LIMIT %s", [deep_after, page])],
            ids=api_ids,
        ),
        Op(
            f"API search q={RARE_WORD}",
            "api",
            lambda: api.get("/api/v1/claims/", {"q": RARE_WORD}),
            [(f"SELECT {API_COLUMNS} {API_FROM} WHERE {SEARCH_SQL} ORDER BY c.id DESC LIMIT %s", [RARE_WORD, page])],
            ids=api_ids,
        ),
        Op(
            "admin changelist",
            "admin",
            lambda: desk.get("/admin/claims/claim/"),
            [(f"SELECT {ADMIN_COLUMNS} {ADMIN_FROM} ORDER BY c.updated_at DESC, c.id DESC LIMIT %s", [page])],
            ids=admin_ids,
        ),
        Op(
            "admin changelist, assigned to me",
            "admin",
            lambda: desk.get("/admin/claims/claim/", {"assigned": "me"}),
            [
                (
                    f"SELECT {ADMIN_COLUMNS} {ADMIN_FROM} WHERE c.assignee_id = %s "
                    "ORDER BY c.updated_at DESC, c.id DESC LIMIT %s",
                    [reviewer.pk, page],
                )
            ],  # fmt: skip
            ids=admin_ids,
        ),
        Op(
            "admin changelist, status=new",
            "admin",
            lambda: desk.get("/admin/claims/claim/", {"status__exact": "new"}),
            [
                (
                    f"SELECT {ADMIN_COLUMNS} {ADMIN_FROM} WHERE c.status = 'new' "
                    "ORDER BY c.checkworthiness DESC, c.id LIMIT %s",
                    [page],
                )
            ],  # fmt: skip
            ids=admin_ids,
        ),
        Op(
            f"admin changelist, search {RARE_WORD}",
            "admin",
            lambda: desk.get("/admin/claims/claim/", {"q": RARE_WORD}),
            [
                (
                    f"SELECT {ADMIN_COLUMNS} {ADMIN_FROM} WHERE {SEARCH_SQL} "
                    "ORDER BY c.updated_at DESC, c.id DESC LIMIT %s",
                    [RARE_WORD, page],
                )
            ],  # fmt: skip
            ids=admin_ids,
        ),
        Op(
            "admin claim page",
            "admin",
            lambda: desk.get(f"/admin/claims/claim/{published}/change/"),
            [
                (
                    "SELECT c.*, a.body, u.username FROM claims_claim c JOIN claims_article a ON a.id = c.article_id "
                    "LEFT JOIN auth_user u ON u.id = c.assignee_id WHERE c.id = %s",
                    [published],
                ),
                ("SELECT * FROM claims_source WHERE claim_id = %s ORDER BY created_at, id", [published]),
                (
                    "SELECT v.*, r.label, au.username FROM reviews_verdict v "
                    "JOIN reviews_rating r ON r.id = v.rating_id JOIN auth_user au ON au.id = v.author_id "
                    "WHERE v.claim_id = %s ORDER BY v.version DESC",
                    [published],
                ),
                (
                    "SELECT vs.* FROM reviews_verdict_sources vs JOIN reviews_verdict v ON v.id = vs.verdict_id "
                    "WHERE v.claim_id = %s",
                    [published],
                ),
                (
                    "SELECT e.*, au.username FROM reviews_workflowevent e "
                    "LEFT JOIN auth_user au ON au.id = e.actor_id WHERE e.claim_id = %s ORDER BY e.at, e.id",
                    [published],
                ),
                (
                    "SELECT id, text, position FROM claims_claim "
                    "WHERE article_id = (SELECT article_id FROM claims_claim WHERE id = %s) ORDER BY position",
                    [published],
                ),
            ],  # fmt: skip
            ids=ok,
        ),
    ]
    context = {"api": api, "desk": desk, "reviewer": reviewer}
    return ops, context


class SqlTimer:
    """A database execute wrapper adding up the time spent in SQL during one request."""

    def __init__(self):
        self.ms = 0.0

    def __call__(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - t0) * 1000


def time_calls(call, repeats: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        call()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def explain_seq_scans(sqls: list[str]) -> bool:
    """Whether any of these statements plans a sequential scan of the claims table."""
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in sqls:
            if "claims_claim" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            if re.search(r"Seq Scan on claims_claim\b", plan):
                return True
    return False


def measure(url: str, ops: list[Op], repeats: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with psycopg.connect(url, autocommit=True) as raw:
        for op in ops:
            response = op.request()
            with CaptureQueriesContext(connection) as ctx:
                response = op.request()
            op.queries = _page_queries(ctx)
            sqls = [q["sql"] for q in ctx.captured_queries]
            if op.kind == "admin":
                full_counts = [s for s in sqls if "COUNT(" in s.upper() and "LIMIT" not in s.upper()]
                if full_counts:
                    op.notes.append("full COUNT")
            if explain_seq_scans(sqls):
                op.notes.append("seq scan")
            page_ids = op.ids(response)
            raw_rows = raw.execute(op.raw[0][0], op.raw[0][1]).fetchall()
            if page_ids and page_ids != [row[0] for row in raw_rows]:
                op.notes.append("raw rows differ")
            # Each request is timed right beside its raw SQL, so a burst of load from other processes
            # on the machine weighs on both sides of the ratio alike.
            times, raw_times, sql_ms = [], [], []
            for i in range(repeats + 3):
                timer = SqlTimer()
                t0 = time.perf_counter()
                with connection.execute_wrapper(timer):
                    op.request()
                t1 = time.perf_counter()
                for sql, params in op.raw:
                    raw.execute(sql, params).fetchall()
                t2 = time.perf_counter()
                if i >= 3:  # warm-up
                    times.append((t1 - t0) * 1000)
                    raw_times.append((t2 - t1) * 1000)
                    sql_ms.append(timer.ms)
            op.p50, op.p95 = statistics.median(times), percentile(times, 95)
            op.sql_p50 = statistics.median(sql_ms)
            op.raw_p50 = statistics.median(raw_times)


def _page_queries(ctx) -> int:
    """Queries a page ran, less the token's last-used write (once a minute per token, not per page)."""
    from factcheck.api.models import ApiToken

    last_used = f'UPDATE "{ApiToken._meta.db_table}" SET "last_used_at"'
    return sum(1 for query in ctx.captured_queries if not query["sql"].startswith(last_used))


def queries_constant(context) -> tuple[bool, str]:
    """Same number of queries for a 1-row page and a 50-row page (no per-row queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, params in (
        ("1 row", {"page_size": 1}),
        ("50 rows", {"page_size": 50}),
        ("1 row, search", {"q": UNIQUE_WORD}),
        ("50 rows, search", {"q": RARE_WORD}),
    ):
        context["api"].get("/api/v1/claims/", params)
        with CaptureQueriesContext(connection) as ctx:
            response = context["api"].get("/api/v1/claims/", params)
        assert response.status_code == 200
        counts[label] = (_page_queries(ctx), len(response.json()["results"]))
    desk = context["desk"]
    for label, params in (("admin 1 row", {"q": UNIQUE_WORD}), ("admin 50 rows", {})):
        desk.get("/admin/claims/claim/", params)
        with CaptureQueriesContext(connection) as ctx:
            response = desk.get("/admin/claims/claim/", params)
        counts[label] = (len(ctx.captured_queries), len(admin_ids(response)))
    constant = (
        counts["1 row"][0] == counts["50 rows"][0]
        and counts["1 row, search"][0] == counts["50 rows, search"][0]
        and counts["admin 1 row"][0] == counts["admin 50 rows"][0]
    )
    detail = ", ".join(f"{label}: {q} queries/{n} rows" for label, (q, n) in counts.items())
    return constant, detail


def page_cost(context, repeats: int) -> str:
    """Where an API page's time goes: the cost of any request (a 1-row page) and of each further row."""
    api = context["api"]
    one = statistics.median(time_calls(lambda: api.get("/api/v1/claims/", {"page_size": 1}), repeats))
    fifty = statistics.median(time_calls(lambda: api.get("/api/v1/claims/", {"page_size": 50}), repeats))
    return (
        f"API page cost: 1 row {one:.1f} ms, 50 rows {fifty:.1f} ms, "
        f"so {one:.1f} ms per request plus {(fifty - one) / 49:.2f} ms per row"
    )


def framework_floor(url: str, ops: list["Op"], repeats: int) -> str:
    """What Django alone costs: a bare view running the first page's raw SQL and answering it as JSON.

    Same process, middleware, test client and database as the API measurements, timed beside the
    raw SQL the same way; no DRF, no ORM, no authentication.
    """
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import clear_url_caches, path

    import factcheck.urls

    sql, params = ops[0].raw[0]

    def view(request):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return HttpResponse(json.dumps(rows, default=str), content_type="application/json")

    factcheck.urls.urlpatterns.insert(0, path("bench-floor/", view))
    clear_url_caches()
    client = Client(HTTP_HOST="127.0.0.1")
    times, raw_times = [], []
    with psycopg.connect(url, autocommit=True) as raw:
        for i in range(repeats + 3):
            t0 = time.perf_counter()
            response = client.get("/bench-floor/")
            t1 = time.perf_counter()
            raw.execute(sql, params).fetchall()
            t2 = time.perf_counter()
            assert response.status_code == 200, response.status_code
            if i >= 3:
                times.append((t1 - t0) * 1000)
                raw_times.append((t2 - t1) * 1000)
    floor, raw_p50 = statistics.median(times), statistics.median(raw_times)
    return (
        f"framework floor: a bare Django view running the first page's raw SQL and returning its rows as JSON "
        f"(same middleware and test client; no DRF, ORM or authentication): p50 {floor:.1f} ms beside raw "
        f"{raw_p50:.2f} ms, {floor / raw_p50:.1f}x"
    )


# --- concurrent reads: gunicorn and wrk -----------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d "
    .. "connect=%d read=%d write=%d status=%d timeout=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_test(url: str, key: str, *, seconds: int, connections: int) -> dict | None:
    wrk = shutil.which("wrk")
    if wrk is None:
        log("wrk is not installed (apt-get install -y wrk): concurrent read test skipped.")
        return None
    port = free_port()
    env = django_env(url, debug=False)
    env.update(FACTCHECK_API_RATE_USER="100000000/minute")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "factcheck.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        target = f"http://127.0.0.1:{port}/api/v1/claims/"
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        # Warm both workers (connections, imports) before measuring.
        subprocess.run([wrk, "-t1", "-c2", "-d2s", "-H", f"Authorization: Token {key}", target],
                       check=True, capture_output=True)  # fmt: skip
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        result = subprocess.run(
            [wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name,
             "-H", f"Authorization: Token {key}", target],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        os.unlink(script.name)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    stats = {k: int(v) for k, v in (item.split("=") for item in line.split()[1:])}
    errors = stats["connect"] + stats["read"] + stats["write"] + stats["status"] + stats["timeout"]
    return {
        "rps": stats["requests"] / (stats["duration_us"] / 1e6),
        "p50_ms": stats["p50_us"] / 1000,
        "p95_ms": stats["p95_us"] / 1000,
        "p99_ms": stats["p99_us"] / 1000,
        "errors": errors,
        "requests": stats["requests"],
        "connections": connections,
        "seconds": seconds,
    }


# --- report --------------------------------------------------------------------------------------


def print_table(ops: list[Op]) -> None:
    header = (
        f"{'operation':<40} {'p50 ms':>8} {'p95 ms':>8} {'raw p50 ms':>10} {'ratio':>6} {'queries':>7} "
        f"{'SQL in app ms':>13}  notes"
    )
    log(header)
    log("-" * len(header))
    for op in ops:
        ratio = op.p50 / op.raw_p50 if op.raw_p50 else float("inf")
        log(
            f"{op.name:<40} {op.p50:>8.1f} {op.p95:>8.1f} {op.raw_p50:>10.2f} {ratio:>6.1f} {op.queries:>7} "
            f"{op.sql_p50:>13.2f}  {', '.join(op.notes)}"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild", action="store_true", help="Drop and rebuild the benchmark database.")
    parser.add_argument("--repeats", type=int, default=30, help="Timed repeats per operation (after 3 warm-ups).")
    parser.add_argument("--claims", type=int, default=N_CLAIMS)
    parser.add_argument("--articles", type=int, default=N_ARTICLES)
    parser.add_argument("--load-seconds", type=int, default=30)
    # One connection per gunicorn worker keeps both busy all the time (the most the server can do)
    # without measuring time spent queued in gunicorn's backlog.
    parser.add_argument("--load-connections", type=int, default=2)
    parser.add_argument("--no-load-test", action="store_true", help="Skip the gunicorn + wrk test.")
    args = parser.parse_args(argv)
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("the benchmark runs against a loopback database only")

    ensure_database(url, rebuild=args.rebuild, n_claims=args.claims, n_articles=args.articles)
    log("load average before measuring: {:.2f} {:.2f} {:.2f} ({} cores)".format(*os.getloadavg(), os.cpu_count()))
    setup_django(url)
    ops, context = build_ops(url)
    log(f"\nMeasuring: {args.repeats} warm repeats each, in-process (Django test client), "
        "raw SQL through psycopg on the same database.\n")  # fmt: skip
    measure(url, ops, args.repeats)
    constant, detail = queries_constant(context)
    print_table(ops)
    log(f"\nqueries per request: {detail}")
    log(page_cost(context, args.repeats))
    log(framework_floor(url, ops, args.repeats))

    if not args.no_load_test:
        stats = load_test(url, integrator_key(), seconds=args.load_seconds, connections=args.load_connections)
        if stats:
            log(
                f"\nconcurrent reads: gunicorn 2 workers, wrk {stats['connections']} connections for "
                f"{stats['seconds']} s on /api/v1/claims/ as an integrator: {stats['rps']:.0f} requests/s, "
                f"p50 {stats['p50_ms']:.1f} ms, p95 {stats['p95_ms']:.1f} ms, p99 {stats['p99_ms']:.1f} ms, "
                f"{stats['errors']} errors in {stats['requests']} requests"
            )

    log("load average after measuring: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    api_ops = [op for op in ops if op.kind == "api"]
    admin_ops = [op for op in ops if op.kind == "admin"]
    api_ratio = max(op.p50 / op.raw_p50 for op in api_ops)
    admin_p50 = max(op.p50 for op in admin_ops)
    search_p50 = next(op.p50 for op in api_ops if "search" in op.name)
    log(
        f"RESULT api_ratio={api_ratio:.1f} admin_p50_ms={admin_p50:.0f} search_p50_ms={search_p50:.0f} "
        f"queries_constant={'yes' if constant else 'no'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
