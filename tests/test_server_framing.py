"""Requests gunicorn itself cannot parse are answered with problem documents (never its text/html pages), and
keep-alive, pipelining and ``Expect: 100-continue`` still work with requests read whole before a thread runs
them."""

import json
import socket
import time

import pytest
from live_server import exchange, inami_body, post_request, read_answer, serving


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("framing"), "--workers", "1") as (port, _, _):
        yield port


@pytest.mark.parametrize("request_bytes, status", [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", 400),
    (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400),
    (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"POST /benefits/inami HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
    (b"POST /benefits/inami HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400),
    # RFC 9112 §6.3: chunked not the final coding of a request: 400, and close
    (b"POST /benefits/inami HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
    (b"POST /benefits/inami HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
     b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\n" + b"X: " + b"y" * 70000 + b"\r\n\r\n", 431),
])
def test_framing_errors_are_problem_documents(port, request_bytes, status):
    answer_status, headers, body = exchange(port, request_bytes)
    assert answer_status == status
    assert headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == status and problem["title"] and problem["type"] == "about:blank"


def test_keep_alive_pipelining_and_continue(port):
    body = inami_body()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        # two requests in one send, then a third on the same connection
        sock.sendall(post_request("/benefits/inami", body, close=False)
                     + b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_answer(sock)[0] == 200
        status, headers, answer = read_answer(sock)
        assert status == 200 and json.loads(answer) == {"status": "ok"}
        # Expect: 100-continue: the body is sent once the server says so
        request = post_request("/benefits/inami", body, extra="Expect: 100-continue\r\n", close=False)
        sock.sendall(request[:-len(body)])
        assert sock.recv(64).startswith(b"HTTP/1.1 100 Continue\r\n\r\n")
        sock.sendall(body)
        deadline = time.monotonic() + 5
        while len(sock.recv(12, socket.MSG_PEEK)) < 12 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sock.recv(12, socket.MSG_PEEK) == b"HTTP/1.1 200"  # no second 100 Continue
        status, _, answer = read_answer(sock)
        assert status == 200 and json.loads(answer)["dailyAmount"] == 90.0  # RULES.md §5: 0.60 x 150
        # one 100 Continue only: the next bytes are the next answer
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(12) == b"HTTP/1.1 200"
