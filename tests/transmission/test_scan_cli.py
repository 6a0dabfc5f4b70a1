"""`telegov scan` as a user runs it: reports on disk and stdout, clear errors and exit codes for bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.transmission import sites
from tests.transmission.conftest import FIXTURE_CATALOG
from tests.transmission.fixture_server import FixtureServer

TELEGOV = str(Path(sys.executable).with_name("telegov"))


def telegov(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([TELEGOV, "scan", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("urls", "message"),
    [
        (["not a url"], "is not an http(s) URL"),
        (["www.example.jp/about"], "(did you mean https://www.example.jp/about?)"),
        (["ftp://files.example.jp/"], "is not an http(s) URL"),
        (["http://"], "has no host name"),
        (["http://example.jp:port/"], "is not a valid URL"),
        (["https://www.example.jp/", "https://www.other.example/"], "is not on the same site"),
    ],
)
def test_bad_urls_exit_2_with_a_clear_message(urls, message):
    finished = telegov(*urls)
    assert finished.returncode == 2
    assert message in finished.stderr


def test_bad_options_exit_2():
    assert telegov("https://www.example.jp/", "--concurrency", "0").returncode == 2
    finished = telegov("https://www.example.jp/", "--catalog", "/nonexistent/vendors.yaml")
    assert finished.returncode == 2 and "cannot be read" in finished.stderr


@pytest.mark.e2e
def test_an_unreachable_host_exits_2(tmp_path):
    finished = telegov("http://nowhere.example/", "--host-rules", "MAP * ~NOTFOUND", "-o", str(tmp_path / "r.json"))
    assert finished.returncode == 2
    assert "could not reach http://nowhere.example/" in finished.stderr
    assert "ERR_NAME_NOT_RESOLVED" in finished.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["pages"][0]["error"].startswith("net::ERR_NAME_NOT_RESOLVED")


@pytest.mark.e2e
def test_writes_json_and_html_reports(tmp_path):
    with FixtureServer(sites.shop, sites.TLS_NAMES) as server:
        finished = telegov(
            f"{sites.SHOP}/", "--host-rules", server.host_rules, "--ignore-https-errors", "--max-pages", "1",
            "--catalog", str(FIXTURE_CATALOG), "--output", str(tmp_path / "report.json"),
            "--html", str(tmp_path / "report.html"),
        )
        assert finished.returncode == 0, finished.stderr
        assert "1 pages, 7 third-party recipients (2 without a known organisation)" in finished.stdout
        report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        assert report["site"] == f"{sites.SHOP}/"
        assert [page["url"] for page in report["pages"]] == [f"{sites.SHOP}/"]
        assert report["unvisited_pages"] >= 2  # /about and /contact at least, left out by --max-pages 1
        domains = [item["domain"] for item in report["recipients"]]
        assert domains == sorted(domains) and "facebook.com" in domains
        document = (tmp_path / "report.html").read_text(encoding="utf-8")
        assert document.startswith("<!DOCTYPE html>") and 'lang="ja"' in document
        assert "チャット試験合同会社" in document and "不明（要確認）" in document

        to_stdout = telegov(f"{sites.SHOP}/about", "--host-rules", server.host_rules, "--ignore-https-errors",
                            "--max-pages", "1", "--no-consent", "-o", "-")
        assert to_stdout.returncode == 0, to_stdout.stderr
        assert json.loads(to_stdout.stdout)["pages"][0]["url"] == f"{sites.SHOP}/about"


@pytest.mark.e2e
def test_an_untrusted_certificate_exits_2_with_a_hint():
    with FixtureServer(sites.hostile, sites.TLS_NAMES) as server:
        finished = telegov("https://www.bad.test/tls", "--host-rules", server.host_rules, "--max-pages", "1")
    assert finished.returncode == 2
    assert "ERR_CERT_AUTHORITY_INVALID" in finished.stderr
    assert "add --ignore-https-errors" in finished.stderr


def test_a_missing_or_broken_browser_exits_1():
    missing = telegov("https://www.example.jp/", "--chromium", "/nonexistent/chromium")
    assert missing.returncode == 1 and "Chromium not found at /nonexistent/chromium" in missing.stderr
    broken = telegov("https://www.example.jp/", "--chromium", "/bin/false")
    assert broken.returncode == 1 and "Chromium did not start" in broken.stderr
