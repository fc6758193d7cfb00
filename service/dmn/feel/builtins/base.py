"""The shape of a built-in function: a name, one or more signatures, and a Python implementation."""

from __future__ import annotations

from collections.abc import Callable

from ..values import FeelFunction

__all__ = ["INVALID_ARGUMENTS", "Builtin", "builtin"]


#: what an implementation raises for arguments FEEL calls invalid: the invocation is then null
INVALID_ARGUMENTS = (TypeError, ValueError, ArithmeticError, OverflowError, KeyError, IndexError)


class Builtin(FeelFunction):
    """A FEEL built-in function.

    ``signatures`` lists the accepted parameter-name tuples (for instance ``date`` has
    ``("from",)`` and ``("year", "month", "day")``). A positional call goes straight to
    ``impl(*args)``; a named call picks the signature whose names match the given ones and
    passes the values in that order (absent optional trailing ones are left out). ``variadic``
    functions (``min``, ``concatenate``...) receive their positional arguments as given.
    ``impl`` returns a FEEL value, ``None`` when FEEL says the invocation is null.
    """

    def __init__(self, name: str, signatures: list[tuple[str, ...]], impl: Callable, variadic: bool = False):
        self.name = name
        self.signatures = [tuple(s) for s in signatures]
        self.params = self.signatures[0] if self.signatures else ()
        self.impl = impl
        self.variadic = variadic
        #: the most positional arguments a call may give (any number when variadic)
        self._most_args = max((len(s) for s in self.signatures), default=-1)

    def accepts(self, n_args: int) -> bool:
        """Can it be called with ``n_args`` positional arguments (optional trailing ones left out)?"""
        return self.variadic or n_args <= self._most_args

    def call(self, args: list):
        if len(args) > self._most_args and not self.variadic:
            return None
        try:
            return self.impl(*args)
        except INVALID_ARGUMENTS:
            return None

    #: a variadic function whose named form ``f(list: [a, b])`` stands for ``f(a, b)`` (``concatenate``, ``union``:
    #: their one parameter is "list...", and jDMN and Drools bind the named list to the varargs)
    spreads_named = False

    def call_named(self, kwargs: dict):
        names = set(kwargs)
        if self.spreads_named and len(names) == 1 and names <= {"list", "lists"}:
            items = next(iter(kwargs.values()))
            return self.call(list(items) if isinstance(items, list) else [items])
        for sig in self.signatures:
            if names <= set(sig):
                # every required (non-trailing-optional) name must be present: use the prefix
                args = [kwargs.get(p) for p in sig]
                while args and sig[len(args) - 1] not in names:
                    args.pop()
                return self.call(args)
        return None


def builtin(name: str, *signatures: tuple[str, ...], variadic: bool = False):
    """Decorator: ``@builtin("substring", ("string", "start position", "length"))``."""

    def wrap(impl: Callable) -> Builtin:
        return Builtin(name, list(signatures), impl, variadic)

    return wrap
