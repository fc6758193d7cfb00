"""The production server: gunicorn, run from Python with the models loaded in the master process.

- The master (arbiter) loads and validates the models once; workers are forked with them and build their app.
- ``kill -HUP <master pid>`` is gunicorn's graceful reload: the master loads the models again; when that
  works, the new workers serve the new models, and when a model fails to load the master logs every problem
  and the new workers keep serving the previous models. Old workers finish their requests before they stop.
- One JSON log line per request on stdout: time, method, path (no query string), status, duration in ms, the
  decision evaluated and the sha256 of its model. Never a value of the case.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sys
import time
from datetime import UTC, datetime
from json.encoder import encode_basestring

from gunicorn.app.base import BaseApplication

from .app import create_app
from .dmn import load

__all__ = ["DecisionServer", "RequestLog", "log_event", "log_request"]

_log = logging.getLogger("decisions.server")
#: the handler ``_setup_logging`` gives the logger: one message a line on stdout
_stdout_handler: logging.StreamHandler | None = None


def _setup_logging() -> None:
    global _stdout_handler
    if not _log.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        _log.addHandler(handler)
        _log.setLevel(logging.INFO)
        _log.propagate = False
        _stdout_handler = handler


#: ``json.dumps(line, ensure_ascii=False)`` without building an encoder per line
_encode_line = json.JSONEncoder(ensure_ascii=False).encode


def log_event(event: str, **fields) -> None:
    """One JSON line on stdout."""
    _setup_logging()
    line = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), "event": event, "pid": os.getpid()}
    line.update(fields)
    _log.info(_encode_line(line))


def _json_value(value) -> str:
    """``value`` as ``_encode_line`` writes it inside a line."""
    if type(value) is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return repr(value)
    return _encode_line(value)


def _request_line(method, path, status: int, duration_ms: float, decision, model) -> str:
    """What ``log_event("request", ...)`` logs, written without building and encoding a dict."""
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    return (f'{{"time": "{now}", "event": "request", "pid": {os.getpid()}, "method": {_json_value(method)}, '
            f'"path": {_json_value(path)}, "status": {_json_value(status)}, "durationMs": {_json_value(duration_ms)}, '
            f'"decision": {_json_value(decision)}, "model": {_json_value(model)}}}')


def log_request(method, path, status: int, duration_ms: float, decision, model) -> None:
    """The line of one request, as ``log_event("request", ...)`` logs it. While the logger is the one
    ``_setup_logging`` made, the line goes straight to its handler's stream as the handler would write it:
    a LogRecord, the caller lookup and the formatting cost more than the line itself, on every request."""
    _setup_logging()
    handler = _stdout_handler
    if _log.handlers != [handler] or _log.filters or handler.filters or not _log.isEnabledFor(logging.INFO):
        log_event("request", method=method, path=path, status=status, durationMs=duration_ms,
                  decision=decision, model=model)
        return
    line = _request_line(method, path, status, duration_ms, decision, model)
    with handler.lock:
        try:
            handler.stream.write(line + handler.terminator)
            handler.stream.flush()
        except Exception:  # as StreamHandler.emit: a log that cannot be written never fails the request
            handler.handleError(logging.makeLogRecord({"msg": line}))


def _models_summary(models) -> list[dict]:
    return [{"name": m.name, "sha256": m.sha256} for m in models.values()]


class RequestLog:
    """WSGI middleware writing one JSON line per request; the app puts the decision and model hash in the
    environ under ``decisions.log``."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        seen = {"status": 500}

        def recording_start_response(status, headers, exc_info=None):
            seen["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, recording_start_response)
        finally:
            noted = environ.get("decisions.log") or {}
            log_request(environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"), seen["status"],
                        round((time.perf_counter() - started) * 1000, 3), noted.get("decision"), noted.get("model"))


class DecisionServer(BaseApplication):
    """gunicorn serving the decision app of ``decisions_dir``; ``models`` are the already loaded models."""

    def __init__(self, decisions_dir, models, options: dict, app_config: dict | None = None):
        self.decisions_dir = str(decisions_dir)
        self.models = models
        self.options = {"accesslog": None, "errorlog": "-", "proc_name": "decisions", **options}
        self.app_config = app_config or {}
        super().__init__()

    def load_config(self):
        options = dict(self.options)
        if "control_socket_disable" in self.cfg.settings:  # gunicorn >= 25: one fixed path per user otherwise
            options.setdefault("control_socket_disable", True)
        for key, value in options.items():
            self.cfg.set(key, value)

    def reload(self):
        """SIGHUP in the master: reread the models; on failure keep the previous ones and say why."""
        super().reload()
        try:
            models = load(self.decisions_dir)
            if not models:
                raise ValueError(f"no .dmn file in {self.decisions_dir}")
        except Exception as exc:  # any failure keeps the models that serve now
            problems = [str(p) for p in getattr(exc, "problems", [])] or [str(exc)]
            log_event("reload-failed", decisions=self.decisions_dir, problems=problems,
                      keeping=_models_summary(self.models))
            return
        self.models = models
        log_event("reloaded", decisions=self.decisions_dir, models=_models_summary(models))

    def load(self):
        """In each worker, after the fork: the app on the master's models, wrapped in the request log."""
        return RequestLog(create_app(models=self.models, config=self.app_config))
