"""Generated code for iteration: a ``for`` over one list as a Python loop, a filter's target and index,
and the call of a function value (see ``codegen.Generator``, which these methods are part of)."""

from __future__ import annotations

import ast

from . import ast as A
from .codegen_ast import mk, py_assign, py_call, py_class_of, py_is, py_name
from .compiled import _WHOLE, NO_END, defines_function, domain_items, each_item, integer, list_index, names_read
from .lazy import CONTEXT_CLASSES
from .values import FeelFunction

__all__ = ["IterationGenerator"]

_CONTEXTS = object()  # a filter's inline loop met an item that is a context


class IterationGenerator:
    """``Generator``'s methods for ``for``, filters and function calls."""

    def _function_call(self, n: A.Call, env: str):
        """``f(a, b)`` of a function value (a BKM, a FEEL function): as the compiler's closure, the callee
        first, then, when it is a function, its arguments in order, here inline; else null."""
        fn = self.value(n.callee, env)
        t = self.temp()

        def call():
            args = [self.value(a, env) for a in n.args]
            method = mk.Attribute(value=fn, attr="call", ctx=mk.Load())
            self.emit(py_assign(t, py_call(method, mk.List(elts=args, ctx=mk.Load()))))
        is_function = py_call(self.const(isinstance), fn, self.const(FeelFunction))
        self.emit(mk.If(test=is_function, body=self.nested(call), orelse=[py_assign(t, self.NONE)]))
        return py_name(t)

    def _For(self, n: A.For, env: str, f):
        """``for x in xs, y in ys return body`` (no function in the body) as nested Python loops: the
        variables and ``partial`` (the results so far) are variables of the code, read as entries of scopes
        without a dict; a domain that is null makes the whole null. Left to the closure: a body that needs a
        dict for its scope, and a later domain that reads ``partial`` or a variable of its own or a later
        iteration (whose value there is whatever the closure's shared scope holds)."""
        its = n.iterations
        if defines_function(n.body) or "partial" in names_read(n.body):
            return None  # the closure copies `partial` for a body that reads it
        for k, it in enumerate(its):
            later = {"partial", *(x.name for x in its[k:])}
            if k and not later.isdisjoint(names_read([it.domain, it.domain_end])):
                return None
        t = self.temp()
        scopes = []

        def loops():
            self.emit(py_assign(t, mk.List(elts=[], ctx=mk.Load())))
            self._loop(its, 0, env, t, scopes, n.body)

        return py_name(t) if self.attempt(scopes, loops) else None

    def _loop(self, its: list, k: int, env: str, t: str, scopes: list, body_node) -> None:
        """The statements of iteration ``k`` in scope ``env``: its items, null for the whole when they are
        null (and out of the enclosing loop), else a loop over them (the next iteration, or the body)."""
        it = its[k]
        items, item, scope = self.temp(), self.temp(), self.temp()
        first = self.value(it.domain, env)
        last = self.value(it.domain_end, env) if it.domain_end is not None else self.const(NO_END)
        if isinstance(it.domain, A.ListLit) and it.domain_end is None:  # a list written out is its own items
            self.emit(py_assign(items, first))
        else:
            self.emit(py_assign(items, py_call(self.const(domain_items), first, last)))
        scopes.append(scope)
        self._virtual[scope] = env
        self._loop_scopes.add(scope)
        entries = {**self._entries.get(env, {}), it.name: py_name(item)}
        if k == len(its) - 1:
            entries["partial"] = py_name(t)
        self._entries[scope] = entries

        def inner():
            if k == len(its) - 1:
                append = mk.Attribute(value=py_name(t), attr="append", ctx=mk.Load())
                self.emit(mk.Expr(py_call(append, self.value(body_node, scope))))
            else:
                self._loop(its, k + 1, scope, t, scopes, body_node)
                self.emit(mk.If(test=py_is(py_name(t), self.NONE), body=[mk.Break()], orelse=[]))
        loop = mk.For(target=py_name(item, True), iter=py_call(self.const(each_item), py_name(items)),
                      body=self.nested(inner), orelse=[])
        none = [py_assign(t, self.NONE)] + ([mk.Break()] if k else [])
        self.emit(mk.If(test=py_is(py_name(items), self.NONE), body=none, orelse=[loop]))

    def _Filter(self, n: A.Filter, env: str, f):
        """A filter: its target evaluated here; for ``xs[i - 1]``, whose condition reads neither ``item`` nor
        an item's key, the condition's value in ``env``, when it is a number, is the index (as the closure
        says); else the closure's loop over the items, given the list here."""
        parts = getattr(f, "parts", None)
        if parts is None:
            return self._index_filter(n, env, f)
        index_ok, by_item = parts
        v = self.value(n.target, env)
        t, items, r = self.temp(), self.temp(), self.temp()

        def loop():
            if not self._filter_loop(n, env, t, items, by_item):
                self.emit(py_assign(t, py_call(self.const(by_item), py_name(self.real(env, snapshot=True)),
                                               py_name(items))))

        def index():
            self.emit(py_assign(r, self.value(n.cond, env)))
            self.emit(mk.If(test=py_is(py_class_of(py_name(r)), self.DECIMAL),
                            body=self._position(t, items, r),
                            orelse=self.nested(loop)))

        def found():
            self.emit(py_assign(items, mk.IfExp(test=py_is(py_class_of(v), self.const(list)), body=v,
                                                orelse=mk.List(elts=[v], ctx=mk.Load()))))
            if index_ok is None:  # the condition reads `item`: the closure's loop over the items
                loop()
            else:
                self.emit(mk.If(test=self._index_first_ok(f, index_ok, items), body=self.nested(index),
                                orelse=self.nested(loop)))
        self.emit(mk.If(test=py_is(v, self.NONE), body=[py_assign(t, self.NONE)], orelse=self.nested(found)))
        return py_name(t)

    def _index_first_ok(self, f, index_ok, items: str) -> ast.expr:
        """``index_ok(items)`` done here: items, the first of them not a context or a context that has none of
        the names the condition reads as keys (so that the condition has its value of ``env`` in its scope)."""
        reads = getattr(f, "index_reads", None)
        if reads is None:
            return py_call(self.const(index_ok), py_name(items))
        first = mk.Subscript(value=py_name(items), slice=mk.Constant(0), ctx=mk.Load())
        not_context = mk.Compare(left=py_class_of(first), ops=[mk.NotIn()], comparators=[self.const(CONTEXT_CLASSES)])
        disjoint = py_call(self.const(reads.isdisjoint), first)
        return mk.BoolOp(op=mk.And(), values=[py_name(items), mk.BoolOp(op=mk.Or(), values=[not_context, disjoint])])

    def _index_filter(self, n: A.Filter, env: str, f):
        """``xs[1]``, ``xs[-1]``: a filter by a number written in it is that index of the target (a value that is
        not a list as the list of itself), as the closure says; null of null."""
        index = getattr(f, "index", None)
        if index is None:
            return None
        v = self.value(n.target, env)
        t, items = self.temp(), self.temp()
        found = [py_assign(items, mk.IfExp(test=py_is(py_class_of(v), self.const(list)), body=v,
                                           orelse=mk.List(elts=[v], ctx=mk.Load())))]
        i = integer(index)
        if i is None or not i:  # no whole number, or 0: null
            found.append(py_assign(t, py_call(self.const(list_index), py_name(items), self.const(index))))
        else:  # the i-th item (from the end when i < 0), null past the end
            at = mk.Constant(i - 1 if i > 0 else i)
            enough = mk.Compare(left=py_call(self.const(len), py_name(items)), ops=[mk.GtE()],
                                comparators=[mk.Constant(abs(i))])
            found.append(py_assign(t, mk.IfExp(test=enough, orelse=self.NONE,
                                               body=mk.Subscript(value=py_name(items), slice=at, ctx=mk.Load()))))
        self.emit(mk.If(test=py_is(v, self.NONE), body=[py_assign(t, self.NONE)], orelse=found))
        return py_name(t)

    def _position(self, t: str, items: str, r: str) -> list:
        """``t = list_index(items, r)`` for a number ``r``: a common whole number found by the table of them and
        a position within the list taken here, anything else by ``list_index``."""
        p = self.temp()
        whole = mk.Try(body=[py_assign(p, py_call(self.const(_WHOLE.get), py_name(r)))],
                       handlers=[mk.ExceptHandler(type=self.const(TypeError), name=None,
                                                  body=[py_assign(p, self.NONE)])],
                       orelse=[], finalbody=[])
        within = mk.Compare(left=mk.Constant(0), ops=[mk.Lt(), mk.LtE()],
                            comparators=[py_name(p), py_call(self.const(len), py_name(items))])
        take = mk.Subscript(value=py_name(items), slice=mk.BinOp(left=py_name(p), op=mk.Sub(), right=mk.Constant(1)),
                            ctx=mk.Load())
        test = mk.BoolOp(op=mk.And(), values=[py_is(py_name(p), self.NONE, negate=True), within])
        return [whole, mk.If(test=test, body=[py_assign(t, take)],
                             orelse=[py_assign(t, py_call(self.const(list_index), py_name(items), py_name(r)))])]

    def _filter_loop(self, n: A.Filter, env: str, t: str, items: str, by_item) -> bool:
        """The closure's loop over the items (``by_item``) as a Python loop here, for items that are not
        contexts: ``item`` is a variable of the code, and a scope with it is made only where a closure needs
        one. The first item that is a context hands the whole filter to ``by_item`` (a context's entries are
        names of the condition's scope). Every item is counted against the budget before the loop starts, as
        in a ``for``. False (nothing emitted) when the condition cannot be done here."""
        if defines_function(n.cond):
            return False
        scope, item, r, first = self.temp(), self.temp(), self.temp(), self.temp()
        self._virtual[scope] = env
        self._loop_scopes.add(scope)
        self._entries[scope] = {**self._entries.get(env, {}), "item": py_name(item)}

        def loop():
            def body():
                self.emit(mk.If(test=mk.Compare(left=py_class_of(py_name(item)), ops=[mk.In()],
                                                comparators=[self.const(CONTEXT_CLASSES)]),
                                body=[py_assign(t, self.const(_CONTEXTS)), mk.Break()], orelse=[]))
                self.emit(py_assign(r, self.value(n.cond, scope)))
                append = mk.Attribute(value=py_name(t), attr="append", ctx=mk.Load())
                index = [py_assign(t, py_call(self.const(list_index), py_name(items), py_name(r))), mk.Break()]
                self.emit(mk.If(test=py_is(py_name(r), self.TRUE), body=[mk.Expr(py_call(append, py_name(item)))],
                                orelse=[mk.If(test=mk.BoolOp(op=mk.And(), values=[
                                    py_name(first), py_is(py_class_of(py_name(r)), self.DECIMAL)]),
                                    body=index, orelse=[])]))
                self.emit(py_assign(first, self.FALSE))
            self.emit(py_assign(t, mk.List(elts=[], ctx=mk.Load())))
            self.emit(py_assign(first, self.TRUE))
            self.emit(mk.For(target=py_name(item, True), iter=py_call(self.const(each_item), py_name(items)),
                             body=self.nested(body), orelse=[]))
            def fallback():
                self.emit(py_assign(t, py_call(self.const(by_item), py_name(self.real(env, snapshot=True)),
                                               py_name(items))))
            self.emit(mk.If(test=py_is(py_name(t), self.const(_CONTEXTS)), body=self.nested(fallback), orelse=[]))

        return self.attempt((scope,), loop)
