"""What one page visit records: every request from every frame and worker, WebSocket frames, the cookies
the browser really kept, and localStorage/sessionStorage per origin."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from telegov.transmission.domains import host_of, is_third_party
from telegov.transmission.inference import PageFacts, infer_information

MAX_FRAME_BYTES = 256 * 1024
MAX_FRAMES_PER_SOCKET = 200
# A request still open after this long is a stream or a stuck download, not part of the page settling.
LONG_LIVED_SECONDS = 1.0
ANSWERED_IS_DONE = frozenset({"fetch", "xhr", "ping", "eventsource", "other"})

STORAGE_SCRIPT = """() => {
  const dump = (area) => {
    const items = {};
    try { for (let i = 0; i < area.length; i++) { const k = area.key(i); items[k] = area.getItem(k); } } catch (e) {}
    return items;
  };
  let local = {}, session = {};
  try { local = dump(window.localStorage); } catch (e) {}
  try { session = dump(window.sessionStorage); } catch (e) {}
  return {origin: location.origin, local, session};
}"""


@dataclass
class Transmission:
    url: str
    method: str
    kind: str
    trigger: str
    frame_url: str = ""
    body: bytes | str | None = None
    headers: dict[str, str] | None = None
    information: set[str] = field(default_factory=set)

    @property
    def host(self) -> str:
        return host_of(self.url)


@dataclass
class PageCapture:
    url: str
    referrer: str = ""
    final_url: str = ""
    status: int | None = None
    error: str | None = None
    transmissions: list[Transmission] = field(default_factory=list)
    cookies: list[dict[str, Any]] = field(default_factory=list)
    storage: list[dict[str, Any]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    consent: dict[str, str] | None = None
    dialogs: list[str] = field(default_factory=list)
    popups: list[str] = field(default_factory=list)
    user_agent: str = ""
    language: str = ""


class PageRecorder:
    """Listens to one page and its context; `phase` names the trigger for whatever is sent next."""

    def __init__(self, page, context, capture: PageCapture):
        self.page = page
        self.capture = capture
        self.phase = "load"
        self._inflight: dict[Any, float] = {}
        self._last_activity = time.monotonic()
        self._pending: list[tuple[Any, str]] = []
        self._drained: list[tuple[Transmission, Any]] = []
        self._tasks: set[asyncio.Task] = set()
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_done)
        page.on("requestfailed", self._on_done)
        page.on("response", self._on_response)
        page.on("websocket", self._on_websocket)
        page.on("dialog", self._on_dialog)
        context.on("request", self._on_context_request)
        context.on("page", self._on_popup)

    def _on_request(self, request) -> None:
        self._inflight[request] = time.monotonic()
        self._last_activity = time.monotonic()
        self._pending.append((request, self.phase))

    def _on_context_request(self, request) -> None:
        # Page requests arrive through the page; only service workers' own requests come by the context alone.
        if request.service_worker is not None:
            self._pending.append((request, self.phase))

    def _on_done(self, request) -> None:
        self._inflight.pop(request, None)
        self._last_activity = time.monotonic()

    def _on_response(self, response) -> None:
        # Kept here as well: a page that never finishes loading still tells its status.
        if response.request.resource_type == "document" and response.frame is self.page.main_frame:
            self.capture.status = response.status
        # Chromium never reports the end of a fetch whose body the page leaves unread; its answer is enough here.
        if response.request.resource_type in ANSWERED_IS_DONE:
            self._on_done(response.request)

    def _on_websocket(self, websocket) -> None:
        self._last_activity = time.monotonic()
        self.capture.transmissions.append(
            Transmission(url=websocket.url, method="GET", kind="websocket", trigger=self.phase)
        )

        frames = 0

        def sent(payload: str | bytes) -> None:
            nonlocal frames
            frames += 1
            if frames > MAX_FRAMES_PER_SOCKET:  # a chatty socket says nothing new after this many
                return
            body = payload[:MAX_FRAME_BYTES]
            self.capture.transmissions.append(
                Transmission(url=websocket.url, method="SEND", kind="websocket_frame", trigger=self.phase, body=body)
            )

        websocket.on("framesent", sent)

    def _on_dialog(self, dialog) -> None:
        self.capture.dialogs.append(f"{dialog.type}: {dialog.message[:200]}")
        self._spawn(dialog.dismiss())

    def _on_popup(self, popup) -> None:
        if popup is self.page:
            return
        self.capture.popups.append(popup.url)
        self._spawn(popup.close())

    def _spawn(self, coroutine) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._settled_task)

    def _settled_task(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            task.exception()  # the page may already be gone; nothing to do about it

    async def network_quiet(self, idle: float, cap: float) -> None:
        """Return once nothing has been requested for `idle` seconds, or after `cap` seconds in any case."""
        started = time.monotonic()
        while True:
            now = time.monotonic()
            if now - started >= cap:
                return
            open_requests = [since for since in self._inflight.values() if now - since < LONG_LIVED_SECONDS]
            if not open_requests and now - self._last_activity >= idle:
                return
            await asyncio.sleep(0.05)

    def drain(self) -> None:
        """Turn the requests seen so far into transmissions."""
        for request, trigger in self._pending:
            transmission = _transmission_of(request, trigger)
            self.capture.transmissions.append(transmission)
            self._drained.append((transmission, request))
        self._pending.clear()

    async def collect_cookie_headers(self, site_domain: str, timeout: float) -> None:
        """Fetch the full headers (with Cookie) of third-party requests: Playwright hides them otherwise."""

        async def one(transmission: Transmission, request) -> None:
            try:
                transmission.headers = await request.all_headers()
            except Exception:  # a request of a closed frame has no headers left to give
                transmission.headers = None

        tasks = [
            asyncio.ensure_future(one(transmission, request))
            for transmission, request in self._drained
            if is_third_party(transmission.url, site_domain)
        ]
        if tasks:
            _, late = await asyncio.wait(tasks, timeout=timeout)
            for task in late:
                task.cancel()


def _transmission_of(request, trigger: str) -> Transmission:
    try:
        body = request.post_data_buffer
    except Exception:  # bodies that cannot be decoded are simply not inspected
        body = None
    try:
        frame_url = request.frame.url
    except Exception:  # service-worker requests have no frame
        frame_url = ""
    return Transmission(
        url=request.url, method=request.method, kind=request.resource_type, trigger=trigger,
        frame_url=frame_url, body=body,
    )


def analyse(capture: PageCapture) -> None:
    """Infer the information codes of every transmission from what the visit stored and revealed."""
    identifiers = {cookie["value"] for cookie in capture.cookies if cookie.get("value")}
    for area in capture.storage:
        identifiers.update(value for value in area["local"].values() if isinstance(value, str))
        identifiers.update(value for value in area["session"].values() if isinstance(value, str))
    facts = PageFacts(
        page_url=capture.final_url or capture.url, referrer=capture.referrer,
        user_agent=capture.user_agent, language=capture.language, identifiers=identifiers,
    )
    for transmission in capture.transmissions:
        transmission.information = infer_information(transmission.url, transmission.body, facts, transmission.headers)
        transmission.body = None


async def collect_storage(page, timeout: float) -> list[dict[str, Any]]:
    """localStorage and sessionStorage of every origin with a frame in the page, iframes included."""
    merged: dict[str, dict[str, Any]] = {}

    async def one(frame) -> dict[str, Any] | None:
        try:
            return await frame.evaluate(STORAGE_SCRIPT)
        except Exception:  # detached or crashed frames keep their storage to themselves
            return None

    frames = [frame for frame in page.frames if frame.url.startswith(("http://", "https://"))]
    done = await asyncio.wait_for(asyncio.gather(*(one(frame) for frame in frames)), timeout)
    for area in done:
        if not area or area.get("origin") in (None, "null"):
            continue
        entry = merged.setdefault(area["origin"], {"origin": area["origin"], "local": {}, "session": {}})
        entry["local"].update(area["local"])
        entry["session"].update(area["session"])
    return [entry for entry in merged.values() if entry["local"] or entry["session"]]
