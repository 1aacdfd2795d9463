"""Sources: http(s) URLs only, the same normalised URL once per claim, added while the claim is worked on."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.models import Source
from claims.tests.factories import ClaimFactory
from factcheck.errors import RoleForbidden, StateConflict
from reviews.services import normalize_source_url, source_add

pytestmark = pytest.mark.django_db


def test_a_source_is_stored_with_its_details_and_an_event(reviewer):
    claim = ClaimFactory()

    source = source_add(
        claim=claim,
        actor=reviewer,
        url="https://www.Stats.example.org/tables/unemployment/?utm_source=x&year=2024#row-3",
        title="Unemployment table",
        publisher="Statistics office",
        source_type="dataset",
        archive_url="https://web.archive.org/web/2024/https://stats.example.org/tables/unemployment",
    )

    assert source.normalized_url == "https://stats.example.org/tables/unemployment?year=2024"
    assert (source.added_by, source.source_type) == (reviewer, "dataset")
    assert source.accessed_at is not None
    assert claim.events.get(action="source_add").actor == reviewer


@pytest.mark.parametrize(
    "url", ["ftp://files.example.org/report.pdf", "javascript:alert(1)", "not a url", "", "file:///etc/passwd"]
)
def test_only_http_and_https_urls_are_accepted(reviewer, url):
    claim = ClaimFactory()

    with pytest.raises(ValidationError) as refusal:
        source_add(claim=claim, actor=reviewer, url=url)

    assert "url" in refusal.value.message_dict
    assert not Source.objects.filter(claim=claim).exists()


def test_the_same_normalised_url_is_not_added_twice_to_one_claim(reviewer):
    claim = ClaimFactory()
    source_add(claim=claim, actor=reviewer, url="https://stats.example.org/table?b=2&a=1")

    with pytest.raises(ValidationError, match="already attached"):
        source_add(claim=claim, actor=reviewer, url="http://WWW.stats.example.org/table/?a=1&b=2#top")

    assert Source.objects.filter(claim=claim).count() == 1
    other = ClaimFactory()
    source_add(claim=other, actor=reviewer, url="https://stats.example.org/table?b=2&a=1")


def test_normalisation_keeps_what_identifies_a_page():
    assert normalize_source_url("https://example.org:8443/a/B?x=1") == "https://example.org:8443/a/B?x=1"
    assert normalize_source_url("HTTP://Example.org:80/") == "https://example.org"


def test_sources_are_not_added_to_dismissed_claims_or_by_integrators(reviewer, integrator):
    dismissed = ClaimFactory(status="dismissed")
    with pytest.raises(StateConflict):
        source_add(claim=dismissed, actor=reviewer, url="https://example.org/a")
    with pytest.raises(RoleForbidden):
        source_add(claim=ClaimFactory(), actor=integrator, url="https://example.org/a")


def test_adding_a_source_in_the_admin_goes_through_the_same_validation(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_step", args=[claim.pk, "source_add"])

    bad = client.post(url, {"url": "javascript:alert(1)", "source_type": "other"}, follow=True)
    good = client.post(url, {"url": "https://example.org/report", "title": "Report", "source_type": "dataset"})

    assert [m.level_tag for m in get_messages(bad.wsgi_request)] == ["error"]
    assert good.status_code == 302
    assert list(claim.sources.values_list("url", "source_type")) == [("https://example.org/report", "dataset")]
