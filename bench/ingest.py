"""Ingest throughput: articles through `import_articles` into PostgreSQL with a real Celery worker.

    python bench/ingest.py [--articles 2000] [--chars 5000] [--concurrency 2] [--rounds 3]
                           [--legs text,url] [--url-articles 300]

Generates deterministic news-like articles of about 5,000 characters (sentences with figures,
names and dates, plus a byline and a photo credit each) and writes them as JSONL. Each round drops
and recreates the database `fc_bench_ingest`; on the quiet machine, the bare segmenter splits the
same bodies in this process (no database, no queue; median of 3 runs); then, with the database
migrated and `celery worker` started (prefork, concurrency 2) on a Redis database of its own, it
times `import_articles` from its start until the last article is `done`. The table gives the
medians of the rounds side by side; the ratio is the median of each round's pipeline against the
bare segmenter measured just before it, so that a burst of other work on the machine in one round
does not decide the result. Goal: the pipeline at >= 50% of the bare segmenter's articles per
second. It ends with the CPU time each part took while the pipeline ran, the mean of the rounds
(from /proc: Linux, with PostgreSQL on this machine).

The by-URL leg serves the same kind of articles as news pages (navigation, ads, captions) from a
local HTTP server on 127.0.0.1, lists their URLs for `import_articles --urls`, and times it until
every page is fetched, extracted by trafilatura and segmented; it shows the worker's time per
article for each step (from the stored article versions) and the CPU each part took.

Environment: BENCH_INGEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/fc_bench_ingest),
BENCH_INGEST_REDIS_URL (default redis://127.0.0.1:6379/15; flushed).
"""

import argparse
import dataclasses
import json
import os
import random
import re
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.segmentation import segment  # noqa: E402 - pure Python, no Django needed

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/fc_bench_ingest"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
SEED = 20261128

PEOPLE = ["Amina Diallo", "Jonas Weber", "Priya Nair", "Tomás Ruiz", "Mei Lin", "Olena Marchenko", "Kwame Mensah"]
PLACES = ["Niamey", "Agadez", "Lagos", "Hamburg", "Lyon", "Porto", "Krakow", "Tunis", "Accra", "Dakar"]
BODIES = ["the ministry", "the central bank", "the statistics office", "the city council", "the army", "the union"]
THINGS = ["homes", "jobs", "troops", "vaccines", "tonnes of grain", "new cases", "schools", "buses"]
VERBS = ["said", "reported", "announced", "estimated", "confirmed", "claimed"]
TEMPLATES = [
    "{Body} {verb} that {n:,} {thing} were counted in {place} in {year}.",
    "According to {person}, the number of {thing} rose by {p} percent between {year} and {year2}.",
    "{Person} told reporters on {day} that {body} would spend ${m} million on {thing} by {year2}.",
    "Critics said the real figure was closer to {n2:,}, far below what {body} had promised.",
    "In {place}, {p} percent of residents said they had seen fewer {thing} than a year earlier.",
    "The decision was blamed on a new law passed in {year}, {person} said.",
    "Officials expect the share of {thing} to fall to {p2} percent next year.",
    "\u201cWe have never seen anything like this,\u201d {person} said in {place} on {day}.",
    "{Body} has not published its own data since {month} {year}.",
    "Prices for {thing} in {place} doubled in {month}, the highest level since {year2}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def article(n: int, chars: int) -> dict:
    rng = random.Random(SEED * 100_003 + n)
    place = rng.choice(PLACES)
    paragraphs, size = [f"By {rng.choice(PEOPLE)} | {place}"], 0
    while size < chars:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            body = rng.choice(BODIES)
            year = rng.randint(1995, 2024)
            sentences.append(
                rng.choice(TEMPLATES).format(
                    Body=body.capitalize(),
                    body=body,
                    verb=rng.choice(VERBS),
                    n=rng.randint(100, 2_000_000),
                    n2=rng.randint(100, 2_000_000),
                    thing=rng.choice(THINGS),
                    place=rng.choice(PLACES),
                    year=year,
                    year2=year + rng.randint(1, 6),
                    p=rng.randint(2, 90),
                    p2=rng.randint(2, 90),
                    m=rng.randint(2, 900),
                    person=rng.choice(PEOPLE),
                    Person=rng.choice(PEOPLE),
                    day=rng.choice(DAYS),
                    month=rng.choice(MONTHS),
                )
            )
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        if len(paragraphs) == 3:
            paragraphs.append(f"Photo: {rng.choice(PEOPLE)} / Example News")
    return {
        "title": f"Report {n}: {rng.choice(THINGS)} in {place}",
        "body": "\n\n".join(paragraphs),
        "url": f"https://news.example.org/bench/{n}",
        "publisher": "Example News",
        "published_at": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T12:00:00+00:00",
    }


def recreate_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def bare_segmenter(bodies: list[str], runs: int = 3) -> float:
    """Seconds to segment every body in this process: the median of `runs` warm runs."""
    for body in bodies[:50]:  # warm up
        segment(body)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for body in bodies:
            segment(body)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def start_worker(env: dict, concurrency: int, log_path: Path) -> subprocess.Popen:
    log = log_path.open("w", encoding="utf-8")
    command = [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--pool", "prefork"]
    command += ["--concurrency", str(concurrency), "--loglevel", "INFO", "--without-gossip", "--without-mingle"]
    worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while " ready." not in log_path.read_text(encoding="utf-8", errors="replace"):
        if worker.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"the worker did not start:\n{log_path.read_text(encoding='utf-8', errors='replace')[-3000:]}")
        time.sleep(0.1)
    return worker


def cpu_seconds(root_pid: int) -> float:
    """CPU time of a process and its descendants, running or already reaped (Linux /proc)."""
    parents, times = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        # utime, stime, and cutime, cstime: the children it has reaped
        times[pid] = sum(int(value) for value in fields[11:15])
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree.update(children)
        frontier = children
    return sum(times.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def busy_cpu_seconds() -> float:
    """CPU time spent on anything but idling, all cores together, since boot (Linux /proc/stat)."""
    user, nice, system, _idle, _iowait, irq, softirq, *_steal_and_guests = (
        int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]
    )
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def postmaster_pid(url: str) -> int:
    with psycopg.connect(url) as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        # While the connection is open: its backend exits when it closes.
        return int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])


def count_done(conn: psycopg.Connection) -> tuple[int, int]:
    row = conn.execute(
        "SELECT count(*) FILTER (WHERE segmentation_status IN ('done', 'failed')),"
        " count(*) FILTER (WHERE segmentation_status = 'failed') FROM claims_article"
    ).fetchone()
    return row[0], row[1]


@dataclasses.dataclass
class Round:
    bare: float  # seconds for the bare segmenter to split every body
    pipeline: float  # seconds from starting import_articles until the last article was done
    imported: float  # seconds import_articles took
    failed: int
    cpu: dict[str, float]  # CPU seconds each part took while the pipeline ran
    matched: float = 0.0  # seconds from starting import_articles until the last claims.match task ended
    task_seconds: dict[str, float] = dataclasses.field(default_factory=dict)  # worker time by task name

    @property
    def ratio(self) -> float:
        return self.bare / self.pipeline


def run_round(articles: list[dict], feed: Path, env: dict, concurrency: int, workdir: Path) -> Round:
    """One measurement: the bare segmenter on the quiet machine, then the pipeline into a new database."""
    database_url, redis_url = env["DATABASE_URL"], env["REDIS_URL"]
    # The database first: dropping the previous copy stops PostgreSQL's work on it (autovacuum),
    # so the bare segmenter that follows runs on a quiet machine.
    recreate_database(database_url)
    bare = bare_segmenter([a["body"] for a in articles])
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    redis.Redis.from_url(redis_url).flushdb()

    worker = start_worker(env, concurrency, workdir / "worker.log")
    try:
        postmaster = postmaster_pid(database_url)
        cpu_before = (busy_cpu_seconds(), cpu_seconds(worker.pid), cpu_seconds(postmaster))
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "import_articles", str(feed), "--no-progress"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        imported = time.perf_counter() - started
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        deadline = time.monotonic() + 600
        # One connection, asked every 50 ms: a new connection each time cost PostgreSQL a backend
        # start per poll, which the table would have counted as the pipeline's.
        with psycopg.connect(database_url, autocommit=True) as poll:
            while (finished := count_done(poll))[0] < len(articles):
                if time.monotonic() > deadline:
                    sys.exit(f"timed out: {finished[0]} of {len(articles)} articles segmented")
                time.sleep(0.05)
        pipeline = time.perf_counter() - started
        cpu_after = (busy_cpu_seconds(), cpu_seconds(worker.pid), cpu_seconds(postmaster))
        matched = wait_for_matching(workdir / "worker.log", deadline) - started
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)

    busy, in_worker, in_postgres = (after - before for after, before in zip(cpu_after, cpu_before, strict=True))
    in_import = sum(getattr(children_after, f) - getattr(children_before, f) for f in ("ru_utime", "ru_stime"))
    cpu = {
        "import_articles": in_import,
        f"worker ({concurrency} processes)": in_worker,
        "PostgreSQL (all its processes)": in_postgres,
        "everything else": busy - in_import - in_worker - in_postgres,
    }
    tasks = task_seconds((workdir / "worker.log").read_text(encoding="utf-8", errors="replace"))
    return Round(bare, pipeline, imported, finished[1], cpu, matched=matched, task_seconds=tasks)


_TASK_DONE = re.compile(r"Task ([\w.]+)\[[^\]]+\] (?:succeeded|failed|retry)\b(?: in ([\d.]+)s)?")


def task_seconds(log: str) -> dict[str, float]:
    """The worker's time per task name, from its log's "Task NAME[id] succeeded in Ns" lines."""
    seconds: dict[str, float] = {}
    for name, took in _TASK_DONE.findall(log):
        seconds[name] = seconds.get(name, 0.0) + float(took or 0.0)
    return seconds


def wait_for_matching(log_path: Path, deadline: float) -> float:
    """When the last claims.match task ended: matching is queued once segmentation commits, so it runs
    after the articles are done; every match task received has ended and none came for 0.5 s."""
    last_change, seen = time.perf_counter(), None
    while time.monotonic() < deadline:
        log = log_path.read_text(encoding="utf-8", errors="replace")
        received = len(re.findall(r"Task claims\.match(?:_claims)?\[[^\]]+\] received", log))
        ended = len(re.findall(r"Task claims\.match(?:_claims)?\[[^\]]+\] (?:succeeded|failed|retry)", log))
        state = (received - ended, len(log))
        pending = state[0]
        if state != seen:
            seen, last_change = state, time.perf_counter()
        elif pending == 0 and time.perf_counter() - last_change > 0.5:
            return last_change
        time.sleep(0.05)
    sys.exit("timed out waiting for the claims.match tasks")


# --- the by-URL leg: pages served from 127.0.0.1, fetched and extracted by the worker -----------------


def serve_pages(articles: list[dict]):
    """A LocalSite on 127.0.0.1 serving each article as a news page (navigation, ads, captions) at /bench/<n>."""
    from claims.tests.site import ROBOTS, news_page
    from factcheck.testing import LocalSite, Route

    site = LocalSite({"/robots.txt": Route(ROBOTS, content_type="text/plain")})
    for n, given in enumerate(articles):
        html = news_page(given["title"], given["body"].split("\n\n")[1:], canonical=site.url(f"/bench/{n}"))
        site.routes[f"/bench/{n}"] = Route(html)
    return site


@dataclasses.dataclass
class UrlRound:
    seconds: float  # from starting import_articles --urls until the last article was done
    failed: int
    per_article_ms: dict[str, float]  # fetch, extract, segment: the mean per article, from the database
    cpu: dict[str, float]


def run_url_round(articles: list[dict], env: dict, concurrency: int, workdir: Path) -> UrlRound:
    """import_articles --urls against the local site into a new database, until every article is done."""
    database_url, redis_url = env["DATABASE_URL"], env["REDIS_URL"]
    recreate_database(database_url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    redis.Redis.from_url(redis_url).flushdb()
    site = serve_pages(articles)
    listing = workdir / "urls.txt"
    listing.write_text("".join(site.url(f"/bench/{n}") + "\n" for n in range(len(articles))), encoding="utf-8")
    env = {**env, "FACTCHECK_FETCH_ALLOWED_HOSTS": site.host, "FACTCHECK_FETCH_PER_HOST": str(concurrency)}
    worker = start_worker(env, concurrency, workdir / "worker-url.log")
    try:
        postmaster = postmaster_pid(database_url)
        before = (busy_cpu_seconds(), cpu_seconds(worker.pid), cpu_seconds(postmaster), resource.getrusage(0))
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "import_articles", "--urls", str(listing), "--no-progress"],
            cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        deadline = time.monotonic() + 600
        with psycopg.connect(database_url, autocommit=True) as poll:
            while (finished := count_done(poll))[0] < len(articles):
                if time.monotonic() > deadline:
                    sys.exit(f"timed out: {finished[0]} of {len(articles)} pages fetched and segmented")
                time.sleep(0.05)
            seconds = time.perf_counter() - started
            after = (busy_cpu_seconds(), cpu_seconds(worker.pid), cpu_seconds(postmaster), resource.getrusage(0))
            fetch_ms, extract_ms, segment_ms = poll.execute(
                "SELECT avg(v.fetch_ms), avg(v.extract_ms), avg(a.segmentation_ms)"
                " FROM claims_articleversion v JOIN claims_article a ON a.id = v.article_id"
            ).fetchone()
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
        site.close()

    in_import = sum(getattr(children_after, f) - getattr(children_before, f) for f in ("ru_utime", "ru_stime"))
    in_site = sum(getattr(after[3], f) - getattr(before[3], f) for f in ("ru_utime", "ru_stime"))
    in_worker, in_postgres = after[1] - before[1], after[2] - before[2]
    cpu = {
        "import_articles --urls": in_import,
        f"worker ({concurrency} processes)": in_worker,
        "PostgreSQL (all its processes)": in_postgres,
        "the page server (this process)": in_site,
        "everything else": (after[0] - before[0]) - in_import - in_worker - in_postgres - in_site,
    }
    per_article = {"fetch (GET, wall)": float(fetch_ms or 0), "extract": float(extract_ms or 0)}
    per_article["segment"] = float(segment_ms or 0)
    return UrlRound(seconds=seconds, failed=finished[1], per_article_ms=per_article, cpu=cpu)


def report_url_rounds(rounds: list[UrlRound], n: int, concurrency: int) -> None:
    seconds = statistics.median(r.seconds for r in rounds)
    print(f"\nby URL: {n} pages from a local server -> import_articles --urls -> {concurrency} workers")
    print(f"  median of {len(rounds)} rounds: {n / seconds:,.1f} articles/s, all done after {seconds:.1f} s")
    print(f"  (failed: {sum(r.failed for r in rounds)})")
    print("  worker time per article (mean; from the article versions and articles):")
    for label in rounds[0].per_article_ms:
        print(f"    {label:32} {statistics.mean(r.per_article_ms[label] for r in rounds):7.1f} ms")
    print(f"  CPU time while it ran, mean of {len(rounds)} rounds:")
    for label in rounds[0].cpu:
        value = statistics.mean(r.cpu[label] for r in rounds)
        print(f"    {label:32} {value:6.1f} s  {value / n * 1000:6.2f} ms per article")
    ms = {label: statistics.mean(r.per_article_ms[label] for r in rounds) for label in rounds[0].per_article_ms}
    print(
        f"RESULT ingest_url articles_per_s={n / seconds:.1f} fetch_ms={ms['fetch (GET, wall)']:.1f}"
        f" extract_ms={ms['extract']:.1f} segment_ms={ms['segment']:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="Measurements to take the median of (default 3).")
    parser.add_argument("--legs", default="text,url", help="text (pasted JSONL), url (fetched pages), or both.")
    parser.add_argument("--url-articles", type=int, default=300, help="Pages for the by-URL leg (default 300).")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    legs = {leg.strip() for leg in args.legs.split(",") if leg.strip()}
    if not legs or legs - {"text", "url"}:
        parser.error("--legs takes text, url or text,url")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_", "FACTCHECK_"))}
    # As deployed: DEBUG off (with it on, Django also records every query for the debug page).
    env.update(
        DATABASE_URL=os.environ.get("BENCH_INGEST_DATABASE_URL", DEFAULT_DATABASE_URL),
        REDIS_URL=os.environ.get("BENCH_INGEST_REDIS_URL", DEFAULT_REDIS_URL),
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="WARNING",
    )

    if "text" in legs:
        text_leg(args, env)
    if "url" in legs:
        pages = [article(n, args.chars) for n in range(args.url_articles)]
        with tempfile.TemporaryDirectory(prefix="bench-ingest-url-") as tmp:
            rounds = [run_url_round(pages, env, args.concurrency, Path(tmp)) for _ in range(args.rounds)]
        report_url_rounds(rounds, len(pages), args.concurrency)


def text_leg(args, env: dict) -> None:
    articles = [article(n, args.chars) for n in range(args.articles)]
    n = len(articles)
    total_chars = sum(len(a["body"]) for a in articles)
    print(f"{n} articles, {total_chars:,} characters (mean {total_chars // n:,})")
    print(
        f"each of {args.rounds} rounds: database {urlsplit(env['DATABASE_URL']).path.lstrip('/')} recreated and"
        " migrated; the bare segmenter on the same bodies in this process (median of 3 runs); then"
        f" import_articles -> Redis -> worker (prefork, concurrency {args.concurrency})"
    )

    rounds = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        feed = Path(tmp) / "articles.jsonl"
        feed.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        for number in range(1, args.rounds + 1):
            measured = run_round(articles, feed, env, args.concurrency, Path(tmp))
            rounds.append(measured)
            print(
                f"round {number}: bare {n / measured.bare:,.0f} articles/s, pipeline {n / measured.pipeline:,.0f}"
                f" articles/s ({measured.ratio:.0%}); import_articles took {measured.imported:.1f} s, all {n}"
                f" done after {measured.pipeline:.1f} s, failed: {measured.failed}"
            )

    # Medians: a burst of work elsewhere on the machine during one round moves its figures, not the result.
    # The ratio pairs each round's pipeline with the bare segmenter measured just before it.
    bare = statistics.median(r.bare for r in rounds)
    pipeline = statistics.median(r.pipeline for r in rounds)
    ratio = statistics.median(r.ratio for r in rounds)
    print()
    print(f"{'median of ' + str(len(rounds)) + ' rounds':34} {'articles/s':>11} {'chars/s':>13}")
    for label, seconds in (
        ("bare segmenter (1 process)", bare),
        (f"pipeline (import + {args.concurrency} workers)", pipeline),
    ):
        print(f"{label:34} {n / seconds:11,.0f} {total_chars / seconds:13,.0f}")
    # Not the ratio of the two medians above: each round's pipeline against its own bare run.
    print(f"{'pipeline / bare (median of ratios)':34} {ratio:11.0%}")
    print(f"(failed: {sum(r.failed for r in rounds)})")

    cores = os.cpu_count()
    print(f"\nCPU time while the pipeline ran, mean of {len(rounds)} rounds ({cores} cores x {pipeline:.1f} s):")
    for label in rounds[0].cpu:
        seconds = statistics.mean(r.cpu[label] for r in rounds)
        print(f"  {label:34} {seconds:6.1f} s  {seconds / n * 1000:5.2f} ms per article")
    print(f"  {'the bare segmenter, for comparison':34} {bare:6.1f} s  {bare / n * 1000:5.2f} ms per article")
    # Matching runs after each batch's segmentation commits: the articles are "done" before their claims
    # are matched. Both ways, so the line shows what matching adds.
    matched = statistics.median(r.matched for r in rounds)
    segment_s = statistics.mean(
        sum(v for k, v in r.task_seconds.items() if k.startswith("claims.segment")) for r in rounds
    )
    match_s = statistics.mean(
        r.task_seconds.get("claims.match", 0.0) + r.task_seconds.get("claims.match_claims", 0.0) for r in rounds
    )
    print(
        f"\nmatching: without it all {n} done after {pipeline:.1f} s ({n / pipeline:,.0f} articles/s); with it all"
        f" matched after {matched:.1f} s ({n / matched:,.0f} articles/s, +{matched / pipeline - 1:.0%});"
        f" worker time segmenting {segment_s:.1f} s, matching {match_s:.1f} s"
        f" ({match_s / max(segment_s, 1e-9):.0%} of segmenting, {match_s / n * 1000:.1f} ms per article)"
    )
    print(f"RESULT ingest articles_per_s={n / pipeline:.0f} bare_articles_per_s={n / bare:.0f} ratio={ratio:.2f}")
    print(
        f"RESULT ingest_matching with_matching_articles_per_s={n / matched:.0f} added={matched / pipeline - 1:.2f}"
        f" match_ms_per_article={match_s / n * 1000:.1f}"
    )


if __name__ == "__main__":
    main()
