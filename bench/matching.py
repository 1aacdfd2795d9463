"""Benchmark: our claim matcher beside BM25 and PostgreSQL pg_trgm, on the CheckThat! 2021 claim-retrieval sets.

For each set (2A: tweets -> Snopes claims; 2B: debate and speech sentences -> PolitiFact claims) every
query ranks the whole claim pool, and three rankings are scored against the gold claims:

  * ours: ``claims.matching.rank`` over ``lexical_sources()`` of the pool (BM25 over normalised tokens
    and over the words as written propose candidates; the scorer reorders them);
  * BM25: plain Okapi BM25 (k1 1.2, b 0.75) over lower-cased words, no stemming and no stop words,
    the reference point the data's README quotes;
  * pg_trgm: PostgreSQL trigram ``similarity()``, claims loaded with COPY under a GIN trigram index,
    in the database ``fc_bench_matching`` (created if missing; ``--database-url`` or the environment's
    BENCH_MATCHING_DATABASE_URL names another; ``--no-pg`` skips it). Needs the pg_trgm extension.

Every method sees the same document per claim: its text and its title. Metrics are the lab's:
MAP@5 (average precision over the top five, divided by the number of gold claims), Recall@1 and
Recall@5. The weights in ``claims/matching/scoring.py`` are fitted on the train splits
(``bench/fit_matching.py``); this reports the dev splits unless ``--split`` or ``--queries FILE
--claims FILE`` says otherwise (any file in the same JSONL format, a held-out split included).

Speed, two ways. In memory: the lexical indexes over the fact-checked claims only (match = one
query normalised, proposed and scored; article = every claim of one article matched in turn: the
seed article's sentences, and runs of 20 consecutive queries). In the database (bench/matching_db.py,
``--no-db`` skips it): ``claims.matches.claim_match`` on PostgreSQL at 100k and 1M claims with the
fact-checked claims loaded as published ones, one claim and 30-claim articles, p50 and p95; the
RESULT line's match_p50_ms and article_p50_ms are the 1M database's ("n/a" when that leg did not run:
it needs bench-scale's fc_bench_scale).

The data is read in place from ``../shared/data/matching/`` and never copied into the repository.
"""

import argparse
import json
import math
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "matching"
SEED = ROOT / "seeds" / "articles" / "us-troops-leave-niger.txt"
SETS = {"2a": "ct2021_2a_en", "2b": "ct2021_2b_en"}
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/fc_bench_matching"
DEPTH = 5
ARTICLE_CLAIMS = 20

Ranker = Callable[[str], list[str]]


@dataclass
class Dataset:
    label: str
    queries: list[dict]
    claims: list[dict]

    @property
    def documents(self) -> list[tuple[str, str, str]]:
        """(id, text, context) per claim: the claim's text, and its title as context."""
        return [(c["id"], c.get("text") or "", c.get("title") or "") for c in self.claims]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load(label: str, split: str | None, data: Path = DATA) -> Dataset:
    queries = read_jsonl(data / f"{SETS[label]}.queries.jsonl")
    if split:
        queries = [q for q in queries if q.get("split") == split]
    return Dataset(label, queries, read_jsonl(data / f"{SETS[label]}.claims.jsonl"))


def label_for(path: Path, queries: list[dict], taken: set[str]) -> str:
    names = {q.get("dataset", "") for q in queries} | {path.name}
    for label, stem in SETS.items():
        if label not in taken and any(stem in n or f"_{label}_" in n for n in names):
            return label
    return f"set{len(taken) + 1}"


# ---- metrics ----


def average_precision(gold: Sequence[str], ranked: Sequence[str], depth: int = DEPTH) -> float:
    hits, total = 0, 0.0
    for i, key in enumerate(ranked[:depth], 1):
        if key in gold:
            hits += 1
            total += hits / i
    return total / len(gold) if gold else 0.0


def recall(gold: Sequence[str], ranked: Sequence[str], depth: int) -> float:
    return len(set(gold) & set(ranked[:depth])) / len(gold) if gold else 0.0


def evaluate(queries: list[dict], rankings: list[list[str]]) -> dict[str, float]:
    n = len(queries) or 1
    pairs = list(zip(queries, rankings, strict=True))
    return {
        "map5": sum(average_precision(q["gold"], r) for q, r in pairs) / n,
        "r1": sum(recall(q["gold"], r, 1) for q, r in pairs) / n,
        "r5": sum(recall(q["gold"], r, 5) for q, r in pairs) / n,
    }


# ---- the methods ----


class Ours:
    """claims.matching over its in-memory lexical sources; keeps each answer's scores for the calibration table."""

    def __init__(self, dataset: Dataset):
        from claims.matching import lexical_sources, normalise

        self.sources = lexical_sources((key, normalise(text, context=title)) for key, text, title in dataset.documents)
        self.answers: list[list[tuple[str, float]]] = []

    def rank(self, query: str) -> list[str]:
        from claims.matching import rank

        ranked = rank(query, sources=self.sources, limit=DEPTH)
        self.answers.append([(r.key, r.match.score) for r in ranked])
        return [r.key for r in ranked]


def calibration(queries: list[dict], answers: list[list[tuple[str, float]]], places: int = 2) -> list[str]:
    """Correct / suggested by score band, at the first places: how far a reviewer can trust a score."""
    bands = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
    counts: dict[tuple[int, int], list[int]] = {}
    for query, answer in zip(queries, answers, strict=True):
        for place, (key, score) in enumerate(answer[:places]):
            band = next(i for i in range(len(bands) - 1) if score < bands[i + 1])
            cell = counts.setdefault((place, band), [0, 0])
            cell[0] += key in query["gold"]
            cell[1] += 1
    header = ["place"] + [f"score {bands[i]:.1f}-{min(bands[i + 1], 1.0):.1f}" for i in range(len(bands) - 1)]
    rows = [header]
    for place in range(places):
        cells = [counts.get((place, band), [0, 0]) for band in range(len(bands) - 1)]
        rows.append([str(place + 1)] + [f"{hits}/{total}" for hits, total in cells])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return ["  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]


_WORD = re.compile(r"\w+")


def plain_tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class PlainBM25:
    """Okapi BM25 as search engines ship it by default: lower-cased word tokens, nothing else."""

    def __init__(self, documents: list[tuple[str, str, str]], k1: float = 1.2, b: float = 0.75):
        self.keys = [key for key, _, _ in documents]
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.lengths = []
        for doc, (_, text, title) in enumerate(documents):
            tokens = plain_tokens(f"{text} {title}")
            self.lengths.append(len(tokens))
            for token, count in Counter(tokens).items():
                self.postings.setdefault(token, []).append((doc, count))
        self.average = sum(self.lengths) / max(len(self.lengths), 1)
        n = len(self.keys)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def rank(self, query: str, limit: int = DEPTH) -> list[str]:
        totals: dict[int, float] = {}
        for token, query_count in Counter(plain_tokens(query)).items():
            for doc, count in self.postings.get(token, ()):
                norm = self.k1 * (1 - self.b + self.b * self.lengths[doc] / self.average)
                totals[doc] = totals.get(doc, 0.0) + query_count * self.idf[token] * count * (self.k1 + 1) / (
                    count + norm
                )
        best = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [self.keys[doc] for doc, _ in best]


class Trigram:
    """pg_trgm similarity() over the same documents, one table per set under a GIN trigram index."""

    def __init__(self, connection, dataset: Dataset):
        self.connection = connection
        self.table = f"claims_{re.sub(r'[^a-z0-9]', '_', dataset.label.lower())}"
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")
            cursor.execute(f"CREATE TABLE {self.table} (id text PRIMARY KEY, doc text NOT NULL)")
            with cursor.copy(f"COPY {self.table} (id, doc) FROM STDIN") as copy:
                for key, text, title in dataset.documents:
                    copy.write_row((key, f"{text} {title}".strip()))
            cursor.execute(f"CREATE INDEX ON {self.table} USING gin (doc gin_trgm_ops)")
            cursor.execute(f"ANALYZE {self.table}")

    def rank(self, query: str, limit: int = DEPTH) -> list[str]:
        # Exact ranking by similarity over every claim. The index serves the % operator, but a
        # threshold low enough to keep the long tweets' gold claims makes it no faster than this.
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {self.table} ORDER BY similarity(doc, %s) DESC, id LIMIT %s", (query, limit)
            )
            return [row[0] for row in cursor.fetchall()]


def connect(url: str):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    connection = psycopg.connect(url, autocommit=True)
    connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    return connection


# ---- speed ----


def percentile50(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def speed(datasets: list[Dataset], rankers: dict[str, Ranker]) -> tuple[float, float]:
    from claims.segmentation import segment

    match_ms, article_ms = [], []
    seed_claims = [s.text for s in segment(SEED.read_text(encoding="utf-8")) if not s.is_boilerplate]
    for dataset in datasets:
        ranker = rankers[dataset.label]
        texts = [q["query"] for q in dataset.queries]
        for text in texts:
            started = time.perf_counter()
            ranker(text)
            match_ms.append((time.perf_counter() - started) * 1000)
        articles = [seed_claims] + [texts[i : i + ARTICLE_CLAIMS] for i in range(0, len(texts), ARTICLE_CLAIMS)]
        for article in articles:
            started = time.perf_counter()
            for text in article:
                ranker(text)
            article_ms.append((time.perf_counter() - started) * 1000)
    return percentile50(match_ms), percentile50(article_ms)


# ---- the run ----


def print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for i, row in enumerate(rows):
        print("  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]))
        if i == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the ct2021_2{a,b}_en files")
    parser.add_argument("--split", default="dev", help="split of the default sets to score (dev, train)")
    parser.add_argument("--queries", type=Path, action="append", default=[], help="queries JSONL (repeatable)")
    parser.add_argument("--claims", type=Path, action="append", default=[], help="claims JSONL, one per --queries")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_MATCHING_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL for the pg_trgm leg",
    )
    parser.add_argument("--no-pg", action="store_true", help="skip the pg_trgm leg")
    parser.add_argument("--no-db", action="store_true", help="skip the claim_match leg at 100k and 1M claims")
    args = parser.parse_args(argv)
    if len(args.queries) != len(args.claims):
        parser.error("give one --claims file for each --queries file")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from claims.matching import MATCHER_VERSION

    if args.queries:
        datasets, taken = [], set()
        for queries_path, claims_path in zip(args.queries, args.claims, strict=True):
            queries = read_jsonl(queries_path)
            label = label_for(queries_path, queries, taken)
            taken.add(label)
            datasets.append(Dataset(label, queries, read_jsonl(claims_path)))
        what = ", ".join(f"{d.label}: {p}" for d, p in zip(datasets, args.queries, strict=True))
    else:
        if not (args.data / f"{SETS['2a']}.queries.jsonl").exists():
            print(f"no matching data in {args.data}: see its README (CheckThat! 2021 Task 2)", file=sys.stderr)
            return 2
        datasets = [load(label, args.split, args.data) for label in SETS]
        held_out = any(
            q.get("split") == "test" for d in SETS.values() for q in read_jsonl(args.data / f"{d}.queries.jsonl")
        )
        what = f"the {args.split} splits" + (
            "" if held_out else "; the test split is held out (not in the data folder)"
        )

    print(f"claims.matching {MATCHER_VERSION}, weights fitted on the train splits; scoring {what}.")

    connection = None
    if not args.no_pg:
        try:
            connection = connect(args.database_url)
        except Exception as error:  # the pg_trgm leg needs PostgreSQL with the contrib package
            print(f"pg_trgm: not available ({type(error).__name__}: {error})".splitlines()[0][:160])

    results: dict[str, dict[str, dict[str, float]]] = {}
    rankers: dict[str, Ranker] = {}
    answers: tuple[list[dict], list[list[tuple[str, float]]]] = ([], [])
    for dataset in datasets:
        matcher = Ours(dataset)
        rankers[dataset.label] = matcher.rank
        methods: list[tuple[str, Ranker]] = [("ours", matcher.rank), ("BM25", PlainBM25(dataset.documents).rank)]
        if connection is not None:
            methods.append(("pg_trgm", Trigram(connection, dataset).rank))
        for name, method in methods:
            started = time.perf_counter()
            rankings = [method(q["query"]) for q in dataset.queries]
            scores = evaluate(dataset.queries, rankings)
            scores["ms"] = (time.perf_counter() - started) * 1000 / max(len(dataset.queries), 1)
            results.setdefault(dataset.label, {})[name] = scores
        answers[0].extend(dataset.queries)
        answers[1].extend(matcher.answers)

    rows = [("set", "queries", "claims", "method", "MAP@5", "R@1", "R@5", "ms/query")]
    for dataset in datasets:
        for name, s in results[dataset.label].items():
            rows.append(
                (
                    dataset.label,
                    str(len(dataset.queries)),
                    str(len(dataset.claims)),
                    name,
                    f"{s['map5']:.3f}",
                    f"{s['r1']:.3f}",
                    f"{s['r5']:.3f}",
                    f"{s['ms']:.1f}",
                )
            )
    print_table(rows)
    print()
    print("Our scores against the gold, all sets together: correct / suggested, by score band and place")
    print("\n".join(calibration(*answers)))
    print()

    memory_match, memory_article = speed(datasets, rankers)
    print(
        f"In memory (each set's fact-checked claims only), p50: match {memory_match:.1f} ms per claim, "
        f"article {memory_article:.1f} ms ({ARTICLE_CLAIMS} claims or the seed)"
    )
    match_p50 = article_p50 = "n/a"
    if not args.no_db:
        from bench import matching_db

        print()
        print("claim_match on PostgreSQL (bench/matching_db.py): dev queries as the claims of new articles")
        urls = matching_db.ensure(args.data, rebuild=False)
        if urls:
            timings = matching_db.run(urls, args.data, matching_db.ARTICLES)
            print("\n".join(matching_db.table(timings)))
            print("\n".join(matching_db.checked_quality(timings, args.data)))
            match_p50 = f"{timings['1m']['match'][0]:.1f}"
            article_p50 = f"{timings['1m']['article'][0]:.1f}"

    def metric(label: str, method: str) -> str:
        return f"{results[label][method]['map5']:.3f}" if label in results else "n/a"

    print(
        f"RESULT map5_2a={metric('2a', 'ours')} map5_2b={metric('2b', 'ours')} "
        f"bm25_map5_2a={metric('2a', 'BM25')} bm25_map5_2b={metric('2b', 'BM25')} "
        f"match_p50_ms={match_p50} article_p50_ms={article_p50}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
