import factory

from claims.models import Article, Claim, Source
from claims.text import content_hash


class ArticleFactory(factory.django.DjangoModelFactory):
    """An article stored as-is (segmentation done, no claims): for tests that build claims themselves."""

    class Meta:
        model = Article

    title = factory.Faker("sentence", nb_words=6)
    body = factory.Faker("paragraph", nb_sentences=8)
    publisher = "Example News"
    url = factory.Sequence(lambda n: f"https://news.example.org/story/{n}")
    content_hash = factory.LazyAttribute(lambda article: content_hash(article.body))
    segmentation_status = Article.SegmentationStatus.DONE


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Faker("sentence", nb_words=12)
    original_text = factory.SelfAttribute("text")
    start = factory.Sequence(lambda n: n * 100)
    end = factory.LazyAttribute(lambda claim: claim.start + len(claim.text))
    checkworthiness = 0.6
    reasons = factory.LazyFunction(lambda: ["number"])
    claim_type = Claim.ClaimType.QUANTITY


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://data.example.org/report/{n}")
    normalized_url = factory.SelfAttribute("url")
    title = "Official report"
    publisher = "Statistics office"
    source_type = Source.SourceType.PRIMARY_DOCUMENT
