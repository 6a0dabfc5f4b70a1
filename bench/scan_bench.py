"""Scanner throughput: pages per minute and peak browser memory (PSS) on a local 36-page site over TLS.

Each page carries an analytics beacon, images, a scroll-triggered tag, a consent banner whose accept button
loads an ad pixel, and links to other pages; every third page embeds a third-party iframe. The site is found
through its links and sitemap, as on a real scan.

    .venv/bin/python bench/scan_bench.py [--pages 36] [--concurrency 1 4 8]

Pages/min depends on what else the machine runs; CPU seconds per page (scanner, driver and browser) does not,
and bounds the rate: two idle cores give at most 120 / (CPU s/page) pages a minute.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.transmission.fixture_server import FixtureServer, Reply, Request  # noqa: E402
from tests.transmission.sites import ANALYTICS_JS, GIF, META_JS, TLS_NAMES, page  # noqa: E402

from telegov.transmission.scanner import ScanOptions, scan  # noqa: E402

SITE = "https://www.bench.test"
NAMES = [*TLS_NAMES, "img.bench.test", "t.scroll.example", "embed.video.example"]


def bench_page(number: int, total: int) -> str:
    links = " ".join(f'<a href="/p/{(number * 7 + k) % total}">記事{(number * 7 + k) % total}</a>' for k in range(5))
    images = "".join(f'<img src="https://img.bench.test/i/{number}-{k}.gif" width="120" height="80" alt="">'
                     for k in range(6))
    iframe = '<iframe src="https://embed.video.example/e" width="320" height="180"></iframe>' if number % 3 == 0 else ""
    body = f"""<nav>{links}</nav><h1>記事 {number}</h1>{images}{iframe}
<div style="height:2400px">{"本文。" * 400}</div><footer id="f">フッター</footer>
<div id="cmp" style="position:fixed;bottom:0;left:0;right:0;background:#eee">
 Cookieを使用します <button id="deny">拒否</button> <button id="ok">同意する</button></div>
<script>
 new IntersectionObserver((entries, o) => {{ if (!entries.some((e) => e.isIntersecting)) return; o.disconnect();
   fetch('https://t.scroll.example/s',
     {{method: 'POST', mode: 'no-cors', body: JSON.stringify({{url: location.href}})}});
 }}).observe(document.getElementById('f'));
 document.getElementById('ok').onclick = () => {{ document.getElementById('cmp').remove();
   const s = document.createElement('script'); s.src = 'https://connect.facebook.net/ja_JP/fbevents.js';
   document.head.appendChild(s); }};
</script>"""
    return page(f"記事 {number}", body, head='<script src="https://www.google-analytics.com/analytics.js"></script>')


def make_route(total: int):
    pages = {f"/p/{n}": bench_page(n, total) for n in range(total)}
    pages["/"] = bench_page(0, total)
    sitemap = "".join(f"<url><loc>{SITE}/p/{n}</loc></url>" for n in range(total))
    sitemap = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{sitemap}</urlset>'

    def route(request: Request) -> Reply:
        if request.host == "www.bench.test":
            if request.path == "/robots.txt":
                return Reply(f"User-agent: *\nSitemap: {SITE}/sitemap.xml\n", content_type="text/plain")
            if request.path == "/sitemap.xml":
                return Reply(sitemap, content_type="application/xml")
            return Reply(pages[request.path]) if request.path in pages else Reply("not found", status=404)
        if request.host == "www.google-analytics.com" and request.path == "/analytics.js":
            return Reply(ANALYTICS_JS, content_type="application/javascript")
        if request.host == "connect.facebook.net":
            return Reply(META_JS, content_type="application/javascript")
        if request.host == "embed.video.example":
            return Reply(page("video", "<p>動画</p><script>document.cookie='vid=v_1234567; SameSite=None; Secure';"
                                       "new Image().src='/stat?u='+encodeURIComponent(document.referrer);</script>"))
        if request.path.endswith(".gif") or request.host == "www.facebook.com":
            return Reply(GIF, content_type="image/gif")
        return Reply(status=204)

    return route


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _is_browser(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"chrom" in handle.read().split(b"\0", 1)[0].lower()
    except OSError:
        return False


def _cpu_seconds() -> float:
    """CPU time of this process and of the browser it started and reaped (the site's server is not counted)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class PeakMemory:
    """Samples the PSS of this process's Chromium tree (and of everything it started) every 100 ms."""

    def __init__(self) -> None:
        self.peak_browser = self.peak_total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            pids = _descendants(os.getpid())
            browser = sum(_pss_kib(pid) for pid in pids if _is_browser(pid))
            total = sum(_pss_kib(pid) for pid in pids)
            self.peak_browser = max(self.peak_browser, browser)
            self.peak_total = max(self.peak_total, total)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()


def serve(total: int) -> None:
    with FixtureServer(make_route(total), NAMES) as server:
        print(server.port, flush=True)
        sys.stdin.read()  # until the benchmark closes the pipe


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=36)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    total = max(arguments.pages, 30)
    if arguments.serve:
        serve(total)
        return 0
    print(f"{total}-page site over TLS, scrolling and consent on every page; {os.cpu_count()} CPUs")
    print(f"{'concurrency':>11} {'pages':>6} {'failed':>6} {'seconds':>8} {'pages/min':>10} "
          f"{'peak browser PSS':>17} {'peak total PSS':>15} {'CPU s/page':>11}")
    # The site runs in its own process, as a real one would: sharing this one's GIL would slow the scanner.
    with subprocess.Popen([sys.executable, __file__, "--serve", "--pages", str(total)],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as server:
        port = int(server.stdout.readline())
        for concurrency in arguments.concurrency:
            options = ScanOptions(host_rules=f"MAP * 127.0.0.1:{port}", ignore_https_errors=True, max_pages=total,
                                  concurrency=concurrency)
            with PeakMemory() as memory:
                cpu_before = _cpu_seconds()
                started = time.monotonic()
                result = scan([f"{SITE}/"], options)
                elapsed = time.monotonic() - started
                cpu = _cpu_seconds() - cpu_before
            failed = sum(1 for item in result.pages if item.error)
            consented = sum(1 for item in result.pages if item.consent)
            rate = len(result.pages) / elapsed * 60
            print(f"{concurrency:>11} {len(result.pages):>6} {failed:>6} {elapsed:>8.1f} {rate:>10.1f} "
                  f"{memory.peak_browser / 1024:>14.0f} MB {memory.peak_total / 1024:>12.0f} MB"
                  f" {cpu / max(len(result.pages), 1):>11.2f}"
                  f"  (consent clicked on {consented})")
        server.stdin.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
