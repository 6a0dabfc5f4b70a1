"""The published notice as static files: DATA_DIR/public/<org>/transmission/<site>/ holds the latest version
(index.html, notice.yaml, notice.md) and every version under v<N>/, which is written once and never again."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings

from telegov.transmission import notice_render
from telegov.transmission.models import NoticeVersion
from telegov.transmission.models.scans import PublishedVersionIsFinal
from telegov.transmission.notice import to_yaml

FILES = {"index.html": notice_render.to_html, "notice.yaml": to_yaml, "notice.md": notice_render.to_markdown}


def site_directory(organisation_slug: str, site_slug: str) -> Path:
    return Path(settings.DATA_DIR) / "public" / organisation_slug / "transmission" / site_slug


def rendered(version: NoticeVersion) -> dict[str, bytes]:
    return {name: render(version.notice).encode("utf-8") for name, render in FILES.items()}


def _replace(path: Path, content: bytes) -> None:
    # A reader sees the old file or the new one, never half of one.
    if path.exists() and path.read_bytes() == content:
        return
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def _write_once(path: Path, content: bytes) -> None:
    try:
        with open(path, "xb") as out:
            out.write(content)
    except FileExistsError:
        if path.read_bytes() != content:
            raise PublishedVersionIsFinal(f"{path} already holds another text of this version") from None


def write_files(version: NoticeVersion) -> Path:
    """Write the version's files (once) and, when it is the site's newest version, the latest files."""
    site = version.site
    directory = site_directory(site.organisation.slug, site.slug)
    versioned = directory / f"v{version.number}"
    versioned.mkdir(parents=True, exist_ok=True)
    files = rendered(version)
    for name, content in files.items():
        _write_once(versioned / name, content)
    newest = NoticeVersion.objects.filter(site=site).order_by("-number").values_list("number", flat=True).first()
    if newest == version.number:
        for name, content in files.items():
            _replace(directory / name, content)
    return directory
