"""Per-evaluation state (trace, matched rules, messages, strictness), kept per thread so that nothing
mutable is shared between threads evaluating the same model.

The state is also the evaluation's ``Result``: when the evaluation ends, its value is set and the same object is
returned (one object less per evaluation). The trace is kept as plain tuples ``(decision, scope, position, result,
matched rules)`` while evaluating (``raw_trace``); ``trace_entries`` turns them into ``DecisionTrace`` objects
for errors, ``Result.trace`` for results.
"""

from __future__ import annotations

import threading

from .result import DecisionTrace, Result, trace_entries

__all__ = ["EvalState", "current_state", "evaluation"]


class EvalState(Result):
    """``strict``: see ``Model.evaluate``; ``rules``: where a decision table adds the rules it matched (each
    decision value gives it a list of its own)."""

    __slots__ = ("strict", "rules")

    def __init__(self, strict: bool):
        self.value = None
        self.raw_trace = []
        self._trace = None
        self.messages = []
        self.strict = strict
        self.rules = []

    def trace_entries(self) -> list[DecisionTrace]:
        return trace_entries(self.raw_trace)


class _Current(threading.local):
    state: EvalState | None = None  # per thread; None outside an evaluation


#: ``_CURRENT.state``: the state of the evaluation running on this thread (cheaper than a ContextVar)
_CURRENT = _Current()


def current_state() -> EvalState | None:
    return _CURRENT.state


class evaluation:
    """``with evaluation(strict) as state:`` sets up the state of one evaluation (re-entrant)."""

    __slots__ = ("state", "_saved")

    def __init__(self, strict: bool):
        self.state = EvalState(strict)

    def __enter__(self) -> EvalState:
        self._saved = _CURRENT.state
        _CURRENT.state = self.state
        return self.state

    def __exit__(self, *exc) -> None:
        _CURRENT.state = self._saved
