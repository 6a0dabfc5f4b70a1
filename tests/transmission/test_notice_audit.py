"""The audit of a site against its published notice: undeclared recipients fail it (exit 1), a full notice
passes (exit 0), declared recipients no longer seen and missing information items are reported."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from telegov.transmission.audit import audit
from telegov.transmission.declared import load_declaration
from telegov.transmission.notice import NoticeInputError, build_notice, to_yaml
from telegov.transmission.notice_render import to_html
from tests.transmission import notice_sites, sites
from tests.transmission.fixture_server import FixtureServer

pytestmark = pytest.mark.e2e
ON = date(2026, 11, 26)
TELEGOV = str(Path(sys.executable).with_name("telegov"))


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def notices(shop_report, released_report, notice_catalog, tmp_path_factory):
    """The notice of the shop before the release, and that of the shop after it, as YAML and HTML files."""
    directory = tmp_path_factory.mktemp("notices")
    before = build_notice([shop_report], notice_catalog, ON)
    after = build_notice([released_report], notice_catalog, ON)
    return {
        "before": before, "after": after,
        "before.yaml": _write(directory / "before.yaml", to_yaml(before)),
        "before.html": _write(directory / "before.html", to_html(before)),
        "after.html": _write(directory / "after.html", to_html(after)),
    }


@pytest.mark.parametrize("kind", ["before.yaml", "before.html"])
def test_a_release_that_adds_a_recipient_is_found_undeclared(kind, notices, released_report, notice_catalog):
    declaration = load_declaration(notices[kind], notice_catalog)
    assert declaration.kind == ("telegov-yaml" if kind.endswith("yaml") else "telegov-html")
    result = audit([released_report], declaration, notice_catalog)
    assert [item["key"] for item in result["undeclared"]] == ["vendor:tiktok_pixel"]
    assert result["undeclared"][0]["organization"] == "TikTok Pte. Ltd."
    assert {"page_url", "cookie_id"} <= set(result["undeclared"][0]["information"])
    assert result["no_longer_seen"] == [] and result["missing_information"] == []
    assert not result["passed"]


def test_the_site_passes_against_its_own_notice(notices, shop_report, notice_catalog):
    for kind in ("before.yaml", "before.html"):
        result = audit([shop_report], load_declaration(notices[kind], notice_catalog), notice_catalog)
        assert result["passed"] and not result["undeclared"] and not result["no_longer_seen"], result


def test_a_declared_recipient_no_longer_seen_is_reported(notices, shop_report, notice_catalog):
    result = audit([shop_report], load_declaration(notices["after.html"], notice_catalog), notice_catalog)
    assert result["passed"]  # nothing undeclared: the notice says too much, which is not a failure
    assert [item["key"] for item in result["no_longer_seen"]] == ["vendor:tiktok_pixel"]
    assert result["no_longer_seen"][0]["domains"] == ["tiktok.com"]


def test_a_missing_information_item_is_reported(notices, shop_report, notice_catalog, tmp_path):
    document = yaml.safe_load(to_yaml(notices["before"]))
    analytics = next(item for item in document["recipients"] if item["vendor"] == "google_analytics")
    analytics["information"].remove("referrer")
    path = _write(tmp_path / "lacking.yaml", yaml.safe_dump(document, allow_unicode=True))
    result = audit([shop_report], load_declaration(path, notice_catalog), notice_catalog)
    assert result["missing_information"] == [{
        "key": "vendor:google_analytics", "organization": "Google LLC", "domains": ["google-analytics.com"],
        "exception": None, "missing": ["referrer"]}]
    assert not result["passed"]


def test_someone_elses_html_notice_is_read_by_names_and_domains(shop_report, notice_catalog, tmp_path):
    prose = """<html><body><h1>外部送信について</h1><table>
    <tr><td>Google LLC</td><td>閲覧したページのURL、参照元URL、Cookie、画面サイズ、言語設定</td></tr>
    <tr><td>共通</td><td>IPアドレス、ブラウザの種類</td></tr>
    <tr><td>Meta Platforms, Inc.（Facebook）</td><td>ハッシュ化したメールアドレス</td></tr>
    <tr><td>株式会社ヒートマップ試験</td><td>マウスの操作</td></tr>
    <tr><td>配信試験株式会社</td><td>画像の配信</td></tr>
    <tr><td><a href="https://chat.example/terms">チャット</a></td></tr>
    <tr><td>live.example / subpage.example / worker.example</td></tr>
    <tr><td>TikTok Pte. Ltd.</td></tr></table>
    <p>お問い合わせ: www.shop.test</p></body></html>"""
    declaration = load_declaration(_write(tmp_path / "theirs.html", prose), notice_catalog)
    assert declaration.kind == "html-heuristic"
    result = audit([shop_report], declaration, notice_catalog)
    assert result["undeclared"] == []
    assert result["missing_information"] == []
    assert [item["organization"] for item in result["no_longer_seen"]] == ["TikTok Pte. Ltd."]

    without_meta = prose.replace("Meta Platforms, Inc.（Facebook）", "ある広告会社").replace(
        "ハッシュ化したメールアドレス", "広告の表示")
    declaration = load_declaration(_write(tmp_path / "lacking.html", without_meta), notice_catalog)
    result = audit([shop_report], declaration, notice_catalog)
    assert [item["key"] for item in result["undeclared"]] == ["vendor:meta_pixel"]
    assert {item["key"] for item in result["missing_information"]} == {"domain:worker.example"}  # hashed e-mail


def scan_cli(server, *args):
    return subprocess.run(
        [TELEGOV, "scan", f"{sites.SHOP}/", "--host-rules", server.host_rules, "--ignore-https-errors", *args],
        capture_output=True, text=True, timeout=180)


def test_the_release_gate_exits_1_on_an_undeclared_recipient_and_0_when_all_is_declared(
        notices, notice_catalog_file, tmp_path):
    catalog = ("--catalog", str(notice_catalog_file))
    with FixtureServer(notice_sites.released_shop, notice_sites.TLS_NAMES) as server:
        failing = scan_cli(server, *catalog, "--declared", notices["before.html"], "-o", str(tmp_path / "r.json"))
        assert failing.returncode == 1, failing.stderr
        assert "undeclared" in failing.stdout and "TikTok Pte. Ltd." in failing.stdout
        saved = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
        assert [item["key"] for item in saved["audit"]["undeclared"]] == ["vendor:tiktok_pixel"]
        assert saved["recipients"]  # still the scan report that `telegov notice` reads

        passing = scan_cli(server, *catalog, "--declared", notices["after.html"],
                           "--notice", str(tmp_path / "new.yaml"))
        assert passing.returncode == 0, passing.stdout + passing.stderr
        assert "everything sent is declared" in passing.stdout
        assert "tiktok_pixel" in (tmp_path / "new.yaml").read_text(encoding="utf-8")


def test_a_bad_declaration_exits_2_before_scanning(tmp_path):
    missing = subprocess.run([TELEGOV, "scan", "http://www.shop.test/", "--declared", str(tmp_path / "none.yaml")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "cannot be read" in missing.stderr
    wrong = subprocess.run([TELEGOV, "scan", "http://www.shop.test/", "--declared",
                            _write(tmp_path / "wrong.yaml", "recipients: []\n")], capture_output=True, text=True,
                           timeout=60)
    assert wrong.returncode == 2 and "not a telegov external-transmission notice" in wrong.stderr


def test_a_published_notice_is_fetched_from_its_url(notices, shop_report, notice_catalog, tmp_path):
    import functools
    import http.server
    import threading

    directory = Path(notices["before.yaml"]).parent
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            declaration = load_declaration(f"{base}/before.html", notice_catalog)
            assert declaration.kind == "telegov-html" and audit([shop_report], declaration, notice_catalog)["passed"]
            with pytest.raises(NoticeInputError, match="cannot be fetched"):
                load_declaration(f"{base}/missing.html", notice_catalog)
        finally:
            server.shutdown()
