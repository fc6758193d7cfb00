"""Lazily computed values (a required decision, evaluated on first use) and the marker of a missing name.
Nothing here imports the rest of FEEL: compiled code, generated code and scopes all use it."""

from __future__ import annotations

__all__ = ["LAZY_TYPES", "MISSING", "Lazy"]

MISSING = object()
#: Lazy and its subclasses: the classes a name lookup must ask for their value
LAZY_TYPES: set = set()


class Lazy:
    """A value computed on first use (a required decision), then kept. While it is computed, its value stays
    ``MISSING`` (generated code calls ``get`` then) and ``_busy`` is set: read again then, it is a cycle."""

    __slots__ = ("_fn", "_value", "_busy")

    def __init__(self, fn):
        self._fn = fn
        self._value = MISSING
        self._busy = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        LAZY_TYPES.add(cls)

    def get(self):
        v = self._value
        if v is not MISSING:
            return v
        if self._busy:
            return None  # a cycle: the graph check refuses declared ones at load time
        self._busy = True
        try:
            v = self._value = self._compute()
        finally:
            self._busy = False
        return v

    def _compute(self):
        return self._fn()


LAZY_TYPES.add(Lazy)
