"""The seed articles as data: read from seeds/articles/ exactly as stored (glued captions and all)."""

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"


@dataclass(frozen=True)
class SeedArticle:
    title: str
    body: str
    url: str
    publisher: str
    author: str
    published_at: datetime


def seed_articles() -> list[SeedArticle]:
    entries = json.loads((ARTICLES_DIR / "index.json").read_text(encoding="utf-8"))
    return [
        SeedArticle(
            title=entry["title"],
            body=(ARTICLES_DIR / entry["file"]).read_text(encoding="utf-8"),
            url=entry["url"],
            publisher=entry["publisher"],
            author=entry["author"],
            published_at=datetime.fromisoformat(entry["published_at"]),
        )
        for entry in entries
    ]
