"""Generated code for iteration: a ``for`` over one list as a Python loop, a filter's target and index,
and the call of a function value (see ``codegen.Generator``, which these methods are part of)."""

from __future__ import annotations

from . import ast as A
from .codegen_ast import NeedsScope, mk, py_assign, py_call, py_class_of, py_is, py_name
from .compiled import NO_END, defines_function, domain_items, each_item, list_index
from .values import FeelFunction

__all__ = ["IterationGenerator"]


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
        """``for x in xs return body`` (one list, no function in the body) as a Python loop: ``x`` and
        ``partial`` (the results so far) are variables of the code, the body reads them as entries of a scope
        without a dict. A body that needs that scope as a dict is left to the closure."""
        if len(n.iterations) != 1 or defines_function(n.body):
            return None
        it = n.iterations[0]
        t, items, item, scope = self.temp(), self.temp(), self.temp(), self.temp()
        block, inlined, read = self.block, self.inlined, dict(self._read)
        self.block = []
        self._virtual[scope] = env
        self._loop_scopes.add(scope)
        self._entries[scope] = {**self._entries.get(env, {}), it.name: py_name(item), "partial": py_name(t)}
        try:
            first = self.value(it.domain, env)
            last = self.value(it.domain_end, env) if it.domain_end is not None else self.const(NO_END)
            self.emit(py_assign(items, py_call(self.const(domain_items), first, last)))
            append = mk.Attribute(value=py_name(t), attr="append", ctx=mk.Load())
            body = self.nested(lambda: self.emit(mk.Expr(py_call(append, self.value(n.body, scope)))))
        except NeedsScope as need:
            if need.scope != scope:
                raise
            self.block, self.inlined, self._read = block, inlined, read
            return None
        finally:
            self._virtual.pop(scope, None)
        loop = mk.For(target=py_name(item, True), iter=py_call(self.const(each_item), py_name(items)), body=body,
                      orelse=[])
        self.emit(mk.If(test=py_is(py_name(items), self.NONE), body=[py_assign(t, self.NONE)],
                        orelse=[py_assign(t, mk.List(elts=[], ctx=mk.Load())), loop]))
        block.extend(self.block)
        self.block = block
        return py_name(t)

    def _Filter(self, n: A.Filter, env: str, f):
        """A filter: its target evaluated here; for ``xs[i - 1]``, whose condition reads neither ``item`` nor
        an item's key, the condition's value in ``env``, when it is a number, is the index (as the closure
        says); else the closure's loop over the items, given the list here."""
        parts = getattr(f, "parts", None)
        if parts is None:
            return None
        index_ok, by_item = parts
        v = self.value(n.target, env)
        t, items, r = self.temp(), self.temp(), self.temp()

        def loop():
            self.emit(py_assign(t, py_call(self.const(by_item), py_name(self.real(env)), py_name(items))))

        def index():
            self.emit(py_assign(r, self.value(n.cond, env)))
            self.emit(mk.If(test=py_is(py_class_of(py_name(r)), self.DECIMAL),
                            body=[py_assign(t, py_call(self.const(list_index), py_name(items), py_name(r)))],
                            orelse=self.nested(loop)))

        def found():
            self.emit(py_assign(items, mk.IfExp(test=py_is(py_class_of(v), self.const(list)), body=v,
                                                orelse=mk.List(elts=[v], ctx=mk.Load()))))
            if index_ok is None:  # the condition reads `item`: the closure's loop over the items
                loop()
            else:
                self.emit(mk.If(test=py_call(self.const(index_ok), py_name(items)), body=self.nested(index),
                                orelse=self.nested(loop)))
        self.emit(mk.If(test=py_is(v, self.NONE), body=[py_assign(t, self.NONE)], orelse=self.nested(found)))
        return py_name(t)
