"""Article text: HTML to text, the stored form of a body, its content hash, and what a body may hold."""

import hashlib
import re
import unicodedata
from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import ValidationError

from factcheck.text import check_visible, strip_invisible

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
    """The stored form of an article body: NFC, Unix newlines, no surrounding blank space or soft hyphens."""
    if is_html:
        body = html_to_text(body)
    body = unicodedata.normalize("NFC", strip_invisible(body))
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return body.strip()


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def validate_body(body: str) -> None:
    if not body:
        raise ValidationError({"body": "The article body is empty."})
    size = len(body.encode("utf-8"))
    if size > settings.FACTCHECK_MAX_ARTICLE_BYTES:
        # The code sits on the field's error: a dict-shaped ValidationError drops a top-level code.
        limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
        raise ValidationError(
            {"body": ValidationError(f"The article body is {size} bytes; the limit is {limit}.", code="too_large")}
        )
    match = _CONTROL_CHARS.search(body)
    if match:
        message = f"The article body contains a control character (U+{ord(match.group()):04X})."
        raise ValidationError({"body": ValidationError(message, code="control_character")})
    check_visible(body, field="body", what="The article body")
