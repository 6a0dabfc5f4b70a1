"""Pages that loop, redirect forever, download, stream endlessly, pop up, fail or use an untrusted
certificate are recorded as failed pages; the scan finishes within its limits."""

import time

import pytest

from telegov.transmission.scanner import ScanOptions, scan
from tests.transmission import sites
from tests.transmission.fixture_server import FixtureServer

pytestmark = pytest.mark.e2e

BAD = sites.BAD
PAGE_TIMEOUT = 5.0


@pytest.fixture(scope="module")
def hostile_scan():
    with FixtureServer(sites.hostile, sites.TLS_NAMES) as server:
        # No --ignore-https-errors here: the fixture's certificate comes from a CA the browser does not trust.
        options = ScanOptions(host_rules=server.host_rules, max_pages=12, concurrency=4,
                              page_timeout=PAGE_TIMEOUT, scan_timeout=60)
        started = time.monotonic()
        result = scan([f"{BAD}/"], options)
        return result, time.monotonic() - started


@pytest.fixture(scope="module")
def pages(hostile_scan):
    return {page.url: page for page in hostile_scan[0].pages}


def test_the_scan_ends_well_within_its_limits(hostile_scan, pages):
    # 11 pages, 4 at a time, each bounded by the page limit (about 3 rounds of 5 s); a hang would take the
    # whole scan limit of 60 s or more. The margin is for a busy machine.
    assert hostile_scan[1] < 40
    assert set(pages) == {
        f"{BAD}/", f"{BAD}/loop", f"{BAD}/redirect", f"{BAD}/popup", f"{BAD}/download", f"{BAD}/endless",
        f"{BAD}/missing", f"{BAD}/error", "https://www.bad.test/tls", f"{BAD}/refresh", f"{BAD}/jsloop",
    }
    assert pages[f"{BAD}/"].error is None


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("/loop", None, "did not finish within 5 s"),
        ("/endless", 200, "did not finish within 5 s"),
        ("/redirect", None, "ERR_TOO_MANY_REDIRECTS"),
        ("/download", None, "the URL is a download, not a page"),
        ("/missing", 404, "HTTP 404"),
        ("/error", 500, "HTTP 500"),
    ],
)
def test_failed_pages_say_why(pages, path, status, error):
    page = pages[f"{BAD}{path}"]
    assert error in (page.error or "")
    if status is not None:
        assert page.status == status


def test_untrusted_certificates_fail_unless_told_to_ignore_them(pages):
    assert "ERR_CERT_AUTHORITY_INVALID" in pages["https://www.bad.test/tls"].error


def test_dialogs_are_dismissed_and_popups_closed(pages):
    popup = pages[f"{BAD}/popup"]
    assert popup.error is None and popup.status == 200
    assert popup.dialogs[:2] == ["alert: ようこそ", "confirm: 続けますか"]
    assert popup.popups and all(url.startswith(f"{BAD}/popup?child=") or url == "about:blank" for url in popup.popups)


def test_the_scan_limit_stops_a_scan_of_slow_pages():
    with FixtureServer(sites.hostile, sites.TLS_NAMES) as server:
        options = ScanOptions(host_rules=server.host_rules, max_pages=12, concurrency=2, page_timeout=30,
                              scan_timeout=4)
        started = time.monotonic()
        result = scan([f"{BAD}/"], options)
        elapsed = time.monotonic() - started
    assert elapsed < 4 + 8  # the limit, plus starting and closing the browser on a busy machine
    pages = {page.url: page for page in result.pages}
    # The start page is always reported: visited, or named as left out when starting the browser took too long.
    assert pages[f"{BAD}/"].error in (None, "not visited: the scan time limit was reached")
    slow = [page for url, page in pages.items() if url in (f"{BAD}/loop", f"{BAD}/endless")]
    assert all("did not finish within" in page.error for page in slow)
    assert len(result.pages) + result.unvisited >= 3  # what the limit left out is counted


def test_a_client_side_redirect_is_followed_and_a_redirect_loop_is_bounded(pages):
    refresh = pages[f"{BAD}/refresh"]
    assert refresh.error is None and refresh.final_url == f"{BAD}/refreshed"
    assert pages[f"{BAD}/jsloop"].url == f"{BAD}/jsloop"  # recorded, whatever state the loop was in


def test_start_pages_the_limits_leave_out_are_reported_not_dropped():
    with FixtureServer(sites.hostile, sites.TLS_NAMES) as server:
        too_short = scan([f"{BAD}/"], ScanOptions(host_rules=server.host_rules, scan_timeout=0.5))
        one_page = scan([f"{BAD}/", f"{BAD}/missing"], ScanOptions(host_rules=server.host_rules, max_pages=1))
    assert [(page.url, page.error) for page in too_short.pages] == [
        (f"{BAD}/", "not visited: the scan time limit was reached"),
    ]
    assert [(page.url, page.error) for page in one_page.pages] == [
        (f"{BAD}/", None), (f"{BAD}/missing", "not visited: the page limit (--max-pages) was reached"),
    ]
    assert one_page.unvisited >= 8  # the start page's links, counted
