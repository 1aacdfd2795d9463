"""Writes to articles, claims and sources. Views, admin actions and tasks call these."""

import hashlib
import logging
import re
import time
import unicodedata
from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Article, Claim

logger = logging.getLogger(__name__)

# C0/C1 control characters other than tab and newline never belong in an article body.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "figure", "figcaption", "section", "article", "header", "footer", "tr", "table", "hr",
}  # fmt: skip
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "head"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r" *\n[ \n]*", lambda m: "\n\n" if m.group().count("\n") > 1 else "\n", text)


def normalize_body(body: str, *, is_html: bool = False) -> str:
    """The stored form of an article body: NFC, Unix newlines, no surrounding blank space."""
    if is_html:
        body = html_to_text(body)
    body = unicodedata.normalize("NFC", body)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return body.strip()


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def validate_body(body: str) -> None:
    if not body:
        raise ValidationError({"body": "The article body is empty."})
    size = len(body.encode("utf-8"))
    if size > settings.FACTCHECK_MAX_ARTICLE_BYTES:
        raise ValidationError(
            {"body": f"The article body is {size} bytes; the limit is {settings.FACTCHECK_MAX_ARTICLE_BYTES}."},
            code="too_large",
        )
    match = _CONTROL_CHARS.search(body)
    if match:
        raise ValidationError(
            {"body": f"The article body contains a control character (U+{ord(match.group()):04X})."},
            code="control_character",
        )


def article_ingest(
    *,
    title: str,
    body: str,
    url: str | None = None,
    publisher: str = "",
    author: str = "",
    published_at=None,
    language: str = "en",
    created_by=None,
    is_html: bool = False,
) -> tuple[Article, bool]:
    """Store an article and queue its segmentation; identical content returns the stored article.

    Returns (article, created). Segmentation is queued only once the surrounding transaction
    commits, so a rolled-back ingest queues nothing.
    """
    validate_body(body)
    body = normalize_body(body, is_html=is_html)
    validate_body(body)
    title = unicodedata.normalize("NFC", (title or "").strip())
    if not title:
        raise ValidationError({"title": "The article needs a title."})
    digest = content_hash(body)

    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return existing, False
    if url and Article.objects.filter(url=url).exists():
        raise ValidationError({"url": "Another article with different text already has this URL."}, code="unique")

    article = Article(
        title=title[:500],
        body=body,
        url=url or None,
        publisher=publisher or "",
        author=author or "",
        published_at=published_at,
        language=language or "en",
        content_hash=digest,
        created_by=created_by,
    )
    article.full_clean(exclude=["content_hash"])
    try:
        # The savepoint lets a concurrent ingest of the same text lose the race cleanly.
        with transaction.atomic():
            article.save()
    except IntegrityError:
        existing = Article.objects.filter(content_hash=digest).first()
        if existing is None:
            raise
        return existing, False
    _queue_segmentation(article.pk)
    return article, True


def _queue_segmentation(article_id: int) -> None:
    from .tasks import segment_article_task

    # robust: a broker outage must not undo the ingest; the sweep re-queues pending articles.
    transaction.on_commit(lambda: segment_article_task.delay(article_id), robust=True)


def article_segment(*, article_id: int) -> bool:
    """Split a pending article into claims. Returns False when another worker already claimed it."""
    from .segmentation import SEGMENTER_VERSION, segment

    claimed = Article.objects.filter(pk=article_id, segmentation_status=Article.SegmentationStatus.PENDING).update(
        segmentation_status=Article.SegmentationStatus.RUNNING,
        segmentation_started_at=timezone.now(),
        segmentation_error="",
    )
    if claimed != 1:
        return False

    article = Article.objects.only("id", "body").get(pk=article_id)
    started = time.perf_counter()
    try:
        segments = [s for s in segment(article.body) if not s.is_boilerplate]
    except Exception as error:
        logger.exception("segmentation of article %s failed", article_id)
        Article.objects.filter(pk=article_id).update(
            segmentation_status=Article.SegmentationStatus.FAILED,
            segmentation_error=f"{type(error).__name__}: {error}"[:2000],
        )
        return True
    elapsed_ms = int((time.perf_counter() - started) * 1000)

    with transaction.atomic():
        Claim.objects.bulk_create(
            Claim(
                article_id=article_id,
                text=s.text,
                original_text=s.text,
                start=s.start,
                end=s.end,
                position=position,
                checkworthiness=s.checkworthiness,
                reasons=list(s.reasons),
                claim_type=s.claim_type,
                segmenter_version=SEGMENTER_VERSION,
            )
            for position, s in enumerate(segments)
        )
        Article.objects.filter(pk=article_id).update(
            segmentation_status=Article.SegmentationStatus.DONE,
            segmented_at=timezone.now(),
            segmentation_ms=elapsed_ms,
            segmenter_version=SEGMENTER_VERSION,
        )
    return True
