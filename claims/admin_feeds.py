"""The feed pages of the admin: editors add, change, pause and poll feeds, and see each one's errors."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from factcheck.api.permissions import request_roles
from factcheck.roles import Role

from .feeds import feed_create, feed_delete, feed_poll_now, feed_update
from .forms import FeedForm
from .models import Feed, FeedEntry


def _is_editor(request) -> bool:
    # Asked for every page's navigation: the roles are looked up once per request.
    return Role.EDITOR in request_roles(request)


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = (
        "name", "publisher", "is_active", "last_status", "error_short", "consecutive_failures",
        "last_polled_at", "next_poll_at",
    )  # fmt: skip
    list_filter = ("is_active", "last_status")
    search_fields = ("name", "url", "publisher")
    actions = ("poll_selected",)
    readonly_fields = (
        "last_status", "last_error", "consecutive_failures", "last_polled_at", "next_poll_at",
        "last_new_entries", "etag", "last_modified", "recent_entries",
    )  # fmt: skip
    fieldsets = [
        (None, {"fields": ["url", "name", "publisher", "is_active", "poll_interval_minutes"]}),
        (
            "Polling",
            {
                "fields": [
                    "last_status", "last_error", "consecutive_failures", "last_polled_at", "next_poll_at",
                    "last_new_entries", "etag", "last_modified",
                ]
            },
        ),
        ("Recent entries", {"fields": ["recent_entries"]}),
    ]  # fmt: skip

    # Editors manage feeds (integrators do it over the API); every door asks the role, not a model permission.
    def has_module_permission(self, request):
        return _is_editor(request)

    def has_view_permission(self, request, obj=None):
        return _is_editor(request)

    def has_add_permission(self, request):
        return _is_editor(request)

    def has_change_permission(self, request, obj=None):
        return _is_editor(request)

    def has_delete_permission(self, request, obj=None):
        return _is_editor(request)

    def get_fieldsets(self, request, obj=None):
        return self.fieldsets if obj is not None else self.fieldsets[:1]

    @admin.display(description="error")
    def error_short(self, feed):
        return Truncator(feed.last_error).chars(80) or "–"

    @admin.display(description="latest entries")
    def recent_entries(self, feed):
        entries = FeedEntry.objects.filter(feed=feed).select_related("article")[:20]
        if not entries:
            return "–"
        rows = []
        for entry in entries:
            if entry.article_id:
                where = reverse("admin:claims_article_change", args=[entry.article_id])
                rows.append((entry.title or entry.url, where, entry.article.get_segmentation_status_display()))
            else:
                rows.append((entry.title or entry.url, "#", entry.error or "not stored"))
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{1}">{0}</a> ({2})</li>', rows))

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in FeedForm.Meta.fields}
        if change:
            feed_update(feed=Feed.objects.get(pk=obj.pk), actor=request.user, **fields)
            return
        feed = feed_create(actor=request.user, **fields)
        obj.pk = feed.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        feed_delete(feed=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for feed in queryset.order_by("pk"):
            feed_delete(feed=feed, actor=request.user)

    def save_form(self, request, form, change):
        return form.save(commit=False)

    @admin.action(description="Poll selected feeds now")
    def poll_selected(self, request, queryset):
        feeds = list(queryset.order_by("pk"))
        for feed in feeds:
            feed_poll_now(feed=feed, actor=request.user)
        messages.success(request, f"Queued {len(feeds)} feed{'s' if len(feeds) != 1 else ''} to be polled.")
