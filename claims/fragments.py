"""What a segmentation run records beside claims: the page furniture and the language it found."""

from .models import Article, ArticleFragment, Claim


def fragments_replace(*, furniture: dict[int, list], rerun: set[int]) -> None:
    """Rewrite the furniture of the articles in `furniture` (article id -> boilerplate segments).

    Runs in the segmentation's transaction, after its claims are written. On a re-run (`rerun`) a
    claim may cover a piece of furniture (one a reviewer promoted or made from a selection): the
    claim wins and the furniture is not recorded over it.
    """
    if not furniture:
        return
    ArticleFragment.objects.filter(article_id__in=list(furniture)).delete()
    spans: dict[int, list[tuple[int, int]]] = {}
    for article_id, start, end in Claim.objects.filter(article_id__in=rerun).values_list("article_id", "start", "end"):
        spans.setdefault(article_id, []).append((start, end))
    ArticleFragment.objects.bulk_create(
        ArticleFragment(article_id=article_id, start=s.start, end=s.end, kind=s.kind, text=s.text)
        for article_id, segments in furniture.items()
        for s in segments
        if not any(s.start < end and start < s.end for start, end in spans.get(article_id, ()))
    )


def languages_record(languages: dict[int, tuple[str, str]]) -> None:
    """Store each article's detected language and, for one the segmenter does not serve, why it is unsplit."""
    groups: dict[tuple[str, str], list[int]] = {}
    for article_id, found in languages.items():
        groups.setdefault(found, []).append(article_id)
    for (code, reason), ids in groups.items():
        if code or reason:
            Article.objects.filter(pk__in=ids).update(detected_language=code, segmentation_error=reason)
