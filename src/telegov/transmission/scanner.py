"""Drive one real Chromium over a site: crawl same-site pages, scroll, accept consent, record what is sent."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from telegov.transmission.capture import PageCapture, PageRecorder, analyse, collect_storage
from telegov.transmission.consent import accept_consent
from telegov.transmission.crawl import (
    ScanInputError,
    close_quietly,
    discover_sitemap,
    same_site_page,
    validate_url,
)
from telegov.transmission.domains import host_of, registrable_domain

CHROMIUM = "/usr/bin/chromium"
# Chromium here has no network but loopback: without these it floods refused connections to update and sync.
CHROMIUM_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--mute-audio", "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
)
SCROLL_SCRIPT = """async ([maxSteps, pause]) => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const root = () => document.scrollingElement || document.documentElement || document.body;
  let steps = 0, settledAt = -1;
  while (steps < maxSteps) {
    const el = root();
    if (!el) break;
    if (window.scrollY + window.innerHeight >= el.scrollHeight - 2) {
      if (settledAt === el.scrollHeight) break;
      settledAt = el.scrollHeight;
      await sleep(pause * 2);
      continue;
    }
    window.scrollBy(0, Math.max(200, Math.floor(window.innerHeight * 0.8)));
    steps++;
    await frame();
    await sleep(pause);
  }
  return steps;
}"""
LINKS_SCRIPT = "() => Array.from(document.querySelectorAll('a[href]'), (a) => a.href).slice(0, 2000)"


class ScanEnvironmentError(RuntimeError):
    """The browser cannot be started here."""


@dataclass
class ScanOptions:
    max_pages: int = 20
    concurrency: int = 4
    page_timeout: float = 30.0
    scan_timeout: float = 600.0
    host_rules: str | None = None
    ignore_https_errors: bool = False
    scroll: bool = True
    consent: bool = True
    executable_path: str = CHROMIUM
    settle_idle: float = 0.3
    settle_cap: float = 3.0
    viewport: tuple[int, int] = (1024, 768)
    locale: str = "ja-JP"
    # More Chromium switches, e.g. --ignore-certificate-errors-spki-list to trust a staging site's own CA.
    browser_args: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise ScanInputError("--max-pages must be at least 1")
        if not 1 <= self.concurrency <= 32:
            raise ScanInputError("--concurrency must be between 1 and 32")
        if self.page_timeout <= 0 or self.scan_timeout <= 0:
            raise ScanInputError("time limits must be positive")


@dataclass
class ScanResult:
    site: str
    site_domain: str
    scanned_at: datetime
    pages: list[PageCapture] = field(default_factory=list)
    duration: float = 0.0
    unvisited: int = 0

    @property
    def reached(self) -> bool:
        """Whether the browser got any answer from the site at all."""
        return any(page.status is not None for page in self.pages)


def _short_error(exc: Exception) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    message = re.sub(r"^\w+\.\w+: ", "", message)
    if "Download is starting" in message:
        return "the URL is a download, not a page"
    return re.sub(r" at https?://\S+$", "", message)[:300]


class BrowserSession:
    """One Chromium for the whole scan, behaving like a user's browser; each page gets a fresh context."""

    def __init__(self, options: ScanOptions):
        self.options = options
        self._playwright = None
        self._profile_context = None
        self._profile_dir: str | None = None
        self.browser = None
        self.user_agent = ""

    async def __aenter__(self) -> BrowserSession:
        if not Path(self.options.executable_path).exists():
            raise ScanEnvironmentError(f"Chromium not found at {self.options.executable_path}")
        from playwright.async_api import async_playwright

        self._profile_dir = tempfile.mkdtemp(prefix="telegov-scan-")
        os.makedirs(os.path.join(self._profile_dir, "Default"))
        # Off-the-record contexts inherit this: a user's Chrome keeps third-party cookies,
        # Playwright's default context refuses them.
        with open(os.path.join(self._profile_dir, "Default", "Preferences"), "w", encoding="utf-8") as handle:
            json.dump({"profile": {"cookie_controls_mode": 0}}, handle)
        args = list(CHROMIUM_ARGS)
        if self.options.host_rules:
            args.append(f"--host-resolver-rules={self.options.host_rules}")
        args.extend(self.options.browser_args)
        self._playwright = await async_playwright().start()
        try:
            self._profile_context = await self._playwright.chromium.launch_persistent_context(
                self._profile_dir, executable_path=self.options.executable_path, headless=True, args=args,
            )
            self.browser = self._profile_context.browser
            # Sites treat "HeadlessChrome" differently from a user's browser; scan what a user's browser gets.
            pages = self._profile_context.pages
            blank = pages[0] if pages else await self._profile_context.new_page()
            self.user_agent = (await blank.evaluate("navigator.userAgent")).replace("HeadlessChrome", "Chrome")
        except Exception as exc:
            await self._stop()
            raise ScanEnvironmentError(f"Chromium did not start: {_short_error(exc)}") from exc
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self._stop()

    async def _stop(self) -> None:
        try:
            if self._profile_context is not None:
                await asyncio.wait_for(self._profile_context.close(), 15)
        except Exception:  # noqa: S110 - the browser is going away anyway
            pass
        if self._playwright is not None:
            await self._playwright.stop()
        if self._profile_dir:
            shutil.rmtree(self._profile_dir, ignore_errors=True)

    async def new_context(self):
        width, height = self.options.viewport
        return await self.browser.new_context(
            ignore_https_errors=self.options.ignore_https_errors, viewport={"width": width, "height": height},
            locale=self.options.locale, accept_downloads=False, user_agent=self.user_agent or None,
        )


async def visit(session: BrowserSession, url: str, site_domain: str, referrer: str = "",
                time_limit: float | None = None) -> PageCapture:
    """Load one page, let it settle, scroll, accept consent, and return everything it sent and stored."""
    options = session.options
    limit = min(options.page_timeout, time_limit) if time_limit is not None else options.page_timeout
    capture = PageCapture(url=url, referrer=referrer, user_agent=session.user_agent, language=options.locale)
    context = None
    try:
        context = await asyncio.wait_for(session.new_context(), 15)
        page = await asyncio.wait_for(context.new_page(), 15)
    except Exception as exc:  # a crashed or overloaded browser fails this page, not the scan
        capture.error = f"the browser could not open the page: {_short_error(exc)}"
        if context is not None:
            await close_quietly(context)
        return capture
    recorder = PageRecorder(page, context, capture)
    finished = False
    try:
        await asyncio.wait_for(_steps(page, recorder, capture, options, limit), limit)
        finished = True
    except TimeoutError:
        capture.error = capture.error or _did_not_finish(limit)
    except Exception as exc:  # a broken page is recorded, never the end of the scan
        capture.error = capture.error or _short_error(exc)
    try:
        recorder.drain()
        capture.cookies = await asyncio.wait_for(context.cookies(), 5)
        if finished:
            capture.storage = await collect_storage(page, 3)
        await recorder.collect_cookie_headers(site_domain, 2)
    except Exception as exc:
        capture.error = capture.error or f"could not read storage: {_short_error(exc)}"
    finally:
        await close_quietly(context)
    analyse(capture)
    capture.links = [page_url for link in capture.links if (page_url := same_site_page(link, site_domain))]
    return capture


def _did_not_finish(limit: float) -> str:
    return f"the page did not finish within {limit:.0f} s"


async def _evaluate(page, script: str, argument: object = None):
    """Run a script in the main frame; once more after a client-side redirect replaced the document."""
    try:
        return await page.main_frame.evaluate(script, argument)
    except Exception as exc:
        if "context was destroyed" not in str(exc) and "navigat" not in str(exc):
            raise
    await page.wait_for_load_state("load")
    return await page.main_frame.evaluate(script, argument)


async def _steps(page, recorder: PageRecorder, capture: PageCapture, options: ScanOptions, limit: float) -> None:
    try:
        response = await page.goto(capture.url, wait_until="load", timeout=limit * 1000,
                                   referer=capture.referrer or None)
    except Exception as exc:
        from playwright.async_api import TimeoutError as NavigationTimeout

        # The navigation's own time limit and the page's are the same; either may fire first.
        capture.error = _did_not_finish(limit) if isinstance(exc, NavigationTimeout) else _short_error(exc)
        capture.final_url = page.url if page.url != "about:blank" else ""
        return
    capture.final_url = page.url
    capture.status = response.status if response is not None else None
    await recorder.network_quiet(options.settle_idle, options.settle_cap)
    if capture.status is not None and capture.status >= 400:
        capture.error = f"HTTP {capture.status}"
        return
    capture.links = await _evaluate(page, LINKS_SCRIPT)
    if options.scroll:
        recorder.phase = "scroll"
        await _evaluate(page, SCROLL_SCRIPT, [40, 35])
        await recorder.network_quiet(options.settle_idle, options.settle_cap)
    if options.consent:
        def before_click() -> None:
            recorder.phase = "consent"

        capture.consent = await accept_consent(page, before_click=before_click)
        if capture.consent:
            await recorder.network_quiet(options.settle_idle, options.settle_cap)
    capture.final_url = page.url


async def scan_site(urls: list[str], options: ScanOptions,
                    progress: Callable[[PageCapture], None] | None = None) -> ScanResult:
    """Visit up to `options.max_pages` same-site pages, `options.concurrency` at a time, within the scan limit."""
    if not urls:
        raise ScanInputError("give at least one URL to scan")
    starts = [validate_url(url) for url in urls]
    site_domain = registrable_domain(host_of(starts[0]))
    for start in starts[1:]:
        if registrable_domain(host_of(start)) != site_domain:
            raise ScanInputError(
                f"{start} is not on the same site as {starts[0]} ({site_domain}); scan sites one by one"
            )
    started_at = time.monotonic()
    deadline = started_at + options.scan_timeout
    result = ScanResult(site=starts[0], site_domain=site_domain, scanned_at=datetime.now(UTC))
    async with BrowserSession(options) as session:
        queue: list[tuple[str, str]] = [(start, "") for start in starts]
        seen = set(starts)
        running: set[asyncio.Task] = set()
        sitemap_task = asyncio.ensure_future(discover_sitemap(session, starts[0], site_domain))
        launched = 0

        def enqueue(url: str, referrer: str) -> None:
            if url not in seen:
                seen.add(url)
                queue.append((url, referrer))

        while True:
            remaining = deadline - time.monotonic()
            while queue and launched < options.max_pages and len(running) < options.concurrency and remaining > 1:
                url, referrer = queue.pop(0)
                launched += 1
                running.add(asyncio.ensure_future(visit(session, url, site_domain, referrer, remaining)))
            waiting = running | ({sitemap_task} if not sitemap_task.done() else set())
            if not waiting:
                break
            done, _ = await asyncio.wait(waiting, timeout=max(remaining, 0) + 15,
                                         return_when=asyncio.FIRST_COMPLETED)
            if not done:
                break
            for task in done:
                if task is sitemap_task:
                    for url in task.result():
                        enqueue(url, "")
                    continue
                running.discard(task)
                capture = task.result()
                result.pages.append(capture)
                if progress is not None:
                    progress(capture)
                if capture.final_url and (landed := same_site_page(capture.final_url, site_domain)):
                    seen.add(landed)  # a redirect already showed that page
                for link in capture.links:
                    enqueue(link, capture.final_url or capture.url)
        for task in (*running, sitemap_task):
            task.cancel()
    # Start pages the limits left out are failed pages the user asked for; other pages left out are only counted.
    reason = "the scan time limit" if time.monotonic() >= deadline - 1 else "the page limit (--max-pages)"
    result.pages.extend(
        PageCapture(url=url, error=f"not visited: {reason} was reached") for url, _ in queue if url in starts
    )
    result.unvisited = len(queue)
    result.duration = time.monotonic() - started_at
    return result


def scan(urls: list[str], options: ScanOptions | None = None,
         progress: Callable[[PageCapture], None] | None = None) -> ScanResult:
    return asyncio.run(scan_site(urls, options or ScanOptions(), progress))
