"""import_articles --urls FILE: each listed page fetched; refusals and failed fetches reported by line."""

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article

pytestmark = pytest.mark.django_db(transaction=True)


def _run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *args, "--no-progress", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_a_list_of_urls_is_fetched_and_bad_lines_are_reported_by_number(site, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "\n".join(
            [
                "# pages to check this week",
                site.url("/news/homes"),
                "",
                site.url("/missing"),
                "not a url",
                "http://10.0.0.1/internal",
                site.url("/news/homes"),
                site.url("/news/grain"),
            ]
        ),
        encoding="utf-8",
    )

    out, err, error = _run("--urls", str(urls), "--sync")

    assert error is not None
    assert "6 record(s): 3 new, 1 duplicate, 2 failed." in out
    assert "Segmented 2, segmentation failed for 1." in out
    assert f"{urls}:4: The page answered 404." in err
    assert f"{urls}:5: url: Enter an http:// or https:// URL." in err
    assert f"{urls}:6: url: The host '10.0.0.1' resolves to 10.0.0.1, which is not a public address." in err
    done = Article.objects.filter(segmentation_status=Article.SegmentationStatus.DONE)
    assert sorted(done.values_list("url", flat=True)) == [site.url("/news/grain"), site.url("/news/homes")]


def test_urls_and_files_can_be_imported_together(site, tmp_path):
    (tmp_path / "story.txt").write_text("Jobs in May\nUnemployment fell to 4 percent in May.", encoding="utf-8")
    urls = tmp_path / "urls.txt"
    urls.write_text(site.url("/news/buses") + "\n", encoding="utf-8")

    out, err, error = _run(str(tmp_path / "story.txt"), "--urls", str(urls))

    assert error is None, err
    assert "2 record(s): 2 new, 0 duplicate, 0 failed." in out


def test_nothing_to_import_is_an_error():
    _, _, error = _run()

    assert "Give files or directories to import, or --urls FILE." in str(error)
