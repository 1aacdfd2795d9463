"""The seed articles as data: read from seeds/articles/ exactly as stored (glued captions and all)."""

import json
from datetime import datetime
from pathlib import Path

from claims.ingest import ArticleInput

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"


def seed_articles() -> list[ArticleInput]:
    entries = json.loads((ARTICLES_DIR / "index.json").read_text(encoding="utf-8"))
    return [
        ArticleInput(
            title=entry["title"],
            body=(ARTICLES_DIR / entry["file"]).read_text(encoding="utf-8"),
            url=entry["url"],
            publisher=entry["publisher"],
            author=entry["author"],
            published_at=datetime.fromisoformat(entry["published_at"]),
        )
        for entry in entries
    ]
