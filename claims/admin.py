from django.contrib import admin

from .models import Article, Claim, Source


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "segmentation_status", "created_at")
    list_filter = ("segmentation_status",)
    search_fields = ("title",)


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("text", "article", "status", "checkworthiness", "claim_type")
    list_filter = ("status", "claim_type")
    list_select_related = ("article",)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("url", "claim", "source_type")
    list_select_related = ("claim",)
