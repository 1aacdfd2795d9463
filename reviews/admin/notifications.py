"""The desk's inbox: each person's notifications, opening one marks it read; and what they want to hear about."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from factcheck.roles import is_desk

from .. import selectors
from ..models import Notification
from ..services.notifications import (
    Channels,
    notification_preferences,
    notification_preferences_set,
    notification_read,
    notifications_read_all,
)

INBOX_PAGE_SIZE = 50


class PreferencesForm(forms.Form):
    """Two checkboxes per kind: in the inbox, by e-mail."""

    def __init__(self, *args, current: dict[str, Channels], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Notification.Kind:
            self.fields[f"{kind}__in_app"] = forms.BooleanField(
                required=False, initial=current[kind].in_app, label=f"{kind.label}: in the inbox"
            )
            self.fields[f"{kind}__email"] = forms.BooleanField(
                required=False, initial=current[kind].email, label=f"{kind.label}: by e-mail"
            )

    def rows(self):
        return [(kind.label, self[f"{kind}__in_app"], self[f"{kind}__email"]) for kind in Notification.Kind]

    def choices(self) -> dict[str, Channels]:
        data = self.cleaned_data
        return {
            kind: Channels(in_app=data[f"{kind}__in_app"], email=data[f"{kind}__email"]) for kind in Notification.Kind
        }


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Not a table of rows: the changelist is the viewer's own inbox."""

    def has_module_permission(self, request):
        return is_desk(request.user)

    def has_view_permission(self, request, obj=None):
        return is_desk(request.user) and (obj is None or obj.recipient_id == request.user.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("", view(self.inbox_view), name="reviews_notification_changelist"),
            path("<int:pk>/open/", view(self.open_view), name="reviews_notification_open"),
            path("read-all/", view(self.read_all_view), name="reviews_notification_read_all"),
            path("preferences/", view(self.preferences_view), name="reviews_notification_preferences"),
        ]

    def _context(self, request, title):
        if not is_desk(request.user):
            raise PermissionDenied
        return {**self.admin_site.each_context(request), "title": title, "opts": self.opts}

    def inbox_view(self, request):
        context = self._context(request, "Notifications")
        page = Paginator(selectors.notification_inbox(user=request.user), INBOX_PAGE_SIZE).get_page(
            request.GET.get("p")
        )
        context.update(page=page, unread=selectors.notification_unread_count(user=request.user))
        return TemplateResponse(request, "admin/reviews/notification/inbox.html", context)

    def open_view(self, request, pk):
        """Follow a notification to its claim; following it is reading it."""
        notification = notification_read(notification_id=pk, user=request.user)
        if notification is None:
            raise PermissionDenied
        if notification.claim_id is None:
            return HttpResponseRedirect(reverse("admin:reviews_notification_changelist"))
        return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[notification.claim_id]))

    def read_all_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        n = notifications_read_all(user=request.user)
        messages.success(request, f"Marked {n} notification{'s' if n != 1 else ''} as read.")
        return HttpResponseRedirect(reverse("admin:reviews_notification_changelist"))

    def preferences_view(self, request):
        context = self._context(request, "What you are told about")
        current = notification_preferences(user=request.user)
        form = PreferencesForm(request.POST or None, current=current)
        if request.method == "POST" and form.is_valid():
            notification_preferences_set(user=request.user, choices=form.choices())
            messages.success(request, "Your notification choices are saved.")
            return HttpResponseRedirect(reverse("admin:reviews_notification_preferences"))
        context.update(form=form, email=request.user.email)
        return TemplateResponse(request, "admin/reviews/notification/preferences.html", context)
