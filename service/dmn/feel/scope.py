"""What compiled FEEL needs at run time: lazily computed values, name lookup, function values, and the
loop helpers shared by FEEL and boxed expressions."""

from __future__ import annotations

from ..evalstate import tick
from .builtins import BUILTINS
from .lazy import LAZY_TYPES, MISSING, Lazy, Namespace
from .types import coerce
from .values import FeelFunction

__all__ = ["LAZY_TYPES", "MISSING", "Lambda", "Lazy", "item_scope", "quantify", "resolve"]

def resolve(env: dict, name: str):
    v = env.get(name, MISSING)
    if v is MISSING:
        return BUILTINS.get(name)
    if v.__class__ in LAZY_TYPES:
        return v.get()
    return v


class Lambda(FeelFunction):
    """A FEEL ``function(...)`` value: parameters, a compiled body and the scope it closes over."""

    def __init__(self, params, param_types, body, env, name="anonymous function", result_type=None):
        self.name = name
        self.params = tuple(params)
        self.param_types = param_types  # list[FeelType] | None
        self.result_type = result_type
        self._body = body
        self._env = env

    def call(self, args: list):
        if len(args) != len(self.params):
            return None
        tick()  # calls may recurse and branch without end: each one looks at the clock
        env = dict(self._env)
        types = self.param_types
        for i, (name, value) in enumerate(zip(self.params, args, strict=True)):
            if types is not None and types[i] is not None:
                value, ok = coerce(value, types[i])
                if not ok:
                    return None
            env[name] = value
        result = self._body(env)
        if self.result_type is not None:
            result, _ = coerce(result, self.result_type)
        return result


def quantify(conditions, every: bool):
    """FEEL's ``every`` (or ``some``) over the values of the conditions, as ``all`` (``any``) over
    their list: a False (True) anywhere decides; otherwise a value that is no boolean makes the
    whole null."""
    undecided = False
    for r in conditions:
        if r is not True and r is not False:
            undecided = True
        elif r is not every:
            return r
    return None if undecided else every


def item_scope(env: dict, item) -> dict:
    """The scope of a filter condition: ``item``, and the entries of an item that is a context."""
    scope = dict(env)
    scope["item"] = item
    cls = item.__class__
    if cls is dict:
        scope.update(item)
    elif cls is Namespace:  # its decisions stay lazy in the scope, evaluated if the condition reads them
        scope.update(dict.items(item))
    return scope

