"""article_resegment: untouched claims are replaced, everything a person worked on survives as it was."""

import pytest

from claims.ingest import ArticleInput, article_ingest
from claims.models import Article, Claim
from claims.pipeline import article_resegment
from claims.segmentation import segment
from claims.tests.factories import SourceFactory
from factcheck.errors import RoleForbidden
from reviews.models import WorkflowEvent
from reviews.tests.factories import VerdictFactory

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "The ministry said 4,000 homes were built in 2023. Critics said the real figure was closer to 2,500. "
    "The mayor promised 10,000 more by 2030. Rents rose 8 percent in the same year. "
    "The opposition blamed the rise on the new zoning law. Construction permits fell by a third. "
    "Officials expect prices to stabilise next year. Banks cut mortgage rates twice in 2024."
)


@pytest.fixture
def article() -> Article:
    article, _ = article_ingest(article=ArticleInput(title="Housing", body=BODY), created_by=None)
    assert article.claims.count() == 8
    return article


def _spans(article: Article) -> list[tuple[int, int, int]]:
    return list(article.claims.order_by("position").values_list("position", "start", "end"))


def _assert_consistent(article: Article) -> None:
    claims = list(article.claims.order_by("position"))
    assert [c.position for c in claims] == list(range(len(claims)))
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for before, after in zip(claims, claims[1:], strict=False):
        assert before.end <= after.start, "claims overlap"
    for claim in claims:
        assert article.body[claim.start : claim.end] == claim.original_text


def test_resegment_replaces_untouched_claims_and_keeps_every_touched_one(article, editor, reviewer):
    claims = list(article.claims.order_by("position"))
    # given: a person worked on six of the eight claims, each in a different way
    Claim.objects.filter(pk=claims[0].pk).update(assignee=reviewer, status=Claim.Status.IN_REVIEW)
    Claim.objects.filter(pk=claims[1].pk).update(text="Critics put the figure at about 2,500.")
    SourceFactory(claim=claims[2])
    VerdictFactory(claim=claims[3], author=reviewer)
    Claim.objects.filter(pk=claims[4].pk).update(
        status=Claim.Status.DISMISSED, dismiss_reason=Claim.DismissReason.OPINION
    )
    WorkflowEvent.objects.create(claim=claims[5], actor=reviewer, action="edit", from_state="new", to_state="new")
    touched = {c.pk: (c.start, c.end) for c in claims[:6]}
    untouched = {c.pk for c in claims[6:]}
    before = _spans(article)

    article_resegment(article=article, actor=editor)

    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    after = {c.pk: c for c in article.claims.all()}
    for pk, span in touched.items():
        assert pk in after, "a claim a person touched was deleted"
        assert (after[pk].start, after[pk].end) == span
    assert after[claims[1].pk].text == "Critics put the figure at about 2,500."
    assert after[claims[0].pk].assignee == reviewer
    assert not untouched & set(after), "untouched claims should have been replaced"
    assert _spans(article) == before
    _assert_consistent(article)


def test_new_segments_overlapping_a_kept_claim_are_dropped(article, editor):
    first, second, third, *_ = article.claims.order_by("position")
    # given: an editor split the first sentence by hand and merged the next two into one claim
    cut = first.start + first.text.index(" homes")
    Claim.objects.filter(pk=first.pk).update(
        end=cut, text=BODY[first.start : cut], original_text=BODY[first.start : cut]
    )
    Claim.objects.create(
        article=article,
        text=BODY[cut + 1 : first.end],
        original_text=BODY[cut + 1 : first.end],
        start=cut + 1,
        end=first.end,
        position=100,
        created_by=editor,
    )
    Claim.objects.filter(pk=second.pk).update(
        end=third.end, text=BODY[second.start : third.end], original_text=BODY[second.start : third.end]
    )
    WorkflowEvent.objects.create(claim=second, actor=editor, action="merge", from_state="new", to_state="new")
    Claim.objects.filter(pk=third.pk).delete()
    Claim.objects.filter(pk=first.pk).update(created_by=editor)

    article_resegment(article=article, actor=editor)

    article.refresh_from_db()
    segments = [s for s in segment(BODY) if not s.is_boilerplate]
    claims = list(article.claims.order_by("position"))
    # 2 halves + 1 merged claim stand where 3 segments would; the other 5 segments come back.
    assert len(claims) == 3 + (len(segments) - 3)
    assert [(c.start, c.end) for c in claims[:3]] == [
        (first.start, cut),
        (cut + 1, first.end),
        (second.start, third.end),
    ]
    assert [(c.start, c.end) for c in claims[3:]] == [(s.start, s.end) for s in segments[3:]]
    _assert_consistent(article)


def test_reviewer_may_not_resegment(article, reviewer):
    before = list(article.claims.values_list("pk", flat=True))

    with pytest.raises(RoleForbidden):
        article_resegment(article=article, actor=reviewer)

    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert sorted(article.claims.values_list("pk", flat=True)) == sorted(before)


def test_resegment_resets_the_attempt_count_and_records_a_fresh_run(article, editor):
    Article.objects.filter(pk=article.pk).update(
        segmentation_status=Article.SegmentationStatus.FAILED, segmentation_error="boom", segmentation_attempts=3
    )

    article_resegment(article=article, actor=editor)

    article.refresh_from_db()
    assert article.segmentation_status == Article.SegmentationStatus.DONE
    assert article.segmentation_attempts == 1
    assert article.segmentation_error == ""
    assert article.claims.count() == 8
