"""JSON in and out of Flask with exact numbers, and the request-body parser of every JSON route.

- ``ExactJSONProvider``: Flask's JSON provider; numbers parse to ``Decimal`` and Decimals are written exactly.
- ``json_body``: the body of a JSON request: 415 unless the body is JSON, 400 for an empty or malformed body
  (with line and column), 413 past ``MAX_CONTENT_LENGTH`` (raised by Werkzeug).
- ``JsonBodyParser``: the same, as the webargs parser behind ``Blueprint.arguments``.
- ``Blueprint.documented``: a view that reads its body with ``json_body`` and writes its own answer, documented
  in the OpenAPI document exactly as the flask-smorest decorators would document it.
"""

from __future__ import annotations

import flask_smorest
from flask import Request
from flask.json.provider import DefaultJSONProvider
from webargs import core
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import RequestEntityTooLarge

from service import jsonvalues

from .problems import TYPE_MALFORMED_JSON, TYPE_MEDIA_TYPE, ProblemError, validation_problem

__all__ = ["Blueprint", "ExactJSONProvider", "JsonBodyParser", "json_body", "parse_json"]


class ExactJSONProvider(DefaultJSONProvider):
    def dumps(self, obj, **kwargs) -> str:
        return jsonvalues.dumps(obj, indent=kwargs.get("indent"))

    def response(self, *args, **kwargs):
        """As Flask's, with the body written straight to bytes when it is compact."""
        if self.compact is False or (self.compact is None and self._app.debug):
            return super().response(*args, **kwargs)
        obj = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(jsonvalues.dumps_bytes(obj) + b"\n", mimetype=self.mimetype)

    def loads(self, s, **kwargs):
        return jsonvalues.loads(s)


def json_body(req: Request):
    """The JSON body of ``req`` as JSON values (numbers as Decimal); the 415, 400 and 413 problems."""
    if not core.is_json(req.mimetype):
        raise ProblemError(
            415, "Unsupported Media Type",
            f"The body must be JSON (Content-Type: application/json), not {req.mimetype or 'nothing'!r}.",
            type=TYPE_MEDIA_TYPE,
        )
    return parse_json(_body(req))


def parse_json(data: bytes):
    """``data`` as JSON values (numbers as Decimal); 400 for an empty or malformed body."""
    if not data.strip():
        raise ProblemError(400, "Malformed JSON", "The body is empty; send a JSON object.",
                           type=TYPE_MALFORMED_JSON)
    try:
        return jsonvalues.loads(data)
    except jsonvalues.JsonSyntaxError as exc:
        raise ProblemError(400, "Malformed JSON", f"The body is not valid JSON: {exc}.",
                           type=TYPE_MALFORMED_JSON) from None


def _body(req: Request) -> bytes:
    """The body's bytes; 413 past ``MAX_CONTENT_LENGTH``, whether the body has a Content-Length (Werkzeug
    checks it) or comes in chunks until the server ends the stream (Werkzeug would cut it at the limit)."""
    limit = req.max_content_length
    if req.content_length is not None or limit is None or not req.environ.get("wsgi.input_terminated"):
        return req.get_data(cache=True)
    stream = req.environ["wsgi.input"]
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(min(65536, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise RequestEntityTooLarge()
    data = b"".join(chunks)
    req._cached_data = data  # what get_data gives from now on
    return data


class JsonBodyParser(FlaskParser):
    def load_json(self, req, schema):
        return json_body(req)

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        # webargs files the messages under the location; paths in the body start at the body itself
        messages = error.messages
        if isinstance(messages, dict) and set(messages) == {"json"}:
            messages = messages["json"]
        raise validation_problem(messages)


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = JsonBodyParser()

    @staticmethod
    def documented(*decorators):
        """The view as it is, carrying the OpenAPI documentation ``decorators`` (``arguments``, ``response``,
        ``alt_response``, ... outermost first) would give it, without their work on every request: for views
        that read their body with ``json_body``, load it with their schema and write their answer themselves."""

        def decorator(view):
            documented = view
            for document in reversed(decorators):
                documented = document(documented)
            view._apidoc = documented._apidoc
            return view

        return decorator
