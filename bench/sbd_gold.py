"""Sentence-boundary gold sets (../shared/data/sbd/): boundary precision/recall/F1 and exact sentences.

Read in place from the shared data folder, never copied into the repository (licences). Each gold
document is one paragraph per line; peers are handed one paragraph at a time (they know nothing of
page layout), our segmenter the whole document, as the pipeline hands it an article.

A boundary is the start of a sentence other than the document's first; the starts of paragraphs
count too, so a tool that glues two paragraphs loses them. Offsets are compared on non-whitespace
characters, so a peer that trims or re-spaces its output is still aligned to the gold text.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SETS = (
    ("GUM news", "gum_news.jsonl"),
    ("GUM written", "gum_written.jsonl"),
    ("PUD news", "pud_news.jsonl"),
    ("EWT web", "ewt_test.jsonl"),
)
# Gold furniture blocks of GUM news and the kinds of ours that count as marking them.
FURNITURE_BLOCKS = {
    "head": ("headline", "subheading"),
    "dateline": ("dateline",),
    "caption": ("caption", "credit"),
}


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def spans_from_strings(text: str, pieces: list[str], offset: int = 0) -> list[tuple[int, int]]:
    """Align a tool's sentence strings to ``text`` by their non-whitespace characters."""
    spans = []
    pos = 0
    n = len(text)
    for piece in pieces:
        letters = [c for c in piece if not c.isspace()]
        if not letters:
            continue
        while pos < n and text[pos].isspace():
            pos += 1
        start = pos
        matched = 0
        while pos < n and matched < len(letters):
            if not text[pos].isspace():
                matched += 1
            pos += 1
        spans.append((offset + start, offset + pos))
    return spans


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    gold_sentences: int = 0
    # Ours only: gold blocks marked as furniture of the right kind, and body prose we flagged.
    blocks: Counter = field(default_factory=Counter)
    blocks_marked: Counter = field(default_factory=Counter)
    prose_flagged: list = field(default_factory=list)
    prose_as_heading: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_recall(self) -> float:
        return self.exact / self.gold_sentences if self.gold_sentences else 0.0


def _count(score: Score, doc: dict, spans: list[tuple[int, int]]) -> None:
    gold = [(s, e) for s, e, _ in doc["sentences"]]
    first = min(s for s, _ in gold)
    gold_starts = {s for s, _ in gold if s != first}
    ours = {s for s, _ in spans if s != first}
    score.tp += len(gold_starts & ours)
    score.fp += len(ours - gold_starts)
    score.fn += len(gold_starts - ours)
    predicted = set(spans)
    score.gold_sentences += len(gold)
    score.exact += sum(g in predicted for g in gold)


def score_peer(split, docs: list[dict]) -> Score:
    score = Score()
    for doc in docs:
        text = doc["text"]
        spans: list[tuple[int, int]] = []
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                spans.extend(spans_from_strings(line, split(line), offset=pos))
            pos += len(line) + 1
        _count(score, doc, spans)
    return score


def score_ours(segment, docs: list[dict], furniture: bool = False) -> Score:
    score = Score()
    for doc in docs:
        text = doc["text"]
        segments = segment(text)
        _count(score, doc, [(s.start, s.end) for s in segments])
        for start, end, block in doc["sentences"]:
            covering = [s for s in segments if s.start < end and s.end > start]
            if block == "p":
                flagged = [s for s in covering if s.is_boilerplate and s.kind not in ("headline", "subheading")]
                if flagged:
                    score.prose_flagged.append((doc["id"], text[start:end], [s.kind for s in flagged]))
                if any(s.kind in ("headline", "subheading") for s in covering):
                    score.prose_as_heading.append((doc["id"], text[start:end]))
            if furniture and block in FURNITURE_BLOCKS:
                score.blocks[block] += 1
                first = next((s for s in covering if s.start <= start < s.end or s.start >= start), None)
                if first is not None and first.kind in FURNITURE_BLOCKS[block]:
                    score.blocks_marked[block] += 1
    return score


def report(folder: Path, segment, splitters: list) -> str:
    """Print one table per gold set (ours, then each peer); return the RESULT fields."""
    if not folder.is_dir():
        print(f"\nGold sets: {folder} not found; skipped.")
        return "gold_sets=missing"
    fields = []
    for label, filename in SETS:
        docs = load(folder / filename)
        sentences = sum(len(doc["sentences"]) for doc in docs)
        ours = score_ours(segment, docs, furniture=True)
        scores = [("factcheck", ours)] + [(name, score_peer(split, docs)) for name, split in splitters]
        print(f"\n{label} ({filename}: {len(docs)} documents, {sentences:,} gold sentences)")
        print(f"{'tool':17}  boundary P  boundary R  boundary F1  exact sentences")
        print(f"{'-' * 17}  ----------  ----------  -----------  ---------------")
        for name, s in scores:
            print(f"{name:17}  {s.precision:10.3f}  {s.recall:10.3f}  {s.f1:11.3f}  {s.exact_recall:15.3f}")
        if ours.blocks:
            marked = ", ".join(f"{b} {ours.blocks_marked[b]}/{ours.blocks[b]}" for b in FURNITURE_BLOCKS)
            print(f"gold furniture blocks factcheck marks as such: {marked}")
        print(
            f"gold body prose factcheck flags as furniture: {len(ours.prose_flagged)}; calls a heading (still a "
            f"claim candidate): {len(ours.prose_as_heading)}"
        )
        for _, text, kinds in ours.prose_flagged:
            print(f"    {'/'.join(kinds)}: {text[:90]!r}")
        key = filename.split(".")[0]
        fields.append(f"{key}_f1={ours.f1:.3f}")
        if len(scores) > 1:
            fields.append(f"{key}_best_peer_f1={max(s.f1 for _, s in scores[1:]):.3f}")
        fields.append(f"{key}_prose_flagged={len(ours.prose_flagged)}")
        if ours.blocks:
            fields.append(f"{key}_captions={ours.blocks_marked['caption']}/{ours.blocks['caption']}")
    return " ".join(fields)
