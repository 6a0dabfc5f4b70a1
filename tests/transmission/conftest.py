from pathlib import Path

import pytest
import yaml

from telegov.transmission.catalog import Catalog

FIXTURE_CATALOG = Path(__file__).resolve().parent / "fixture_vendors.yaml"


@pytest.fixture(scope="session")
def fixture_catalog() -> Catalog:
    return Catalog.load(FIXTURE_CATALOG)


@pytest.fixture(scope="session")
def notice_catalog_file(tmp_path_factory) -> Path:
    from tests.transmission.notice_sites import write_notice_catalog

    return write_notice_catalog(tmp_path_factory.mktemp("catalog"))


@pytest.fixture(scope="session")
def notice_catalog(notice_catalog_file) -> Catalog:
    return Catalog.load(notice_catalog_file)


def _scan_report(route, names, catalog) -> dict:
    from telegov.transmission.report import build_report
    from telegov.transmission.scanner import ScanOptions, scan
    from tests.transmission import sites
    from tests.transmission.fixture_server import FixtureServer

    with FixtureServer(route, names) as server:
        options = ScanOptions(host_rules=server.host_rules, ignore_https_errors=True, max_pages=10, concurrency=4)
        return build_report(scan([f"{sites.SHOP}/"], options), catalog)


@pytest.fixture(scope="session")
def shop_report(notice_catalog) -> dict:
    """One real scan of the fixture shop, shared by the notice, audit and app tests."""
    from tests.transmission import sites

    return _scan_report(sites.shop, sites.TLS_NAMES, notice_catalog)


@pytest.fixture(scope="session")
def released_report(notice_catalog) -> dict:
    """One real scan of the shop after the release that added the TikTok pixel."""
    from tests.transmission import notice_sites

    return _scan_report(notice_sites.released_shop, notice_sites.TLS_NAMES, notice_catalog)


@pytest.fixture
def shop_org(db, settings, tmp_path):
    """The shop's operator with its site, the test vendors as the organisation's catalog overrides, an editor
    and a viewer."""
    from telegov.core import services as actions
    from telegov.core.choices import Role
    from telegov.transmission import services
    from tests.transmission import notice_sites, sites

    settings.DATA_DIR = tmp_path
    admin = actions.create_user("tenshu", "pw-tenshu-123")
    organisation = actions.create_organisation(admin, "架空ショップ", "kakuu-shop")
    viewer = actions.create_user("etsuran", "pw-etsuran-123")
    actions.add_member(admin, organisation, viewer, Role.VIEWER)
    vendors = yaml.safe_load(FIXTURE_CATALOG.read_text(encoding="utf-8"))["vendors"] + notice_sites.EXTRA_VENDORS
    for entry in vendors:
        services.save_override(admin, organisation, entry)
    site = services.create_site(admin, organisation, name="ショップ", slug="shop", start_urls=[f"{sites.SHOP}/"],
                                operator_name="架空ショップ株式会社", max_pages=10)
    return {"organisation": organisation, "admin": admin, "viewer": viewer, "site": site, "tmp": tmp_path}
