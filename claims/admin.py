from django.contrib import admin, messages

from reviews.workflow import WorkflowError

from . import services
from .models import Article, Claim, Source


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "segmentation_status", "created_at")
    list_filter = ("segmentation_status",)
    search_fields = ("title",)
    actions = ("resegment_selected",)

    @admin.action(description="Re-segment selected articles")
    def resegment_selected(self, request, queryset):
        queued = 0
        for article in queryset.order_by("pk"):
            try:
                services.article_resegment(article=article, actor=request.user)
            except WorkflowError as refusal:
                # The refusal is about the person asking, so it holds for every selected article.
                messages.error(request, refusal.message)
                return
            queued += 1
        messages.success(request, f"Queued {queued} article{'s' if queued != 1 else ''} for segmentation.")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("text", "article", "status", "checkworthiness", "claim_type")
    list_filter = ("status", "claim_type")
    list_select_related = ("article",)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("url", "claim", "source_type")
    list_select_related = ("claim",)
