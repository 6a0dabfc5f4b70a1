"""The page where an organisation's administrators say who hears of incidents: NOC addresses, reminder
days and signed webhook endpoints, with the latest delivery attempts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from telegov.core.choices import Role
from telegov.core.forms import add_service_errors
from telegov.core.models import Organisation
from telegov.core.tenancy import require_write
from telegov.incidents import services
from telegov.incidents.forms import NotificationSettingsForm, WebhookForm
from telegov.incidents.models import NotificationSettings, WebhookDelivery, WebhookEndpoint
from telegov.incidents.models.notifications import default_reminder_days

# Where notifications go is the organisation's governance, not an editor's call.
MANAGER_ROLES = frozenset({Role.ADMIN, Role.CHIEF_MANAGER})


def _initial(organisation: Organisation) -> dict:
    found = NotificationSettings.objects.filter(organisation=organisation).first()
    return {"emails": "\n".join(found.emails if found else []),
            "reminder_days": ", ".join(str(d) for d in (found.reminder_days if found else default_reminder_days()))}


@login_required
@require_http_methods(["GET", "POST"])
def notifications_page(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    member = require_write(request.user, organisation)
    if member.role not in MANAGER_ROLES:
        raise PermissionDenied("only administrators and the chief manager set notifications")
    action = request.POST.get("action") if request.method == "POST" else None
    settings_form = NotificationSettingsForm(request.POST if action == "settings" else None,
                                             initial=_initial(organisation))
    webhook_form = WebhookForm(request.POST if action == "add_webhook" else None)
    form = {"settings": settings_form, "add_webhook": webhook_form}.get(action)
    if action == "remove_webhook":
        endpoint = get_object_or_404(WebhookEndpoint, pk=request.POST.get("endpoint"), organisation=organisation)
        services.remove_webhook(request.user, endpoint)
        return redirect(request.path)
    if form is not None and form.is_valid():
        try:
            if form is settings_form:
                services.save_notification_settings(request.user, organisation, **form.cleaned_data)
            else:
                services.add_webhook(request.user, organisation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(request.path)
    deliveries = WebhookDelivery.objects.filter(message__endpoint__organisation=organisation).select_related(
        "message__endpoint").order_by("-at", "-id")[:20]
    return render(request, "incidents/notifications.html", {
        "organisation": organisation, "membership": member, "settings_form": settings_form,
        "webhook_form": webhook_form, "endpoints": organisation.webhooks.all(), "deliveries": deliveries,
    })
