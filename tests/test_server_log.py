"""The request log line: ``log_request`` writes exactly the line ``log_event("request", ...)`` writes."""

import io
import json
import logging
import re

import pytest

from service import server

LINE_TIME = re.compile(r'^\{"time": "(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00)", ')


@pytest.fixture
def stdout(monkeypatch):
    server._setup_logging()
    stream = io.StringIO()
    monkeypatch.setattr(server._stdout_handler, "stream", stream)
    return stream


def _lines(stream) -> list[str]:
    return [LINE_TIME.sub('{"time": "T", ', line) for line in stream.getvalue().splitlines()]


@pytest.mark.parametrize("fields", [
    ("POST", "/benefits/inami", 200, 1.234, "inamiBenefit", "ab" * 32),
    ("GET", "/models", 200, 0.5, None, None),
    ("GET", "/nothing/ünïcode/\"quoted\"\\/\x01", 404, 12.0, None, None),
    ("PATCH", "/x", 500, 1e-05, "d", "m"),
    (None, None, 405, 123456.789, None, None),
    ("GET", "/x", 200, float("nan"), 3, ["odd"]),
])
def test_the_request_line_is_the_event_line(stdout, fields):
    method, path, status, duration, decision, model = fields
    server.log_request(method, path, status, duration, decision, model)
    server.log_event("request", method=method, path=path, status=status, durationMs=duration,
                     decision=decision, model=model)
    fast, logged = _lines(stdout)
    assert fast == logged
    assert LINE_TIME.match(stdout.getvalue())


def test_another_handler_gets_the_line_through_logging(stdout, monkeypatch):
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    monkeypatch.setattr(server._log, "handlers", [*server._log.handlers, Keep()])
    server.log_request("GET", "/health", 200, 0.1, None, None)
    [line] = records
    assert json.loads(line)["path"] == "/health"
    assert _lines(stdout) == [LINE_TIME.sub('{"time": "T", ', line)]


def test_a_line_that_cannot_be_written_does_not_fail_the_request(monkeypatch, capsys):
    server._setup_logging()

    class Broken(io.StringIO):
        def write(self, text):
            raise BrokenPipeError

    monkeypatch.setattr(server._stdout_handler, "stream", Broken())
    monkeypatch.setattr(logging, "raiseExceptions", False)
    server.log_request("GET", "/health", 200, 0.1, None, None)


def test_request_log_middleware_writes_one_line(stdout):
    def app(environ, start_response):
        environ["decisions.log"] = {"decision": "rate", "model": "cafe"}
        start_response("422 UNPROCESSABLE ENTITY", [("Content-Type", "application/problem+json")])
        return [b"{}"]

    body = server.RequestLog(app)({"REQUEST_METHOD": "POST", "PATH_INFO": "/benefits/inami"},
                                  lambda status, headers, exc_info=None: None)
    assert body == [b"{}"]
    [line] = stdout.getvalue().splitlines()
    logged = json.loads(line)
    assert list(logged) == ["time", "event", "pid", "method", "path", "status", "durationMs", "decision", "model"]
    assert (logged["method"], logged["path"], logged["status"], logged["decision"], logged["model"]) == (
        "POST", "/benefits/inami", 422, "rate", "cafe")
