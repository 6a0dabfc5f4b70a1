"""The REST API: one NinjaAPI with token or session auth; OpenAPI schema and docs at /api/docs."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from telegov import __version__


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        from django.utils import timezone

        from telegov.core.models import ApiToken

        found = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(token)).first()
        if found is None or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="telegov API",
    version=__version__,
    description="Operators, services, obligations, the rule book and the audit log. "
    "Authenticate with `Authorization: Bearer <token>` (create one with `telegov token USER`).",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    docs_url="/docs",
)



def _mount_routers() -> None:
    from telegov.core.api import router as core_router
    from telegov.obligations.api import router as obligations_router
    from telegov.rules.api import router as rules_router

    api.add_router("/", core_router)
    api.add_router("/", obligations_router)
    api.add_router("/", rules_router)
    api.add_router("/userinfo", "telegov.userinfo.api.router")
    api.add_router("/", "telegov.incidents.api.router")
    api.add_router("/transmission", "telegov.transmission.api.router")


_mount_routers()
