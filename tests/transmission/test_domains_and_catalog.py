from pathlib import Path

import pytest
import yaml

from telegov.transmission.catalog import DATA_FILE, Catalog, CatalogError, Vendor, default_catalog
from telegov.transmission.domains import host_of, is_third_party, registrable_domain


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.example.co.jp", "example.co.jp"),
        ("a.b.example.co.jp", "example.co.jp"),
        ("region1.google-analytics.com", "google-analytics.com"),
        ("s.yimg.jp", "yimg.jp"),
        ("foo.city.kawasaki.jp", "city.kawasaki.jp"),  # an exception rule of the list
        ("alice.github.io", "alice.github.io"),  # private section: each user's site is its own
        ("WWW.Shop.Test.", "shop.test"),
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "localhost"),
    ],
)
def test_registrable_domain_follows_the_public_suffix_list(host, expected):
    assert registrable_domain(host) == expected


def test_subdomains_of_the_site_are_first_party_and_other_sites_third_party():
    assert not is_third_party("https://cdn.shop.test/app.js", "shop.test")
    assert is_third_party("https://shop.test.evil.example/x", "shop.test")
    assert is_third_party("https://bob.github.io/x", "alice.github.io")
    assert host_of("https://User@Example.COM:8443/path") == "example.com"
    assert host_of("not a url") == ""


def vendor(vendor_id: str, domains: list[str], name: str = "Example K.K.", **extra) -> Vendor:
    return Vendor.model_validate({
        "id": vendor_id, "domains": domains, "organization": {"ja": name, "en": name}, "country": "JP",
        "category": "analytics", "purposes": {"ja": ["分析"], "en": ["Analytics"]}, "source": "https://example.jp/",
        **extra,
    })


def test_lookup_prefers_the_most_specific_host_then_the_registrable_domain(fixture_catalog):
    assert fixture_catalog.lookup("region1.google-analytics.com").id == "google_analytics"
    assert fixture_catalog.lookup("analytics.google.com").id == "google_analytics"
    assert fixture_catalog.lookup("www.google.com") is None  # analytics.google.com does not claim google.com
    assert fixture_catalog.lookup("widget.chat.example").id == "test_chat"
    assert fixture_catalog.lookup("api.widget.chat.example").id == "test_chat"
    assert fixture_catalog.lookup("other.chat.example") is None
    assert fixture_catalog.lookup("unknown.example") is None


def test_a_domain_may_belong_to_one_vendor_only():
    with pytest.raises(CatalogError, match="'shared.example' is claimed by both 'a' and 'b'"):
        Catalog([vendor("a", ["shared.example"]), vendor("b", ["Shared.Example"])])
    with pytest.raises(CatalogError, match="vendor id 'a' appears twice"):
        Catalog([vendor("a", ["one.example"]), vendor("a", ["two.example"])])


def test_invalid_entries_name_the_entry_and_field(tmp_path: Path):
    path = tmp_path / "vendors.yaml"
    path.write_text(yaml.safe_dump({"vendors": [{"id": "Bad-Id", "domains": ["x.example"]}]}), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"entry 1 \(Bad-Id\): id: String should match pattern"):
        Catalog.load(path)
    path.write_text("vendors: {}", encoding="utf-8")
    with pytest.raises(CatalogError, match="expected a mapping with a list under 'vendors'"):
        Catalog.load(path)
    with pytest.raises(CatalogError, match="cannot be read"):
        Catalog.load(tmp_path / "missing.yaml")
    with pytest.raises(CatalogError, match="country"):
        vendor_entry = vendor("ok", ["ok.example"]).model_dump()
        Catalog.from_mapping({"vendors": [vendor_entry | {"country": "Japan"}]})
    with pytest.raises(CatalogError, match="not a domain name"):
        Catalog.from_mapping({"vendors": [vendor("ok", ["ok.example"]).model_dump() | {"domains": ["https://x"]}]})


def test_overrides_replace_by_id_and_take_over_domains(fixture_catalog):
    own = vendor("in_house_stats", ["heatmap.example"], name="自社解析株式会社")
    changed = vendor("google_analytics", ["google-analytics.com"], name="Google LLC (contract)", country="IE")
    merged = fixture_catalog.merged([own, changed])
    assert merged.lookup("t.heatmap.example").organization.ja == "自社解析株式会社"
    assert merged.get("test_heatmap") is None  # it lost its only domain
    assert merged.lookup("www.google-analytics.com").country == "IE"
    assert merged.lookup("analytics.google.com") is None  # the override lists fewer domains
    assert fixture_catalog.lookup("t.heatmap.example").id == "test_heatmap"  # the original is untouched
    assert len(merged) == len(fixture_catalog)


def test_partial_takeover_keeps_the_rest_of_a_vendor(fixture_catalog):
    merged = fixture_catalog.merged([vendor("meta_sdk", ["facebook.net"])])
    assert merged.lookup("connect.facebook.net").id == "meta_sdk"
    assert merged.lookup("www.facebook.com").id == "meta_pixel"


@pytest.mark.skipif(not DATA_FILE.exists(), reason="the shipped catalog is not there yet")
def test_the_shipped_catalog_loads_and_answers_by_domain():
    catalog = default_catalog()
    assert len(catalog) > 0
    assert catalog.lookup("www.google-analytics.com") is not None


def test_only_same_site_pages_are_crawled():
    from telegov.transmission.crawl import same_site_page

    assert same_site_page("https://shop.test/a?b=1#top", "shop.test") == "https://shop.test/a?b=1"
    assert same_site_page("https://blog.shop.test", "shop.test") == "https://blog.shop.test/"
    assert same_site_page("https://shop.test/catalogue.pdf", "shop.test") is None  # a download, not a page
    assert same_site_page("https://other.test/", "shop.test") is None
    assert same_site_page("mailto:info@shop.test", "shop.test") is None
    assert same_site_page("javascript:void(0)", "shop.test") is None
