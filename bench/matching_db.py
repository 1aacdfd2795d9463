"""Benchmark: ``claims.matches.claim_match`` on PostgreSQL at 100k and 1M claims (the database leg of bench-matching).

The databases:

  * ``fc_bench_matching_1m``: a copy of bench-scale's ``fc_bench_scale`` (1,000,000 synthetic claims; built
    by ``make bench-scale``, never modified here) plus the CheckThat! 2021 fact-checked claims (2A Snopes
    and 2B PolitiFact) loaded as published claims, one article each (its title the fact-check's);
  * ``fc_bench_matching_100k``: a copy of that one keeping the first 100,000 synthetic claims and every
    fact-checked one.

Both are built once (``--rebuild`` builds them again) and migrated on reuse; on every run their term
statistics are counted again (``manage.py refresh_term_statistics``, what the worker's periodic task does),
so re-scoring weighs words by the published claims as a desk's database would. When ``fc_bench_scale`` is
missing the leg says to run ``make bench-scale`` first and is skipped: CI never depends on it.

Timing: the dev splits' queries (tweets, debate sentences) are written as the claims of a new article
inside a transaction that is rolled back afterwards, so every run sees the same database; ``claim_match``
is timed on them: one claim at a time ("match"), and 30 at a time as one article ("article"), then the
same articles again "cold", with the process's remembered normalised texts forgotten before each (a
worker just started). Each database is timed in its own process (Django reads DATABASE_URL once); a
first pass over 20 queries warms the connection and is discarded.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "matching"
SETS = {"2a": "ct2021_2a_en", "2b": "ct2021_2b_en"}
SERVER = os.environ.get("BENCH_MATCHING_SERVER_URL", "postgres://postgres@127.0.0.1:5432/postgres")
TEMPLATE = "fc_bench_scale"
DATABASES = {"100k": ("fc_bench_matching_100k", 100_000), "1m": ("fc_bench_matching_1m", None)}
PUBLISHER = "CheckThat! 2021"  # the fact-checked claims' articles: marks a database as loaded
ARTICLE_CLAIMS = 30
ARTICLES = 10  # 30-claim articles timed per database (the dev splits have 318 queries)


def log(message: str) -> None:
    print(message, flush=True)


def with_dbname(url: str, dbname: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{dbname}"))


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


# --- building -------------------------------------------------------------------------------------


def _exists(admin, name: str) -> bool:
    return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _copy_of(admin, name: str, template: str) -> None:
    # CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template; say who, not a stack trace.
    busy = admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [template]).fetchone()[0]
    if busy:
        raise SystemExit(f"{template} has {busy} connection(s): close them, then run again")
    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def _migrate(url: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DATABASE_URL=url, DJANGO_DEBUG="true")
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)


def _count_terms(url: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DATABASE_URL=url, DJANGO_DEBUG="true")
    subprocess.run(
        [sys.executable, "manage.py", "refresh_term_statistics"], cwd=ROOT, env=env, check=True, capture_output=True
    )


def load_fact_checks(url: str, data: Path) -> int:
    """COPY the CheckThat! fact-checked claims in as published claims, one article each; returns how many."""
    import psycopg

    rows = [c for label in SETS.values() for c in read_jsonl(data / f"{label}.claims.jsonl")]
    with psycopg.connect(url) as conn:
        first_article = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM claims_article").fetchone()[0]
        first_claim = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM claims_claim").fetchone()[0]
        now = conn.execute("SELECT now()").fetchone()[0]
        with conn.cursor().copy(
            "COPY claims_article (id, title, body, url, publisher, author, language, content_hash,"
            " segmentation_status, segmentation_error, segmentation_attempts, segmenter_version, created_at,"
            " updated_at, fetch_attempts, fetch_error, version, detected_language) FROM STDIN"
        ) as copy:
            for i, c in enumerate(rows):
                copy.write_row((
                    first_article + i, (c.get("title") or "")[:500], c["text"], None, PUBLISHER, "", "en", None,
                    "done", "", 1, "bench-ct2021", now, now, 0, "", 1, "en",
                ))  # fmt: skip
        with conn.cursor().copy(
            'COPY claims_claim (id, article_id, text, original_text, start, "end", position, checkworthiness,'
            " reasons, claim_type, segmenter_version, status, dismiss_reason, claimant, claimant_url, tags,"
            " created_at, updated_at, kind) FROM STDIN"
        ) as copy:
            for i, c in enumerate(rows):
                text = c["text"] or c.get("title") or "-"
                copy.write_row((
                    first_claim + i, first_article + i, text, text, 0, len(text), 0, 0.9, "[]", "other",
                    "bench-ct2021", "published", "", "", "", "[]", now, now, "sentence",
                ))  # fmt: skip
        for table, last in (("claims_article", first_article + len(rows)), ("claims_claim", first_claim + len(rows))):
            conn.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, last])
    return len(rows)


def _loaded(url: str) -> bool:
    import psycopg

    with psycopg.connect(url) as conn:
        if conn.execute("SELECT to_regclass('claims_claim') IS NULL").fetchone()[0]:
            return False
        return bool(conn.execute("SELECT 1 FROM claims_article WHERE publisher = %s LIMIT 1", [PUBLISHER]).fetchone())


def _keep_first(url: str, synthetic: int) -> None:
    """Keep the first `synthetic` claims and the fact-checked ones; TRUNCATE drops what refers to the rest."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE TEMP TABLE kept AS SELECT c.* FROM claims_claim c JOIN claims_article a ON a.id = c.article_id"
            " WHERE c.id <= %s OR a.publisher = %s",
            [synthetic, PUBLISHER],
        )
        conn.execute("TRUNCATE claims_claim CASCADE")
        conn.execute("INSERT INTO claims_claim SELECT * FROM kept")
        conn.execute(
            "DELETE FROM claims_article a WHERE NOT EXISTS (SELECT FROM claims_claim c WHERE c.article_id = a.id)"
        )


def ensure(data: Path, rebuild: bool) -> dict[str, str]:
    """The bench databases by size label, built or reused; empty when fc_bench_scale is missing."""
    import psycopg

    urls = {label: with_dbname(SERVER, name) for label, (name, _) in DATABASES.items()}
    with psycopg.connect(SERVER, autocommit=True) as admin:
        if rebuild:
            for name, _ in DATABASES.values():
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for label in ("1m", "100k"):  # the 100k copy is made from the 1m one
            name, synthetic = DATABASES[label]
            url = urls[label]
            if _exists(admin, name) and _loaded(url):
                log(f"Reusing {name}.")
                _migrate(url)
                continue
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            started = time.monotonic()
            if synthetic is None:
                if not _exists(admin, TEMPLATE):
                    log(f"database leg skipped: no {TEMPLATE}; run `make bench-scale` first (it builds it once).")
                    return {}
                _copy_of(admin, name, TEMPLATE)
                _migrate(url)
                n = load_fact_checks(url, data)
                log(f"Built {name}: {TEMPLATE} + {n:,} fact-checked claims in {time.monotonic() - started:.0f} s")
            else:
                _copy_of(admin, name, DATABASES["1m"][0])
                _keep_first(url, synthetic)
                log(
                    f"Built {name}: first {synthetic:,} claims + the fact-checked"
                    f" in {time.monotonic() - started:.0f} s"
                )
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("VACUUM (ANALYZE) claims_claim")
                conn.execute("VACUUM (ANALYZE) claims_article")
    for url in urls.values():
        _count_terms(url)
    return urls


# --- timing (in a process of its own per database) -----------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def time_database(queries: list[str], articles: int, data: Path = DATA) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    django.setup()
    from django.db import connection, transaction

    from claims import matches
    from claims.matches import claim_match
    from claims.models import Article, Claim

    def write(texts: list[str]) -> list[int]:
        article = Article.objects.create(title="bench", body=" ".join(texts), segmentation_status="done")
        claims = Claim.objects.bulk_create(
            Claim(article=article, text=t, original_text=t, start=0, end=max(len(t), 1), position=i)
            for i, t in enumerate(texts)
        )
        return [c.pk for c in claims]

    def timed(texts: list[str]) -> tuple[float, list]:
        with transaction.atomic():
            ids = write(texts)
            started = time.perf_counter()
            stored = claim_match(claim_ids=ids)
            elapsed = (time.perf_counter() - started) * 1000
            transaction.set_rollback(True)
        return elapsed, stored

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(*) FILTER (WHERE status = 'published') FROM claims_claim")
        total, published = cursor.fetchone()
    groups = [queries[i : i + ARTICLE_CLAIMS] for i in range(0, len(queries), ARTICLE_CLAIMS)][:articles]
    for text in queries[:20]:
        timed([text])  # warm the caches and the connection; discarded
    fact_checks = _fact_check_ids(connection, data)
    match_ms, found = [], []
    for text in queries:
        ms, stored = timed([text])
        match_ms.append(ms)
        # The published claims suggested as "checked before", in the order the desk sees them.
        found.append([fact_checks.get(m.candidate_id) for m in stored if m.checked])
    article_ms, suggestions = [], 0
    for group in groups:
        ms, stored = timed(group)
        article_ms.append(ms)
        suggestions += len(stored)
    # Cold: a worker just started, no normalised text remembered (claims.matches.normalised).
    forget = getattr(getattr(matches, "normalised", None), "cache_clear", lambda: None)
    cold_ms = []
    for group in groups:
        forget()
        cold_ms.append(timed(group)[0])
    return {
        "claims": total,
        "published": published,
        "match": [percentile(match_ms, 0.5), percentile(match_ms, 0.95), len(match_ms)],
        "article": [percentile(article_ms, 0.5), percentile(article_ms, 0.95), len(article_ms)],
        "article_cold": [percentile(cold_ms, 0.5), percentile(cold_ms, 0.95), len(cold_ms)],
        "suggestions_per_article": suggestions / max(len(groups), 1),
        "checked": found,
        "checked_suggestions": matches.CHECKED_SUGGESTIONS,
    }


def _fact_check_ids(connection, data: Path) -> dict[int, str]:
    """The loaded fact-checked claims' ids in the database, mapped to their CheckThat! ids (load_fact_checks'
    order)."""
    rows = [c["id"] for label in SETS.values() for c in read_jsonl(data / f"{label}.claims.jsonl")]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id FROM claims_claim c JOIN claims_article a ON a.id = c.article_id"
            " WHERE a.publisher = %s ORDER BY c.id",
            [PUBLISHER],
        )
        return dict(zip((r[0] for r in cursor.fetchall()), rows, strict=True))


def checked_quality(results: dict, data: Path) -> list[str]:
    """Recall of the gold fact-check among the published claims a query is suggested (CHECKED_SUGGESTIONS of
    them), per set and database: the quality of the path the product runs, candidates from the database."""
    from bench.matching import recall

    gold = {}
    for name, label in SETS.items():
        for q in read_jsonl(data / f"{label}.queries.jsonl"):
            if q.get("split") == "dev":
                gold[q["query"]] = (name, q["gold"])
    queries = dev_queries(data)
    depth = next(iter(results.values()))["checked_suggestions"]
    lines = [f"database  set  R@1    R@{depth}    (gold fact-check among the published claims suggested)"]
    for label, r in results.items():
        for name in SETS:
            pairs = [(gold[q][1], found) for q, found in zip(queries, r["checked"], strict=True) if gold[q][0] == name]
            r1 = sum(recall(g, f, 1) for g, f in pairs) / len(pairs)
            rn = sum(recall(g, f, depth) for g, f in pairs) / len(pairs)
            lines.append(f"{label:>8}  {name:>3}  {r1:.3f}  {rn:.3f}")
    return lines


def dev_queries(data: Path) -> list[str]:
    """The dev splits' queries, 2A and 2B interleaved so every 30-claim article mixes both."""
    sets = [
        [q["query"] for q in read_jsonl(data / f"{SETS[s]}.queries.jsonl") if q.get("split") == "dev"] for s in SETS
    ]
    mixed = [q for pair in zip(*sets, strict=False) for q in pair]
    longest = max(sets, key=len)
    return mixed + longest[min(map(len, sets)) :]


def run(urls: dict[str, str], data: Path, articles: int) -> dict[str, dict]:
    results = {}
    for label, url in urls.items():
        env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        env.update(DATABASE_URL=url, DJANGO_DEBUG="true")
        out = subprocess.run(
            [sys.executable, __file__, "--time", "--data", str(data), "--articles", str(articles)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[label] = json.loads(out.strip().splitlines()[-1])
    return results


def table(results: dict[str, dict]) -> list[str]:
    """p50 and p95 per database, milliseconds: one claim matched, and a 30-claim article."""
    head = ("database", "claims", "published", "match p50", "p95", "article p50", "p95", "cold p50", "p95")
    lines = ["  ".join(f"{h:>11}" for h in head)]
    for label, r in results.items():
        cells = (
            label,
            f"{r['claims']:,}",
            f"{r['published']:,}",
            *(f"{v:.1f} ms" for key in ("match", "article", "article_cold") for v in r[key][:2]),
        )
        lines.append("  ".join(f"{c:>11}" for c in cells))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rebuild", action="store_true", help="build the bench databases again")
    parser.add_argument("--articles", type=int, default=ARTICLES, help="30-claim articles timed per database")
    parser.add_argument("--time", action="store_true", help=argparse.SUPPRESS)  # the per-database child
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if args.time:
        print(json.dumps(time_database(dev_queries(args.data), args.articles, args.data)))
        return 0
    urls = ensure(args.data, args.rebuild)
    if not urls:
        return 0
    results = run(urls, args.data, args.articles)
    print("\n".join(table(results)))
    print("\n".join(checked_quality(results, args.data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
