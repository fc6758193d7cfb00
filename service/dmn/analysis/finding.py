"""A linter finding: what is wrong, and where a rule author and an editor look for it."""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["Finding"]


@dataclass(frozen=True)
class Finding:
    """One problem of a model.

    ``where`` is the path a modeler user follows (``inami-benefit.dmn › Minimum daily amount › rule 12 ›
    Family category``); ``file`` and ``line`` are for editors. ``severity`` is ``"error"`` (the model must not
    be served) or ``"warning"`` (worth a look, or a note in the row's annotation saying why it is right).
    """

    severity: str
    code: str
    message: str
    where: str
    file: str | None = None
    line: int | None = None
    model: str | None = None
    decision_id: str | None = None
    rule_id: str | None = None
    rule_index: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        """Two lines: the rule author's path and the message, then file:line and severity for editors."""
        file = self.file
        if file and os.path.isabs(file):
            relative = os.path.relpath(file)
            file = file if relative.startswith("..") else relative
        place = f"{file}:{self.line}" if file and self.line else (file or "")
        return f"{self.where}: {self.message}\n    {place + ' ' if place else ''}({self.severity}: {self.code})"

    def to_dict(self) -> dict:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "where": self.where,
            "file": self.file,
            "line": self.line,
            "model": self.model,
            "decisionId": self.decision_id,
            "ruleId": self.rule_id,
            "ruleIndex": self.rule_index,
            "column": self.column,
        }
