"""The public side of subscriptions: subscribe by e-mail (double opt-in), confirm, unsubscribe."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from telegov.core.forms import add_service_errors
from telegov.core.models import Organisation
from telegov.disclosure import services as actions
from telegov.disclosure.choices import Audience, Channel
from telegov.disclosure.forms import SubscribeForm


@require_http_methods(["GET", "POST"])
def subscribe(request, slug: str):
    page_owner = get_object_or_404(Organisation, slug=slug)
    language = request.GET.get("language", "ja")
    form = SubscribeForm(request.POST or None, organisation=page_owner,
                         initial={"language": language if language in ("ja", "en") else "ja"})
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_subscriber(None, page_owner, channel=Channel.EMAIL, audience=Audience.PUBLIC,
                                   **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "disclosure/subscription.html", {"page_owner": page_owner, "state": "pending"})
    return render(request, "disclosure/subscribe.html", {"page_owner": page_owner, "form": form},
                  status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def confirm(request, slug: str, token: str):
    return _change(request, slug, token, actions.confirm_subscription, "confirmed")


@require_http_methods(["GET", "POST"])
def stop(request, slug: str, token: str):
    return _change(request, slug, token, actions.unsubscribe, "stopped")


def _change(request, slug: str, token: str, action, done: str):
    page_owner = get_object_or_404(Organisation, slug=slug)
    # A GET only asks: mail scanners open links, and must not confirm or unsubscribe anyone.
    if request.method == "GET":
        return render(request, "disclosure/subscription.html", {"page_owner": page_owner, "state": f"ask-{done}"})
    if action(page_owner, token) is None:
        return render(request, "disclosure/subscription.html", {"page_owner": page_owner, "state": "unknown"},
                      status=404)
    return render(request, "disclosure/subscription.html", {"page_owner": page_owner, "state": done})
