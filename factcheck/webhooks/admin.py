"""Admin pages for webhook subscriptions and deliveries, with replay."""

from django.contrib import admin, messages

from .delivery import webhook_delivery_replay
from .models import WebhookAttempt, WebhookDelivery, WebhookSubscription


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("url", "owner", "events", "is_active", "created_at")
    list_filter = ("is_active",)
    list_select_related = ("owner",)
    search_fields = ("url", "owner__username")
    # The signing secret is never shown again after creation.
    fields = ("owner", "url", "events", "is_active", "created_at", "updated_at")
    readonly_fields = ("owner", "url", "events", "created_at", "updated_at")

    def has_add_permission(self, request):
        return False


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = ("at", "status_code", "error", "duration_ms")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "subscription", "status", "attempts", "last_status_code", "created_at", "delivered_at")
    list_filter = ("status", "event")
    list_select_related = ("subscription",)
    search_fields = ("event_id", "subscription__url")
    fields = (
        "subscription", "event", "event_id", "status", "attempts", "last_status_code", "last_error",
        "next_attempt_at", "delivered_at", "created_at", "payload",
    )  # fmt: skip
    readonly_fields = fields
    inlines = [WebhookAttemptInline]
    actions = ["replay"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Send the selected deliveries again", permissions=["change"])
    def replay(self, request, queryset):
        deliveries = list(queryset)
        for delivery in deliveries:
            webhook_delivery_replay(delivery=delivery)
        self.message_user(request, f"Queued {len(deliveries)} deliveries again.", messages.SUCCESS)
