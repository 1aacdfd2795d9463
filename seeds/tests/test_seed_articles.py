"""The seed is the scraped article the product was built around, byte for byte; demo texts follow it."""

import hashlib
from datetime import UTC, datetime

from seeds.loader import ARTICLES_DIR, seed_articles

# sha256 of us-troops-niger.txt as scraped (shared/data/seed/): any edit, even of a newline, shows.
SEED_SHA256 = "5279005e85bfaff748850f58143e9d4d65ef7d2d058d597b50c2a07f252b6a26"


def test_the_seed_file_is_the_scraped_article_byte_for_byte():
    raw = (ARTICLES_DIR / "us-troops-niger.txt").read_bytes()

    assert hashlib.sha256(raw).hexdigest() == SEED_SHA256


def test_the_first_seed_article_is_the_scraped_one_titled_by_its_first_line():
    seed = seed_articles()[0]

    assert seed.body.encode("utf-8") == (ARTICLES_DIR / "us-troops-niger.txt").read_bytes()
    assert seed.title == seed.body.split("\n", 1)[0]
    assert seed.published_at == datetime(2024, 9, 17, tzinfo=UTC)
    assert "Photo from open sourcesA few months later" in seed.body


def test_demo_articles_are_credited_to_their_made_up_publisher_not_to_a_person():
    for article in seed_articles()[1:]:
        assert article.author.startswith(article.publisher)
        assert article.published_at.tzinfo is not None
