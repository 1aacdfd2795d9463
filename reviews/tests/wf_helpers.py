"""A claim in review with a source, and a verdict moved along the workflow, for the workflow tests."""

from claims.tests.factories import ClaimFactory
from reviews import services
from reviews.models import Rating
from reviews.services import source_add


def claim_in_review(*, reviewer, sources: int = 1, **claim_fields):
    claim = ClaimFactory(**claim_fields)
    services.claim_assign(claim=claim, actor=reviewer, assignee=reviewer)
    cited = [
        source_add(claim=claim, actor=reviewer, url=f"https://stats.example.org/table/{n}", title=f"Table {n}")
        for n in range(sources)
    ]
    return claim, cited


def submitted_verdict(*, reviewer, rating_slug: str = "false", **claim_fields):
    claim, cited = claim_in_review(reviewer=reviewer, **claim_fields)
    verdict = services.verdict_create(
        claim=claim,
        actor=reviewer,
        rating=Rating.objects.get(slug=rating_slug),
        summary="The figure is 3 percent, not 40.",
        explanation="<p>The statistics office table says otherwise.</p>",
        sources=cited,
    )
    services.verdict_submit(verdict=verdict, actor=reviewer)
    return claim, verdict
