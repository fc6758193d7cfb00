"""The gunicorn worker of ``decisions serve``: gthread, with each request read whole before a thread runs it.

gunicorn's threaded worker hands a connection to a thread as soon as its first bytes arrive, and the thread then
waits for the rest: a client that sends its request slowly holds the thread for as long as it likes, and a few
such clients hold them all. ``BufferingWorker`` reads each request in its event loop instead, without blocking,
until the request is whole (``service.framing``); only then does a thread parse and answer it, from memory. So a
slow or idle client holds a socket and a buffer, never a thread:

- a request must be whole within ``read_timeout`` seconds of its first byte (else 408), its body within the
  service's body limit, announced or chunked (else 413, before the body is read), its head within 64 KiB
  (else 431);
- kept-alive connections wait in the event loop (gunicorn's ``keepalive`` seconds), as in gthread;
- a thread that still blocks on a socket (writing to a client that does not read) gives up after
  ``read_timeout`` seconds;
- an answer's head goes out with its body in one send;
- every error gunicorn answers itself (a malformed request line, header or chunk) is a problem document
  (``application/problem+json``), not gunicorn's HTML page;
- a worker that fails while it starts exits with status 1 after a second: the master replaces it (gunicorn
  stops the whole server when a worker reports a boot error);
- a worker does not accept while it holds more connections than another worker that accepts
  (``service.balance``), so that kept-alive connections are shared out evenly between the workers.
"""

from __future__ import annotations

import errno
import html
import http
import re
import selectors
import socket
import sys
import time
from collections import OrderedDict
from functools import partial

from gunicorn import http as gunicorn_http
from gunicorn import util
from gunicorn.http import wsgi as gunicorn_wsgi
from gunicorn.workers.gthread import TConn, ThreadWorker

from .framing import MORE, WHOLE, Refusal, RequestReader

__all__ = ["BufferingWorker", "problem_message"]

#: the settings the master passes to its workers (``DecisionServer`` fills them in); ``balance``: the
#: ``service.balance.ConnectionBalance`` the workers share, or None
SETTINGS = {"max_body": 1024 * 1024, "read_timeout": 30.0, "balance": None}


def problem_message(status: int, title: str, detail: str) -> bytes:
    """A whole HTTP/1.1 answer: a problem document, and the connection closes."""
    from .api.problems import ProblemError  # the problem documents of the app, word for word
    from .jsonvalues import dumps

    body = dumps(ProblemError(status, title, detail).body()).encode("utf-8")
    try:
        reason = http.HTTPStatus(status).phrase
    except ValueError:
        reason = title
    head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/problem+json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    return head.encode("latin-1") + body


_gunicorn_http_date = util.http_date
#: (the second, its Date header text) of the last answer
_date_of_second: tuple[int, str] = (0, "")


def _http_date(timestamp=None) -> str:
    """gunicorn's ``http_date``, written once a second rather than on every answer (the text has whole
    seconds)."""
    global _date_of_second
    if timestamp is not None:
        return _gunicorn_http_date(timestamp)
    now = time.time()
    second, text = _date_of_second
    if int(now) != second:
        text = _gunicorn_http_date(int(now))
        _date_of_second = (int(now), text)
    return text


class _BoundedSocket(socket.socket):
    """A socket whose blocking mode waits at most ``bound`` seconds for each send or receive."""

    bound = 30.0

    def setblocking(self, flag):
        if flag:
            self.settimeout(self.bound)
        else:
            super().setblocking(False)


class _Conn(TConn):
    """gthread's connection, closed without lingering: gunicorn's graceful close waits up to 2 s for the
    client to close in the event loop's thread, which a client could make every connection wait for."""

    def close(self, graceful=False):
        if graceful:
            try:
                self.sock.shutdown(socket.SHUT_WR)
                self.sock.setblocking(False)
                for _ in range(16):  # what the client sent already, so that closing sends no reset
                    if not self.sock.recv(65536):
                        break
            except OSError:
                pass
        util.close(self.sock)


class _OneSendResponse(gunicorn_wsgi.Response):
    """gunicorn's response, sending its head together with the body's first bytes (one send instead of two,
    and no TCP segment holding the head alone)."""

    _held: bytes | None = None

    def send_headers(self):
        if self.headers_sent:
            return
        head = self.default_headers()
        head.extend(f"{name}: {value}\r\n" for name, value in self.headers)
        self._held = ("".join(head) + "\r\n").encode("latin-1")
        self.headers_sent = True

    def _flush_held(self):
        held, self._held = self._held, None
        if held:
            util.write(self.sock, held)

    def _emit_body(self, data):
        if self._held is not None and not self.chunked:
            held, self._held = self._held, None
            util.write(self.sock, held + data)
            return
        self._flush_held()
        super()._emit_body(data)

    def sendfile(self, respiter):
        self._flush_held()
        return super().sendfile(respiter)

    def close(self):
        if not self.headers_sent:
            self.send_headers()
        self._flush_held()
        super().close()


class _Captured:
    """Stands for a client socket while gunicorn writes its HTML error page, to read its status and message."""

    def __init__(self):
        self.data = b""

    def gettimeout(self):
        return 0.0

    def sendall(self, data):
        self.data += data


_STATUS_LINE = re.compile(rb"HTTP/1\.1 (\d{3}) ([^\r\n]*)")
_HTML_MESSAGE = re.compile(rb"</h1>(.*)</body>", re.S)


class BufferingWorker(ThreadWorker):
    def init_process(self):
        gunicorn_wsgi.Response = _OneSendResponse  # the class gunicorn's wsgi.create answers with, in this worker
        util.http_date = _http_date
        try:
            super().init_process()
        except SystemExit:
            raise
        except Exception:
            self.log.exception("The worker failed; the master starts another")
            time.sleep(1)  # no tight loop of failing workers
            sys.exit(1)

    def notify(self):
        """gunicorn's heartbeat (a file's time stamp the master watches), once a second at most: the event loop
        runs once per request, and the master only looks for a heartbeat older than the worker timeout."""
        now = time.monotonic()
        if now - getattr(self, "_notified", -2.0) >= 1.0:
            self._notified = now
            super().notify()

    def init_signals(self):
        super().init_signals()
        self.read_timeout = float(SETTINGS["read_timeout"])
        self.max_body = SETTINGS["max_body"]
        #: connections whose request is being read -> the monotonic time by which it must be whole
        self.reading: OrderedDict[TConn, float] = OrderedDict()
        self.balance = SETTINGS.get("balance")
        self.declining = False  # not accepting while it holds more connections than another worker
        if self.balance is not None:
            self.balance.join(self.age)

    # ------------------------------------------------------------------------------- sharing out connections

    def run(self):
        try:
            super().run()
        finally:
            if self.balance is not None:
                self.balance.leave()

    def set_accept_enabled(self, enabled):
        """gthread's, called by its event loop whenever it could accept and does not (so again on each turn of
        the loop while this worker declines): no accepting while it holds more connections than another
        worker that accepts."""
        self.declining = bool(enabled and self.alive and self.balance is not None
                              and self.balance.ahead(self.nr_conns))
        super().set_accept_enabled(enabled and not self.declining)

    def wait_for_and_dispatch_events(self, timeout):
        balance = self.balance
        if balance is not None:
            balance.write(self.nr_conns, self.alive and self.nr_conns < self.worker_connections)
            if self.declining:
                timeout = min(timeout, 0.005)  # look again soon whether the others have caught up
        super().wait_for_and_dispatch_events(timeout)

    # ----------------------------------------------------------------------------------------- reading

    def accept(self, listener):
        if self.balance is not None and self.balance.ahead(self.nr_conns):
            self.declining = True  # another worker holding fewer connections takes this one
            super().set_accept_enabled(False)
            return
        try:
            client, address = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        bounded = _BoundedSocket(client.family, client.type, client.proto, fileno=client.detach())
        bounded.bound = self.read_timeout
        conn = _Conn(self.cfg, bounded, address, listener.getsockname())
        if self.balance is not None:
            self.balance.write(self.nr_conns, True)
        self.enqueue_req(conn)

    def enqueue_req(self, conn):
        """A connection with bytes to read: read its request whole in the event loop, then give it to a
        thread."""
        if getattr(conn, "whole", False):
            conn.whole = False
            super().enqueue_req(conn)
            return
        if conn.parser is None:
            conn.parser = gunicorn_http.get_parser(self.cfg, conn.sock, conn.client)
        conn.reader = RequestReader(self.max_body)
        conn.continued = False
        conn.registered = False
        conn.sock.setblocking(False)
        self.reading[conn] = time.monotonic() + self.read_timeout
        held = conn.parser.unreader.take_buffered()  # a next request the client sent behind the last one
        if held:
            self._take(conn, held)
        if conn in self.reading:  # what the client has sent already (usually the whole request), then wait
            self._on_readable(conn, conn.sock)
        if conn in self.reading and not conn.registered:
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))
            conn.registered = True

    def _on_readable(self, conn, sock):
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client closed (or reset) the connection before its request was whole
            self._stop_reading(conn)
            self.nr_conns -= 1
            conn.close()
            return
        self._take(conn, data)

    def _take(self, conn, data: bytes):
        step = conn.reader.feed(data)
        if step == MORE:
            if conn.reader.expects_continue and not conn.continued:
                conn.continued = True
                try:
                    conn.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")
                except OSError:
                    pass
            return
        self._stop_reading(conn)
        if isinstance(step, Refusal):
            self._refuse(conn, step)
            return
        assert step == WHOLE
        conn.parser.unreader.unread(conn.reader.without_expect() if conn.continued else bytes(conn.reader.data))
        conn.reader = None
        conn.data_ready = True
        conn.whole = True
        self.enqueue_req(conn)

    def _stop_reading(self, conn):
        self.reading.pop(conn, None)
        if getattr(conn, "registered", False):
            conn.registered = False
            try:
                self.poller.unregister(conn.sock)
            except (KeyError, ValueError, OSError):
                pass

    def _refuse(self, conn, refusal: Refusal):
        """Answer ``refusal`` as a problem document from a thread, then close the connection."""
        from .server import log_event

        log_event("request-refused", status=refusal.status, detail=refusal.detail)
        future = self.tpool.submit(self._write_refusal, conn, problem_message(
            refusal.status, refusal.title, refusal.detail))
        future.add_done_callback(lambda done: self.method_queue.defer(self.finish_request, conn, done))

    def _write_refusal(self, conn, message: bytes) -> bool:
        try:
            conn.sock.setblocking(True)
            conn.sock.sendall(message)
        except OSError:
            pass
        return False  # finish_request closes the connection

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        while self.reading:
            conn, deadline = next(iter(self.reading.items()))
            if deadline > now:
                break
            self._stop_reading(conn)
            if conn.reader is not None and conn.reader.data.strip():
                self._refuse(conn, Refusal(408, "Request Timeout",
                                           f"The request was not whole within {self.read_timeout:g} seconds."))
            else:  # an idle connection: nothing to answer
                self.nr_conns -= 1
                conn.close()

    # ------------------------------------------------------------------------------------------ errors

    def handle_error(self, req, client, addr, exc):
        """gunicorn's answer to a request it cannot serve (its status and message), as a problem document."""
        captured = _Captured()
        super().handle_error(req, captured, addr, exc)
        status_line = _STATUS_LINE.match(captured.data)
        status = int(status_line.group(1)) if status_line else 400
        title = status_line.group(2).decode("latin-1") if status_line else "Bad Request"
        found = _HTML_MESSAGE.search(captured.data)
        detail = html.unescape(found.group(1).decode("latin-1")).strip() if found else ""
        if status >= 500:
            detail = "The service failed to answer; the error has been logged."
        try:
            util.write_nonblock(client, problem_message(status, title, detail or title))
        except Exception:
            self.log.debug("Failed to send error message.")
