"""Which claims a person has worked on: re-segmentation replaces only the claims nobody touched.

Apps that let people work on claims register the rows that work leaves behind (a verdict, a
timeline entry) with `claim_work_register`; this app knows only the claim's own fields and sources.
"""

from django.db.models import Exists, F, OuterRef

from .models import Claim, Source

# (model, name of its foreign key to Claim) for every kind of row that marks a claim as worked on.
_WORK = [(Source, "claim")]


def claim_work_register(model, field: str = "claim") -> None:
    """Rows of `model` pointing at a claim through `field` mean a person worked on that claim."""
    if (model, field) not in _WORK:
        _WORK.append((model, field))


def claims_untouched(queryset):
    """The claims nobody has worked on: re-segmentation may replace these, and only these.

    Touched means assigned, moved out of `new` (dismissed, in review, ...), reworded, created by a
    person rather than the segmenter, or pointed at by a registered kind of work (a source, and
    whatever other apps register: verdicts, timeline events).
    """
    return queryset.filter(
        *(~Exists(model.objects.filter(**{field: OuterRef("pk")})) for model, field in _WORK),
        assignee__isnull=True,
        created_by__isnull=True,
        status=Claim.Status.NEW,
        text=F("original_text"),
    )
