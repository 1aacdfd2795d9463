"""Admin pages for API tokens and webhooks (imported by reviews.admin)."""

from django.contrib import admin, messages

from .authentication import api_token_revoke
from .models import ApiToken, WebhookAttempt, WebhookDelivery, WebhookSubscription
from .webhooks import webhook_delivery_replay


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created with `manage.py apitoken USERNAME` (the key is shown once); here they are revoked."""

    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("user",)
    search_fields = ("prefix", "name", "user__username")
    readonly_fields = ("user", "prefix", "created_at", "last_used_at", "revoked_at")
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            api_token_revoke(token=token)
        self.message_user(request, f"Revoked {len(tokens)} token(s).", messages.SUCCESS)


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
