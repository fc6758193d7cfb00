"""The state of the last load of the models, which ``/ready`` and ``/models`` report.

``checked(path)`` loads the models of a folder and checks them: it gives the models (None when they cannot
serve) and the problems, each a JSON object with ``severity``, ``message``, and where known ``file`` and
``line``. ``model_findings`` is the one place where checks beyond loading add their findings (a linter's
``Finding.to_dict()``); a finding of severity ``error`` keeps the models from serving.
"""

from __future__ import annotations

from datetime import UTC, datetime

from service.dmn import LoadError, load

__all__ = ["checked", "model_findings", "reload_state"]


def _problem_json(problem) -> dict:
    out = {"severity": "error", "code": "load-error", "message": str(problem)}
    for name in ("file", "line"):
        value = getattr(problem, name, None)
        if value is not None:
            out[name] = str(value) if name == "file" else value
    return out


def model_findings(models) -> list[dict]:
    """Findings on loaded ``models`` beyond load errors: the linter's, when the engine has one."""
    try:
        from service.dmn.analysis import lint
    except ImportError:
        return []
    return [finding.to_dict() for finding in lint(models)]


def checked(path, budget=None) -> tuple[object | None, list[dict]]:
    """The models of ``path`` and the problems found; the models are None when any problem is an error.
    Constant expressions are folded under ``budget`` (the service's evaluation budget)."""
    try:
        models = load(str(path), budget=budget)
    except LoadError as exc:
        return None, [_problem_json(p) for p in exc.problems]
    except Exception as exc:  # whatever stops a load is a problem of the reload, never of the service
        return None, [{"severity": "error", "code": "load-error", "message": f"{type(exc).__name__}: {exc}"}]
    if not models:
        return None, [{"severity": "error", "code": "load-error", "message": f"no .dmn file in {path}"}]
    problems = model_findings(models)
    if any(problem.get("severity") == "error" for problem in problems):
        return None, problems
    return models, problems


def reload_state(succeeded: bool, problems: list[dict], models, at: datetime | None = None) -> dict:
    """What ``/ready`` says of the last load: when, whether it succeeded, its problems, and the models that
    serve (on failure, the last good ones)."""
    return {
        "time": (at or datetime.now(UTC)).isoformat(timespec="milliseconds"),
        "succeeded": succeeded,
        "problems": problems,
        "serving": [{"name": m.name, "sha256": m.sha256} for m in (models or {}).values()],
    }
