"""A real ``decisions serve`` in a subprocess for the tests that need gunicorn, and raw-socket functions."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

INAMI_CASE = {"status": "employee", "incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20",
              "grossDailyWage": 150, "workedDaysLast12Months": 200,
              "household": {"livesAlone": True, "dependentChildren": 0}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(tmp_path: Path, *args: str, decisions: Path | None = None):
    """``decisions serve`` on a free port (extra command-line ``args``); yields (port, process, log path)."""
    port = free_port()
    out = tmp_path / f"serve-{port}.log"
    command = [sys.executable, "-m", "service.cli", "serve", "--port", str(port), *args]
    if decisions is not None:
        command += ["--decisions", str(decisions)]
    with out.open("w") as stdout:
        process = subprocess.Popen(command, cwd=ROOT, stdout=stdout, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _ = exchange(port, b"GET /ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError("the server did not start:\n" + out.read_text())
            time.sleep(0.2)
        yield port, process, out
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


#: bytes read from a socket past the answer read last (a pipelined next answer)
_LEFT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def read_answer(sock: socket.socket) -> tuple[int, dict, bytes]:
    """The next HTTP answer on ``sock`` (skipping 1xx): status, headers (lower-case names), body (by
    Content-Length); bytes past it stay for the next call."""
    data = _LEFT.pop(sock, b"")
    while True:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError(f"closed before an answer: {data!r}")
            data += chunk
        head, _, data = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        if status >= 200:
            break
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(data) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    if data[length:]:
        _LEFT[sock] = data[length:]
    return status, headers, data[:length]


def exchange(port: int, request: bytes, timeout: float = 10.0) -> tuple[int, dict, bytes]:
    """Send ``request`` on a new connection; the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        return read_answer(sock)


def post_request(path: str, body: bytes, extra: str = "", close: bool = True) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n{extra}{'Connection: close' + chr(13) + chr(10) if close else ''}"
            "\r\n").encode() + body


def inami_body() -> bytes:
    return json.dumps(INAMI_CASE).encode()


def wait_for(predicate, seconds: float = 30.0) -> None:
    """Until ``predicate()`` is true (a connection refused counts as not yet); AssertionError after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("timed out")


def workers(pid: int) -> set[int]:
    """The process ids of the children of the server's master ``pid`` (its workers)."""
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return {int(p) for p in f.read().split()}
