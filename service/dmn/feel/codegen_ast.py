"""The pieces of Python syntax trees the code generator (``codegen``) builds functions from."""

from __future__ import annotations

import ast
from functools import partial

__all__ = ["EXTRA_FIELDS", "NeedsScope", "mk", "py_and", "py_args", "py_assign", "py_call", "py_class_of", "py_is",
           "py_name", "py_or"]

EXTRA_FIELDS = {"type_params": []} if "type_params" in ast.FunctionDef._fields else {}  # Python 3.12+


class NeedsScope(Exception):  # noqa: N818 - a signal within the generator, never seen outside
    """Code about to use the scope of a context made without a dict: that context is made again with one."""

    def __init__(self, scope: str):
        super().__init__(scope)
        self.scope = scope


class _Located:
    """``mk.If(...)``: an ``ast`` node made with a position (all on line 1, the code has no source), so that
    the tree needs no ``ast.fix_missing_locations`` walk before it is compiled."""

    _POSITION = {"lineno": 1, "col_offset": 0, "end_lineno": 1, "end_col_offset": 0}

    def __getattr__(self, name: str):
        cls = getattr(ast, name)
        make = partial(cls, **self._POSITION) if "lineno" in cls._attributes else cls
        setattr(self, name, make)
        return make


mk = _Located()


def py_args(*names):
    return ast.arguments(posonlyargs=[], args=[mk.arg(arg=n) for n in names], vararg=None, kwonlyargs=[],
                         kw_defaults=[], kwarg=None, defaults=[])


def py_name(n: str, store: bool = False) -> ast.Name:
    return mk.Name(id=n, ctx=mk.Store() if store else mk.Load())


def py_assign(target: str, value: ast.expr) -> ast.Assign:
    return mk.Assign(targets=[py_name(target, True)], value=value)


def py_call(fn: ast.expr, *args: ast.expr) -> ast.Call:
    return mk.Call(func=fn, args=list(args), keywords=[])


def py_is(a: ast.expr, b: ast.expr, negate: bool = False) -> ast.Compare:
    return mk.Compare(left=a, ops=[mk.IsNot() if negate else mk.Is()], comparators=[b])


def py_class_of(a: ast.expr) -> ast.Attribute:
    return mk.Attribute(value=a, attr="__class__", ctx=mk.Load())


def py_and(*tests: ast.expr) -> ast.expr:
    return tests[0] if len(tests) == 1 else mk.BoolOp(op=mk.And(), values=list(tests))


def py_or(*tests: ast.expr) -> ast.expr:
    return mk.BoolOp(op=mk.Or(), values=list(tests))
