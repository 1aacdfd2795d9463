"""Check-worthiness beside public yardsticks: CheckThat! 2024 Task 1 (English political debates).

Reads ../shared/data/checkworthiness/ct24_t1_en.jsonl in place (research use only: never copied into
the repository). Scored as a ranking, like the lab: average precision (AP) of each score against the
labels, on the dev split, for

  * our check-worthiness score (claims.segmentation.scoring.score, on the sentence as given);
  * "has a number": 1 when the sentence holds a digit or a number word, else 0;
  * TF-IDF + logistic regression trained on the train split in the same run (scikit-learn, a
    bench-only dependency), a stronger bag-of-words baseline.

on the dev split and on a held-out block of training debates (see HELD_OUT_SHARE). Our points are
fitted by bench/fit_checkworthiness.py and kept in scoring.py as named constants; the lab's test
split is held back by its maintainers.
Run with `make bench-checkworthiness`.
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "checkworthiness" / "ct24_t1_en.jsonl"
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|percent)\b",
    re.IGNORECASE,
)


# The lab's test debates are held back, and its dev sentences are drawn from the training debates,
# where a bag of words learns each debate's topics. To measure on debates nobody fitted on, the
# last fifth of the training split (ids follow the debates' order) is held out: our points and the
# "block" TF-IDF model are fitted on the first four fifths only.
HELD_OUT_SHARE = 0.2


def load(path: Path = DATA) -> dict[str, list[dict]]:
    splits: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                splits.setdefault(row["split"], []).append(row)
    train = sorted(splits["train"], key=lambda row: int(row["id"].rsplit("-", 1)[1]))
    cut = round(len(train) * (1 - HELD_OUT_SHARE))
    splits["fit"], splits["held_out"] = train[:cut], train[cut:]
    return splits


def our_scores(rows: list[dict]) -> list[float]:
    from claims.segmentation.scoring import score

    return [score(row["text"])[0] for row in rows]


def number_scores(rows: list[dict]) -> list[float]:
    return [1.0 if _NUMBER.search(row["text"]) else 0.0 for row in rows]


def tfidf_scores(train: list[dict], rows: list[dict]) -> list[float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    features = vectorizer.fit_transform([row["text"] for row in train])
    model = LogisticRegression(max_iter=2000, C=4.0)
    model.fit(features, [row["label"] for row in train])
    return list(model.predict_proba(vectorizer.transform([row["text"] for row in rows]))[:, 1])


def average_precision(labels: list[int], scores: list[float]) -> float:
    from sklearn.metrics import average_precision_score

    return float(average_precision_score(labels, scores))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from claims.segmentation import SEGMENTER_VERSION

    splits = load(args.data)
    train, fit, dev, held_out = splits["train"], splits["fit"], splits["dev"], splits["held_out"]
    print(
        f"CheckThat! 2024 Task 1 (en): train {len(train):,} sentences, dev {len(dev):,}; held-out debates: the "
        f"last {HELD_OUT_SHARE:.0%} of train ({len(held_out):,}), fitted by nothing below; "
        f"factcheck = claims.segmentation {SEGMENTER_VERSION}."
    )
    columns = []
    for rows, tfidf_train in ((dev, train), (held_out, fit)):
        labels = [row["label"] for row in rows]
        columns.append(
            (
                sum(labels) / len(labels),
                average_precision(labels, our_scores(rows)),
                average_precision(labels, number_scores(rows)),
                average_precision(labels, tfidf_scores(tfidf_train, rows)),
            )
        )
    names = (
        ("share check-worthy (AP of a random order)", ""),
        ("factcheck score", "named signals; points fitted on the first 4/5 of train"),
        ('"has a number"', "a digit or a number word"),
        ("TF-IDF + logistic regression", "dev: trained on all of train; held-out: on the first 4/5"),
    )
    width = max(len(name) for name, _ in names)
    print(f"{'scorer'.ljust(width)}  dev AP  held-out debates AP  note")
    print(f"{'-' * width}  ------  -------------------  ----")
    for i, (name, note) in enumerate(names):
        print(f"{name.ljust(width)}  {columns[0][i]:6.3f}  {columns[1][i]:19.3f}  {note}")
    ours_dev, ours_held, tfidf_dev, tfidf_held = columns[0][1], columns[1][1], columns[0][3], columns[1][3]
    print(
        f"RESULT dev_ap={ours_dev:.3f} tfidf_dev_ap={tfidf_dev:.3f} "
        f"held_out_ap={ours_held:.3f} tfidf_held_out_ap={tfidf_held:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
