from telegov.incidents.models.incidents import Incident, IncidentEvent, IncidentReport
from telegov.incidents.models.notifications import (
    DeadlineReminder,
    NotificationSettings,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookMessage,
)

__all__ = [
    "DeadlineReminder", "Incident", "IncidentEvent", "IncidentReport", "NotificationSettings", "WebhookDelivery",
    "WebhookEndpoint", "WebhookMessage",
]
