"""What changed in a resubmitted verdict since the editor last saw it.

The editor last saw the version they sent back: its history entry as it stood submitted, just
before they requested changes (`decided_at`). The history keeps each entry's cited sources too
(simple-history's m2m snapshot), so the comparison needs nothing stored beside it.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.apps import apps

from claims.models import Source

from .models import Rating, Verdict

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class VerdictChanges:
    since: object  # when the editor sent it back
    editor: object
    rating: tuple[str, str] | None = None  # (before, now)
    summary: list[tuple[str, str]] | None = None  # (op, text): "same", "removed", "added"
    explanation: list[tuple[str, str]] | None = None
    sources_added: list = field(default_factory=list)
    sources_removed: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.rating or self.summary or self.explanation or self.sources_added or self.sources_removed)


def word_diff(before: str, after: str) -> list[tuple[str, str]] | None:
    """The words of `after` against `before` as (op, text) runs; None when they are the same."""
    if before == after:
        return None
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    runs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(new[j1:j2])))
            continue
        if i2 > i1:
            runs.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("added", "".join(new[j1:j2])))
    return runs


def verdict_changes(verdicts) -> dict[int, VerdictChanges]:
    """For each submitted verdict an editor sent back before, what changed since; a few queries for all."""
    sent_back = [v for v in verdicts if v.status == Verdict.Status.SUBMITTED and v.decided_at is not None]
    if not sent_back:
        return {}
    by_id = {v.pk: v for v in sent_back}
    # The last submitted state before each decision is what the editor saw.
    seen = {}
    records = Verdict.history.filter(id__in=by_id, status=Verdict.Status.SUBMITTED).order_by(
        "id", "history_date", "history_id"
    )
    for record in records:
        if record.history_date <= by_id[record.id].decided_at:
            seen[record.id] = record
    # Each history entry's snapshot of the cited sources (simple-history's m2m history model).
    snapshots = apps.get_model("reviews", "HistoricalVerdict_sources").objects.filter(
        history_id__in=[record.history_id for record in seen.values()]
    )
    cited_then = {}
    for history_id, source_id in snapshots.values_list("history_id", "source_id"):
        cited_then.setdefault(history_id, set()).add(source_id)
    old_sources = {pk: cited_then.get(record.history_id, set()) for pk, record in seen.items()}
    cited_now = {pk: {s.pk: s for s in by_id[pk].sources.all()} for pk in seen}
    removed_ids = set().union(*(old_sources[pk] - set(cited_now[pk]) for pk in seen))
    sources = Source.objects.in_bulk(removed_ids) if removed_ids else {}
    changed_ratings = {seen[pk].rating_id for pk in seen if seen[pk].rating_id != by_id[pk].rating_id}
    ratings = dict(Rating.objects.filter(pk__in=changed_ratings).values_list("pk", "label")) if changed_ratings else {}
    result = {}
    for pk, record in seen.items():
        verdict = by_id[pk]
        now_cited = cited_now[pk]
        before = old_sources[pk]
        changes = VerdictChanges(
            since=verdict.decided_at,
            editor=verdict.editor,
            summary=word_diff(record.summary, verdict.summary),
            explanation=word_diff(record.explanation, verdict.explanation),
            sources_added=[s for spk, s in now_cited.items() if spk not in before],
            sources_removed=[sources[spk] for spk in sorted(before - set(now_cited)) if spk in sources],
        )
        if record.rating_id != verdict.rating_id:
            changes.rating = (ratings.get(record.rating_id, "?"), verdict.rating.label)
        result[pk] = changes
    return result
