"""Reading the published page touches no database, answers conditional requests, and never serves
anything outside the status directories."""

import io
import json
from types import SimpleNamespace

import pytest

from telegov.disclosure.public import StatusFiles

from .conftest import open_outage


@pytest.fixture
def published(carrier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        incident = open_outage(carrier)
    return incident


@pytest.mark.parametrize("path", ["", "index.html", "summary.json", "feed.atom", "en/", "en/feed.atom"])
def test_a_public_read_through_django_makes_no_queries(client, published, django_assert_num_queries, path):
    with django_assert_num_queries(0):
        response = client.get(f"/status/kakuu/{path}")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public, max-age=")
    assert response["ETag"] and response["Last-Modified"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_an_incident_page_makes_no_queries_and_types_are_right(client, published, django_assert_num_queries):
    with django_assert_num_queries(0):
        page = client.get(f"/status/kakuu/incidents/{published.pk}.html")
        summary = client.get("/status/kakuu/summary.json")
        feed = client.get("/status/kakuu/feed.atom")
    assert page["Content-Type"] == "text/html; charset=utf-8"
    assert published.title in b"".join(page.streaming_content).decode()
    assert summary["Content-Type"] == "application/json"
    assert feed["Content-Type"] == "application/atom+xml; charset=utf-8"


def test_conditional_requests_get_304(client, published):
    first = client.get("/status/kakuu/summary.json")
    assert client.get("/status/kakuu/summary.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/status/kakuu/summary.json", HTTP_IF_NONE_MATCH='"other"').status_code == 200
    assert client.get("/status/kakuu/summary.json",
                      HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_unpublished_and_traversing_paths_are_404(client, published):
    for path in ["/status/nobody/", "/status/kakuu/incidents/999.html", "/status/kakuu/../secret_key",
                 "/status/kakuu/%2e%2e/%2e%2e/secret_key", "/status/kakuu/.index.html.tmp"]:
        assert client.get(path).status_code == 404, path


def call(application, path: str, method: str = "GET", **headers):
    captured = {}

    def start_response(status, response_headers):
        captured["status"], captured["headers"] = status, dict(response_headers)

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "wsgi.input": io.BytesIO(), **headers}
    body = b"".join(application(environ, start_response))
    return captured["status"], captured["headers"], body


def behind(environ, start_response):
    start_response("418 I'm a teapot", [])
    return [b"django"]


def test_the_wsgi_layer_serves_files_before_django_without_queries(published, django_assert_num_queries):
    layer = StatusFiles(behind)
    with django_assert_num_queries(0):
        status, headers, body = call(layer, "/status/kakuu/")
    assert status == "200 OK"
    assert int(headers["Content-Length"]) == len(body)
    assert "携帯電話の音声通話がつながりにくい状況について" in body.decode()
    # Another file's tag does not match.
    assert call(layer, "/status/kakuu/summary.json", HTTP_IF_NONE_MATCH=headers["ETag"])[0] == "200 OK"
    status, _, body = call(layer, "/status/kakuu/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert (status, body) == ("304 Not Modified", b"")
    status, head_headers, body = call(layer, "/status/kakuu/feed.atom", method="HEAD")
    assert status == "200 OK" and body == b"" and int(head_headers["Content-Length"]) > 0


def test_the_wsgi_layer_passes_everything_else_to_django(published):
    layer = StatusFiles(behind)
    for path, method in [("/status/kakuu/subscribe/", "GET"), ("/status/kakuu/", "POST"), ("/o/kakuu/", "GET"),
                         ("/status/kakuu/../../secret_key", "GET"), ("/status/kakuu/missing.html", "GET")]:
        assert call(layer, path, method)[2] == b"django", path


def test_the_production_application_answers_status_files_before_django(published, django_assert_num_queries):
    from telegov.wsgi import application

    with django_assert_num_queries(0):
        status, headers, body = call(application, "/status/kakuu/summary.json")
    assert status == "200 OK" and headers["Content-Type"] == "application/json"
    assert json.loads(body)["incidents"][0]["id"] == published.pk


def test_status_file_hits_stay_out_of_the_access_log_and_other_requests_do_not(tmp_path, published):
    from datetime import timedelta

    from gunicorn.config import Config

    from telegov.disclosure.serving import AccessLogWithoutStatusFiles

    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    logger = AccessLogWithoutStatusFiles(config)
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    layer = StatusFiles(behind)
    for path in ["/status/kakuu/", "/o/kakuu/status/"]:
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.input": io.BytesIO(), "RAW_URI": path,
                   "SERVER_PROTOCOL": "HTTP/1.1"}
        layer(environ, lambda status, headers: None)
        logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=1))
    for handler in logger.access_log.handlers:
        handler.flush()
    lines = (tmp_path / "access.log").read_text().splitlines()
    assert len(lines) == 1 and "GET /o/kakuu/status/" in lines[0]
