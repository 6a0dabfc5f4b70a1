"""Consent banners in the main page, inside a CMP iframe, inside a shadow root, known only by a CMP's button id,
and banners with nothing to accept."""

import pytest

from telegov.transmission.report import build_report
from telegov.transmission.scanner import ScanOptions, scan
from tests.transmission.fixture_server import FixtureServer, Reply, Request
from tests.transmission.sites import GIF, page

pytestmark = pytest.mark.e2e

SITE = "http://www.cmp.test"
LOAD_TAG = """<script>function consented(tag) {
  new Image().src = 'https://px.after.example/' + tag + '.gif?page=' + encodeURIComponent(location.href); }
</script>"""

PAGES = {
    "/iframe": page("iframe", LOAD_TAG + """
      <iframe src="https://cmp.consent.example/banner" width="400" height="120"></iframe>
      <script>addEventListener('message', (e) => { if (e.data === 'accepted') consented('iframe'); });</script>"""),
    "/shadow": page("shadow", LOAD_TAG + """<div id="host"></div><script>
      const root = document.getElementById('host').attachShadow({mode: 'open'});
      root.innerHTML = '<div>Cookie <button id="no">拒否する</button> <button id="yes">すべて同意する</button></div>';
      root.getElementById('yes').onclick = () => consented('shadow');</script>"""),
    "/onetrust": page("onetrust", LOAD_TAG + """<div id="onetrust-banner-sdk">
      <button id="onetrust-pc-btn-handler">Cookie Settings</button>
      <button id="onetrust-accept-btn-handler">Allow everything</button></div>
      <script>
        document.getElementById('onetrust-accept-btn-handler').onclick = () => consented('onetrust');
      </script>"""),
    "/refuse-only": page("refuse", LOAD_TAG + """<div>
      <button onclick="consented('wrong')">Reject all</button>
      <button onclick="consented('wrong2')">Cookie settings</button>
      <button onclick="consented('wrong3')" style="display:none">Accept all</button></div>"""),
    "/plain": page("plain", "<p>バナーなし</p>"),
}
BANNER = page("cmp", """<button>設定</button> <button id="a">Accept All</button>
<script>document.getElementById('a').onclick = () => parent.postMessage('accepted', '*');</script>""")


def route(request: Request) -> Reply:
    if request.host == "www.cmp.test" and request.path in PAGES:
        return Reply(PAGES[request.path])
    if request.host == "cmp.consent.example":
        return Reply(BANNER)
    if request.host == "px.after.example":
        return Reply(GIF, content_type="image/gif")
    return Reply("not found", status=404)


@pytest.fixture(scope="module")
def consent_scan(fixture_catalog):
    names = ["www.cmp.test", "cmp.consent.example", "px.after.example"]
    with FixtureServer(route, names) as server:
        options = ScanOptions(host_rules=server.host_rules, ignore_https_errors=True, max_pages=len(PAGES),
                              concurrency=3)
        result = scan([f"{SITE}{path}" for path in PAGES], options)
    return result, build_report(result, fixture_catalog)


@pytest.fixture(scope="module")
def pages(consent_scan):
    return {page.url: page for page in consent_scan[0].pages}


def test_accept_button_in_a_cmp_iframe(pages):
    consent = pages[f"{SITE}/iframe"].consent
    assert consent == {"button": "Accept All", "matched": "text", "frame": "https://cmp.consent.example/banner"}


def test_accept_button_in_a_shadow_root(pages):
    assert pages[f"{SITE}/shadow"].consent["button"] == "すべて同意する"


def test_accept_button_known_by_its_cmp_id(pages):
    assert pages[f"{SITE}/onetrust"].consent["matched"] == "#onetrust-accept-btn-handler"


def test_refusals_settings_and_hidden_buttons_are_never_clicked(pages):
    assert pages[f"{SITE}/refuse-only"].consent is None
    assert pages[f"{SITE}/plain"].consent is None


def test_tags_after_consent_are_reported_as_consent_triggered(consent_scan):
    report = consent_scan[1]
    (recipient,) = [item for item in report["recipients"] if item["domain"] == "after.example"]
    assert recipient["triggers"] == ["consent"]
    assert sorted(sample["url"].split("?")[0].rsplit("/", 1)[1] for sample in recipient["evidence"]) == [
        "iframe.gif", "onetrust.gif", "shadow.gif",
    ]
    assert recipient["information"] == ["page_url"]
