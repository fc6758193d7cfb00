"""The production server: gunicorn, run from Python with the models loaded in the master process.

- The master (arbiter) loads and validates the models once; workers are forked with them and build their app.
  Workers are threaded and read each request whole before a thread answers it (``service.worker``).
- ``kill -HUP <master pid>`` reloads: a thread of the master loads the models again while the master goes on
  answering signals and replacing workers. When the load ends, new workers start: with the new models, or
  when a model fails to load (or the load does not end within ``RELOAD_TIMEOUT``), with the previous models,
  and the master logs every problem. Either way ``/ready`` and ``/models`` report the last reload. Old
  workers finish their requests before they stop.
- One JSON log line per request on stdout: time, method, path (no query string), status, duration in ms, the
  decision evaluated and the sha256 of its model. Never a value of the case.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sys
import threading
import time
from datetime import UTC, datetime
from json.encoder import encode_basestring

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

from . import worker
from .api.reload import checked, model_findings, reload_state
from .app import create_app
from .balance import ConnectionBalance
from .dmn.budget import DEFAULT_BUDGET, Budget

__all__ = ["DecisionArbiter", "DecisionServer", "RequestLog", "log_event", "log_request"]

#: seconds a reload may take before it counts as failed
RELOAD_TIMEOUT = 300.0

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


class DecisionArbiter(Arbiter):
    """gunicorn's master, reloading the models on SIGHUP without waiting for them: a thread loads them while
    the master goes on handling signals and replacing workers; once the load ends, new workers start (with
    the new models, or with the last good ones and the failed reload's state) and the old ones stop."""

    def handle_hup(self):
        self.log.info("Hang up: %s", self.master_name)
        self.log.reopen_files()
        self.app.start_reload(self.wakeup)

    def manage_workers(self):
        if self.app.take_reload():
            for _ in range(self.cfg.workers):
                self.spawn_worker()
        super().manage_workers()  # and the oldest workers stop


class DecisionServer(BaseApplication):
    """gunicorn serving the decision app of ``decisions_dir``; ``models`` are the already loaded models.

    The workers are ``service.worker.BufferingWorker`` (threads, keep-alive, each request read whole before a
    thread answers it). A reload that has not ended after ``reload_timeout`` seconds counts as failed."""

    def __init__(self, decisions_dir, models, options: dict, app_config: dict | None = None,
                 reload_timeout: float = RELOAD_TIMEOUT):
        self.decisions_dir = str(decisions_dir)
        self.models = models
        self.options = {"accesslog": None, "errorlog": "-", "proc_name": "decisions",
                        "worker_class": "service.worker.BufferingWorker", "threads": 4, "keepalive": 5,
                        "worker_connections": 1000, **options}
        self.app_config = app_config or {}
        self.reload_timeout = reload_timeout
        self.reload_state = reload_state(True, model_findings(models), models)
        self._lock = threading.Lock()
        self._generation = 0  # of the latest load started
        self._loading_since: float | None = None  # when the running load started (monotonic)
        self._again = False  # a SIGHUP came while a load ran: load again after it
        self._finished: tuple | None = None  # (models or None, problems) of the load that ended
        self._wakeup = lambda: None
        super().__init__()

    def load_config(self):
        options = dict(self.options)
        if "control_socket_disable" in self.cfg.settings:  # gunicorn >= 25: one fixed path per user otherwise
            options.setdefault("control_socket_disable", True)
        read_timeout = options.pop("read_timeout", worker.SETTINGS["read_timeout"])
        balance = ConnectionBalance(max(64, 4 * int(options.get("workers") or 1)))
        options.setdefault("child_exit", lambda arbiter, gone: balance.forget(gone.age, gone.pid))
        for key, value in options.items():
            self.cfg.set(key, value)
        worker.SETTINGS.update(read_timeout=read_timeout, balance=balance,
                               max_body=self.app_config.get("MAX_CONTENT_LENGTH", worker.SETTINGS["max_body"]))

    def run(self):
        try:
            DecisionArbiter(self).run()
        except RuntimeError as exc:
            print(f"\nError: {exc}\n", file=sys.stderr, flush=True)
            sys.exit(1)

    def start_reload(self, wakeup) -> None:
        """SIGHUP in the master: load the models in a thread; ``wakeup`` wakes the master when it ends."""
        self._wakeup = wakeup
        with self._lock:
            if self._loading_since is not None:
                self._again = True  # the running load may have read the files before they changed
                return
            self._generation += 1
            self._loading_since = time.monotonic()
            generation = self._generation
        threading.Thread(target=self._load, args=(generation, wakeup), name="decisions-reload",
                         daemon=True).start()

    def _load(self, generation: int, wakeup) -> None:
        config = self.app_config or {}
        budget = Budget(config.get("EVAL_TIMEOUT", DEFAULT_BUDGET.seconds),
                        config.get("EVAL_MAX_ITEMS", DEFAULT_BUDGET.max_items))
        models, problems = checked(self.decisions_dir, budget)
        with self._lock:
            if generation == self._generation:
                self._finished = (models, problems)
        wakeup()

    def take_reload(self) -> bool:
        """In the master's loop: apply the load that ended, or fail the one past its timeout; True when new
        workers must take over."""
        with self._lock:
            finished, self._finished = self._finished, None
            since = self._loading_since
            if finished is None:
                if since is None or time.monotonic() - since < self.reload_timeout:
                    return False
                self._generation += 1  # the hung load's result, if it ever comes, is ignored
                finished = (None, [{"severity": "error", "code": "load-timeout",
                                    "message": f"loading {self.decisions_dir} did not end within "
                                               f"{self.reload_timeout:g} s"}])
            self._loading_since = None
            again, self._again = self._again, False
        models, problems = finished
        if models is None:
            log_event("reload-failed", decisions=self.decisions_dir,
                      problems=[problem["message"] for problem in problems],
                      keeping=_models_summary(self.models))
        else:
            self.models = models
            log_event("reloaded", decisions=self.decisions_dir, models=_models_summary(models))
        self.reload_state = reload_state(models is not None, problems, self.models)
        if again:
            self.start_reload(self._wakeup)
        return True

    def reload(self):
        """gunicorn's own reload (not used by ``DecisionArbiter``): the models load in a thread."""
        self.start_reload(lambda: None)

    def load(self):
        """In each worker, after the fork: the app on the master's models, wrapped in the request log."""
        config = {**self.app_config, "RELOAD_STATE": self.reload_state}
        return RequestLog(create_app(models=self.models, config=config))
