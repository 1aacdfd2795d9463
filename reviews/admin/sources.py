from django.contrib import admin
from django.utils.text import Truncator

from claims.models import Source
from factcheck.admin_helpers import ReadOnlyHistoryAdmin, ViewOnlyAdminMixin

# --- sources ----------------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(ViewOnlyAdminMixin, ReadOnlyHistoryAdmin):
    """Sources are added on their claim's page (through `source_add`); here they are listed and read."""

    list_display = ("title_or_url", "claim_short", "source_type", "publisher", "added_by", "created_at")
    list_filter = ("source_type",)
    search_fields = ("url", "title", "publisher")
    list_select_related = ("claim", "added_by")
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    @admin.display(description="source", ordering="title")
    def title_or_url(self, source):
        return Truncator(source.title or source.url).chars(80)

    @admin.display(description="claim")
    def claim_short(self, source):
        return Truncator(source.claim.text).chars(80)
