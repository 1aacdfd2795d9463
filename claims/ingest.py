"""Articles coming in: one `ArticleInput` per article, stored once per text, segmentation queued on commit."""

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from factcheck.text import visible_text

from .models import Article
from .text import content_hash, normalize_body, validate_body


@dataclass(frozen=True, kw_only=True)
class ArticleInput:
    """An article as a caller hands it in (admin form, API, import file, seeds), before it is checked.

    The ingest checks and normalises it; blank optional values take the stored defaults there.
    """

    title: str
    body: str
    url: str | None = None
    publisher: str = ""
    author: str = ""
    published_at: datetime | None = None
    language: str = "en"
    is_html: bool = False  # the body is HTML, reduced to text on ingest


def _article_prepare(given: ArticleInput, *, created_by) -> Article:
    """An unsaved article in its stored form (normalised body, content hash), or a ValidationError."""
    validate_body(given.body)
    body = normalize_body(given.body, is_html=given.is_html)
    validate_body(body)
    title = unicodedata.normalize("NFC", visible_text((given.title or "").strip(), field="title").strip())
    if not title:
        raise ValidationError({"title": "The article needs a title."})
    return Article(
        title=title[:500],
        body=body,
        url=given.url or None,
        publisher=given.publisher or "",
        author=given.author or "",
        published_at=given.published_at,
        language=given.language or "en",
        content_hash=content_hash(body),
        created_by=created_by,
    )


def _article_clean(article: Article) -> None:
    # Uniqueness is checked by the callers, in bulk, and the database constraints back it.
    article.full_clean(exclude=["content_hash"], validate_unique=False, validate_constraints=False)


def _url_taken() -> ValidationError:
    # The code sits on the field's error: a dict-shaped ValidationError drops a top-level code.
    message = "Another article with different text already has this URL."
    return ValidationError({"url": ValidationError(message, code="unique")})


def article_ingest(*, article: ArticleInput, created_by) -> tuple[Article, bool]:
    """Store an article and queue its segmentation; identical content returns the stored article.

    Returns (article, created). Segmentation is queued only once the surrounding transaction
    commits, so a rolled-back ingest queues nothing.
    """
    prepared = _article_prepare(article, created_by=created_by)
    existing = Article.objects.filter(content_hash=prepared.content_hash).first()
    if existing is not None:
        return existing, False
    if prepared.url and Article.objects.filter(url=prepared.url).exists():
        raise _url_taken()
    _article_clean(prepared)
    try:
        # The savepoint lets a concurrent ingest of the same text lose the race cleanly.
        with transaction.atomic():
            prepared.save()
    except IntegrityError:
        existing = Article.objects.filter(content_hash=prepared.content_hash).first()
        if existing is None:
            raise
        return existing, False
    queue_segmentation([prepared.pk])
    return prepared, True


@dataclass(frozen=True)
class Ingested:
    """What became of one article given to article_ingest_batch."""

    article: Article | None  # None when the input was refused
    created: bool = False
    error: ValidationError | None = None


def article_ingest_batch(*, articles: list[ArticleInput], created_by) -> list[Ingested]:
    """article_ingest for many articles at once: one lookup of known texts and URLs, one insert.

    One result per input, in order. A refused input does not stop the others, and leaves nothing
    stored. Within the batch, a repeated text counts as a duplicate of its first occurrence.
    Segmentation is queued, in batches, when the surrounding transaction commits. If a concurrent
    ingest stores one of the same texts or URLs first, the batch is stored one article at a time
    instead, each with its own savepoint.
    """
    from simple_history.utils import bulk_create_with_history

    results: list[Ingested | None] = [None] * len(articles)
    prepared: dict[int, Article] = {}
    for index, given in enumerate(articles):
        try:
            prepared[index] = _article_prepare(given, created_by=created_by)
        except ValidationError as error:
            results[index] = Ingested(None, error=error)

    hashes = {article.content_hash for article in prepared.values()}
    known = {article.content_hash: article for article in Article.objects.filter(content_hash__in=hashes)}
    urls = {article.url for article in prepared.values() if article.url}
    taken = set(Article.objects.filter(url__in=urls).values_list("url", flat=True)) if urls else set()
    new: list[tuple[int, Article]] = []
    for index, article in prepared.items():
        if article.content_hash in known:
            results[index] = Ingested(known[article.content_hash])
            continue
        if article.url in taken:
            results[index] = Ingested(None, error=_url_taken())
            continue
        try:
            _article_clean(article)
        except ValidationError as error:
            results[index] = Ingested(None, error=error)
            continue
        known[article.content_hash] = article
        if article.url:
            taken.add(article.url)
        new.append((index, article))
        results[index] = Ingested(article, created=True)

    if new:
        try:
            with transaction.atomic():
                bulk_create_with_history([article for _, article in new], Article, default_user=created_by)
        except IntegrityError:
            # Another ingest stored one of these texts or URLs meanwhile: settle each input on its own.
            for index in prepared:
                results[index] = _ingest_one(articles[index], created_by=created_by)
            return results
        queue_segmentation([article.pk for _, article in new])
    return results


def _ingest_one(given: ArticleInput, *, created_by) -> Ingested:
    try:
        with transaction.atomic():
            article, created = article_ingest(article=given, created_by=created_by)
    except ValidationError as error:
        return Ingested(None, error=error)
    return Ingested(article, created=created)


def queue_segmentation(article_ids: list[int]) -> None:
    """Queue the articles' segmentation for when the transaction commits, in batches for the workers."""
    # Imported here: the tasks import the pipeline, which queues through this function.
    from .tasks import segment_article_task, segment_articles_task

    size = settings.FACTCHECK_SEGMENTATION_BATCH_SIZE
    batches = [article_ids[i : i + size] for i in range(0, len(article_ids), size)]

    def send():
        for batch in batches:
            if len(batch) == 1:
                segment_article_task.delay(batch[0])
            else:
                segment_articles_task.delay(batch)

    # robust: a broker outage must not undo the ingest; the sweep re-queues pending articles.
    transaction.on_commit(send, robust=True)
