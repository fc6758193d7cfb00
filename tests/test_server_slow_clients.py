"""50 connections trickling their requests (head or body, a few bytes at a time) leave ``/health`` and an
INAMI case answering in under 100 ms: a slow client holds a socket and a buffer, never a worker thread."""

import json
import socket
import threading
import time

from live_server import exchange, inami_body, post_request, read_answer, serving

SLOW = 50


def trickle(port: int, request: bytes, stop: threading.Event, opened: list):
    """Send ``request`` two bytes at a time, one send every 50 ms, until ``stop``."""
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    except OSError:
        return
    opened.append(sock)
    for i in range(0, len(request), 2):
        if stop.wait(0.05):
            break
        try:
            sock.sendall(request[i:i + 2])
        except OSError:
            break


def timed(port, request):
    started = time.perf_counter()
    status, _, _ = exchange(port, request)
    return status, (time.perf_counter() - started) * 1000


def test_fifty_trickling_clients_do_not_hold_the_workers(tmp_path):
    body = inami_body()
    slow_body = post_request("/benefits/inami", body)  # head first, then the body trickles
    slow_head = b"POST /benefits/inami HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" * 3
    with serving(tmp_path, "--workers", "2", "--threads", "2") as (port, _, _):
        stop, opened = threading.Event(), []
        threads = [threading.Thread(target=trickle, args=(port, slow_body if i % 2 else slow_head, stop, opened),
                                    daemon=True) for i in range(SLOW)]
        try:
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 10
            while len(opened) < SLOW and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(opened) == SLOW
            time.sleep(0.5)  # every slow connection has sent part of its request
            timings = []
            for _ in range(10):
                status, health_ms = timed(port, b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                assert status == 200
                status, inami_ms = timed(port, post_request("/benefits/inami", body))
                assert status == 200
                timings.append((health_ms, inami_ms))
            # the best of ten rounds (the machine is shared): each well under 100 ms
            assert min(h for h, _ in timings) < 100, timings
            assert min(i for _, i in timings) < 100, timings
            # and most rounds are, too
            assert sorted(max(h, i) for h, i in timings)[len(timings) // 2] < 100, timings
        finally:
            stop.set()
            for sock in opened:
                sock.close()


def test_a_request_not_whole_in_time_is_a_408(tmp_path):
    with serving(tmp_path, "--workers", "1", "--read-timeout", "1") as (port, _, _):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(post_request("/benefits/inami", inami_body())[:-5])  # all but the body's last bytes
            started = time.monotonic()
            status, headers, body = read_answer(sock)
            assert status == 408 and 0.9 < time.monotonic() - started < 5
            assert headers["content-type"] == "application/problem+json"
            assert json.loads(body)["detail"] == "The request was not whole within 1 seconds."
        # an idle connection is closed without an answer
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            assert sock.recv(100) == b""
