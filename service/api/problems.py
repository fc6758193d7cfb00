"""Every error answer is an RFC 9457 problem document (``application/problem+json``), never HTML.

``ProblemError`` is raised by the views and the body parser for the problems this service names itself;
``register`` turns it, every HTTP error of Werkzeug (404, 405, 413, ...) and any unexpected exception (500,
with no internals in the body; the traceback goes to the log) into a problem document.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import HTTPException

from schemas.problem import error_list
from service import jsonvalues

__all__ = ["PROBLEM_MEDIA_TYPE", "ProblemError", "budget_problem", "load_or_problem", "problem_response", "register",
           "validation_problem"]

PROBLEM_MEDIA_TYPE = "application/problem+json"
#: problem ``type`` URIs (relative references, as RFC 9457 allows)
TYPE_VALIDATION = "/problems/validation"
TYPE_UNDECIDABLE = "/problems/undecidable"
TYPE_EVALUATION = "/problems/evaluation-error"
TYPE_MALFORMED_JSON = "/problems/malformed-json"
TYPE_MEDIA_TYPE = "/problems/unsupported-media-type"
TYPE_NOT_READY = "/problems/not-ready"
TYPE_BUDGET_EXCEEDED = "/problems/budget-exceeded"


class ProblemError(Exception):
    """A problem the service answers with: status, title, detail and extra members (``errors``, ...)."""

    def __init__(self, status: int, title: str, detail: str, *, type: str = "about:blank",
                 headers: dict | None = None, **extra):
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        self.headers = dict(headers or {})
        self.extra = extra

    def body(self) -> dict:
        return {"type": self.type, "title": self.title, "status": self.status, "detail": self.detail,
                **self.extra}


def validation_problem(messages) -> ProblemError:
    """422 for marshmallow errors: one ``{path, message}`` per bad field."""
    errors = error_list(messages)
    count = len({e["path"] for e in errors})
    detail = f"{count} field{'s are' if count != 1 else ' is'} invalid"
    return ProblemError(422, "Invalid request", detail, type=TYPE_VALIDATION, errors=errors)


def budget_problem(error, model: dict) -> ProblemError:
    """422 for an evaluation past its time or size budget (``service.dmn.BudgetExceeded``): the decision, the
    budget ("time" or "items") and its limit."""
    return ProblemError(422, "The evaluation went past its budget", str(error), type=TYPE_BUDGET_EXCEEDED,
                        decision=error.decision_id, budget=error.budget, limit=error.limit, model=model)


def load_or_problem(schema: Schema, data):
    """``schema.load(data)``; a 422 naming each bad field when the schema refuses it."""
    try:
        return schema.load(data)
    except ValidationError as exc:
        raise validation_problem(exc.messages) from None


def problem_response(problem: ProblemError) -> Response:
    response = Response(jsonvalues.dumps(problem.body()), status=problem.status, mimetype=PROBLEM_MEDIA_TYPE)
    for name, value in problem.headers.items():
        response.headers[name] = value
    return response


_HTTP_DETAILS = {
    404: lambda e: f"There is nothing at {request.path}.",
    405: lambda e: f"{request.method} is not allowed on {request.path}; allowed: "
    + ", ".join(sorted(e.valid_methods or [])) + ".",
    413: lambda e: "The body is larger than the limit of "
    + f"{current_app.config.get('MAX_CONTENT_LENGTH')} bytes.",
}


def _from_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    if status >= 500:
        return _internal_error(error)
    detail_of = _HTTP_DETAILS.get(status)
    detail = detail_of(error) if detail_of else (error.description or error.name)
    headers = {}
    if status == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return problem_response(ProblemError(status, error.name, detail, headers=headers))


def _internal_error(error: Exception) -> Response:
    original = getattr(error, "original_exception", None) or error
    current_app.logger.error("unexpected error on %s %s", request.method, request.path, exc_info=original)
    return problem_response(
        ProblemError(500, "Internal Server Error", "The service failed to answer; the error has been logged.")
    )


def register(app: Flask) -> None:
    app.register_error_handler(ProblemError, problem_response)
    app.register_error_handler(HTTPException, _from_http_exception)
    app.register_error_handler(Exception, _internal_error)
