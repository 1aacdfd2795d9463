"""Batch import: text files, directories of them, or JSONL, each article through `article_ingest`;
or lists of URLs (`--urls FILE`), each page fetched through `article_submit_url`."""

import itertools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from tqdm import tqdm

from claims.ingest import ArticleInput, article_ingest_batch
from claims.ingest_url import article_submit_url
from claims.models import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FIELDS = ("title", "body", "url", "publisher", "published_at")


class RecordError(Exception):
    """A record that cannot become an article; the message says why, for the summary."""


@dataclass
class Record:
    where: str  # "path" or "path:line", for messages
    article: ArticleInput | None = None
    error: str = ""
    url: str = ""  # a page to fetch (--urls) instead of an article


@dataclass
class Summary:
    new: list[int] = field(default_factory=list)
    duplicate: list[int] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    fetched: dict[int, str] = field(default_factory=dict)  # new article id -> where its URL was listed


class Command(BaseCommand):
    help = (
        "Import articles from text files (first line is the title), directories of them, or JSONL files "
        '({"title", "body", "url", "publisher", "published_at"} per line), or pages listed by URL (--urls FILE). '
        "Bad records are reported and skipped."
    )
    # Imports run often (a feed every few minutes) and need none of what the system checks cover
    # (admin, URLs, security settings; `check --deploy` and `migrate` run them on each deploy):
    # they were a sixth of the command's start-up, 0.14 s, during which no worker has anything to do.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Text files, JSONL files or directories.")
        parser.add_argument(
            "--urls",
            action="append",
            type=Path,
            default=[],
            metavar="FILE",
            help="A file of page URLs, one per line (blank lines and # comments skipped); each page is fetched.",
        )
        parser.add_argument(
            "--sync", action="store_true", help="Segment each article right away in this process (no worker)."
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")
        parser.add_argument("--batch-size", type=int, default=100, help="Articles committed together (default 100).")

    def handle(self, *args, paths, urls=(), sync=False, no_progress=False, batch_size=100, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if not paths and not urls:
            raise CommandError("Give files or directories to import, or --urls FILE.")
        files = list(self._files(paths))
        for path in urls:
            if not path.is_file():
                raise CommandError(f"{path}: no such file.")
        total = sum(_count_records(path) for path in files) + sum(_count_urls(path) for path in urls)
        records = itertools.chain(
            (record for path in files for record in _read_records(path)),
            (record for path in urls for record in _url_records(path)),
        )
        summary = Summary()
        with (
            _segment_inline(sync),
            tqdm(total=total, unit="article", file=sys.stderr, disable=no_progress, dynamic_ncols=True) as bar,
        ):
            while batch := list(islice(records, batch_size)):
                # One lookup, one insert and one commit per batch (each commit waits for the disk);
                # a refused record leaves nothing and the others stand. The batch's segmentation
                # is queued when it commits.
                with transaction.atomic():
                    self._import(batch, summary)
                bar.update(len(batch))

        self._report(summary, sync=sync)
        if summary.failed:
            raise CommandError(f"{len(summary.failed)} record(s) failed; see above.", returncode=1)

    def _files(self, paths: list[Path]) -> Iterator[Path]:
        for path in paths:
            if path.is_dir():
                found = sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES
                )
                if not found:
                    raise CommandError(f"{path}: no .txt or .jsonl files in this directory.")
                yield from found
            elif path.is_file():
                yield path
            else:
                raise CommandError(f"{path}: no such file or directory.")

    def _import(self, batch: list[Record], summary: Summary) -> None:
        readable = []
        for record in batch:
            if record.error:
                summary.failed.append((record.where, record.error))
            elif record.url:
                self._submit(record, summary)
            else:
                readable.append(record)
        results = article_ingest_batch(articles=[record.article for record in readable], created_by=None)
        for record, result in zip(readable, results, strict=True):
            if result.error is not None:
                summary.failed.append((record.where, _describe(result.error)))
            else:
                (summary.new if result.created else summary.duplicate).append(result.article.pk)

    def _submit(self, record: Record, summary: Summary) -> None:
        try:
            with transaction.atomic():
                article, created = article_submit_url(url=record.url, created_by=None)
        except ValidationError as error:
            summary.failed.append((record.where, _describe(error)))
            return
        (summary.new if created else summary.duplicate).append(article.pk)
        if created:
            summary.fetched[article.pk] = record.where

    def _report(self, summary: Summary, *, sync: bool) -> None:
        processed = len(summary.new) + len(summary.duplicate) + len(summary.failed)
        self.stdout.write(
            f"{processed} record(s): {len(summary.new)} new, {len(summary.duplicate)} duplicate, "
            f"{len(summary.failed)} failed."
        )
        if sync and summary.new:
            rows = Article.objects.filter(pk__in=summary.new).values_list("pk", "segmentation_status", "fetch_error")
            failed = sum(1 for _, status, _ in rows if status == Article.SegmentationStatus.FAILED)
            self.stdout.write(f"Segmented {len(summary.new) - failed}, segmentation failed for {failed}.")
            # A page that could not be had is this run's failure too, at the line that listed it.
            summary.failed += [
                (summary.fetched[pk], error) for pk, _, error in rows if error and pk in summary.fetched
            ]
        for where, reason in summary.failed:
            self.stderr.write(f"  {where}: {reason}")


def _count_records(path: Path) -> int:
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return 1
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _count_urls(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip() and not line.lstrip().startswith(b"#"))


def _url_records(path: Path) -> Iterator[Record]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.strip()
            if not line or line.startswith(b"#"):
                continue
            where = f"{path}:{number}"
            try:
                yield Record(where, url=line.decode("utf-8"))
            except UnicodeDecodeError as error:
                yield Record(where, error=f"not valid UTF-8 (byte {error.start})")


def _read_records(path: Path) -> Iterator[Record]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_records(path)
    else:
        yield _text_record(path)


def _text_record(path: Path) -> Record:
    where = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return Record(where, error=f"not valid UTF-8 (byte {error.start})")
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not title:
        return Record(where, error="the file is empty")
    return Record(where, article=ArticleInput(title=title, body=text))


def _jsonl_records(path: Path) -> Iterator[Record]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                yield Record(where, article=_jsonl_article(raw))
            except RecordError as error:
                yield Record(where, error=str(error))


def _jsonl_article(raw: bytes) -> ArticleInput:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RecordError(f"not valid UTF-8 (byte {error.start})") from None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise RecordError(f"invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise RecordError("each line must be a JSON object")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise RecordError(f"unknown field(s): {', '.join(unknown)}")
    for name in FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise RecordError(f"{name} must be a string")
    if not (data.get("body") or "").strip():
        raise RecordError("the body is empty")
    return ArticleInput(
        title=data.get("title") or "",
        body=data["body"],
        url=data.get("url") or None,
        publisher=data.get("publisher") or "",
        published_at=_parse_published_at(data.get("published_at")),
    )


def _parse_published_at(value: str | None):
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.combine(day, time.min) if day else None
    except ValueError:
        moment = None
    if moment is None:
        raise RecordError(f"published_at {value!r} is not an ISO 8601 date or date-time")
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def _describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


@contextmanager
def _segment_inline(enabled: bool):
    """With --sync, run each segmentation in this process right after its article commits."""
    from factcheck.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = previous or enabled
    try:
        yield
    finally:
        app.conf.task_always_eager = previous
