"""Lazily computed values (a required decision, evaluated on first use) and the marker of a missing name.
Nothing here imports the rest of FEEL: compiled code, generated code and scopes all use it."""

from __future__ import annotations

__all__ = ["CONTEXT_CLASSES", "LAZY_TYPES", "MISSING", "Lazy", "Namespace"]

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


class Namespace(dict):
    """An imported model's names in a scope (``Import.Decision``): its decisions are lazy values, each
    computed when it is first read. Every way of reading it (a key, ``get``, its items or values, a copy)
    gives their values, so no lazy value leaves it; and as it is no plain ``dict``, a plain context (whose
    values are never lazy) is read without asking."""

    __slots__ = ()

    def __getitem__(self, key):
        v = dict.__getitem__(self, key)
        return v.get() if v.__class__ in LAZY_TYPES else v

    def get(self, key, default=None):
        v = dict.get(self, key, default)
        return v.get() if v.__class__ in LAZY_TYPES else v

    def __iter__(self):  # not dict's own: a copy ({**ns}, dict(ns)) then reads each value through __getitem__
        return dict.__iter__(self)

    def items(self):
        return [(k, self[k]) for k in dict.__iter__(self)]

    def values(self):
        return [self[k] for k in dict.__iter__(self)]

    def copy(self):
        return dict(self.items())

    def __eq__(self, other):
        return dict(self.items()) == other

    def __ne__(self, other):
        return not self == other

    __hash__ = None


#: the classes of a context whose entries are names in a filter's condition: a plain context, and an imported
#: model's names (``[Import][Decision > 5]``)
CONTEXT_CLASSES = frozenset((dict, Namespace))
