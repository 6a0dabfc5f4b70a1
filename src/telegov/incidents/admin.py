"""Where an administrator sets an organisation's NOC addresses, reminder days and webhook endpoints, and
reads the delivery log."""

from django.contrib import admin

from telegov.incidents.models import NotificationSettings, WebhookDelivery, WebhookEndpoint, WebhookMessage


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "emails", "reminder_days"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "organisation", "events", "active"]
    list_filter = ["active", "organisation"]


class DeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    can_delete = False
    readonly_fields = ["attempt", "at", "status_code", "error", "duration_ms", "next_attempt_at"]


@admin.register(WebhookMessage)
class WebhookMessageAdmin(admin.ModelAdmin):
    list_display = ["topic", "endpoint", "state", "attempts", "next_attempt_at", "delivered_at"]
    list_filter = ["state", "topic"]
    readonly_fields = ["endpoint", "topic", "body", "state", "attempts", "next_attempt_at", "claimed_at",
                       "claimed_by", "delivered_at"]
    inlines = [DeliveryInline]
