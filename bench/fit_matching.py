"""Fit the matcher's weights on the CheckThat! 2021 train splits and print them for claims/matching/scoring.py.

For every train query of both sets, each of ``lexical_sources()`` proposes ``ranking.PER_SOURCE``
candidates, and the scorer's features and the signals ``rank()`` passes are computed for each. A
logistic regression (L2, each set weighing the same in total) fits ``BIAS``, ``FEATURE_WEIGHTS`` and
``SIGNAL_WEIGHTS``. The candidates are not re-weighted by class, so a score estimates the chance
that a proposed candidate is the query's claim; the calibration table printed below checks that on
the train splits. The dev splits are never read here: ``make bench-matching`` reports them. Run
with ``python bench/fit_matching.py``; paste the printed block into scoring.py and bump
``MATCHER_VERSION``.
"""

import argparse
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.matching import DATA, DEPTH, SETS, average_precision, load  # noqa: E402

L2 = 0.01
ITERATIONS = 60


def rows_for(dataset, per_source: int):
    """(gold, [(key, evidence, is_junk)]) per query: the scorer's features and the signals rank() passes."""
    from claims.matching import lexical_sources, normalise
    from claims.matching.ranking import gather
    from claims.matching.scoring import features

    sources = lexical_sources((key, normalise(text, context=title)) for key, text, title in dataset.documents)
    out = []
    for query in dataset.queries:
        q = normalise(query["query"])
        rows = []
        for key, (claim, signals) in gather(q, sources=sources, per_source=per_source).items():
            evidence = features(q, claim, sources[0])
            evidence.update({f"signal:{s.name}{suffix}": 0.0 for s in sources for suffix in ("", ":rank")})
            evidence.update({f"signal:{name}": value for name, value in signals.items()})
            rows.append((key, evidence, claim.is_junk))
        out.append((query["gold"], rows))
    return out


def fit(examples: list[tuple[list[float], int, float]], size: int) -> list[float]:
    """Weighted L2 logistic regression by Newton's method; the last weight is the bias."""
    w = [0.0] * (size + 1)
    for _ in range(ITERATIONS):
        gradient = [0.0] * (size + 1)
        hessian = [[0.0] * (size + 1) for _ in range(size + 1)]
        for x, y, weight in examples:
            x1 = [*x, 1.0]
            z = sum(a * b for a, b in zip(w, x1, strict=True))
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            for i in range(size + 1):
                gradient[i] += weight * (p - y) * x1[i]
                for j in range(size + 1):
                    hessian[i][j] += weight * p * (1 - p) * x1[i] * x1[j]
        for i in range(size):
            gradient[i] += L2 * w[i]
            hessian[i][i] += L2
        step = _solve(hessian, gradient)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    n = len(vector)
    a = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                factor = a[r][col] / a[col][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][n] / a[i][i] if abs(a[i][i]) > 1e-12 else 0.0 for i in range(n)]


def map5(queries, weigh) -> float:
    # Ordered as rank() orders: junk last, then by relatedness (a monotone function of the weighted sum).
    total = 0.0
    for gold, rows in queries:
        ordered = sorted(rows, key=lambda row: (row[2], -weigh(row[1])))
        total += average_precision(gold, [key for key, _, _ in ordered][:DEPTH])
    return total / max(len(queries), 1)


def calibration(queries, probability, places: int = 3, bins: int = 5) -> str:
    counts = {}
    for gold, rows in queries:
        ordered = sorted(rows, key=lambda row: (row[2], -probability(row[1])))
        for place, (key, evidence, _) in enumerate(ordered[:places]):
            cell = (place, min(int(probability(evidence) * bins), bins - 1))
            hits, total = counts.get(cell, (0, 0))
            counts[cell] = (hits + (key in gold), total + 1)
    header = "place  " + "  ".join(f"{b / bins:.1f}-{(b + 1) / bins:.1f}".rjust(11) for b in range(bins))
    lines = [header]
    for place in range(places):
        cells = [counts.get((place, b), (0, 0)) for b in range(bins)]
        lines.append(f"{place + 1:5}  " + "  ".join(f"{hits}/{total}".rjust(11) for hits, total in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from claims.matching import scoring
    from claims.matching.ranking import PER_SOURCE

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", default="train")
    parser.add_argument("--per-source", type=int, default=PER_SOURCE)
    args = parser.parse_args(argv)

    names = [*scoring.FEATURE_WEIGHTS, *(f"signal:{s}" for s in scoring.SIGNAL_WEIGHTS)]
    per_set = {label: rows_for(load(label, args.split, args.data), args.per_source) for label in SETS}
    examples = []
    for queries in per_set.values():
        # Each set counts the same in total; the scale only keeps the Newton steps well conditioned.
        weight = 10_000 / sum(len(rows) for _, rows in queries)
        for gold, rows in queries:
            examples.extend(
                ([evidence[n] for n in names], int(key in gold), weight) for key, evidence, junk in rows if not junk
            )
    weights = fit(examples, len(names))
    fitted = dict(zip(names, weights, strict=False))

    def current(evidence):
        return sum(scoring.FEATURE_WEIGHTS[n] * evidence[n] for n in scoring.FEATURE_WEIGHTS) + sum(
            scoring.SIGNAL_WEIGHTS[s] * evidence.get(f"signal:{s}", 0.0) for s in scoring.SIGNAL_WEIGHTS
        )

    def new(evidence):
        return sum(fitted[n] * evidence[n] for n in names)

    def probability(evidence):
        return 1 / (1 + math.exp(-(weights[-1] + new(evidence))))

    print(f"{args.split} splits, {args.per_source} candidates per query from each lexical source")
    print("set  gold in candidates  MAP@5 index order  MAP@5 current weights  MAP@5 fitted weights")
    for label, queries in per_set.items():
        reachable = sum(any(key in gold for key, _, _ in rows) for gold, rows in queries) / max(len(queries), 1)
        index_order = map5(queries, lambda evidence: evidence["signal:lexical:rank"])
        print(
            f"{label:3}  {reachable:18.3f}  {index_order:17.3f}  {map5(queries, current):21.3f}  "
            f"{map5(queries, new):20.3f}"
        )
    print()
    print("Calibration of the fitted score on the train splits: correct / candidates, by score, at each place")
    print(calibration([q for queries in per_set.values() for q in queries], probability))
    print()
    print("# Fitted weights (bench/fit_matching.py); every feature lies in [0, 1].")
    print(f"BIAS = {weights[-1]:.2f}")
    print("FEATURE_WEIGHTS = {")
    for name in scoring.FEATURE_WEIGHTS:
        print(f'    "{name}": {fitted[name]:.2f},')
    print("}")
    signals = ", ".join(f'"{s}": {fitted[f"signal:{s}"]:.2f}' for s in scoring.SIGNAL_WEIGHTS)
    print(f"SIGNAL_WEIGHTS = {{{signals}}}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
