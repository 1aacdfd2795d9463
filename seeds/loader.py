"""The seed articles as data: read from seeds/articles/ exactly as stored (glued captions and all).

The first entry of index.json is the seed: the article the product was built around, kept byte for
byte as it was scraped. The entries after it are demo texts written for the product.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from claims.ingest import ArticleInput

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"


def _published_at(value: str) -> datetime:
    # A date alone ("2024-09-17") is all the scraped seed tells; it stands for midnight UTC that day.
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def seed_articles() -> list[ArticleInput]:
    entries = json.loads((ARTICLES_DIR / "index.json").read_text(encoding="utf-8"))
    return [
        ArticleInput(
            title=entry["title"],
            # Bytes, not text mode: no newline translation, so the body is the file byte for byte.
            body=(ARTICLES_DIR / entry["file"]).read_bytes().decode("utf-8"),
            url=entry["url"],
            publisher=entry["publisher"],
            author=entry["author"],
            published_at=_published_at(entry["published_at"]),
        )
        for entry in entries
    ]
