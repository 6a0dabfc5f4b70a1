"""The status page under a spike: the production server (`telegov serve`, as the README starts it) on a
temporary data directory with a published status page, wrk with 100 connections for 30 s against the
page, and an editor posting an update through the app halfway through. Prints requests/s and p99.

    .venv/bin/python bench/status_page/run.py [--connections 100] [--duration 30] [--port N]

Traffic goes to 127.0.0.1 only. Needs Debian's wrk; run as root, it installs it when missing."""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TARGET_RPS, TARGET_P99_MS = 1500, 100


def ensure_wrk() -> str:
    if not shutil.which("wrk"):
        subprocess.run(["sh", str(ROOT / "scripts" / "ensure-system-packages.sh"), "wrk"], check=True)
    return shutil.which("wrk") or sys.exit("wrk is not installed")


def prepare(data_dir: Path) -> dict:
    env = {**os.environ, "TELEGOV_DATA_DIR": str(data_dir)}
    subprocess.run([str(BIN / "telegov"), "setup"], env=env, check=True, stdout=subprocess.DEVNULL)
    seeded = subprocess.run([str(BIN / "python"), str(Path(__file__).with_name("seed.py"))], env=env, check=True,
                            capture_output=True, text=True)
    return json.loads(seeded.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("the server stopped while starting")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - our own 127.0.0.1 server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server did not answer {url}")


class Editor:
    """A browser-like client of the app: logs in and posts an update through the editor's form."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def _csrf_form(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=10) as response:
            page = response.read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def post(self, path: str, fields: dict) -> int:
        token = self._csrf_form(path)
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})  # noqa: S310 - our own server
        with self.opener.open(request, timeout=30) as response:
            return response.status

    def log_in(self, username: str, password: str) -> None:
        self.post("/login/", {"username": username, "password": password})


def post_update_during_run(base: str, seeded: dict, delay: float, outcome: dict) -> None:
    time.sleep(delay)
    editor = Editor(base)
    editor.log_in(seeded["editor"], seeded["password"])
    started = time.monotonic()
    outcome["status"] = editor.post(f"/o/{seeded['slug']}/status/incidents/{seeded['incident']}/", {
        "status": "identified", "message": "負荷試験中の続報です。", "recovered_prefectures": ["東京都"],
    })
    outcome["post_seconds"] = time.monotonic() - started
    with urllib.request.urlopen(f"{base}/status/{seeded['slug']}/summary.json", timeout=10) as response:  # noqa: S310
        summary = json.load(response)
    incident = next(item for item in summary["incidents"] if item["id"] == seeded["incident"])
    outcome["published"] = incident["status"] == "identified"


def parse_wrk(output: str) -> dict:
    def milliseconds(value: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": milliseconds(re.search(r"50%\s+(\S+)", output).group(1)),
        "p99_ms": milliseconds(re.search(r"99%\s+(\S+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--path", default="", help="file under /status/<org>/ to request (default: the page)")
    args = parser.parse_args()
    wrk = ensure_wrk()
    port = args.port or free_port()
    with tempfile.TemporaryDirectory(prefix="telegov-bench-") as data_dir:
        seeded = prepare(Path(data_dir))
        base = f"http://127.0.0.1:{port}"
        url = f"{base}/status/{seeded['slug']}/{args.path}"
        env = {**os.environ, "TELEGOV_DATA_DIR": data_dir}
        log = open(Path(data_dir) / "serve.log", "w")  # noqa: SIM115 - open for the server's lifetime
        server = subprocess.Popen([str(BIN / "telegov"), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(url, server)
            outcome: dict = {}
            editor = threading.Thread(target=post_update_during_run, args=(base, seeded, args.duration / 2, outcome))
            load = os.getloadavg()[0]
            editor.start()
            run = subprocess.run([wrk, "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency", url],
                                 capture_output=True, text=True, check=True)
            editor.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    result = {**parse_wrk(run.stdout), "url_path": urllib.parse.urlparse(url).path, "connections": args.connections,
              "duration_s": args.duration, "load_average_before": round(load, 2), "cpus": os.cpu_count(),
              "editor_update": outcome}
    print(run.stdout)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    met = (result["requests_per_second"] >= TARGET_RPS and result["p99_ms"] < TARGET_P99_MS
           and outcome.get("published") and result["non_2xx"] == 0)
    print(f"target (>= {TARGET_RPS} requests/s, p99 < {TARGET_P99_MS} ms, update published): "
          f"{'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
