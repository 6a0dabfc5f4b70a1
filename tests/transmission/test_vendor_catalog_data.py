"""Invariants of the shipped vendor catalog for the external-transmission scanner.

The catalog is read here with plain PyYAML so that these checks do not depend on the loader.
"""

import re
from pathlib import Path

import pytest
import yaml

CATALOG = Path(__file__).resolve().parents[2] / "src" / "telegov" / "transmission" / "data" / "vendors.yaml"

FIELDS = {
    "id",
    "domains",
    "organization",
    "country",
    "category",
    "purposes",
    "privacy_policy",
    "opt_out",
    "exemption",
    "source",
}
CATEGORIES = {
    "analytics",
    "advertising",
    "social",
    "tag_manager",
    "session_recording",
    "cdn",
    "customer_data",
    "consent",
    "chat",
    "video",
    "maps",
    "fonts",
    "payment",
    "security",
    "marketing_automation",
    "ab_testing",
    "other",
}
EXEMPTIONS = {None, "cdn_delivery", "security"}
ID_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
# A lower-case host name with at least two labels, no scheme, path or wildcard.
DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
JAPANESE_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

# Recipients that the catalog must cover, each identified by one domain it must list.
MUST_HAVE_DOMAINS = [
    # Google
    "google-analytics.com",
    "googletagmanager.com",
    "doubleclick.net",
    "googlesyndication.com",
    "fonts.googleapis.com",
    "maps.googleapis.com",
    "youtube.com",
    "recaptcha.net",
    "googleoptimize.com",
    # Meta
    "facebook.net",
    "facebook.com",
    "instagram.com",
    # LY Corporation (Yahoo! JAPAN, LINE)
    "yimg.jp",
    "yahoo.co.jp",
    "yjtag.jp",
    "line-scdn.net",
    # Other social networks
    "twitter.com",
    "ads-twitter.com",
    "tiktok.com",
    "pinterest.com",
    "linkedin.com",
    "licdn.com",
    # Microsoft, Adobe, Amazon
    "clarity.ms",
    "bing.com",
    "omtrdc.net",
    "tt.omtrdc.net",
    "typekit.net",
    "marketo.net",
    "amazon-adsystem.com",
    "cloudfront.net",
    "payments-amazon.com",
    # Global advertising, recommendation and attribution
    "criteo.com",
    "outbrain.com",
    "taboola.com",
    "appsflyer.com",
    "adjust.com",
    # Japanese advertising and affiliate networks
    "microad.jp",
    "i-mobile.co.jp",
    "socdm.com",
    "dynalyst.jp",
    "nend.net",
    "a8.net",
    "valuecommerce.com",
    "rakuten.co.jp",
    "afi-b.com",
    "zucks.net",
    "ladsp.com",
    "fout.jp",
    "gssprt.jp",
    "adingo.jp",
    "ad-stir.com",
    "popin.cc",
    "gunosy.com",
    "smartnews-ads.com",
    # Japanese customer-data, analytics, CX and marketing tools
    "treasuredata.com",
    "karte.io",
    "rtoaster.jp",
    "repro.io",
    "mieru-ca.com",
    "userheat.com",
    "ptengine.jp",
    "sprocket.bz",
    "ebis.ne.jp",
    "kaizenplatform.net",
    "segs.jp",
    "bdash-marketing.com",
    "sansan.com",
    "ai-messenger.jp",
    # Marketing automation and CRM
    "hs-scripts.com",
    "pardot.com",
    "exacttarget.com",
    "braze.com",
    # Chat
    "zendesk.com",
    "intercom.io",
    "chatplus.jp",
    "channel.io",
    # Consent
    "cookielaw.org",
    "cookiebot.com",
    "privacy-center.org",
    "cookieyes.com",
    # A/B testing and tag management
    "visualwebsiteoptimizer.com",
    "optimizely.com",
    "tiqcdn.com",
    # Monitoring and product analytics
    "nr-data.net",
    "browser-intake-datadoghq.com",
    "sentry.io",
    "mixpanel.com",
    "amplitude.com",
    "segment.com",
    "heapanalytics.com",
    "pendo.io",
    # Session recording
    "hotjar.com",
    "smartlook.com",
    "mouseflow.com",
    "fullstory.com",
    "logrocket.com",
    "contentsquare.net",
    "quantummetric.com",
    # CDN and security
    "cdnjs.cloudflare.com",
    "cloudflareinsights.com",
    "jsdelivr.net",
    "unpkg.com",
    "fastly.net",
    "akamaihd.net",
    "hcaptcha.com",
    # Payment
    "stripe.com",
    "paypal.com",
    "paypay.ne.jp",
    # Embeds and social plugins
    "vimeo.com",
    "twitch.tv",
    "spotify.com",
    "note.com",
    "hatena.ne.jp",
    "disqus.com",
    "addthis.com",
    "sharethis.com",
    "naver.net",
    "kakao.com",
]


def _load() -> list[dict]:
    with CATALOG.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict) and set(data) == {"vendors"}
    vendors = data["vendors"]
    assert isinstance(vendors, list)
    return vendors


VENDORS = _load()


def _ids(vendor: dict) -> str:
    return str(vendor.get("id"))


def test_catalog_has_at_least_170_vendors():
    assert len(VENDORS) >= 170


@pytest.mark.parametrize("vendor", VENDORS, ids=_ids)
def test_entry_has_exactly_the_schema_fields(vendor):
    assert set(vendor) == FIELDS


@pytest.mark.parametrize("vendor", VENDORS, ids=_ids)
def test_entry_values_are_well_formed(vendor):
    assert ID_RE.match(vendor["id"])

    domains = vendor["domains"]
    assert isinstance(domains, list) and domains
    for domain in domains:
        assert isinstance(domain, str) and DOMAIN_RE.match(domain), domain

    organization = vendor["organization"]
    assert set(organization) == {"ja", "en"}
    assert all(isinstance(name, str) and name.strip() for name in organization.values())

    assert isinstance(vendor["country"], str) and COUNTRY_RE.match(vendor["country"])
    assert vendor["category"] in CATEGORIES

    purposes = vendor["purposes"]
    assert set(purposes) == {"ja", "en"}
    assert purposes["ja"] and purposes["en"]
    assert all(isinstance(p, str) and p.strip() for p in purposes["ja"] + purposes["en"])
    assert len(purposes["ja"]) == len(purposes["en"])
    assert all(JAPANESE_RE.search(p) for p in purposes["ja"])

    assert isinstance(vendor["privacy_policy"], str) and vendor["privacy_policy"].startswith("https://")
    assert isinstance(vendor["source"], str) and vendor["source"].startswith("https://")
    assert vendor["opt_out"] is None or (
        isinstance(vendor["opt_out"], str) and vendor["opt_out"].startswith("https://")
    )
    assert vendor["exemption"] in EXEMPTIONS


def test_ids_are_unique():
    ids = [v["id"] for v in VENDORS]
    assert len(ids) == len(set(ids))


def test_each_domain_belongs_to_one_entry():
    owner: dict[str, str] = {}
    for vendor in VENDORS:
        for domain in vendor["domains"]:
            assert domain not in owner, f"{domain} is listed by {owner[domain]} and {vendor['id']}"
            owner[domain] = vendor["id"]


def test_exemptions_match_categories():
    for vendor in VENDORS:
        if vendor["exemption"] == "security":
            assert vendor["category"] == "security", vendor["id"]
        if vendor["exemption"] == "cdn_delivery":
            assert vendor["category"] in {"cdn", "fonts"}, vendor["id"]


@pytest.mark.parametrize("domain", MUST_HAVE_DOMAINS)
def test_must_have_vendor_is_present(domain):
    assert any(domain in vendor["domains"] for vendor in VENDORS)


def test_known_recipient_names():
    by_domain = {d: v for v in VENDORS for d in v["domains"]}
    assert by_domain["karte.io"]["organization"] == {"ja": "株式会社プレイド", "en": "PLAID, Inc."}
    for domain in ("yimg.jp", "yahoo.co.jp", "line-scdn.net"):
        assert by_domain[domain]["organization"] == {"ja": "LINEヤフー株式会社", "en": "LY Corporation"}
    assert by_domain["facebook.net"]["organization"]["en"] == "Meta Platforms, Inc."
    assert by_domain["google-analytics.com"]["organization"]["en"] == "Google LLC"
    # Yahoo! JAPAN and Yahoo Inc. (US) are different recipients.
    assert by_domain["yahoo.com"]["organization"]["en"] != "LY Corporation"
