"""What an evaluation returns: the value, the trace of evaluated decisions, and messages."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DecisionTrace", "MatchedRule", "Message", "Result", "trace_entries"]


@dataclass(frozen=True, slots=True)
class MatchedRule:
    """A decision-table rule that matched: 1-based index, its id and annotation (``None`` if none)."""

    index: int
    id: str | None
    annotation: str | None


class DecisionTrace:
    """One evaluated decision: its inputs (the values of the requirements its logic reads; of a context it only
    reads as paths ``X.a``, the fields read), output, matched rules and, for a decision without a table, its
    ``source`` (the first line of its description).

    ``inputs`` may be given as ``(function, *arguments)``, called the first time they are read: an evaluation
    records where its inputs are, and only a reader of the trace pays for the dict."""

    __slots__ = ("decision_id", "decision_name", "_inputs", "result", "matched_rules", "source")

    def __init__(self, decision_id: str, decision_name: str, inputs, result, matched_rules=None, source=None):
        self.decision_id = decision_id
        self.decision_name = decision_name
        self._inputs = inputs
        self.result = result
        self.matched_rules: list[MatchedRule] = matched_rules if matched_rules is not None else []
        self.source: str | None = source

    @property
    def inputs(self) -> dict:
        inputs = self._inputs
        if type(inputs) is tuple:
            function, *arguments = inputs
            inputs = self._inputs = function(*arguments)
        return inputs

    def _fields(self) -> tuple:
        return self.decision_id, self.decision_name, self.inputs, self.result, self.matched_rules

    def __eq__(self, other):
        return isinstance(other, DecisionTrace) and self._fields() == other._fields()

    __hash__ = None

    def __repr__(self) -> str:
        return ("DecisionTrace(decision_id={!r}, decision_name={!r}, inputs={!r}, result={!r}, "
                "matched_rules={!r})".format(*self._fields()))


@dataclass(frozen=True, slots=True)
class Message:
    """A warning or error noted while evaluating (an invalid argument that gave null, ...)."""

    severity: str  # "warning" | "error"
    text: str
    decision_id: str | None = None


class Result:
    """The outcome of ``Model.evaluate``: ``value``, ``trace`` in evaluation order, ``messages``.

    The trace is recorded during the evaluation as tuples (``raw_trace``); its ``DecisionTrace`` objects are
    made on first access."""

    __slots__ = ("value", "_trace", "raw_trace", "messages")

    def __init__(self, value, raw_trace: list, messages: list[Message]):
        self.value = value
        self.raw_trace = raw_trace
        self._trace = None
        self.messages = messages

    @property
    def trace(self) -> list[DecisionTrace]:
        if self._trace is None:
            self._trace = trace_entries(self.raw_trace)
        return self._trace

    def decision_rules(self) -> list[tuple[str, str, list[MatchedRule]]]:
        """Each trace entry's decision id, name and ``matched_rules``, in the trace's order, without making the
        entries."""
        return [(dec.id, dec.name, rules) for dec, _, _, rules in self.raw_trace]

    def __repr__(self) -> str:
        return f"Result(value={self.value!r}, trace={self.trace!r}, messages={self.messages!r})"


def trace_entries(raw: list) -> list[DecisionTrace]:
    """``DecisionTrace`` objects of a trace recorded as ``(decision, scope, result, matched rules)`` tuples (an
    entry's position in the list is its position in the trace): the decision has ``id``, ``name`` and
    ``source`` and ``inputs_at(scope, position)``, called when the entry's inputs are first read."""
    return [DecisionTrace(dec.id, dec.name, (dec.inputs_at, env, position), value, rules, dec.source)
            for position, (dec, env, value, rules) in enumerate(raw)]
