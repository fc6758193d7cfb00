"""Context built-in functions (DMN 1.5, 10.3.4.8).

``get value``, ``get entries``, ``context``, ``context put`` and ``context merge``.

Contexts are ``dict`` values that are never changed: every function returns a new one.
"""

from __future__ import annotations

from ...evalstate import charge
from .base import Builtin, builtin

__all__ = ["FUNCTIONS"]


@builtin("get value", ("m", "key"))
def get_value(m, key):
    if not isinstance(m, dict) or not isinstance(key, str):
        return None
    return m.get(key)


@builtin("get entries", ("m",))
def get_entries(m):
    if not isinstance(m, dict):
        return None
    charge(len(m))
    return [{"key": key, "value": value} for key, value in m.items()]


@builtin("context", ("entries",))
def context(entries):
    """``context([{key: "a", value: 1}])`` is ``{a: 1}``; a repeated key gives null."""
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list):
        return None
    charge(len(entries))
    out: dict = {}
    for entry in entries:
        if not isinstance(entry, dict) or "key" not in entry or "value" not in entry:
            return None
        key = entry["key"]
        if not isinstance(key, str) or key in out:
            return None
        out[key] = entry["value"]
    return out


def _put(ctx: dict, keys: list, value):
    key = keys[0]
    if not isinstance(key, str):
        return None
    if len(keys) == 1:
        new_value = value
    else:
        inner = ctx.get(key)
        if not isinstance(inner, dict):
            return None
        new_value = _put(inner, keys[1:], value)
        if new_value is None:
            return None
    charge(len(ctx) + 1)
    return {**ctx, key: new_value}


def _context_put(ctx, key_or_keys, value):
    """A copy of ``ctx`` with ``key`` set (kept in place if present, else added at the end)."""
    if not isinstance(ctx, dict):
        return None
    keys = key_or_keys if isinstance(key_or_keys, list) else [key_or_keys]
    if not keys:
        return None
    return _put(ctx, keys, value)


class _ContextPut(Builtin):
    """``context put(context, key, value)`` and ``context put(context, keys, value)``.

    The two signatures only differ by the second name: ``key`` must be a string, ``keys`` a
    non-empty list of strings (a path into nested contexts).
    """

    def __init__(self):
        signatures = [("context", "key", "value"), ("context", "keys", "value")]
        super().__init__("context put", signatures, _context_put)

    def call_named(self, kwargs: dict):
        names = set(kwargs)
        if names == {"context", "key", "value"}:
            if not isinstance(kwargs["key"], str):
                return None
            return self.call([kwargs["context"], kwargs["key"], kwargs["value"]])
        if names == {"context", "keys", "value"}:
            if not isinstance(kwargs["keys"], list):
                return None
            return self.call([kwargs["context"], kwargs["keys"], kwargs["value"]])
        return None


@builtin("context merge", ("contexts",))
def context_merge(contexts):
    """Later contexts win: ``context merge([{a: 1}, {a: 2, b: 3}])`` is ``{a: 2, b: 3}``."""
    if isinstance(contexts, dict):
        contexts = [contexts]
    if not isinstance(contexts, list):
        return None
    out: dict = {}
    for ctx in contexts:
        if not isinstance(ctx, dict):
            return None
        charge(len(ctx))
        out.update(ctx)
    return out


FUNCTIONS: list[Builtin] = [get_value, get_entries, context, _ContextPut(), context_merge]
