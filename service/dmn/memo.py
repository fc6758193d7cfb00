"""Remembered invocations of pure BKMs: the same arguments give the same value, the same matched rules and the
same items spent, so a loaded model may answer a repeated invocation from memory, within one evaluation or
across evaluations.

A BKM is pure when its body reads neither ``today()`` nor ``now()``, nor a decision service, nor an imported
model, and every BKM it calls is pure (``pure_bkms``): DMN BKMs have no side effects, and its value depends on
its arguments and on the evaluation's strictness only. An invocation is remembered by its arguments' exact
values (``key``): a number by its text (``1.0`` and ``1`` are different values to remember, as a result may
show either), a date, a string, a boolean, null, a duration, and a context or list made of those; any other
argument (a function, a date and time with a zone, a deep structure) is not remembered. What is kept is the
value, the rules its tables matched (the trace gets them again on each use) and the items it spent (charged
again on each use, so that a budget counts as if the body ran). An invocation that gives a warning (or looks
whether it gave one already) or fails is not remembered, and its warnings come as they would.

Each BKM keeps at most ``SIZE`` invocations (the oldest half is dropped when it is full), and stops remembering
when, over a window of ``WINDOW`` calls, fewer than one in ``MIN_HIT_RATE`` is answered from memory (a BKM
whose arguments hardly repeat, such as a day's amount with a case's own wage, pays for nothing), or when an
answer from memory costs more than it saves on average (a small decision table answers about as fast as its key
is made).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from time import perf_counter

from .budget import DEFAULT_BUDGET
from .evalstate import _CURRENT
from .feel.values import DayTimeDuration, FeelFunction, YearMonthDuration

__all__ = ["IMPURE_NAMES", "MIN_HIT_RATE", "SIZE", "WINDOW", "Remembering", "key", "pure_bkms"]

SIZE = 4096
WINDOW = 256
MIN_HIT_RATE = 4  # at least one hit in 4 calls over a window
MAX_ITEMS = 64  # the most scalar values a key holds

#: the built-ins whose value is not a function of their arguments
IMPURE_NAMES = frozenset(("today", "now"))

_SCALARS = frozenset((bool, _dt.date, type(None), YearMonthDuration, DayTimeDuration))


def key(args: list, strict: bool) -> tuple | None:
    """What identifies an invocation: the strictness and each argument's exact value, in a form where values of
    different classes never compare equal (a number is its text, a string a 1-tuple, a boolean, null, a date or
    a duration itself, a context or list a tuple marked with its class); None when an argument cannot be
    remembered."""
    parts = [strict]
    for a in args:
        cls = a.__class__
        if cls is Decimal:
            parts.append(str(a))  # its exact text: 1.0 is not 1 for what a result may show
        elif cls is str:
            parts.append((a,))
        elif cls in _SCALARS:
            parts.append(a)
        else:
            a = _structure(a, [MAX_ITEMS])
            if a is None:
                return None
            parts.append(a)
    return tuple(parts)


def _structure(a, budget: list) -> tuple | None:
    """A context or list of remembered values as a tuple (see ``key``); None for anything else or when it
    holds more than the budget's values."""
    cls = a.__class__
    if cls is not dict and cls is not list:
        return None
    budget[0] -= len(a)
    if budget[0] < 0:
        return None
    out = [cls]
    for k, v in (a.items() if cls is dict else enumerate(a)):
        vc = v.__class__
        if vc is Decimal:
            v = str(v)
        elif vc is str:
            v = (v,)
        elif vc not in _SCALARS:
            v = _structure(v, budget)
            if v is None:
                return None
        out.append(k)
        out.append(v)
    return tuple(out)


def pure_bkms(static: dict, bkm_class) -> set:
    """The BKMs of a static scope (name -> value) that are pure, as the module docstring says, except those
    whose body is a decision table answering constants from its index (it answers as fast as a key is made)."""
    verdict: dict = {}

    def pure(fn) -> bool:
        known = verdict.get(fn)
        if known is not None:
            return known
        verdict[fn] = True  # a BKM calling itself is as pure as the rest of its body
        reads = fn.reads
        ok = reads is not None and fn._body is not None and reads.isdisjoint(IMPURE_NAMES)
        if ok:
            for name in reads:
                v = static.get(name)
                if v is None or v is fn:
                    continue
                if not (isinstance(v, bkm_class) and pure(v)):
                    ok = False
                    break
        verdict[fn] = ok
        return ok

    return {fn for fn in static.values() if isinstance(fn, bkm_class) and pure(fn)
            and not getattr(fn._body, "answers_from_index", False)}


def _items_mark(state):
    """Where the evaluation's item count stands: what ``_spent`` counts from."""
    if state.deadline is None:  # nothing charged yet: the whole budget is left
        return (state.budget or DEFAULT_BUDGET).max_items
    return state.items_left


def _spent(state, mark) -> int:
    """The items charged since ``mark``; 0 without a size budget."""
    if state.deadline is None or mark is None or state.items_left == float("inf"):
        return 0
    return mark - state.items_left


class Remembering:
    """``call(args)`` of a pure BKM that answers repeated invocations from memory (see the module docstring);
    ``memory`` maps keys to (value, matched rules, items spent)."""

    __slots__ = ("call", "owner", "memory", "calls", "hits", "misses", "seconds", "timed_hits", "hit_seconds",
                 "forgotten")

    def __init__(self, owner):
        self.owner = owner  # the BKM: its ``call`` is this, until it stops remembering
        self.call = owner.call
        self.memory: dict = {}
        self.calls = self.hits = self.misses = 0
        self.seconds = 0.0  # the time its misses took
        self.timed_hits = 0  # one hit in 8 is timed, key included
        self.hit_seconds = 0.0
        self.forgotten = False

    def __call__(self, args: list):
        state = _CURRENT.slot.state
        if state is None or self.forgotten:
            return self.call(args)
        calls = self.calls = self.calls + 1
        if calls >= WINDOW:
            self._review()
            if self.forgotten:
                return self.call(args)
        timed = not calls & 7
        if timed:
            started = perf_counter()
        k = key(args, state.strict)
        if k is None:
            return self.call(args)
        known = self.memory.get(k)
        if known is None:
            return self._first(args, k, state)
        self.hits += 1
        value, rules, items = known
        if rules:
            state.rules.extend(rules)
        if items:
            state.charge(items)
        cls = value.__class__
        if cls is dict:
            value = dict(value)
        elif cls is list:
            value = list(value)
        if timed:
            self.timed_hits += 1
            self.hit_seconds += perf_counter() - started
        return value

    def _review(self) -> None:
        """At the end of a window: stop remembering when the arguments hardly repeat, or when remembering costs
        more than it saves: an answer from memory (its key included) takes longer than the computing it spares
        on average (the share of calls answered from memory times the time of one computed)."""
        calls, hits = self.calls, self.hits
        costly = self.misses and self.timed_hits and \
            hits / calls * (self.seconds / self.misses) < self.hit_seconds / self.timed_hits
        if hits * MIN_HIT_RATE < calls or costly:
            self.forgotten = True
            self.memory.clear()
            if self.owner.call is self:
                self.owner.call = self.call  # its calls no longer come here
        self.calls = self.hits = 0

    def _first(self, args: list, k: tuple, state):
        """The invocation's value, computed, and remembered unless it warned or looked whether a warning was
        given already (a warning is given once per evaluation: an evaluation that finds it remembered would
        not give it)."""
        messages = state.messages
        scratch = state.messages = _Scratch(messages)  # what this invocation adds, apart
        rules = state.rules
        first = len(rules)
        mark = _items_mark(state)
        started = perf_counter()
        try:
            value = self.call(args)
        finally:
            state.messages = messages
            messages.extend(list.__iter__(scratch))  # as if added to the evaluation's own list
        self.misses += 1
        self.seconds += perf_counter() - started
        if scratch.read or len(scratch) or isinstance(value, FeelFunction):
            return value
        memory = self.memory
        if len(memory) >= SIZE:
            for old in list(memory)[: SIZE // 2]:
                memory.pop(old, None)
        cls = value.__class__
        memory[k] = (dict(value) if cls is dict else list(value) if cls is list else value,
                     tuple(rules[first:]), _spent(state, mark))
        return value


class _Scratch(list):
    """The messages list of an evaluation while a remembered invocation is computed: what it adds is kept
    apart, and reading it (as ``note`` does, to give a warning once) reads the evaluation's messages first and
    is noted (``read``)."""

    __slots__ = ("base", "read")

    def __init__(self, base: list):
        super().__init__()
        self.base = base
        self.read = False

    def __iter__(self):
        self.read = True
        yield from self.base
        yield from list.__iter__(self)
