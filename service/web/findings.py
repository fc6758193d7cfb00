"""The findings on the loaded models' tables, as the page lists them."""

from __future__ import annotations

from pathlib import Path

__all__ = ["table_findings"]


def table_findings(models) -> dict:
    """``{"source": "lint", "findings": [...]}`` from the linter (``service.dmn.analysis.lint``) when it is
    installed, else ``{"source": "load", ...}`` with each model's load diagnostics (a lenient load keeps them on
    ``model.diagnostics``). Each finding is JSON with camelCase keys."""
    try:
        from service.dmn.analysis import lint
    except ImportError:
        return {"source": "load", "findings": [_diagnostic(model, problem) for model in models.values()
                                               for problem in getattr(model, "diagnostics", None) or []]}
    return {"source": "lint", "findings": [finding.to_dict() for finding in lint(models)]}


def _diagnostic(model, problem) -> dict:
    file = Path(str(problem.file or model.file)).name
    return {"severity": "error", "code": "load", "message": problem.message, "where": file, "file": file,
            "line": problem.line, "model": model.name, "decisionId": None, "ruleId": problem.element_id}
