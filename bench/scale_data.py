"""The scale benchmark's database: one million claims over 40,000 articles, built once with COPY and reused.

Used by bench/scale.py; `--rebuild` there builds it again.
"""

import hashlib
import json
import os
import random
import secrets
import subprocess
import sys
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
                " segmentation_attempts, segmenter_version, created_by_id, created_at, updated_at, fetch_attempts,"
                " fetch_error, version, detected_language) FROM STDIN",
                article_rows,
            )
            _copy(
                conn,
                'COPY claims_claim (id, article_id, text, original_text, start, "end", position, checkworthiness,'
                " reasons, claim_type, segmenter_version, status, dismiss_reason, assignee_id, claimant,"
                " claimant_url, tags, created_by_id, created_at, updated_at, kind) FROM STDIN",
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
                    rng.choice(CLAIMANTS), "", "[]", None, segmented, updated, "sentence",
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
                rng.randint(20, 900), 1, "bench-1", None, created, segmented, 0, "", 1, "en",
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
