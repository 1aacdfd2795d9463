import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from claims.models import Article, Claim
from seeds.loader import seed_articles

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _development(settings):
    # pytest-django runs tests with DEBUG off; the demo users exist only in development.
    settings.DEBUG = True


def test_seed_loads_the_article_with_its_claims_and_demo_users(capsys):
    call_command("seed")

    seeds = seed_articles()
    assert Article.objects.count() == len(seeds)
    article = Article.objects.get(title=seeds[0].title)
    assert article.published_at == seeds[0].published_at
    assert "Photo from open sourcesA few months later" in article.body
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    claims = list(article.claims.order_by("position"))
    assert claims, "the seed article produced no claims"
    for claim in claims:
        assert article.body[claim.start : claim.end] == claim.text
    users = {u.username: u for u in get_user_model().objects.prefetch_related("groups")}
    assert users["reviewer"].is_staff
    assert [g.name for g in users["reviewer"].groups.all()] == ["Reviewers"]
    assert users["editor"].is_staff
    assert [g.name for g in users["editor"].groups.all()] == ["Editors"]
    assert not users["integrator"].is_staff
    assert users["reviewer"].check_password("reviewer-demo-2024")
    assert "password: reviewer-demo-2024" in capsys.readouterr().out


def test_running_seed_twice_changes_nothing():
    call_command("seed")
    before = (Article.objects.count(), Claim.objects.count(), get_user_model().objects.count())

    call_command("seed")

    assert (Article.objects.count(), Claim.objects.count(), get_user_model().objects.count()) == before


def test_seed_refuses_demo_users_in_production(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG is false"):
        call_command("seed")

    assert get_user_model().objects.count() == 0
    assert Article.objects.count() == 0


def test_seed_without_users_works_in_production(settings):
    settings.DEBUG = False

    call_command("seed", "--no-users")

    assert Article.objects.count() == len(seed_articles())
    assert get_user_model().objects.count() == 0


def test_the_demo_has_two_editors_so_one_approves_the_verdict_the_other_wrote():
    from reviews.tests.api_helpers import published

    call_command("seed")
    users = {u.username: u for u in get_user_model().objects.filter(groups__name="Editors")}
    assert sorted(users) == ["editor", "editor2"]
    assert users["editor2"].is_staff
    assert users["editor2"].check_password("editor2-demo-2024")

    # an editor writes the verdict on a seed claim, the other approves it: four eyes
    claim = Claim.objects.order_by("position").first()
    claim, verdict = published(reviewer=users["editor"], editor=users["editor2"], claim=claim)

    assert claim.status == "published"
    assert (verdict.author, verdict.editor) == (users["editor"], users["editor2"])
