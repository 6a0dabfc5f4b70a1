"""The published policy, served from the static files written when it was published: a public
read never touches the database."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.utils._os import safe_join

CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf"}


def published_policy(request, slug: str, filename: str = "index.html"):
    try:
        path = safe_join(settings.DATA_DIR, "public", slug, "policy", filename)
    except SuspiciousFileOperation as error:
        raise Http404("no such file") from error
    suffix = path[path.rfind("."):]
    if suffix not in CONTENT_TYPES:
        raise Http404("no such file")
    try:
        return FileResponse(open(path, "rb"), content_type=CONTENT_TYPES[suffix])  # noqa: SIM115
    except FileNotFoundError as error:
        raise Http404("not published") from error
