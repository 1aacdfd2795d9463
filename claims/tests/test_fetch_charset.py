"""A page's bytes are read in its charset: from the HTTP header, the page's <meta>, or detection."""

from claims.extraction import decode_html
from claims.ingest_url import article_submit_url
from claims.models import Article, ArticleVersion
from factcheck.testing import Route

from .site import news_page

TEXT = [
    "Le ministère a déclaré que 4 000 logements ont été construits à Niamey en 2023, deux fois plus qu'en 2022.",
    "Les critiques ont affirmé que le chiffre réel était plus proche de 2 500, bien en deçà des promesses.",
]


def _served(site, path, body: bytes, content_type: str, run_on_commit):
    site.routes[path] = Route(body, content_type=content_type)
    with run_on_commit():
        article, _ = article_submit_url(url=site.url(path), created_by=None)
    return Article.objects.get(pk=article.pk)


def test_a_wrong_header_charset_gives_way_to_the_pages_meta(site, run_on_commit, db):
    # given a windows-1252 page whose server claims UTF-8
    page = news_page("Logements à Niamey", TEXT, lang="fr", meta_charset="windows-1252").encode("cp1252")

    article = _served(site, "/fr/wrong", page, "text/html; charset=utf-8", run_on_commit)

    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert TEXT[0] in article.body
    assert article.title == "Logements à Niamey"
    assert article.language == "fr"
    assert ArticleVersion.objects.get().charset == "cp1252"


def test_a_page_without_any_charset_is_detected(site, run_on_commit, db):
    page = news_page("Logements à Niamey", TEXT * 3, lang="fr", meta_charset="").encode("latin-1")

    article = _served(site, "/fr/none", page, "text/html", run_on_commit)

    assert TEXT[1] in article.body


def test_a_utf8_page_labelled_latin1_is_read_as_utf8(site, run_on_commit, db):
    page = news_page("Logements à Niamey", TEXT, lang="fr", meta_charset="").encode("utf-8")

    article = _served(site, "/fr/mislabelled", page, "text/html; charset=iso-8859-1", run_on_commit)

    assert TEXT[0] in article.body
    assert "Ã©" not in article.body


def test_xhtml_is_an_html_page(site, run_on_commit, db):
    page = news_page("Logements à Niamey", TEXT, lang="fr").encode("utf-8")

    article = _served(site, "/fr/xhtml", page, "application/xhtml+xml", run_on_commit)

    assert article.segmentation_status == Article.SegmentationStatus.DONE


def test_a_byte_order_mark_wins_over_everything():
    raw = "<p>café</p>".encode("utf-16")  # with its byte-order mark

    assert decode_html(raw, "text/html; charset=iso-8859-1") == ("<p>café</p>", "utf-16")
