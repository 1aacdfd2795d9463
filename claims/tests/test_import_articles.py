"""import_articles: text files, directories and JSONL; bad records reported by line and skipped."""

import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article

pytestmark = pytest.mark.django_db(transaction=True)

HOMES = "The ministry said 4,000 homes were built in 2023. Critics said the real figure was closer to 2,500."
JOBS = "Unemployment fell to 4 percent in May. The central bank expects it to rise again next year."


def _line(**fields) -> bytes:
    return json.dumps(fields).encode() + b"\n"


def _run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *args, "--no-progress", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_text_files_in_a_directory_become_segmented_articles(tmp_path):
    (tmp_path / "homes.txt").write_text(f"Homes built last year\n\n{HOMES}\n", encoding="utf-8")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "jobs.txt").write_text(f"Jobs in May\n{JOBS}", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")

    out, err, error = _run(str(tmp_path))

    assert error is None, err
    assert "2 record(s): 2 new, 0 duplicate, 0 failed." in out
    articles = {a.title: a for a in Article.objects.all()}
    assert set(articles) == {"Homes built last year", "Jobs in May"}
    assert all(a.segmentation_status == Article.SegmentationStatus.DONE for a in articles.values())
    # The file's first line is the title and stays in the body, where a headline is a claim candidate too.
    assert articles["Jobs in May"].claims.count() == 3


def test_jsonl_records_keep_their_metadata(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        _line(
            title="Homes",
            body=HOMES,
            url="https://news.example.org/homes",
            publisher="Example News",
            published_at="2024-08-05T18:42:00+03:00",
        )
        + b"\n"
        + _line(title="Jobs", body=JOBS, published_at="2024-06-01")
    )

    out, _, error = _run(str(path))

    assert error is None
    assert "2 record(s): 2 new, 0 duplicate, 0 failed." in out
    homes = Article.objects.get(title="Homes")
    assert homes.url == "https://news.example.org/homes"
    assert homes.publisher == "Example News"
    assert homes.published_at == datetime(2024, 8, 5, 15, 42, tzinfo=UTC)
    assert Article.objects.get(title="Jobs").published_at == datetime(2024, 6, 1, tzinfo=UTC)


def test_bad_lines_are_reported_with_their_line_number_and_skipped(tmp_path, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 500
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        _line(title="Homes", body=HOMES)  # 1: fine
        + b'{"title": "Broken", "body": \n'  # 2: invalid JSON
        + b'{"title": "Latin-1", "body": "caf\xe9 prices rose"}\n'  # 3: invalid UTF-8
        + _line(title="Empty", body="   ")  # 4: empty body
        + _line(title="Huge", body="Prices rose. " * 100)  # 5: over the size limit
        + _line(title="Jobs", body=JOBS, published_at="last Tuesday")  # 6: bad date
        + _line(title="Homes again", body=HOMES)  # 7: duplicate of line 1
        + _line(title="Jobs", body=JOBS)  # 8: fine
    )

    out, err, error = _run(str(path))

    assert error is not None
    assert error.returncode == 1
    assert "8 record(s): 2 new, 1 duplicate, 5 failed." in out
    assert f"{path}:2: invalid JSON" in err
    assert f"{path}:3: not valid UTF-8" in err
    assert f"{path}:4: the body is empty" in err
    assert f"{path}:5: body: The article body is 1300 bytes; the limit is 500." in err
    assert f"{path}:6: published_at 'last Tuesday' is not an ISO 8601 date" in err
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Homes", "Jobs"]


def test_refused_record_leaves_nothing_behind(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        _line(title="Homes", body=HOMES, url="https://news.example.org/story")
        + _line(title="Other text, same URL", body=JOBS, url="https://news.example.org/story")
    )

    out, err, error = _run(str(path))

    assert error is not None
    assert "1 new, 0 duplicate, 1 failed" in out
    assert "url: Another article with different text already has this URL." in err
    assert list(Article.objects.values_list("title", flat=True)) == ["Homes"]


def test_unknown_fields_and_wrong_types_are_refused(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        _line(title="Homes", body=HOMES, author="Someone")
        + _line(title="Jobs", body=["not", "a", "string"])
        + b"[1, 2]\n"
    )

    _, err, error = _run(str(path))

    assert error is not None
    assert ":1: unknown field(s): author" in err
    assert ":2: body must be a string" in err
    assert ":3: each line must be a JSON object" in err
    assert Article.objects.count() == 0


def test_missing_path_is_an_error_before_anything_is_imported(tmp_path):
    (tmp_path / "homes.txt").write_text(f"Homes\n{HOMES}", encoding="utf-8")

    with pytest.raises(CommandError, match="no such file or directory"):
        call_command("import_articles", str(tmp_path / "homes.txt"), str(tmp_path / "missing.jsonl"))

    assert Article.objects.count() == 0
