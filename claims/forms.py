"""The admin's forms for adding an article and a feed."""

from django import forms

from factcheck.text import check_visible

from .ingest_url import url_check
from .models import Article, Feed
from .text import normalize_body, validate_body


class ArticleIngestForm(forms.ModelForm):
    """Adding an article in the admin: a URL alone (fetched), or a title and body, checked as every other ingest."""

    is_html = forms.BooleanField(required=False, label="The body is HTML")
    url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        label="URL",
        help_text="Alone, the page is fetched and its text extracted. With a body, it is where the text came from.",
    )

    class Meta:
        model = Article
        fields = ["url", "title", "body", "publisher", "author", "published_at", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["body"].required = False

    @property
    def fetches(self) -> bool:
        """True when the article is to be fetched from its URL (no body given)."""
        return not (self.cleaned_data.get("body") or "").strip()

    def clean(self):
        cleaned = super().clean()
        check_visible((cleaned.get("title") or "").strip(), field="title")
        body = cleaned.get("body") or ""
        if not body.strip():
            if not cleaned.get("url"):
                if "url" not in self.errors:
                    self.add_error("url", "Give a URL to fetch, or a title and a body.")
                return cleaned
            cleaned["url"] = url_check(cleaned["url"])
            return cleaned
        if not (cleaned.get("title") or "").strip():
            self.add_error("title", "The article needs a title.")
        validate_body(body)
        validate_body(normalize_body(body, is_html=cleaned.get("is_html", False)))
        return cleaned

    def validate_unique(self):
        # The ingest service decides what a duplicate is (same text or URL: the stored article comes back).
        return


class FeedForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https", label="Feed URL", help_text="RSS or Atom.")

    class Meta:
        model = Feed
        fields = ["url", "name", "publisher", "is_active", "poll_interval_minutes"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("url"):
            cleaned["url"] = url_check(cleaned["url"])
        return cleaned
