"""Two organisations with operators and a NOC address each, and a real local HTTP receiver for webhooks."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from telegov.core import services as core
from telegov.core.choices import Role
from telegov.incidents import services
from telegov.incidents.models import NotificationSettings
from tests.api.conftest import TokenClient

TOKYO = ZoneInfo("Asia/Tokyo")


def tokyo(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TOKYO)


def outage_fields(**changes) -> dict:
    fields = {
        "name": "東京都内の光回線の通信障害", "kind": "outage", "service_category": "other",
        "affected_users": 10_000, "started_at": tokyo("2026-05-12T10:00"), "ended_at": tokyo("2026-05-12T13:00"),
        "facility_owner": "cloud_provider", "facility_owner_name": "架空クラウド株式会社",
        "facility_location": "東京都千代田区 第一データセンター", "affected_area": "東京都、神奈川県",
        "affected_service": "FTTHによるインターネット接続サービスが利用できない状態",
        "cause_description": "クラウド事業者の仮想ルータの設定誤り",
    }
    fields.update(changes)
    return fields


@pytest.fixture
def world(db):
    alice = core.create_user("alice", "pw-alice-123", email="alice@a.example")
    bob = core.create_user("bob", "pw-bob-123", email="bob@b.example")
    vera = core.create_user("vera", "pw-vera-123", email="vera@a.example")
    org_a = core.create_organisation(alice, "A通信", "a-tsushin")
    org_b = core.create_organisation(bob, "B通信", "b-tsushin")
    core.add_member(alice, org_a, vera, Role.VIEWER)
    op_a = core.create_operator(alice, org_a, name="A回線", registration_status="notified", users_prev_fy=40000)
    op_b = core.create_operator(bob, org_b, name="B回線", registration_status="registered", users_prev_fy=10)
    svc_a = core.create_service(alice, op_a, name="A光", category="other", paid=True, users=1000)
    svc_b = core.create_service(bob, op_b, name="B光", category="other", paid=True, users=2000)
    NotificationSettings.objects.create(organisation=org_a, emails=["noc@a.example"])
    return {"alice": alice, "bob": bob, "vera": vera, "org_a": org_a, "org_b": org_b, "op_a": op_a, "op_b": op_b,
            "svc_a": svc_a, "svc_b": svc_b}


@pytest.fixture
def tenants(world):
    """The API tenancy world of tests/api with one incident in each organisation."""
    inc_a = services.open_incident(world["alice"], world["op_a"], service=world["svc_a"], **outage_fields())
    inc_b = services.open_incident(world["bob"], world["op_b"], service=world["svc_b"],
                                   **outage_fields(name="B回線の障害", facility_owner="own", facility_owner_name=""))
    return {**world, "inc_a": inc_a, "inc_b": inc_b, "alice": TokenClient(world["alice"]),
            "bob": TokenClient(world["bob"]), "vera": TokenClient(world["vera"]), "anonymous": Client(),
            "alice_user": world["alice"], "vera_user": world["vera"]}


class Receiver:
    """A webhook receiver on 127.0.0.1: answers each request with the next scripted status (200 when the
    script is used up), optionally after a delay, and keeps what it received."""

    def __init__(self):
        self.script: list[int] = []
        self.delay = 0.0
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the name http.server calls)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body,
                                          "json": json.loads(body)})
                status = receiver.script.pop(0) if receiver.script else 200
                time.sleep(receiver.delay)
                try:
                    self.send_response(status)
                    self.end_headers()
                    self.wfile.write(b"ok")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A handler still sleeping past the client's timeout must not hold up the test's teardown.
        self.server.daemon_threads, self.server.block_on_close = True, False
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/telegov"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.close()
