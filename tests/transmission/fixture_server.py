"""A loopback web server for scanner tests and benchmarks: many host names on one port, TLS and plain
alike (the first byte tells them apart), a throwaway CA, and a minimal WebSocket endpoint."""

from __future__ import annotations

import base64
import contextlib
import datetime
import hashlib
import socket
import socketserver
import ssl
import struct
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


@dataclass
class Reply:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    stream: Callable[[BaseHTTPRequestHandler], None] | None = None


@dataclass
class Hit:
    host: str
    method: str
    path: str
    body: bytes
    cookie: str


Route = Callable[["Request"], Reply]


@dataclass
class Request:
    host: str
    method: str
    path: str
    query: str
    body: bytes
    headers: dict[str, str]


def make_certificate(names: list[str], directory: Path) -> tuple[Path, Path]:
    """A leaf certificate for `names`, signed by a CA made for this run only."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "telegov test CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=7))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
        .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=7))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FixtureServer

    def log_message(self, *args) -> None:
        pass

    def _dispatch(self) -> None:
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        self.server.hits.append(Hit(host, self.command, self.path, body, self.headers.get("Cookie") or ""))
        if self.headers.get("Upgrade", "").lower() == "websocket":
            self._websocket(host)
            return
        headers = {name.lower(): value for name, value in self.headers.items()}
        request = Request(host, self.command, parts.path, parts.query, body, headers)
        reply = self.server.route(request)
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.stream is not None:
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            with contextlib.suppress(OSError):
                reply.stream(self)
            return
        data = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_HEAD = do_PUT = _dispatch

    def _websocket(self, host: str) -> None:
        accept = base64.b64encode(hashlib.sha1((self.headers["Sec-WebSocket-Key"] + WS_GUID).encode()).digest())  # noqa: S324 - RFC 6455
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept.decode())
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        try:
            while True:
                head = self.rfile.read(2)
                if len(head) < 2:
                    return
                opcode, length = head[0] & 0x0F, head[1] & 0x7F
                if length == 126:
                    length = struct.unpack(">H", self.rfile.read(2))[0]
                elif length == 127:
                    length = struct.unpack(">Q", self.rfile.read(8))[0]
                mask = self.rfile.read(4) if head[1] & 0x80 else b"\0\0\0\0"
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(self.rfile.read(length)))
                if opcode == 8:
                    return
                self.server.hits.append(Hit(host, "WS", self.path, payload, ""))
        except OSError:
            return


class FixtureServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    """Serves `route(request)` for every host mapped to it; speaks TLS to clients that start a handshake."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, route: Route, tls_names: list[str]):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.route = route
        self.hits: list[Hit] = []
        self._certs = tempfile.TemporaryDirectory(prefix="telegov-fixture-")
        cert, key = make_certificate(tls_names, Path(self._certs.name))
        leaf = x509.load_pem_x509_certificate(cert.read_bytes())
        subject_key = leaf.public_key().public_bytes(serialization.Encoding.DER,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo)
        # What --ignore-certificate-errors-spki-list takes to trust this server as if its CA were known.
        self.spki_hash = base64.b64encode(hashlib.sha256(subject_key).digest()).decode()
        self.tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.tls.load_cert_chain(cert, key)
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def host_rules(self) -> str:
        return f"MAP * 127.0.0.1:{self.port}"

    def finish_request(self, request, client_address) -> None:
        request.settimeout(30)
        try:
            first = request.recv(1, socket.MSG_PEEK)
            if first == b"\x16":
                request = self.tls.wrap_socket(request, server_side=True)
        except (OSError, ssl.SSLError):
            return
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address) -> None:
        pass  # clients that hang up mid-answer are expected: the scanner closes pages that never end

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.shutdown()
        self.server_close()
        self._certs.cleanup()
