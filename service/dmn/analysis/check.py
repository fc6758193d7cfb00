"""``decisions check``: the load problems and the linter's findings of a folder or file, as one list."""

from __future__ import annotations

from pathlib import Path

from ..errors import LoadError, Problem
from ..loader import load
from ..reader import read_file
from . import lint
from .finding import Finding

__all__ = ["check_path", "from_problem", "summary"]


def from_problem(problem: Problem) -> Finding:
    """A load problem as a finding (an error)."""
    name = Path(problem.file).name if problem.file else "<model>"
    where = name + (f" › {problem.element_id}" if problem.element_id else "")
    message = problem.message
    if problem.feel_text is not None and problem.position is not None:
        message += f" at column {problem.position + 1} of {problem.feel_text.strip()!r}"
    return Finding("error", "load", message, where, problem.file, problem.line)


def check_path(path: str | Path):
    """``(models or None, findings)``: the models when they load, and every finding, errors first.

    The linter also runs when loading fails, on each file that can be read, so that a misspelt name is
    worded as such (the load reports it as a FEEL syntax error at the same line, which is then left out).
    """
    path = Path(path)
    models = None
    problems: list[Problem] = []
    try:
        models = load(str(path))
    except LoadError as exc:
        problems = list(exc.problems)
    if models is not None:
        findings = lint(models)
    else:
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".dmn") if path.is_dir() else [path]
        definitions = []
        for f in files:
            try:
                definitions.append(read_file(f))
            except LoadError:
                continue
        findings = lint(definitions)
    worded = {(f.file, f.line) for f in findings if f.code == "unknown-name"}
    findings = [f for f in findings if f.code != "syntax"] + [
        from_problem(p) for p in problems if (p.file, p.line) not in worded]
    findings.sort(key=lambda f: (f.severity != "error", f.file or "", f.line or 0))
    return models, findings


def summary(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    return f"{errors} error(s), {warnings} warning(s)"
