"""A fetched page to an article: its bytes read in the right charset, its main text and metadata by trafilatura.

No boilerplate stripping of our own: trafilatura decides what the main text is (navigation, ads,
captions and "read more" boxes left out) and reads the title, author, date, site name and canonical URL.
"""

import codecs
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

import charset_normalizer
import trafilatura
from django.utils.dateparse import parse_datetime

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">, in the
# first bytes of the page, where the HTML standard says to look for it.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})?)""", re.IGNORECASE)
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
_SINGLE_BYTE = {"latin-1", "iso8859-1", "ascii", "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str
    author: str
    publisher: str
    published_at: datetime | None
    language: str
    canonical_url: str


def _codec(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def _decodes(raw: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(raw: bytes, content_type: str = "") -> tuple[str, str]:
    """The page as text and the charset it was read with: a byte-order mark, then the HTTP header,
    then the page's <meta>, each only if the bytes decode with it; else detection, else UTF-8."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), codec
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(raw[:4096])
    declared = [_codec(header.group(1) if header else None), _codec(meta.group(1).decode("ascii") if meta else None)]
    for codec in declared:
        text = _decodes(raw, codec)
        if text is None:
            continue
        if codec in _SINGLE_BYTE and not raw.isascii():
            # Single-byte charsets decode any bytes; a page that is valid UTF-8 was mislabelled.
            utf8 = _decodes(raw, "utf-8")
            if utf8 is not None:
                return utf8, "utf-8"
        return text, codec
    guesses = charset_normalizer.from_bytes(raw)
    best = guesses.best()
    # Undeclared legacy pages are mostly windows-1252, the web's default: take it when it reads about
    # as cleanly as the best guess (detection on short texts often picks a Baltic or Nordic cousin).
    western = next((guess for guess in guesses if _codec(guess.encoding) == "cp1252"), None)
    if best is not None and western is not None and western.chaos <= best.chaos + 0.05:
        best = western
    if best is not None and best.encoding:
        return str(best), _codec(best.encoding) or best.encoding
    return raw.decode("utf-8", errors="replace"), "utf-8"


def extract_article(html: str, *, url: str) -> ExtractedPage | None:
    """The article in `html` fetched from `url`, or None when the page holds no main text."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or not (document.text or "").strip():
        return None
    lang = _HTML_LANG.search(html[:4096])
    return ExtractedPage(
        text=document.text,
        title=(document.title or "").strip(),
        author=(document.author or "").strip()[:200],
        publisher=(document.sitename or "").strip()[:200],
        published_at=_parse_date(document.date),
        language=(lang.group(1) if lang else document.language or "").lower()[:16],
        canonical_url=document.url if (document.url or "").startswith(("http://", "https://")) else url,
    )


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parse_datetime(value) or datetime.strptime(value[:10], "%Y-%m-%d")
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def snapshot_pack(html: bytes) -> bytes:
    return zlib.compress(html, 6)


def snapshot_unpack(packed: bytes) -> bytes:
    return zlib.decompress(bytes(packed))
