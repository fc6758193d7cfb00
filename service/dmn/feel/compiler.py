"""Compile FEEL syntax trees into Python closures.

An expression compiles to ``f(env) -> value`` where ``env`` is a dict of the names in scope.
A unary test compiles to ``t(value, env) -> bool``. Compiling walks the tree once; evaluating
walks no text and parses nothing. Values in ``env`` may be ``Lazy`` (a decision evaluated on
first use).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, Overflow

from ..errors import FeelSyntaxError
from ..evalstate import _CURRENT, UNMETERED, fold
from . import ast as A
from . import ops, temporal
from .builtins import BUILTINS
from .codegen import generate
from .compile_iteration import IterationCompiler
from .compile_names import NameCompiler
from .compiled import (
    bound_names,
    builtin_call,
    constant,
    defines_function,
    list_index,
    names_read,
)
from .java import external_function
from .lazy import CONTEXT_CLASSES
from .numbers import out_of_range
from .parser import Names, parse_expression, parse_unary_tests
from .scope import MISSING, Lambda, item_scope
from .types import (
    ContextType,
    FeelType,
    FunctionType,
    ListType,
    RangeType,
    builtin_type,
)
from .unary import _NATIVE_OPS, UnaryTestCompiler
from .values import DECIMAL_CHECKED, FeelFunction, Range

__all__ = ["Compiler"]

_FOLDABLE = (A.Negation, A.Binary, A.RangeLit, A.ListLit, A.Call)
_IMPURE = frozenset({"now", "today"})


def _too_deep(text: str, pos: int) -> FeelSyntaxError:
    return FeelSyntaxError("FEEL expression nested too deeply to compile", text, pos)


class Compiler(NameCompiler, IterationCompiler, UnaryTestCompiler):
    """Compiles FEEL texts of one model. ``names`` are the multi-word names known in it;
    ``resolve_type`` maps a type name (typeRef) to a FeelType or None."""

    def __init__(self, names: Names, resolve_type=None, variables=(), lazy_names=None):
        """``variables``: every name the model defines anywhere; a built-in whose name is not among
        them cannot be shadowed, so its calls on constant arguments are folded at compile time.
        ``lazy_names``: the names a scope may hold a lazy value under (decisions), None for any name."""
        self.names = names
        self.resolve_type = resolve_type or (lambda name: builtin_type(name))
        self.variables = frozenset(variables)
        self.lazy_names = None if lazy_names is None else frozenset(lazy_names)
        #: when a set: every name compiled is added to it (what a decision's logic may read from its scope)
        self.referenced: set | None = None
        #: when a dict: the fields read of each name compiled, None for a name read whole (see ``note_read``)
        self.field_reads: dict | None = None
        self.item_scopes = 0  # depth of boxed filters being compiled, whose items' keys are names too
        self._path_head = None
        self._folded: set[int] = set()  # ids of the nodes of the tree being compiled found constant
        self._local: set[str] = set()  # names the tree being compiled binds (for, some, function, context)
        self._filters = 0  # depth of filter conditions, where an item's own keys are names too
        self._closures: dict[int, object] = {}  # id(node) -> its closure, for the code generator

    # --- entry points --------------------------------------------------------------------------

    def expression(self, text: str, names: Names | None = None, inlinable: bool = False):
        """The compiled expression of ``text``. ``inlinable``: a generated function keeps its tree and the
        closures of its nodes (``inline``), so that the code generated around its call may do it inline."""
        return self.node(parse_expression(text, names or self.names), text, inlinable)

    def unary_tests(self, text: str, names: Names | None = None):
        tree = parse_unary_tests(text, names or self.names)
        try:
            self._start(tree.tests, text)
            return self.tests(tree.tests, text)
        except RecursionError:
            raise _too_deep(text, tree.pos) from None

    def node(self, node: A.Node, text: str = "", inlinable: bool = False):
        """The compiled expression of a tree: its closure, or where that gains, one generated function that
        does the common nodes inline (see ``codegen``)."""
        try:
            self._start(node, text)
            f = self._c(node)
        except RecursionError:  # a backstop: the parser bounds a tree's depth well below Python's limit
            raise _too_deep(text, node.pos) from None
        fast = generate(node, self._closures)  # None where Python's compiler gives up: the closures do it
        if fast is not None and inlinable:
            fast.inline = (node, dict(self._closures))
        self._closures.clear()
        return f if fast is None else fast

    def _repeated(self, node: A.Node):
        """The compiled sub-expression evaluated once per item (a ``for`` or filter body, a quantifier's
        condition, a function's body): its own generated function where that gains, else its closure. The
        closure stays the node's in ``_closures``, so the code generated around it calls the same thing."""
        f = self._c(node)
        fast = generate(node, self._closures)
        return f if fast is None else fast

    def _start(self, tree, text: str) -> None:
        self._text = text
        self._folded.clear()
        self._closures.clear()
        self._local = bound_names(tree, set())
        self._filters = 0

    def _builtin_named(self, callee) -> bool:
        """Is ``callee`` the name of a built-in that nothing can shadow where it is written: no name of the
        model, no name the expression binds, not inside a filter (whose items' keys are names)?"""
        return isinstance(callee, A.Name) and callee.name in BUILTINS and callee.name not in self.variables \
            and callee.name not in self._local and not self._filters

    # --- unary tests ---------------------------------------------------------------------------

    # --- expressions ---------------------------------------------------------------------------

    def _c(self, n):
        method = getattr(self, "_" + type(n).__name__)
        f = method(n)
        if isinstance(n, _FOLDABLE) and self._all_constant(n):
            try:
                value = fold(f)  # under the load's budget
            except Exception:  # noqa: BLE001 - folding is an optimisation; evaluate at run time instead
                value = MISSING
            if value is not MISSING:
                self._folded.add(id(n))
                f = constant(value)
        self._closures[id(n)] = f
        return f

    def _is_constant(self, n) -> bool:
        return isinstance(n, A.Literal | A.AtLiteral) or id(n) in self._folded

    def _all_constant(self, n) -> bool:
        if isinstance(n, A.Negation):
            parts = [n.operand]
        elif isinstance(n, A.Binary):
            parts = [n.left, n.right]
        elif isinstance(n, A.RangeLit):
            parts = [p for p in (n.start, n.end) if p is not None]
        elif isinstance(n, A.ListLit):
            parts = n.items
        elif isinstance(n, A.Call):
            if n.named or not self._builtin_named(n.callee) or n.callee.name in _IMPURE:
                return False
            parts = n.args
        else:
            return False
        return all(self._is_constant(p) for p in parts)

    def _Literal(self, n: A.Literal):
        return constant(n.value)

    def _AtLiteral(self, n: A.AtLiteral):
        return constant(temporal.parse_at_literal(n.text))  # an invalid literal is null, as FEEL says

    def _Negation(self, n: A.Negation):
        f = self._c(n.operand)
        neg = ops.neg
        return lambda env: neg(f(env))

    def _Binary(self, n: A.Binary):
        left = self._c(n.left)
        right = self._c(n.right)
        op = n.op
        if op == "+":
            fast, slow = DECIMAL_CHECKED.add, ops.add
        elif op == "-":
            fast, slow = DECIMAL_CHECKED.subtract, ops.sub
        elif op == "*":
            fast, slow = DECIMAL_CHECKED.multiply, ops.mul
        elif op == "/":
            fast, slow = None, ops.div
        elif op == "**":
            fast, slow = None, ops.pow
        else:
            slow = {"=": ops.eq, "!=": ops.ne, "<": ops.lt, "<=": ops.le, ">": ops.gt, ">=": ops.ge}[op]
            native = _NATIVE_OPS[op]
            date_cls = _dt.date

            def comparison(env):
                a = left(env)
                b = right(env)
                cls = a.__class__
                if cls is b.__class__ and (cls is Decimal or cls is str or cls is date_cls):
                    return native(a, b)
                return slow(a, b)
            return comparison
        if fast is None:
            return lambda env: slow(left(env), right(env))

        def binary(env):
            a = left(env)
            b = right(env)
            if a.__class__ is Decimal and b.__class__ is Decimal:
                try:
                    return fast(a, b)
                except Overflow:
                    return out_of_range()  # too large for FEEL's numbers, as in ops
            return slow(a, b)
        return binary

    def _And(self, n: A.And):
        left, right = self._c(n.left), self._c(n.right)

        def and_(env):
            a = left(env)
            if a is False:
                return False
            b = right(env)
            if b is False:
                return False
            if a is True and b is True:
                return True
            return None
        return and_

    def _Or(self, n: A.Or):
        left, right = self._c(n.left), self._c(n.right)

        def or_(env):
            a = left(env)
            if a is True:
                return True
            b = right(env)
            if b is True:
                return True
            if a is False and b is False:
                return False
            return None
        return or_

    def _Between(self, n: A.Between):
        value, low, high = self._c(n.value), self._c(n.low), self._c(n.high)

        def between(env):
            v = value(env)
            a = ops.ge(v, low(env))
            if a is False:
                return False
            b = ops.le(v, high(env))
            if b is False:
                return False
            if a is True and b is True:
                return True
            return None
        return between

    def _In(self, n: A.In):
        value = self._c(n.value)
        test = self.tests(n.tests, self._text)

        def in_(env):
            return test(value(env), env)
        return in_

    def _InstanceOf(self, n: A.InstanceOf):
        value = self._c(n.value)
        t = self.type_of(n.type)
        conforms = getattr(t, "conforms_type", t.conforms)

        def instance_of(env):
            v = value(env)
            if v is None:
                return t.name == "Null"
            return conforms(v)
        return instance_of

    def type_of(self, spec: A.TypeSpec) -> FeelType:
        if spec.name == "list" and spec.args:
            return ListType(self.type_of(spec.args[0]))
        if spec.name == "range" and spec.args:
            return RangeType(self.type_of(spec.args[0]))
        if spec.name == "context" and spec.fields:
            return ContextType({k: self.type_of(t) for k, t in spec.fields})
        if spec.name == "function" and spec.args:
            *params, result = [self.type_of(a) for a in spec.args]
            return FunctionType(params, result)
        t = self.resolve_type(spec.name)
        if t is None:
            raise FeelSyntaxError(f"unknown type '{spec.name}'", self._text, spec.pos)
        return t

    def _If(self, n: A.If):
        cond, then, else_ = self._c(n.cond), self._c(n.then), self._c(n.else_)
        return lambda env: then(env) if cond(env) is True else else_(env)

    def _FunctionDef(self, n: A.FunctionDef):
        names = [p for p, _ in n.params]
        types = [self.type_of(t) if t is not None else None for _, t in n.params]
        if not any(t is not None for t in types):
            types = None
        if n.external:  # the body is the mapping context, {java: {class: ..., method signature: ...}}
            mapping = self._c(n.body)
            return lambda env: external_function(names, mapping(env))
        body = self._repeated(n.body)
        return lambda env: Lambda(names, types, body, env)

    def _Call(self, n: A.Call):
        callee = self._c(n.callee)
        if n.named:
            keys = [k for k, _ in n.args]
            fns = [self._c(v) for _, v in n.args]

            def call_named(env):
                f = callee(env)
                if not isinstance(f, FeelFunction):
                    return None
                return f.call_named({k: fn(env) for k, fn in zip(keys, fns, strict=True)})
            return call_named
        fns = [self._c(a) for a in n.args]
        if self._builtin_named(n.callee):
            return builtin_call(BUILTINS[n.callee.name], fns)

        def call(env):
            f = callee(env)
            if not isinstance(f, FeelFunction):
                return None
            return f.call([fn(env) for fn in fns])
        call.function_call = True  # the generated code may do it inline (see codegen)
        return call

    def _Filter(self, n: A.Filter):
        target = self._c(n.target)
        self._filters += 1
        try:
            cond = self._repeated(n.cond)
        finally:
            self._filters -= 1
        if isinstance(n.cond, A.Literal) and type(n.cond.value) is Decimal:
            index = n.cond.value

            def index_filter(env):
                v = target(env)
                if v is None:
                    return None
                return list_index(v if type(v) is list else [v], index)
            index_filter.index = index  # the code generator finds it itself (see codegen)
            return index_filter

        fresh_scopes = defines_function(n.cond)
        # a condition that reads neither `item` nor a key of the first item has the same value in the first
        # item's scope as in `env`: when that value is a number, the filter is an index (`days[i - 1]`), found
        # without making the item's scope
        reads = None if fresh_scopes else names_read(n.cond)
        index_first = reads is not None and "item" not in reads

        def index_first_ok(items: list) -> bool:
            return index_first and bool(items) and (items[0].__class__ not in CONTEXT_CLASSES
                                                     or reads.isdisjoint(items[0]))

        def filter_(env):
            v = target(env)
            if v is None:
                return None
            items = v if type(v) is list else [v]
            if index_first_ok(items):
                r = cond(env)
                if r.__class__ is Decimal:
                    return list_index(items, r)
            return by_item(env, items)

        def by_item(env, items: list):
            """The filter's value once the condition is known not to be an index found in ``env``."""
            out = []
            shared = dict(env)
            meter = _CURRENT.slot.state or UNMETERED
            for pos, item in enumerate(items):
                meter.charge(1)  # at most one element of the result
                if fresh_scopes or item.__class__ in CONTEXT_CLASSES:
                    scope = item_scope(env, item)
                else:
                    scope = shared
                    scope["item"] = item
                r = cond(scope)
                if pos == 0 and r.__class__ is Decimal:
                    return list_index(items, r)
                if r is True:
                    out.append(item)
            return out
        # the generated code may evaluate the target and find the index itself (see codegen)
        filter_.parts = (index_first_ok if index_first else None, by_item)
        filter_.index_reads = frozenset(reads) if index_first else None  # what index_first_ok asks of items[0]
        return filter_

    def _ListLit(self, n: A.ListLit):
        items = [self._c(x) for x in n.items]
        return lambda env: [f(env) for f in items]

    def _ContextLit(self, n: A.ContextLit):
        entries = [(k, self._c(v)) for k, v in n.entries]
        if len({k for k, _ in entries}) != len(entries):
            return lambda env: None  # a key given twice: FEEL says the context is null

        def context(env):
            scope = dict(env)
            out = {}
            for key, f in entries:
                v = f(scope)
                out[key] = v
                scope[key] = v
            return out
        return context

    def _RangeLit(self, n: A.RangeLit):
        start = self._c(n.start) if n.start is not None else None
        end = self._c(n.end) if n.end is not None else None
        si, ei = n.start_included, n.end_included

        def range_(env):
            a = start(env) if start is not None else None
            b = end(env) if end is not None else None
            if start is not None and a is None or end is not None and b is None:
                return None  # `5 in (null..10]` is null (TCK 0072-feel-in null_001); `< 10` has a null start
            if a is not None and b is not None and ops.le(a, b) is None:
                return None  # endpoints of different kinds
            return Range(a, b, si, ei)
        return range_
