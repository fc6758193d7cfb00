"""A body over the limit is a 413, with a Content-Length or chunked: in the app (a server that ends the input
stream itself) and through ``decisions serve`` (refused before the body is read)."""

import io
import json

import pytest
from live_server import exchange, inami_body, serving

from service.app import create_app

LIMIT = 1000


def chunked(body: bytes, size: int = 300) -> bytes:
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def chunked_request(body: bytes) -> bytes:
    return (b"POST /benefits/inami HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n") + chunked(body)


def big_body() -> bytes:
    return json.dumps({"status": "employee", "padding": "x" * 2 * LIMIT}).encode()


@pytest.mark.parametrize("size, expect", [(LIMIT + 1, 413), (LIMIT, 422)])
def test_app_refuses_a_terminated_stream_past_the_limit(size, expect):
    body = b'{"a": "' + b"x" * (size - 10) + b'"}'
    assert len(body) == size - 1 or len(body) == size
    body = body.ljust(size)
    client = create_app(config={"MAX_CONTENT_LENGTH": LIMIT}).test_client()
    response = client.post("/benefits/inami", input_stream=io.BytesIO(body),
                           headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == expect
    assert response.mimetype == "application/problem+json"


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("chunked"), "--workers", "1", "--max-body", str(LIMIT)) as (port, _, _):
        yield port


def test_chunked_body_past_the_limit_is_a_413(port):
    status, headers, body = exchange(port, chunked_request(big_body()))
    assert status == 413 and headers["content-type"] == "application/problem+json"
    assert json.loads(body)["detail"] == f"The body is larger than the limit of {LIMIT} bytes."


def test_announced_length_past_the_limit_is_a_413_before_the_body(port):
    head = (f"POST /benefits/inami HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {LIMIT + 1}\r\n\r\n").encode()
    status, _, body = exchange(port, head)  # no body sent at all
    assert status == 413 and json.loads(body)["status"] == 413


def test_chunked_body_within_the_limit_is_answered(port):
    status, _, body = exchange(port, chunked_request(inami_body()))
    assert status == 200
    assert json.loads(body)["dailyAmount"] == 90.0  # RULES.md §5: 0.60 x 150
