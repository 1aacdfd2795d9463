"""The admin's form for adding an article."""

from django import forms

from factcheck.text import check_visible

from .models import Article
from .text import normalize_body, validate_body


class ArticleIngestForm(forms.ModelForm):
    """Adding an article in the admin: the same checks and normalisation as every other ingest."""

    is_html = forms.BooleanField(required=False, label="The body is HTML")
    url = forms.URLField(required=False, max_length=2000, assume_scheme="https", label="URL")

    class Meta:
        model = Article
        fields = ["title", "body", "url", "publisher", "author", "published_at", "language"]

    def clean(self):
        cleaned = super().clean()
        check_visible((cleaned.get("title") or "").strip(), field="title")
        body = cleaned.get("body") or ""
        validate_body(body)
        validate_body(normalize_body(body, is_html=cleaned.get("is_html", False)))
        return cleaned

    def validate_unique(self):
        # The ingest service decides what a duplicate is (same text: the stored article comes back).
        return
