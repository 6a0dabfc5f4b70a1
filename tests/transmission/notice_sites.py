"""The fixture shop after a release that added the TikTok pixel, and the catalog entries the notice tests add
to the scanner's fixture catalog (test data, not catalog facts)."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.transmission import sites
from tests.transmission.conftest import FIXTURE_CATALOG
from tests.transmission.fixture_server import Reply, Request

TIKTOK_HOST = "analytics.tiktok.com"
TLS_NAMES = [*sites.TLS_NAMES, TIKTOK_HOST]
TIKTOK_TAG = f'<script src="https://{TIKTOK_HOST}/i18n/pixel/events.js"></script>'
TIKTOK_JS = """(function () {
  const query = new URLSearchParams({event: 'Pageview', url: location.href, anonymous_id: 'ttp_8f2k4m9q1z7x'});
  navigator.sendBeacon('https://analytics.tiktok.com/api/v2/pixel?' + query.toString());
})();"""
RELEASED_HOME = sites.HOME.replace("</head>", TIKTOK_TAG + "</head>", 1)

EXTRA_VENDORS = [
    {"id": "tiktok_pixel", "domains": ["tiktok.com"],
     "organization": {"ja": "TikTok Pte. Ltd.", "en": "TikTok Pte. Ltd."},
     "country": "SG", "category": "advertising",
     "purposes": {"ja": ["広告の効果の測定"], "en": ["Measuring how ads perform"]},
     "privacy_policy": "https://www.tiktok.com/legal/privacy-policy", "opt_out": None, "exemption": None,
     "source": "https://www.tiktok.com/legal/privacy-policy"},
    {"id": "plain_cdn", "domains": ["plain.example"],
     "organization": {"ja": "配信試験株式会社", "en": "Delivery Test K.K."},
     "country": "JP", "category": "cdn",
     "purposes": {"ja": ["画像の配信"], "en": ["Delivering images"]},
     "privacy_policy": "https://plain.example/privacy", "opt_out": None, "exemption": "cdn_delivery",
     "source": "https://plain.example/privacy"},
]


def released_shop(request: Request) -> Reply:
    if request.host == "www.shop.test" and request.path == "/":
        return Reply(RELEASED_HOME)
    if request.host == TIKTOK_HOST:
        return Reply(TIKTOK_JS, content_type="application/javascript") if request.path.endswith(".js") \
            else Reply(status=204)
    return sites.shop(request)


def write_notice_catalog(directory: Path) -> Path:
    """The fixture catalog plus the entries above, as one file for `--catalog`."""
    document = yaml.safe_load(FIXTURE_CATALOG.read_text(encoding="utf-8"))
    document["vendors"].extend(EXTRA_VENDORS)
    path = directory / "vendors.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path
