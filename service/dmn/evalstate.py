"""Per-evaluation state (trace, matched rules, messages, strictness), kept in a context variable
so that nothing mutable is shared between threads evaluating the same model."""

from __future__ import annotations

from contextvars import ContextVar

__all__ = ["EvalState", "current_state", "evaluation"]


class EvalState:
    __slots__ = ("strict", "trace", "rules", "messages")

    def __init__(self, strict: bool):
        self.strict = strict
        self.trace: list = []
        self.rules: list = []
        self.messages: list = []


_STATE: ContextVar[EvalState | None] = ContextVar("dmn_evaluation_state", default=None)


def current_state() -> EvalState | None:
    return _STATE.get()


class evaluation:
    """``with evaluation(strict) as state:`` sets up the state of one evaluation (re-entrant)."""

    __slots__ = ("state", "_token")

    def __init__(self, strict: bool):
        self.state = EvalState(strict)

    def __enter__(self) -> EvalState:
        self._token = _STATE.set(self.state)
        return self.state

    def __exit__(self, *exc) -> None:
        _STATE.reset(self._token)
