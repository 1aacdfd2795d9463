"""Fit the points of the check-worthiness signals on the CheckThat! 2024 training debates.

Logistic regression on the named signals of claims.segmentation.scoring (one 0/1 column per
signal), fitted on the first four fifths of the training split (the last fifth is the bench's
held-out block, see bench/checkworthiness.py). The log-odds are scaled to points of the [0, 1]
score and printed as the BASE and WEIGHTS constants to paste into scoring.py: the data itself
never enters the repository. Run with `.venv/bin/python bench/fit_checkworthiness.py`.

Signals are chosen with `--cv`: five contiguous blocks of the fit sentences (ids follow the debates,
so each block is other debates), each scored by points fitted on the other four, beside TF-IDF +
logistic regression on the same folds. The held-out block is not read.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.checkworthiness import average_precision, load, tfidf_scores  # noqa: E402
from claims.segmentation import scoring  # noqa: E402

# Points per unit of log-odds, and the base for even odds: sentences rarely leave [0, 1].
SCALE = 0.1
EVEN_ODDS = 0.5
C = 1.0  # inverse strength of the L2 penalty


def matrix(rows: list[dict]):
    import numpy as np

    bits = [bit for bit, _ in scoring.SIGNALS]
    flags = [scoring.signals(row["text"]) for row in rows]
    return np.array([[1.0 if f & bit else 0.0 for bit in bits] for f in flags])


def fit(rows: list[dict], features=None) -> tuple[float, tuple[float, ...]]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(matrix(rows) if features is None else features, [row["label"] for row in rows])
    base = EVEN_ODDS + SCALE * float(model.intercept_[0])
    return round(base, 3), tuple(round(SCALE * float(c), 3) for c in model.coef_[0])


def cross_validate(rows: list[dict], folds: int = 5) -> tuple[float, float]:
    """Mean AP over contiguous folds of (our score as pasted: rounded points, clamped; TF-IDF)."""
    import numpy as np

    ours, tfidf = [], []
    features = matrix(rows)
    for test in np.array_split(np.arange(len(rows)), folds):
        train = np.setdiff1d(np.arange(len(rows)), test)
        base, points = fit([rows[i] for i in train], features[train])
        scores = np.round(np.clip(base + features[test] @ np.array(points), 0.0, 1.0), 3)
        labels = [rows[i]["label"] for i in test]
        ours.append(average_precision(labels, list(scores)))
        tfidf.append(average_precision(labels, tfidf_scores([rows[i] for i in train], [rows[i] for i in test])))
    return float(np.mean(ours)), float(np.mean(tfidf))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate on the fit block instead of fitting")
    args = parser.parse_args(argv)
    rows = load()["fit"]
    if args.cv:
        ours, tfidf = cross_validate(rows)
        print(f"5-fold CV on the fit block ({len(rows):,} sentences): ours AP {ours:.4f}, TF-IDF AP {tfidf:.4f}")
        return 0
    base, points = fit(rows)
    names = {value: name for name, value in vars(scoring).items() if name.startswith("_") and isinstance(value, int)}
    print(f"# fitted on {len(rows):,} sentences of the training debates: paste into claims/segmentation/scoring.py")
    print(f"BASE = {base}")
    print("WEIGHTS = (")
    for (bit, reason), p in zip(scoring.SIGNALS, points, strict=True):
        print(f"    ({names[bit]}, {json.dumps(reason)}, {p}),")
    print(")")
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
