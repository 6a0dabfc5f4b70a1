"""The published notices, served from their static files: a public read never touches the database.
Validators and freshness follow the status page's files (telegov.disclosure.public)."""

from __future__ import annotations

import os
import re
import stat

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseNotModified

from telegov.disclosure.public import etag_of, is_fresh

CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".yaml": "application/yaml; charset=utf-8",
                 ".md": "text/markdown; charset=utf-8"}
CACHE_CONTROL = "public, max-age=60"
PUBLISHED_FILE = re.compile(r"(?:v\d{1,6}/)?(?:index\.html|notice\.yaml|notice\.md)?\Z", re.ASCII)


def published_notice(request, slug: str, site: str, path: str = ""):
    if not PUBLISHED_FILE.match(path):
        raise Http404("nothing is published here")
    name = path if path and not path.endswith("/") else path + "index.html"
    file_path = os.path.join(settings.DATA_DIR, "public", slug, "transmission", site, name)
    try:
        info = os.stat(file_path)
    except OSError:
        raise Http404("not published") from None
    if not stat.S_ISREG(info.st_mode):
        raise Http404("not published")
    if is_fresh(request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since"), info):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(open(file_path, "rb"),  # noqa: SIM115 - FileResponse closes it
                                content_type=CONTENT_TYPES[os.path.splitext(file_path)[1]])
    response["ETag"] = etag_of(info)
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    response["Access-Control-Allow-Origin"] = "*"
    return response
