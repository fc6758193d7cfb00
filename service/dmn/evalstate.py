"""Per-evaluation state (trace, matched rules, messages, strictness), kept per thread so that nothing
mutable is shared between threads evaluating the same model.

The state is also the evaluation's ``Result``: when the evaluation ends, its value is set and the same object is
returned (one object less per evaluation). The trace is kept as plain tuples ``(decision, scope, result, matched
rules)`` while evaluating (``raw_trace``); ``trace_entries`` turns them into ``DecisionTrace`` objects for errors,
``Result.trace`` for results.
"""

from __future__ import annotations

import threading

from .result import DecisionTrace, Result, trace_entries

__all__ = ["EvalState", "StateSlot", "current_state", "evaluation"]


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


class StateSlot:
    """Where one thread keeps the state of the evaluation it runs (``state``, None outside an evaluation)."""

    __slots__ = ("state",)

    def __init__(self):
        self.state = None


class _Current(threading.local):
    def __init__(self):  # in each thread, on its first use
        self.slot = StateSlot()


#: ``_CURRENT.slot.state``: the state of the evaluation running on this thread. Reading a thread-local attribute
#: costs several times a plain one, so an evaluation reads the thread's slot once and then uses the slot.
_CURRENT = _Current()


def current_state() -> EvalState | None:
    return _CURRENT.slot.state


class evaluation:
    """``with evaluation(strict) as state:`` sets up the state of one evaluation (re-entrant)."""

    __slots__ = ("state", "_slot", "_saved")

    def __init__(self, strict: bool):
        self.state = EvalState(strict)

    def __enter__(self) -> EvalState:
        self._slot = slot = _CURRENT.slot
        self._saved = slot.state
        slot.state = self.state
        return self.state

    def __exit__(self, *exc) -> None:
        self._slot.state = self._saved
