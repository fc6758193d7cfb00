"""What an evaluation returns: the value, the trace of evaluated decisions, and messages."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DecisionTrace", "MatchedRule", "Message", "Result"]


@dataclass(frozen=True, slots=True)
class MatchedRule:
    """A decision-table rule that matched: 1-based index, its id and annotation (``None`` if none)."""

    index: int
    id: str | None
    annotation: str | None


@dataclass(slots=True)
class DecisionTrace:
    """One evaluated decision: its inputs (the values of its requirements), output and matched rules."""

    decision_id: str
    decision_name: str
    inputs: dict
    result: object
    matched_rules: list[MatchedRule] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Message:
    """A warning or error noted while evaluating (an invalid argument that gave null, ...)."""

    severity: str  # "warning" | "error"
    text: str
    decision_id: str | None = None


@dataclass(slots=True)
class Result:
    """The outcome of ``Model.evaluate``: ``value``, ``trace`` in evaluation order, ``messages``."""

    value: object
    trace: list[DecisionTrace]
    messages: list[Message]
