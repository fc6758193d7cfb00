"""The domain endpoints' answers to well-formed cases, written in front of Flask.

Case systems post cases to ``/benefits/inami`` and ``/benefits/ossom`` all day, and almost every one is a JSON
object the schema loads and the rules decide. For those, Flask's request and application contexts, routing,
request and response objects cost about as much as loading the case. ``DirectAnswers`` wraps the app's WSGI
callable: a POST to exactly a domain view's path, with ``Content-Type: application/json`` and a
``Content-Length`` within ``MAX_CONTENT_LENGTH``, is answered by the scheme's ``answer_directly``, with the
status, headers and bytes the view's answer has. Everything else goes to Flask untouched, and so does a request
whose body turns out to be anything but a decided case (with an input stream giving the bytes read, then the
rest), so every problem document is the view's own. While the app has request hooks, signal receivers, debug
mode, or a JSON provider or response class of its own, every request goes to Flask.
"""

from __future__ import annotations

import io

from flask import Flask, Response, signals

from .domain import SCHEMES
from .http import ExactJSONProvider

__all__ = ["DirectAnswers"]

_SIGNALS = (signals.request_started, signals.request_finished, signals.request_tearing_down,
            signals.got_request_exception, signals.appcontext_pushed, signals.appcontext_popped,
            signals.appcontext_tearing_down)
_JSON = "application/json"


def _read(stream, size: int) -> bytes:
    """Up to ``size`` bytes of ``stream``: fewer only at its end."""
    chunks = []
    while size > 0:
        chunk = stream.read(size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


class _Replay:
    """A WSGI input stream giving the bytes already read from ``stream``, then the rest of ``stream``."""

    def __init__(self, head: bytes, stream):
        self.head = io.BytesIO(head)
        self.stream = stream

    def read(self, size: int | None = -1) -> bytes:
        data = self.head.read(size)
        if size is None or size < 0:
            return data + self.stream.read()
        if len(data) < size:
            data += self.stream.read(size - len(data))
        return data

    def readline(self, size: int | None = -1) -> bytes:
        line = self.head.readline(size)
        if not line.endswith(b"\n") and (size is None or size < 0 or len(line) < size):
            line += self.stream.readline(-1 if size is None or size < 0 else size - len(line))
        return line

    def __iter__(self):
        while line := self.readline():
            yield line


class DirectAnswers:
    def __init__(self, app: Flask, wsgi_app):
        self.app = app
        self.wsgi_app = wsgi_app
        #: path -> scheme, for the domain views routed on a plain path (no converter, host or subdomain)
        self.schemes = {}
        if not app.url_map.host_matching:
            for rule in app.url_map.iter_rules():
                scheme = SCHEMES.get(rule.endpoint)
                if (scheme is not None and not rule.arguments and not rule.subdomain and rule.host is None
                        and "POST" in rule.methods):
                    self.schemes[rule.rule] = scheme

    def _plain(self) -> bool:
        """Whether Flask would do nothing but route, call the view and write its answer."""
        app = self.app
        provider = app.json
        return not (
            app.debug or type(provider) is not ExactJSONProvider or provider.compact is False
            or app.response_class is not Response or provider.mimetype != _JSON
            or any(app.before_request_funcs.values()) or any(app.after_request_funcs.values())
            or any(app.teardown_request_funcs.values()) or any(app.url_value_preprocessors.values())
            or app.teardown_appcontext_funcs or any(signal.receivers for signal in _SIGNALS)
        )

    def __call__(self, environ, start_response):
        scheme = self.schemes.get(environ.get("PATH_INFO"))
        if (scheme is None or environ.get("REQUEST_METHOD") != "POST"
                or environ.get("CONTENT_TYPE") != "application/json" or "HTTP_TRANSFER_ENCODING" in environ
                or not self._plain()):
            return self.wsgi_app(environ, start_response)
        length = environ.get("CONTENT_LENGTH") or ""
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        if not (length.isascii() and length.isdigit()) or (limit is not None and int(length) > limit):
            return self.wsgi_app(environ, start_response)
        size = int(length)
        stream = environ["wsgi.input"]
        body = _read(stream, size)
        complete = len(body) == size
        if complete and "wsgi.input_terminated" in environ:
            # from a server that ends the input stream itself, Werkzeug reads all of it: it must end here
            extra = stream.read(1)
            if extra:
                body += extra
                complete = False
        answer = None
        if complete:
            try:
                answer = scheme.answer_directly(self.app, environ, body)
            except Exception:  # Flask answers again, with its problem document for the error
                answer = None
        if answer is None:
            environ["wsgi.input"] = _Replay(body, stream)
            return self.wsgi_app(environ, start_response)
        start_response("200 OK", [("Content-Type", _JSON), ("Content-Length", str(len(answer)))])
        return [answer]
