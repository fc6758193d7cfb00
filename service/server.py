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
import os
import sys
import time
from datetime import UTC, datetime

from gunicorn.app.base import BaseApplication

from .app import create_app
from .dmn import load

__all__ = ["DecisionServer", "RequestLog", "log_event"]

_log = logging.getLogger("decisions.server")


def _setup_logging() -> None:
    if not _log.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        _log.addHandler(handler)
        _log.setLevel(logging.INFO)
        _log.propagate = False


#: ``json.dumps(line, ensure_ascii=False)`` without building an encoder per line
_encode_line = json.JSONEncoder(ensure_ascii=False).encode


def log_event(event: str, **fields) -> None:
    """One JSON line on stdout."""
    _setup_logging()
    line = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), "event": event, "pid": os.getpid()}
    line.update(fields)
    _log.info(_encode_line(line))


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
            log_event(
                "request",
                method=environ.get("REQUEST_METHOD"),
                path=environ.get("PATH_INFO"),
                status=seen["status"],
                durationMs=round((time.perf_counter() - started) * 1000, 3),
                decision=noted.get("decision"),
                model=noted.get("model"),
            )


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
