"""Serving the published status files with no database and almost no work per request: a WSGI layer in
front of Django (the production server) and a plain view (everything else, e.g. the test server).
Both answer with ETag, Last-Modified and a short max-age, so that a CDN absorbs a spike."""

from __future__ import annotations

import os
import re
import stat
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified

PREFIX = "/status/"
# Set in the WSGI environ of requests answered from the published files.
SERVED = "telegov.status_file"
CACHE_CONTROL = "public, max-age=15, stale-while-revalidate=30"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".atom": "application/atom+xml; charset=utf-8",
}
# <slug>/[en/][incidents/]<file>; anything else is not a published file.
PUBLISHED_PATH = re.compile(r"(?P<slug>[-\w]+)/(?P<file>(?:en/)?(?:incidents/)?(?:[\w-]+\.(?:html|json|atom))?)\Z",
                            re.ASCII)


def locate(path_info: str) -> tuple[str, os.stat_result] | None:
    """The file and its stat for a request path under /status/, or None when nothing is published there."""
    found = PUBLISHED_PATH.match(path_info, len(PREFIX)) if path_info.startswith(PREFIX) else None
    if found is None:
        return None
    name = found["file"] or "index.html"
    if name.endswith("/"):
        name += "index.html"
    path = os.path.join(settings.DATA_DIR, "public", found["slug"], "status", name)
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (path, info) if stat.S_ISREG(info.st_mode) else None


def etag_of(info: os.stat_result) -> str:
    return f'"{info.st_mtime_ns:x}-{info.st_size:x}"'


def headers_of(path: str, info: os.stat_result) -> list[tuple[str, str]]:
    return [
        ("Content-Type", CONTENT_TYPES[os.path.splitext(path)[1]]),
        ("ETag", etag_of(info)),
        ("Last-Modified", formatdate(info.st_mtime, usegmt=True)),
        ("Cache-Control", CACHE_CONTROL),
        ("Access-Control-Allow-Origin", "*"),
        ("X-Content-Type-Options", "nosniff"),
    ]


def is_fresh(if_none_match: str | None, if_modified_since: str | None, info: os.stat_result) -> bool:
    """Whether the client's copy is current (RFC 9110 §13.1: If-None-Match wins over If-Modified-Since)."""
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag_of(info) in tags
    if if_modified_since:
        try:
            return int(info.st_mtime) <= parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError):
            return False
    return False


class StatusFiles:
    """WSGI middleware: GET and HEAD of a published file are answered here; all else goes to `application`."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        path_info = environ.get("PATH_INFO", "")
        if path_info.startswith(PREFIX) and environ["REQUEST_METHOD"] in ("GET", "HEAD"):
            found = locate(path_info)
            if found is not None:
                environ[SERVED] = True
                return self.serve(environ, start_response, *found)
        return self.application(environ, start_response)

    @staticmethod
    def serve(environ, start_response, path: str, info: os.stat_result):
        headers = headers_of(path, info)
        if is_fresh(environ.get("HTTP_IF_NONE_MATCH"), environ.get("HTTP_IF_MODIFIED_SINCE"), info):
            start_response("304 Not Modified", [header for header in headers if header[0] != "Content-Type"])
            return []
        try:
            handle = open(path, "rb")  # noqa: SIM115 - the server closes it after sending
        except OSError:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        # Size from the open file: a rename may have replaced the file since the stat.
        size = os.fstat(handle.fileno()).st_size
        start_response("200 OK", [*headers, ("Content-Length", str(size))])
        if environ["REQUEST_METHOD"] == "HEAD":
            handle.close()
            return []
        wrapper = environ.get("wsgi.file_wrapper")
        return wrapper(handle, 65536) if wrapper else _chunks(handle)


def _chunks(handle, size: int = 65536):
    with handle:
        while chunk := handle.read(size):
            yield chunk


def published_file(request, slug: str, path: str = ""):
    """The same files through Django; reads nothing lazy (no session, no user), hence no queries."""
    found = locate(f"{PREFIX}{slug}/{path}")
    if found is None:
        raise Http404("nothing is published here")
    file_path, info = found
    headers = dict(headers_of(file_path, info))
    if is_fresh(request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since"), info):
        response = HttpResponseNotModified()
    elif request.method == "HEAD":
        response = HttpResponse(content_type=headers["Content-Type"])
        response["Content-Length"] = str(info.st_size)
    else:
        handle = open(file_path, "rb")  # noqa: SIM115 - FileResponse closes it
        response = FileResponse(handle, content_type=headers["Content-Type"])
    for name, value in headers.items():
        if name != "Content-Type":
            response[name] = value
    return response


def public_path(slug: str, name: str = "index.html") -> Path:
    return Path(settings.DATA_DIR) / "public" / slug / "status" / name
