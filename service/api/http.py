"""JSON in and out of Flask with exact numbers, and the request-body parser of every JSON route.

- ``ExactJSONProvider``: Flask's JSON provider; numbers parse to ``Decimal`` and Decimals are written exactly.
- ``JsonBodyParser``: webargs parser behind ``Blueprint.arguments``: 415 unless the body is JSON, 400 for an
  empty or malformed body (with line and column), 413 past ``MAX_CONTENT_LENGTH`` (raised by Werkzeug), and
  422 with the JSON path of each bad field when the schema refuses the body.
"""

from __future__ import annotations

import flask_smorest
from flask.json.provider import DefaultJSONProvider
from webargs import core
from webargs.flaskparser import FlaskParser

from service import jsonvalues

from .problems import TYPE_MALFORMED_JSON, TYPE_MEDIA_TYPE, ProblemError, validation_problem

__all__ = ["Blueprint", "ExactJSONProvider", "JsonBodyParser"]


class ExactJSONProvider(DefaultJSONProvider):
    def dumps(self, obj, **kwargs) -> str:
        return jsonvalues.dumps(obj, indent=kwargs.get("indent"))

    def loads(self, s, **kwargs):
        return jsonvalues.loads(s)


class JsonBodyParser(FlaskParser):
    def load_json(self, req, schema):
        if not core.is_json(req.mimetype):
            raise ProblemError(
                415, "Unsupported Media Type",
                f"The body must be JSON (Content-Type: application/json), not {req.mimetype or 'nothing'!r}.",
                type=TYPE_MEDIA_TYPE,
            )
        data = req.get_data(cache=True)  # Werkzeug raises 413 past MAX_CONTENT_LENGTH
        if not data.strip():
            raise ProblemError(400, "Malformed JSON", "The body is empty; send a JSON object.",
                               type=TYPE_MALFORMED_JSON)
        try:
            return jsonvalues.loads(data)
        except jsonvalues.JsonSyntaxError as exc:
            raise ProblemError(400, "Malformed JSON", f"The body is not valid JSON: {exc}.",
                               type=TYPE_MALFORMED_JSON) from None

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        # webargs files the messages under the location; paths in the body start at the body itself
        messages = error.messages
        if isinstance(messages, dict) and set(messages) == {"json"}:
            messages = messages["json"]
        raise validation_problem(messages)


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = JsonBodyParser()
