"""One root exception for the engine; every error knows where it happened.

A load error names the file, line, element id and, for FEEL, the text with a caret under the fault.
An evaluation error names the decision, the table and the rule, and carries the partial trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "DmnError",
    "EvaluationError",
    "FeelSyntaxError",
    "LoadError",
    "NoRuleMatched",
    "Problem",
    "caret_excerpt",
]


def caret_excerpt(text: str, position: int, length: int = 1) -> str:
    """The line of ``text`` holding ``position`` and a caret line under the fault."""
    position = max(0, min(position, len(text)))
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    if end < 0:
        end = len(text)
    line = text[start:end]
    column = position - start
    return f"{line}\n{' ' * column}{'^' * max(1, min(length, len(line) - column or 1))}"


@dataclass
class Problem:
    """One thing wrong with a model, with its place: ``element_id`` is the nearest element with an id (a rule,
    a context entry, an input clause...), ``element_name`` the name of the model element holding it (a decision,
    a BKM, an item definition...)."""

    message: str
    file: str | None = None
    line: int | None = None
    element_id: str | None = None
    feel_text: str | None = None
    position: int | None = None
    element_name: str | None = None

    def location(self) -> str:
        where = self.file or "<model>"
        if self.line is not None:
            where += f":{self.line}"
        return where

    def __str__(self) -> str:
        head = f"{self.location()}: {self.message}"
        if self.element_id and self.element_name:
            head += f" (element {self.element_id} in '{self.element_name}')"
        elif self.element_id or self.element_name:
            head += f" (element {self.element_id or repr(self.element_name)})"
        if self.feel_text is not None and self.position is not None:
            head += "\n" + caret_excerpt(self.feel_text, self.position)
        return head


class DmnError(Exception):
    """Root of every error the engine raises on purpose."""


class FeelSyntaxError(DmnError):
    """A FEEL text that does not parse; ``position`` is the 0-based offset of the fault."""

    def __init__(self, message: str, text: str, position: int):
        super().__init__(message)
        self.message = message
        self.text = text
        self.position = position

    def __str__(self) -> str:
        return f"{self.message} at column {self.position + 1}\n{caret_excerpt(self.text, self.position)}"


class LoadError(DmnError):
    """A model that cannot be loaded: one or more problems, each with file, line and element."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class _Where:
    decision_id: str | None = None
    decision_name: str | None = None
    table_id: str | None = None
    rule_index: int | None = None
    rule_id: str | None = None
    extra: dict = field(default_factory=dict)


class EvaluationError(DmnError):
    """A decision that could not be evaluated. ``trace`` holds the decisions evaluated before it."""

    def __init__(self, message: str, *, decision_id=None, decision_name=None, table_id=None,
                 rule_index=None, rule_id=None, trace=None):
        super().__init__(message)
        self.message = message
        self.decision_id = decision_id
        self.decision_name = decision_name
        self.table_id = table_id
        self.rule_index = rule_index
        self.rule_id = rule_id
        self.trace = list(trace or [])

    def __str__(self) -> str:
        parts = []
        if self.decision_name or self.decision_id:
            parts.append(f"decision '{self.decision_name or self.decision_id}'")
        if self.table_id:
            parts.append(f"table {self.table_id}")
        if self.rule_index is not None:
            parts.append(f"rule {self.rule_index}" + (f" ({self.rule_id})" if self.rule_id else ""))
        where = ", ".join(parts)
        return f"{where}: {self.message}" if where else self.message


class NoRuleMatched(EvaluationError):
    """A decision table matched no rule and has no default output (raised in strict evaluation)."""

    def __init__(self, message: str, *, inputs=None, **kwargs):
        super().__init__(message, **kwargs)
        self.inputs = dict(inputs or {})
