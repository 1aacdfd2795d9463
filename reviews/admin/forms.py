"""Forms that read the admin's workflow POSTs; the services do the validating that matters."""

from django import forms
from django.contrib.auth import get_user_model

from claims.models import Claim, ClaimMatch, Source
from claims.segmentation import BOILERPLATE_KINDS
from factcheck.roles import GROUP_FOR_ROLE, Role

from ..models import Rating


def desk_users():
    """Active staff who review or edit: the people a claim can be assigned to."""
    groups = [GROUP_FOR_ROLE[Role.REVIEWER], GROUP_FOR_ROLE[Role.EDITOR]]
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name__in=groups)
        .distinct()
        .order_by("username")
    )


class StepForm(forms.Form):
    """A form of the claim page; `claim` is the claim it acts on (None on the claim list)."""

    def __init__(self, *args, claim: Claim | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim


class AssignForm(StepForm):
    assignee = forms.ModelChoiceField(queryset=desk_users(), label="Assign to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = desk_users()


class DismissForm(StepForm):
    reason = forms.ChoiceField(choices=Claim.DismissReason.choices)
    note = forms.CharField(required=False, max_length=2000)


class FurnitureForm(StepForm):
    kind = forms.ChoiceField(choices=[(kind, kind) for kind in sorted(BOILERPLATE_KINDS)])


class NoteForm(StepForm):
    note = forms.CharField(required=False, max_length=2000)


class ClaimEditForm(StepForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    claimant = forms.CharField(required=False, max_length=200)
    claimant_url = forms.CharField(required=False, max_length=2000, label="Claimant URL")
    tags = forms.CharField(required=False, help_text="Comma-separated.")

    def clean_tags(self):
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


class ScheduleForm(StepForm):
    due_at = forms.DateTimeField(
        required=False,
        label="Due",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Empty: no deadline.",
    )
    priority = forms.TypedChoiceField(choices=Claim.Priority.choices, coerce=int, initial=Claim.Priority.NORMAL)


class CommentForm(StepForm):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Write to the desk; @name tells someone."}),
        max_length=5000,
        label="Comment",
    )


class SplitForm(StepForm):
    at = forms.IntegerField(min_value=1, label="Split at character")


class SourceForm(StepForm):
    url = forms.CharField(max_length=2000, label="URL")
    title = forms.CharField(required=False, max_length=500)
    publisher = forms.CharField(required=False, max_length=200)
    published_at = forms.DateField(
        required=False, label="Published on", widget=forms.DateInput(attrs={"type": "date"})
    )
    archive_url = forms.CharField(required=False, max_length=2000, label="Archive URL")
    excerpt = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source_type = forms.ChoiceField(choices=Source.SourceType.choices, initial=Source.SourceType.OTHER)


class VerdictForm(StepForm):
    rating = forms.ModelChoiceField(queryset=Rating.objects.all(), empty_label="— choose a rating —")
    summary = forms.CharField(required=False, max_length=300, widget=forms.TextInput(attrs={"size": 80}))
    explanation = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "data-markdown-preview": "fc-explanation-preview"}),
        help_text="Markdown: **bold**, _italic_, [a link](https://…), lists with - or 1. "
        "The preview below is what readers will see.",
    )
    sources = forms.ModelMultipleChoiceField(
        queryset=Source.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label="Cited sources"
    )
    correction_note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Corrections only: shown to the public."
    )

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, claim=claim, **kwargs)
        self.fields["rating"].queryset = Rating.objects.order_by("order", "id")
        self.fields["sources"].queryset = Source.objects.filter(claim=claim)


class MatchForm(StepForm):
    """A suggestion of this claim to decide; one already decided is the service's to refuse (with why)."""

    match = forms.ModelChoiceField(
        queryset=ClaimMatch.objects.none(),
        label="Suggestion",
        error_messages={"invalid_choice": "This suggestion is not one of this claim's."},
    )

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, claim=claim, **kwargs)
        self.fields["match"].queryset = ClaimMatch.objects.filter(claim=claim)


def form_errors_text(form: forms.Form) -> str:
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = (field.label if field and field.label else name.replace("_", " ")) if name != "__all__" else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return "; ".join(parts)
