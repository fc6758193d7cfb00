"""Per-evaluation state (trace, matched rules, messages, strictness, budget), kept per thread so that nothing
mutable is shared between threads evaluating the same model.

The state is also the evaluation's ``Result``: when the evaluation ends, its value is set and the same object is
returned (one object less per evaluation). The trace is kept as plain tuples ``(decision, scope, result, matched
rules)`` while evaluating (``raw_trace``); ``trace_entries`` turns them into ``DecisionTrace`` objects for errors,
``Result.trace`` for results.
"""

from __future__ import annotations

import threading
from time import monotonic

from .budget import DEFAULT_BUDGET, Budget, BudgetExceeded
from .result import DecisionTrace, Message, Result, trace_entries

__all__ = ["UNMETERED", "EvalState", "StateSlot", "charge", "current_state", "evaluation", "fold", "folding", "note",
           "seconds_left", "tick"]

_NO_LIMIT = float("inf")


class EvalState(Result):
    """``strict``: see ``Model.evaluate``; ``rules``: where a decision table adds the rules it matched (each
    decision value gives it a list of its own); ``budget``: what the evaluation may spend, with its ``deadline``
    (on ``time.monotonic``'s clock) and the ``items_left`` it may still produce.

    The clock starts at the first check (the first loop iteration, function call, list made or regular
    expression): what comes before is straight-line work, bounded by the model's size, and an evaluation that
    never reaches a check (most decision tables) never reads the clock."""

    __slots__ = ("strict", "rules", "budget", "deadline", "items_left")

    def __init__(self, strict: bool, budget: Budget | None = None):
        self.value = None
        self.raw_trace = []
        self._trace = None
        self.messages = []
        self.strict = strict
        self.rules = []
        self.budget = budget  # None: DEFAULT_BUDGET
        self.deadline = None  # set, with items_left, by the first check (``_start``)

    def _start(self) -> None:
        budget = self.budget = self.budget or DEFAULT_BUDGET
        seconds, items = budget.seconds, budget.max_items
        self.deadline = _NO_LIMIT if seconds is None else monotonic() + seconds
        self.items_left = _NO_LIMIT if items is None else items

    def charge(self, n: int) -> None:
        """Count ``n`` items produced (and look at the clock); BudgetExceeded past either budget."""
        if self.deadline is None:
            self._start()
        left = self.items_left = self.items_left - n
        if left < 0:
            raise BudgetExceeded("items", self.budget.max_items)
        if monotonic() > self.deadline:
            raise BudgetExceeded("time", self.budget.seconds)

    def tick(self) -> None:
        """BudgetExceeded when the time budget is spent."""
        deadline = self.deadline
        if deadline is None:
            self._start()
        elif monotonic() > deadline:
            raise BudgetExceeded("time", self.budget.seconds)

    def seconds_left(self) -> float | None:
        """The time left (None: no time budget); BudgetExceeded when none is."""
        if self.deadline is None:
            self._start()
        if self.deadline == _NO_LIMIT:
            return None
        left = self.deadline - monotonic()
        if left <= 0:
            raise BudgetExceeded("time", self.budget.seconds)
        return left

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


class _Unmetered:
    """The budget of code run outside any evaluation: none."""

    __slots__ = ()

    def charge(self, n: int) -> None:
        pass

    def tick(self) -> None:
        pass

    def seconds_left(self) -> float | None:
        return DEFAULT_BUDGET.seconds


#: ``_CURRENT.slot.state or UNMETERED``: what a loop counts on (the state of its evaluation, else nothing)
UNMETERED = _Unmetered()


def charge(n: int) -> None:
    """Count ``n`` items produced by the evaluation running on this thread (none: nothing is counted)."""
    state = _CURRENT.slot.state
    if state is not None:
        state.charge(n)


def tick() -> None:
    """BudgetExceeded when the evaluation running on this thread has spent its time."""
    state = _CURRENT.slot.state
    if state is not None:
        state.tick()


def seconds_left() -> float | None:
    """The time the evaluation running on this thread has left (outside an evaluation: the default budget's)."""
    state = _CURRENT.slot.state
    return state.seconds_left() if state is not None else DEFAULT_BUDGET.seconds


def note(text: str) -> None:
    """A warning for the evaluation running on this thread (once per text)."""
    state = _CURRENT.slot.state
    if state is not None and all(m.text != text for m in state.messages):
        state.messages.append(Message("warning", text))


class _Loading(threading.local):
    def __init__(self):
        self.budget = None  # the budget of the load running on this thread
        self.seconds = None  # the time its constant folding has left


_LOADING = _Loading()


class _WithMessages(Exception):
    """A constant expression whose evaluation gives messages: not folded."""


class folding:
    """``with folding(budget):`` a load: constant folding (``fold``) spends at most ``budget`` in all."""

    __slots__ = ("budget", "_saved")

    def __init__(self, budget: Budget | None):
        self.budget = budget or DEFAULT_BUDGET

    def __enter__(self) -> None:
        self._saved = _LOADING.budget, _LOADING.seconds
        _LOADING.budget, _LOADING.seconds = self.budget, self.budget.seconds

    def __exit__(self, *exc) -> None:
        _LOADING.budget, _LOADING.seconds = self._saved


def fold(compiled):
    """The value of a constant expression at load time, ``compiled({})``, under the load's budget (see
    ``folding``; outside a load, the default budget). BudgetExceeded when it would spend more."""
    loading = _LOADING
    budget = loading.budget or DEFAULT_BUDGET
    seconds = loading.seconds if loading.budget is not None else budget.seconds
    slot = _CURRENT.slot
    saved = slot.state
    slot.state = state = EvalState(False, Budget(seconds, budget.max_items))
    started = monotonic()
    try:
        value = compiled({})
        if state.messages:  # a value that comes with a warning: each evaluation must give the warning
            raise _WithMessages()
        return value
    finally:
        slot.state = saved
        if loading.budget is not None and loading.seconds is not None:
            loading.seconds = max(0.0, loading.seconds - (monotonic() - started))


class evaluation:
    """``with evaluation(strict, budget) as state:`` sets up the state of one evaluation (re-entrant)."""

    __slots__ = ("state", "_slot", "_saved")

    def __init__(self, strict: bool, budget: Budget | None = None):
        self.state = EvalState(strict, budget)

    def __enter__(self) -> EvalState:
        self._slot = slot = _CURRENT.slot
        self._saved = slot.state
        slot.state = self.state
        return self.state

    def __exit__(self, *exc) -> None:
        self._slot.state = self._saved
