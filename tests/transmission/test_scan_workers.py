"""Requests a service worker sends on its own are captured too.

Service workers need a secure page (http://localhost is one) and fetch only over certificates the browser
trusts, which `--ignore-https-errors` does not change; the fixture's key is trusted by its SPKI hash instead.
"""

import pytest

from telegov.transmission.report import build_report
from telegov.transmission.scanner import ScanOptions, scan
from tests.transmission.fixture_server import FixtureServer, Reply, Request
from tests.transmission.sites import GIF, page

pytestmark = pytest.mark.e2e

HOME = page("sw", """<p>service worker</p><script>
  navigator.serviceWorker.register('/sw.js');
  navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller || null);
</script>""")
WORKER = """self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(fetch('https://push.sw-collect.example/register', {method: 'POST', mode: 'no-cors',
    body: JSON.stringify({device_id: 'dev_8c1f2e3d4a', language: 'ja'})}));
});"""


def route(request: Request) -> Reply:
    if request.host == "localhost":
        if request.path == "/sw.js":
            return Reply(WORKER, content_type="application/javascript")
        return Reply(HOME) if request.path == "/" else Reply("not found", status=404)
    return Reply(GIF, content_type="image/gif")


def test_service_worker_requests_are_reported(fixture_catalog):
    with FixtureServer(route, ["push.sw-collect.example"]) as server:
        options = ScanOptions(host_rules=server.host_rules, max_pages=1,
                              browser_args=(f"--ignore-certificate-errors-spki-list={server.spki_hash}",))
        result = scan([f"http://localhost:{server.port}/"], options)
        assert any(hit.host == "push.sw-collect.example" for hit in server.hits)
    (recipient,) = build_report(result, fixture_catalog)["recipients"]
    assert recipient["domain"] == "sw-collect.example"
    assert recipient["information"] == ["cookie_id", "language"]
    assert recipient["triggers"] == ["load"]
