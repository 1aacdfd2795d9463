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
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.scale_data import (  # noqa: E402
    DEFAULT_URL,
    N_ARTICLES,
    N_CLAIMS,
    RARE_WORD,
    UNIQUE_WORD,
    django_env,
    ensure_database,
    log,
)
from bench.scale_load import framework_floor, load_test  # noqa: E402

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
TITLE_SEARCH_SQL = (
    "to_tsvector('english'::regconfig, COALESCE(a.title, '')) @@ websearch_to_tsquery('english'::regconfig, %s)"
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
        title_ids = [
            row[0]
            for row in conn.execute(
                f"SELECT a.id FROM claims_article a WHERE {TITLE_SEARCH_SQL} ORDER BY a.id DESC LIMIT 1000",
                [RARE_WORD],
            )
        ]

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
                    f"SELECT {ADMIN_COLUMNS} {ADMIN_FROM} WHERE c.id IN (SELECT c.id FROM claims_claim c WHERE "
                    f"{SEARCH_SQL} UNION ALL SELECT c.id FROM claims_claim c WHERE c.article_id = ANY(%s)) "
                    "ORDER BY c.updated_at DESC, c.id DESC LIMIT %s",
                    [RARE_WORD, title_ids, page],
                ),
                (
                    f"SELECT a.id FROM claims_article a WHERE {TITLE_SEARCH_SQL} ORDER BY a.id DESC LIMIT 1000",
                    [RARE_WORD],
                ),
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
    # Like with like: a search runs one more statement than a plain list (the title look-up), once per page.
    for label, params in (("admin 1 row, search", {"q": UNIQUE_WORD}), ("admin full page, search", {"q": RARE_WORD})):
        desk.get("/admin/claims/claim/", params)
        with CaptureQueriesContext(connection) as ctx:
            response = desk.get("/admin/claims/claim/", params)
        counts[label] = (len(ctx.captured_queries), len(admin_ids(response)))
    constant = (
        counts["1 row"][0] == counts["50 rows"][0]
        and counts["1 row, search"][0] == counts["50 rows, search"][0]
        and counts["admin 1 row, search"][0] == counts["admin full page, search"][0]
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
    log(framework_floor(url, *ops[0].raw[0], args.repeats))

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
