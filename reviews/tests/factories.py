import factory

from claims.tests.factories import ClaimFactory
from factcheck.tests.factories import UserFactory
from reviews.models import Rating, Verdict


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    version = 1
    author = factory.SubFactory(UserFactory, role="reviewer")
    rating = factory.LazyFunction(lambda: Rating.objects.get(slug="false"))
    summary = "The figure is wrong."
    explanation = "<p>The official report gives a different number.</p>"
