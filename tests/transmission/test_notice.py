"""The notice written from a real scan of the fixture shop: every required item for every recipient,
exception candidates marked rather than dropped, unknown recipients marked 要確認, three formats that agree."""

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from telegov.transmission.labels import exceptions, label_ja
from telegov.transmission.notice import NoticeInputError, build_notice, read_notice_yaml, to_yaml
from telegov.transmission.notice_render import to_html, to_markdown

pytestmark = pytest.mark.e2e
ON = date(2026, 11, 26)
TELEGOV = str(Path(sys.executable).with_name("telegov"))


@pytest.fixture(scope="module")
def notice(shop_report, notice_catalog):
    return build_notice([shop_report], notice_catalog, ON, "架空ショップ株式会社", ["worker.example"])


def _sections(document: str) -> dict[str, str]:
    parts = re.findall(r'<section class="recipient" data-key="([^"]+)"[^>]*>(.*?)</section>', document, re.S)
    return dict(parts)


def test_every_recipient_has_the_required_items_in_html(notice):
    sections = _sections(to_html(notice))
    assert set(sections) == {item["key"] for item in notice["recipients"]}
    assert len(sections) == 8  # facebook.com and facebook.net are one recipient: Meta
    for item in notice["recipients"]:
        text = sections[item["key"]]
        for heading in ("送信先", "送信される情報", "利用目的", "送信先のプライバシーポリシー"):
            assert f"<dt>{heading}</dt>" in text
        for code in item["information"]:
            assert label_ja(code) in text
        assert "IPアドレス" in text  # every request to a third party carries it
        for purpose in item["purposes"]:
            assert purpose in text
        if item["privacy_policy"]:
            assert f'href="{item["privacy_policy"]}"' in text


def test_catalog_facts_name_the_recipient(notice):
    meta = next(item for item in notice["recipients"] if item["vendor"] == "meta_pixel")
    assert meta["organization"] == "Meta Platforms, Inc."
    assert meta["domains"] == ["facebook.com", "facebook.net"]
    assert {"page_url", "cookie_id", "hashed_identifier", "ip_address", "user_agent"} <= set(meta["information"])
    assert meta["purposes"] == ["広告の配信と効果測定"]
    analytics = next(item for item in notice["recipients"] if item["vendor"] == "google_analytics")
    assert analytics["opt_out"] == "https://tools.google.com/dlpage/gaoptout"


def test_exception_candidates_are_marked_not_dropped(notice):
    labels = exceptions(ON)
    by_domain = {item["domains"][0]: item for item in notice["recipients"]}
    cdn = by_domain["plain.example"]  # the catalog says: pure delivery
    assert cdn["exception"]["code"] == "strictly_necessary"
    assert cdn["organization"] == "配信試験株式会社"
    own = by_domain["worker.example"]  # a domain of the operator itself
    assert own["exception"]["code"] == "first_party_identifier"
    assert own["organization"] == "架空ショップ株式会社"
    document = to_html(notice)
    for item in (cdn, own):
        section = _sections(document)[item["key"]]
        assert "適用除外の候補" in section and labels[item["exception"]["code"]].label_ja in section
    assert by_domain["google-analytics.com"]["exception"] is None


def test_unknown_recipients_are_marked_for_review(notice):
    unknown = [item for item in notice["recipients"] if item["needs_review"]]
    assert sorted(item["domains"][0] for item in unknown) == ["live.example", "subpage.example"]
    sections = _sections(to_html(notice))
    markdown = to_markdown(notice)
    for item in unknown:
        assert item["organization"] is None
        assert "【要確認】" in sections[item["key"]] and item["domains"][0] in sections[item["key"]]
        assert f"送信先のドメイン: {item['domains'][0]}）。**" in markdown
    assert notice["recipients"][-1]["needs_review"]  # listed last, after the named recipients


def test_says_which_pages_were_scanned_and_when(notice, shop_report):
    assert notice["published_on"] == "2026-11-26"
    assert notice["scans"][0]["scanned_at"] == shop_report["scanned_at"]
    assert len(notice["scans"][0]["pages"]) == 4
    document = to_html(notice)
    assert "公表日: 2026年11月26日" in document and "（日本時間）" in document
    assert "http://www.shop.test/campaign/hidden" in document
    assert "電気通信事業法第27条の12" in document


def test_markdown_and_yaml_say_the_same_as_html(notice):
    markdown = to_markdown(notice)
    back = read_notice_yaml(to_yaml(notice))
    assert back == json.loads(json.dumps(notice))
    headings = re.findall(r"^## (.+)$", markdown, re.M)
    html_headings = re.findall(r"<h2>(.+?)</h2>", to_html(notice))
    assert headings == html_headings
    for item in notice["recipients"]:
        assert "- 送信される情報: " + "、".join(label_ja(code) for code in item["information"]) in markdown
        assert "- 利用目的: " + ("、".join(item["purposes"]) or "【要確認】利用目的を記入してください") in markdown


def test_the_union_of_two_scans_names_both_releases(shop_report, released_report, notice_catalog):
    union = build_notice([shop_report, released_report], notice_catalog, ON)
    assert len(union["scans"]) == 2
    assert "vendor:tiktok_pixel" in {item["key"] for item in union["recipients"]}
    single = build_notice([shop_report], notice_catalog, ON)
    assert "vendor:tiktok_pixel" not in {item["key"] for item in single["recipients"]}


def test_html_escapes_what_a_scanned_site_controls(shop_report, notice_catalog):
    report = json.loads(json.dumps(shop_report))
    report["recipients"].append({"domain": "x.example", "hosts": ["x.example"], "information": [], "implicit": [],
                                 "pages": ['http://www.shop.test/"><script>alert(1)</script>']})
    document = to_html(build_notice([report], notice_catalog, ON))
    assert "<script>alert(1)</script>" not in document


def test_bad_input_is_refused():
    with pytest.raises(NoticeInputError, match="not a telegov scan report"):
        build_notice([{"pages": []}], on=ON)
    with pytest.raises(NoticeInputError, match="not a telegov external-transmission notice"):
        read_notice_yaml("format: something-else\n")


def test_the_notice_command_writes_all_formats_from_saved_scans(shop_report, notice_catalog_file, tmp_path):
    saved = tmp_path / "scan.json"
    saved.write_text(json.dumps(shop_report, ensure_ascii=False), encoding="utf-8")
    outputs = [tmp_path / "notice.html", tmp_path / "notice.md", tmp_path / "notice.yaml"]
    finished = subprocess.run(
        [TELEGOV, "notice", str(saved), "--catalog", str(notice_catalog_file), "--on", "2026-11-26",
         *[arg for path in outputs for arg in ("-o", str(path))]], capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    assert "Notice with 8 recipients (3 marked 要確認)" in finished.stderr
    written = yaml.safe_load(outputs[2].read_text(encoding="utf-8"))
    assert written["published_on"] == "2026-11-26" and len(written["recipients"]) == 8
    assert "外部送信について" in outputs[0].read_text(encoding="utf-8")
    assert outputs[1].read_text(encoding="utf-8").startswith("# 外部送信について")
    bad = subprocess.run([TELEGOV, "notice", str(saved), "-o", str(tmp_path / "notice.txt")],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "must end in .html, .md or .yaml" in bad.stderr
