"""The desk's admin site: only reviewers and editors get in, and its home page is the dashboard.

Installed through `FactcheckAdminConfig` in INSTALLED_APPS, so `admin.site` and `@admin.register`
everywhere refer to this site. Models are imported inside methods: this module is loaded while the
app registry is still being populated.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import reverse
from django.utils.functional import cached_property


class FactcheckAdminSite(admin.AdminSite):
    site_header = "factcheck desk"
    site_title = "factcheck desk"
    index_title = "Dashboard"
    index_template = "admin/reviews/dashboard.html"
    site_url = None  # the public pages are per fact-check; there is no site home to link to

    def has_permission(self, request):
        """Staff in the Reviewers or Editors group (or superusers); integrators use the API only."""
        from factcheck.roles import Role, roles_of, roles_remember

        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if not user.is_superuser and not hasattr(user, "_fc_roles_read"):
            # Read once per request: every page asks again (the header, the app list, the bell).
            roles_remember(user=user, group_names=[group.name for group in user.groups.all()])
            user._fc_roles_read = True
        return user.is_superuser or bool(roles_of(user) & {Role.REVIEWER, Role.EDITOR})

    def each_context(self, request):
        context = super().each_context(request)
        if context.get("has_permission"):
            context["fc_bell"] = Bell(request.user)
        return context

    def index(self, request, extra_context=None):
        from claims.matches import claims_most_repeated
        from reviews import selectors

        per_state = selectors.dashboard_claims_per_state()
        per_rating = selectors.dashboard_verdicts_per_rating()
        per_week = selectors.dashboard_published_per_week(weeks=12)
        context = {
            "per_state": _bars([(label, n, value) for value, label, n in per_state]),
            "per_rating": _bars([(rating.label, n, rating.slug) for rating, n in per_rating]),
            "per_week": _columns(per_week),
            "my_work": selectors.dashboard_my_work(user=request.user),
            "overdue": selectors.dashboard_overdue_per_person(),
            "recent_actions": selectors.recent_actions(user=request.user),
            "most_repeated": claims_most_repeated(days=7, limit=10),
            **(extra_context or {}),
        }
        return super().index(request, extra_context=context)


class Bell:
    """The header's notification bell; the unread count is read only when a page shows it."""

    def __init__(self, user):
        self.user = user

    @property
    def url(self) -> str:
        return reverse("admin:reviews_notification_changelist")

    @cached_property
    def unread(self) -> str:
        """The count as the bell shows it ("" for none, "99+" beyond the cap)."""
        from reviews.selectors import UNREAD_COUNT_CAP, notification_unread_count

        n = notification_unread_count(user=self.user)
        if n >= UNREAD_COUNT_CAP:
            return f"{UNREAD_COUNT_CAP - 1}+"
        return str(n) if n else ""


def _bars(rows):
    """Rows of (label, count, key) with the bar width as a percentage of the largest count."""
    top = max((n for _, n, _ in rows), default=0) or 1
    return [{"label": label, "count": n, "key": key, "percent": round(100 * n / top, 1)} for label, n, key in rows]


def _columns(weeks, *, height=120, width=30, gap=16):
    """Geometry for an inline SVG column chart of (week start, count)."""
    top = max((n for _, n in weeks), default=0) or 1
    columns = []
    for i, (week, n) in enumerate(weeks):
        h = round(height * n / top)
        columns.append({"week": week, "count": n, "x": i * (width + gap), "y": height - h, "height": h})
    return {"columns": columns, "width": len(weeks) * (width + gap), "height": height, "bar": width}


class FactcheckAdminConfig(AdminConfig):
    default_site = "reviews.admin_site.FactcheckAdminSite"
