"""The article page on the desk: the whole text with claims linked and furniture marked by kind,
"Make claim" on each piece of furniture, and a claim from any selected span (exact offsets).

Registered over claims.admin.ArticleAdmin: the claims app cannot call the desk's services.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from claims.admin import ArticleAdmin
from claims.models import Article, ArticleFragment, Claim
from factcheck.admin_helpers import service_call

from .. import services


def article_marked_text(article: Article) -> str:
    """The body as HTML: each run of text a span carrying its offset (the selection script reads
    them), claims as links, furniture as marks labelled with their kind and a "Make claim" button."""
    body = article.body
    claims = list(Claim.objects.filter(article_id=article.pk).only("id", "start", "end", "status", "dismiss_reason"))
    fragments = list(ArticleFragment.objects.filter(article_id=article.pk))
    pieces = sorted(
        [(c.start, c.end, "claim", c) for c in claims] + [(f.start, f.end, "fragment", f) for f in fragments],
        key=lambda piece: piece[:3],
    )
    out, at = [], 0
    for start, end, what, item in pieces:
        if start < at:
            continue  # overlaps what is already shown (should not happen: claims and furniture are disjoint)
        out.append(_run(body, at, start))
        text = _run(body, start, end)
        if what == "claim":
            url = reverse("admin:claims_claim_change", args=[item.pk])
            furniture = item.dismiss_reason == Claim.DismissReason.FURNITURE
            css = "fc-claim fc-furniture-claim" if furniture else f"fc-claim fc-claim-{item.status}"
            out.append(format_html('<a class="{}" href="{}" data-claim="{}">{}</a>', css, url, item.pk, text))
        else:
            out.append(
                format_html(
                    '<mark class="fc-furniture" data-fragment="{}"><span class="fc-kind">{}</span>{}'
                    '<button type="submit" class="fc-promote" form="fc-promote-form" name="fragment" value="{}">'
                    "Make claim</button></mark>",
                    item.pk,
                    item.kind,
                    text,
                    item.pk,
                )
            )
        at = end
    out.append(_run(body, at, len(body)))
    return format_html_join("", "{}", ((piece,) for piece in out))


def _run(body: str, start: int, end: int) -> str:
    if start >= end:
        return ""
    return format_html('<span data-start="{}">{}</span>', start, body[start:end])


admin.site.unregister(Article)


@admin.register(Article)
class ArticleDeskAdmin(ArticleAdmin):
    change_form_template = "admin/claims/article/desk_change_form.html"

    class Media:
        css = {"all": ["claims/article.css"]}
        js = ["claims/article_select.js"]

    def get_urls(self):
        view = self.admin_site.admin_view(self.make_claim_view)
        return [path("<int:object_id>/make-claim/", view, name="claims_article_make_claim"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if article is not None:
            extra["marked_text"] = article_marked_text(article)
            extra["make_claim_url"] = reverse("admin:claims_article_make_claim", args=[article.pk])
        return super().change_view(request, object_id, form_url, extra)

    def make_claim_view(self, request, object_id):
        """POST a fragment id (promote it) or start/end offsets (a selected span); the services decide."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article.objects.only("id"), pk=object_id)
        back = reverse("admin:claims_article_change", args=[article.pk])
        given = request.POST
        if given.get("fragment", "").isdigit():
            fragment = get_object_or_404(ArticleFragment, pk=int(given["fragment"]), article_id=article.pk)
            call = lambda: services.claim_promote_fragment(fragment=fragment, actor=request.user)  # noqa: E731
            service_call(request, call, success=f"The {fragment.kind} is now a claim.")
        elif given.get("start", "").isdigit() and given.get("end", "").isdigit():
            start, end = int(given["start"]), int(given["end"])
            call = lambda: services.claim_create_from_span(article=article, start=start, end=end, actor=request.user)  # noqa: E731
            service_call(request, call, success="The selected text is now a claim.")
        else:
            self.message_user(request, "Select some text (or give start and end offsets) first.", level="error")
        return HttpResponseRedirect(back + "#fc-text")
