"""Straight-line Python for a compiled FEEL expression: one function instead of one closure per node.

The compiler first turns a FEEL tree into closures (``compiler.Compiler``); this module then builds, from the
same tree, a Python syntax tree (``ast`` nodes, never source text) of a single function ``f(env)`` that does
inline what the closures of the common nodes do: names, paths, arithmetic, comparisons, ``and``/``or``,
``if``, contexts, lists and direct built-in calls. Every other node (``for``, filters, function definitions,
unary tests...) is called as its closure from the generated code.

Nothing of the model becomes Python code: the generated function is made of this module's templates only. Its
identifiers are its own (``env``, ``t3``, ``k7``); every value of the model (names, literals, the closures of
other nodes, the operations called) is handed over as a constant of the function's namespace. That namespace
has no built-ins of its own (``__builtins__`` is empty), so the code can reach nothing but what is put there.
The function is created with ``types.FunctionType`` from the compiled code object; nothing is ``eval``'d or
``exec``'d.
"""

from __future__ import annotations

import ast
import datetime as _dt
import types
from bisect import bisect_left
from decimal import Decimal

from . import ast as A
from . import ops
from .builtins.base import INVALID_ARGUMENTS
from .compiled import DATE_PROPERTIES, constant_of
from .compiled import path_step as _path_step
from .scope import LAZY_TYPES, MISSING
from .values import DECIMAL

__all__ = ["generate", "table_matcher"]

_ARITHMETIC = {"+": (DECIMAL.add, ops.add), "-": (DECIMAL.subtract, ops.sub), "*": (DECIMAL.multiply, ops.mul)}
_SLOW = {"/": ops.div, "**": ops.pow, "=": ops.eq, "!=": ops.ne, "<": ops.lt, "<=": ops.le, ">": ops.gt,
         ">=": ops.ge}
_NATIVE_CLASSES = (Decimal, str, _dt.date)  # compared by Python's operators when both sides have one of them
_COMPARE = {"=": ast.Eq, "!=": ast.NotEq, "<": ast.Lt, "<=": ast.LtE, ">": ast.Gt, ">=": ast.GtE}
_EXTRA_FIELDS = {"type_params": []} if "type_params" in ast.FunctionDef._fields else {}  # Python 3.12+
_INLINE = (A.Name, A.Negation, A.Binary, A.And, A.Or, A.If, A.Call, A.Path, A.ContextLit, A.ListLit)


def generate(tree: A.Node, closures: dict, name: str = "feel"):
    """The function of ``tree``, or None when generating would gain nothing (a name, a constant, a node
    that only has its closure) or cannot be done (a tree too deep for Python's compiler).

    ``closures`` maps ``id(node)`` to the closure the compiler made for each node of the tree."""
    root = closures.get(id(tree))
    if root is None or constant_of(root) is not None or not isinstance(tree, _INLINE) \
            or isinstance(tree, A.Name):
        return None
    gen = _Generator(closures)
    try:
        result = gen.value(tree, "env")
        if not gen.inlined:
            return None
        gen.emit(ast.Return(result))
        return gen.function(name)
    except (RecursionError, MemoryError, SyntaxError, ValueError):
        return None  # the closures do the same work


def table_matcher(inputs: list, check, columns: list, all_rules: int, tests_bits, finish, known_rows=None,
                  first_hit: bool = False, current=None):
    """A decision table's ``evaluate(env)``: the input expressions read inline (a plain name is looked up
    here, anything else called), ``check(values, env)`` run when given, the rules each column's value passes
    found inline as in ``table._column_matchers`` (a class test, then an index lookup or a bisection;
    ``tests_bits(tests, value, env, candidates)`` for values of another class), then
    ``finish(values, candidates, env)``.

    ``known_rows`` (a single-hit table whose tests are all pure): per rule, ``(matched rule, (output,))`` when
    its output is a constant, else ``(matched rule, None)``. When the columns leave one rule (for FIRST, when
    they leave any), a constant output is returned at once, the rule added to ``current.state.rules``.
    None when Python cannot compile it."""
    gen = _Generator({})
    env = _name("env")
    values = []
    for f in inputs:
        t = gen.temp()
        plain = getattr(f, "plain_name", None)
        if plain is not None:
            gen.lookup(t, env, ast.Constant(plain[0]), gen.literal(plain[1]))
        else:
            gen.emit(_assign(t, _call(gen.const(f), env)))
        values.append(_name(t))
    listed = gen.temp()
    gen.emit(_assign(listed, ast.List(elts=values, ctx=ast.Load())))
    if check is not None:
        gen.emit(ast.Expr(_call(gen.const(check), _name(listed), env)))
    c = gen.temp()
    gen.emit(_assign(c, ast.Constant(all_rules)))

    def narrow(bits: ast.expr, free: int) -> ast.stmt:  # c &= free | bits
        return ast.AugAssign(target=_name(c, True), op=ast.BitAnd(),
                             value=ast.BinOp(left=ast.Constant(free), op=ast.BitOr(), right=bits) if free else bits)

    for k, cls, index, points, regions, tests, free in columns:
        v = values[k]
        slow = narrow(_call(gen.const(tests_bits), gen.const(tests), v, env, _name(c)), free)
        if index is not None:
            fast = [narrow(_call(ast.Attribute(value=gen.const(index), attr="get", ctx=ast.Load()), v,
                                 ast.Constant(0)), free)]
        elif points is not None:
            i = gen.temp()
            p, r = gen.const(points), gen.const(regions)

            def region(expr: ast.expr, r=r) -> ast.expr:
                return ast.Subscript(value=r, slice=expr, ctx=ast.Load())
            twice = ast.BinOp(left=ast.Constant(2), op=ast.Mult(), right=_name(i))
            on_point = _and(ast.Compare(left=_name(i), ops=[ast.Lt()], comparators=[ast.Constant(len(points))]),
                            ast.Compare(left=ast.Subscript(value=p, slice=_name(i), ctx=ast.Load()),
                                        ops=[ast.Eq()], comparators=[v]))
            fast = [_assign(i, _call(gen.const(bisect_left), p, v)),
                    ast.If(test=on_point,
                           body=[narrow(region(ast.BinOp(left=twice, op=ast.Add(), right=ast.Constant(1))), free)],
                           orelse=[narrow(region(twice), free)])]
        else:
            gen.emit(slow)
            continue
        gen.emit(ast.If(test=_is(_class_of(v), gen.const(cls)), body=fast, orelse=[slow]))
    if known_rows is not None:
        gen.emit(_known_row(gen, _name(c), known_rows, first_hit, current))
    gen.emit(ast.Return(_call(gen.const(finish), _name(listed), _name(c), env)))
    try:
        return gen.function("decision_table")
    except (RecursionError, MemoryError, SyntaxError, ValueError):
        return None


def _known_row(gen: _Generator, c: ast.Name, rows, first_hit: bool, current) -> ast.stmt:
    """``if <one rule left>: <its constant output, the rule traced>``."""
    low, row, known, state = gen.temp(), gen.temp(), gen.temp(), gen.temp()
    if first_hit:  # the lowest rule left
        one_left = c
        lowest = ast.BinOp(left=c, op=ast.BitAnd(), right=ast.UnaryOp(op=ast.USub(), operand=c))
    else:  # no other rule: c & (c - 1) == 0
        one_left = _and(c, ast.UnaryOp(op=ast.Not(), operand=ast.BinOp(
            left=c, op=ast.BitAnd(), right=ast.BinOp(left=c, op=ast.Sub(), right=ast.Constant(1)))))
        lowest = c
    position = ast.BinOp(left=_call(ast.Attribute(value=_name(low), attr="bit_length", ctx=ast.Load())),
                         op=ast.Sub(), right=ast.Constant(1))

    def item(of: str, i: int) -> ast.expr:
        return ast.Subscript(value=_name(of), slice=ast.Constant(i), ctx=ast.Load())
    trace = [_assign(state, ast.Attribute(value=gen.const(current), attr="state", ctx=ast.Load())),
             ast.If(test=_is(_name(state), gen.NONE, negate=True),
                    body=[ast.Expr(_call(ast.Attribute(value=ast.Attribute(value=_name(state), attr="rules",
                                                                           ctx=ast.Load()),
                                                       attr="append", ctx=ast.Load()), item(row, 0)))],
                    orelse=[]),
             ast.Return(item(known, 0))]
    return ast.If(test=one_left, orelse=[], body=[
        _assign(low, lowest),
        _assign(row, ast.Subscript(value=gen.const(rows), slice=position, ctx=ast.Load())),
        _assign(known, item(row, 1)),
        ast.If(test=_is(_name(known), gen.NONE, negate=True), body=trace, orelse=[])])


def _args(*names):
    return ast.arguments(posonlyargs=[], args=[ast.arg(arg=n) for n in names], vararg=None, kwonlyargs=[],
                         kw_defaults=[], kwarg=None, defaults=[])


def _name(n: str, store: bool = False) -> ast.Name:
    return ast.Name(id=n, ctx=ast.Store() if store else ast.Load())


def _assign(target: str, value: ast.expr) -> ast.Assign:
    return ast.Assign(targets=[_name(target, True)], value=value)


def _call(fn: ast.expr, *args: ast.expr) -> ast.Call:
    return ast.Call(func=fn, args=list(args), keywords=[])


def _is(a: ast.expr, b: ast.expr, negate: bool = False) -> ast.Compare:
    return ast.Compare(left=a, ops=[ast.IsNot() if negate else ast.Is()], comparators=[b])


def _class_of(a: ast.expr) -> ast.Attribute:
    return ast.Attribute(value=a, attr="__class__", ctx=ast.Load())


def _and(*tests: ast.expr) -> ast.expr:
    return tests[0] if len(tests) == 1 else ast.BoolOp(op=ast.And(), values=list(tests))


def _or(*tests: ast.expr) -> ast.expr:
    return ast.BoolOp(op=ast.Or(), values=list(tests))


class _Generator:
    def __init__(self, closures: dict):
        self.closures = closures
        self.namespace: dict = {"__builtins__": {}}
        self._constants: dict[int, str] = {}  # id(value) -> its name in the namespace
        self._count = 0
        self.block: list[ast.stmt] = []
        self.inlined = 0  # nodes done inline (none: the closure alone is as good)
        self.MISSING = self.const(MISSING)
        self.LAZY = self.const(LAZY_TYPES)
        self.DECIMAL = self.const(Decimal)
        self.NONE = ast.Constant(None)
        self.TRUE = ast.Constant(True)
        self.FALSE = ast.Constant(False)

    def function(self, name: str):
        """The emitted statements as the body of ``name(env)``."""
        fn = ast.FunctionDef(name=name, args=_args("env"), body=self.block, decorator_list=[], returns=None,
                             **_EXTRA_FIELDS)
        module = ast.Module(body=[fn], type_ignores=[])
        ast.fix_missing_locations(module)
        code = compile(module, f"<FEEL {name}>", "exec")
        fn_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
        return types.FunctionType(fn_code, self.namespace, name)

    # --- naming --------------------------------------------------------------------------------

    def const(self, value) -> ast.Name:
        """A name in the generated code for a value of the model or of the engine."""
        key = id(value)
        name = self._constants.get(key)
        if name is None:
            name = self._constants[key] = f"k{len(self._constants)}"
            self.namespace[name] = value
        return _name(name)

    def literal(self, value) -> ast.expr:
        if value is None or value is True or value is False:
            return ast.Constant(value)
        return self.const(value)

    def temp(self) -> str:
        self._count += 1
        return f"t{self._count}"

    def emit(self, stmt: ast.stmt) -> None:
        self.block.append(stmt)

    def nested(self, fill) -> list[ast.stmt]:
        """The statements ``fill()`` emits, as a block of their own (a branch of an ``if``)."""
        saved, self.block = self.block, []
        try:
            fill()
            return self.block or [ast.Pass()]
        finally:
            self.block = saved

    # --- nodes ---------------------------------------------------------------------------------

    def value(self, n: A.Node, env: str) -> ast.expr:
        """Emit the statements computing ``n`` in scope ``env``; an expression for its value (a name or a
        constant, cheap to read more than once)."""
        f = self.closures.get(id(n))
        if f is None:
            raise ValueError("a node without its closure")
        known = constant_of(f)
        if known is not None:
            return self.literal(known[0])
        method = getattr(self, "_" + type(n).__name__, None)
        out = method(n, env, f) if method is not None else None
        if out is None:  # done by its closure
            t = self.temp()
            self.emit(_assign(t, _call(self.const(f), _name(env))))
            return _name(t)
        self.inlined += 1
        return out

    def _Name(self, n: A.Name, env: str, f):
        plain = getattr(f, "plain_name", None)
        if plain is None:
            return None
        name, builtin = plain
        t = self.temp()
        self.lookup(t, _name(env), ast.Constant(name), self.literal(builtin))
        return _name(t)

    def lookup(self, t: str, scope: ast.expr, key: ast.expr, default: ast.expr) -> None:
        """``t = scope[key]``, a lazy value's value, ``default`` when the scope has no such key."""
        get = _call(ast.Attribute(value=scope, attr="get", ctx=ast.Load()), key, self.MISSING)
        known = self.temp()
        self.emit(_assign(t, get))
        self.emit(ast.If(
            test=ast.Compare(left=_class_of(_name(t)), ops=[ast.In()], comparators=[self.LAZY]),
            body=[_assign(known, ast.Attribute(value=_name(t), attr="_value", ctx=ast.Load())),
                  _assign(t, ast.IfExp(test=_is(_name(known), self.MISSING),
                                       body=_call(ast.Attribute(value=_name(t), attr="get", ctx=ast.Load())),
                                       orelse=_name(known)))],
            orelse=[ast.If(test=_is(_name(t), self.MISSING), body=[_assign(t, default)], orelse=[])]))

    def _Negation(self, n: A.Negation, env: str, f):
        a = self.value(n.operand, env)
        t = self.temp()
        self.emit(_assign(t, _call(self.const(ops.neg), a)))
        return _name(t)

    def known(self, e: ast.expr):
        """``(value,)`` when the expression is a constant of the code (so its class is known now), else None."""
        if isinstance(e, ast.Constant):
            return (e.value,)
        if isinstance(e, ast.Name) and e.id in self.namespace:
            return (self.namespace[e.id],)
        return None

    def _Binary(self, n: A.Binary, env: str, f):
        a = self.value(n.left, env)
        b = self.value(n.right, env)
        t = self.temp()
        op = n.op
        a_known, b_known = self.known(a), self.known(b)
        if op in _ARITHMETIC:
            fast, slow = _ARITHMETIC[op]
            tests = [_is(_class_of(x), self.DECIMAL) for x, k in ((a, a_known), (b, b_known)) if k is None]
            if any(k is not None and k[0].__class__ is not Decimal for k in (a_known, b_known)):
                self.emit(_assign(t, _call(self.const(slow), a, b)))  # never two numbers
            elif not tests:
                self.emit(_assign(t, _call(self.const(fast), a, b)))
            else:
                self.emit(ast.If(test=_and(*tests), body=[_assign(t, _call(self.const(fast), a, b))],
                                 orelse=[_assign(t, _call(self.const(slow), a, b))]))
        elif op in _COMPARE:
            if op in ("=", "!=") and b_known == (None,):  # `x = null`: is x null?
                self.emit(_assign(t, _is(a, self.NONE, negate=op == "!=")))
                return _name(t)
            native = ast.Compare(left=a, ops=[_COMPARE[op]()], comparators=[b])
            slow = [_assign(t, _call(self.const(_SLOW[op]), a, b))]
            cls = b_known[0].__class__ if b_known is not None else None
            if b_known is not None and cls in _NATIVE_CLASSES:  # `x < 18`, `s = "High"`
                self.emit(ast.If(test=_is(_class_of(a), self.const(cls)), body=[_assign(t, native)], orelse=slow))
            elif b_known is not None:
                self.emit(slow[0])
            else:
                c = self.temp()
                same_simple_class = _and(_is(_name(c), _class_of(b)),
                                         _or(*(_is(_name(c), self.const(k)) for k in _NATIVE_CLASSES)))
                self.emit(_assign(c, _class_of(a)))
                self.emit(ast.If(test=same_simple_class, body=[_assign(t, native)], orelse=slow))
        else:
            self.emit(_assign(t, _call(self.const(_SLOW[op]), a, b)))
        return _name(t)

    def _And(self, n: A.And, env: str, f):
        return self._logic(n, env, False)

    def _Or(self, n: A.Or, env: str, f):
        return self._logic(n, env, True)

    def _logic(self, n, env: str, decisive: bool):
        """``and`` (``decisive`` False) or ``or`` (True): the left side's decisive value ends it; both
        sides the other boolean give it; anything else is null."""
        t = self.temp()
        stop = self.TRUE if decisive else self.FALSE
        other = self.FALSE if decisive else self.TRUE
        a = self.value(n.left, env)

        def right():
            b = self.value(n.right, env)
            self.emit(ast.If(test=_is(b, stop), body=[_assign(t, stop)],
                             orelse=[_assign(t, ast.IfExp(test=_and(_is(a, other), _is(b, other)), body=other,
                                                          orelse=self.NONE))]))
        self.emit(ast.If(test=_is(a, stop), body=[_assign(t, stop)], orelse=self.nested(right)))
        return _name(t)

    def _If(self, n: A.If, env: str, f):
        t = self.temp()
        c = self.value(n.cond, env)
        then = self.nested(lambda: self.emit(_assign(t, self.value(n.then, env))))
        else_ = self.nested(lambda: self.emit(_assign(t, self.value(n.else_, env))))
        self.emit(ast.If(test=_is(c, self.TRUE), body=then, orelse=else_))
        return _name(t)

    def _Call(self, n: A.Call, env: str, f):
        impl = getattr(f, "builtin_impl", None)
        if impl is None or n.named:
            return None
        args = [self.value(a, env) for a in n.args]
        t = self.temp()
        self.emit(ast.Try(body=[_assign(t, _call(self.const(impl), *args))],
                          handlers=[ast.ExceptHandler(type=self.const(INVALID_ARGUMENTS), name=None,
                                                      body=[_assign(t, self.NONE)])],
                          orelse=[], finalbody=[]))
        return _name(t)

    def _Path(self, n: A.Path, env: str, f):
        v = self.value(n.target, env)
        t = self.temp()
        entry = _call(ast.Attribute(value=v, attr="get", ctx=ast.Load()), ast.Constant(n.name))
        unlazy = ast.If(test=ast.Compare(left=_class_of(_name(t)), ops=[ast.In()], comparators=[self.LAZY]),
                        body=[_assign(t, _call(ast.Attribute(value=_name(t), attr="get", ctx=ast.Load())))],
                        orelse=[])
        self.emit(ast.If(test=_is(_class_of(v), self.const(dict)), body=[_assign(t, entry), unlazy],
                         orelse=[_assign(t, _call(self.const(_path_step), v, ast.Constant(n.name),
                                                           self.literal(DATE_PROPERTIES.get(n.name))))]))
        return _name(t)

    def _ContextLit(self, n: A.ContextLit, env: str, f):
        if len({k for k, _ in n.entries}) != len(n.entries):
            return None  # a key given twice: null, as the closure says
        scope, out = self.temp(), self.temp()
        self.emit(_assign(scope, _call(self.const(dict), _name(env))))
        self.emit(_assign(out, ast.Dict(keys=[], values=[])))
        for key, node in n.entries:
            v = self.value(node, scope)
            for target in (out, scope):
                self.emit(ast.Assign(targets=[ast.Subscript(value=_name(target), slice=ast.Constant(key),
                                                            ctx=ast.Store())], value=v))
        return _name(out)

    def _ListLit(self, n: A.ListLit, env: str, f):
        items = [self.value(x, env) for x in n.items]
        t = self.temp()
        self.emit(_assign(t, ast.List(elts=items, ctx=ast.Load())))
        return _name(t)

