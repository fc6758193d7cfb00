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
import itertools
import types
from decimal import Decimal, Overflow

from . import ast as A
from . import ops
from .builtins.base import INVALID_ARGUMENTS
from .codegen_ast import (
    EXTRA_FIELDS,
    NeedsScope,
    mk,
    py_and,
    py_args,
    py_assign,
    py_call,
    py_class_of,
    py_is,
    py_name,
    py_or,
)
from .codegen_iteration import IterationGenerator
from .compiled import _SMALL as _SMALL_NUMBERS
from .compiled import _YEARS as _KNOWN_YEARS
from .compiled import DATE_PROPERTIES, constant_of, list_eq, list_ne
from .compiled import path_step as _path_step
from .lazy import LAZY_TYPES, MISSING
from .numbers import out_of_range
from .temporal import _year_month_property as year_month_property
from .values import DECIMAL_CHECKED, YearMonthDuration

__all__ = ["Generator", "generate", "label", "mk", "py_and", "py_assign", "py_call", "py_class_of", "py_is", "py_name",
           "structure_check"]

#: per operator, the operation on two numbers (in the context that raises Overflow) and the general one
_ARITHMETIC = {"+": (DECIMAL_CHECKED.add, ops.add), "-": (DECIMAL_CHECKED.subtract, ops.sub),
               "*": (DECIMAL_CHECKED.multiply, ops.mul), "/": (DECIMAL_CHECKED.divide, ops.div)}
_SLOW = {"**": ops.pow, "=": ops.eq, "!=": ops.ne, "<": ops.lt, "<=": ops.le, ">": ops.gt,
         ">=": ops.ge}
_NATIVE_CLASSES = (Decimal, str, _dt.date)  # compared by Python's operators when both sides have one of them
_COMPARE = {"=": ast.Eq, "!=": ast.NotEq, "<": ast.Lt, "<=": ast.LtE, ">": ast.Gt, ">=": ast.GtE}
_YEAR_MONTH_PROPERTIES = ("years", "months")  # a years and months duration's properties
#: the properties of the years and months durations from 0 to 400 years, made once: index by their months
_YEARS_OF = tuple(year_month_property(YearMonthDuration(m), "years") for m in range(12 * 400))
_MONTHS_OF = tuple(year_month_property(YearMonthDuration(m), "months") for m in range(12 * 400))
_SERIAL = itertools.count(1)  # numbers the generated functions' file names
_LABEL = [""]  # the model element being compiled, named in the generated functions' file names (``label``)


def _not_impl():
    """The implementation of the built-in ``not`` (looked up when first needed: the built-ins' module loads the
    types, which load this one)."""
    from .builtins import BUILTINS

    return BUILTINS["not"].impl


def label(text: str | None) -> None:
    """Name the model element whose functions are generated next (a profiler shows it in their file name)."""
    _LABEL[0] = f" {text}" if text else ""

_INLINE = (A.Name, A.Negation, A.Binary, A.And, A.Or, A.If, A.Call, A.Path, A.ContextLit, A.ListLit, A.Filter,
           A.For)


def generate(tree: A.Node, closures: dict, name: str = "feel"):
    """The function of ``tree``, or None when generating would gain nothing (a name, a constant, a node
    that only has its closure) or cannot be done (a tree too deep for Python's compiler).

    ``closures`` maps ``id(node)`` to the closure the compiler made for each node of the tree."""
    root = closures.get(id(tree))
    if root is None or constant_of(root) is not None or not isinstance(tree, _INLINE) \
            or isinstance(tree, A.Name):
        return None
    gen = Generator(closures)
    try:
        result = gen.value(tree, "env")
        if not gen.inlined:
            return None
        gen.emit(mk.Return(result))
        return gen.function(name)
    except (RecursionError, MemoryError, SyntaxError, ValueError):
        return None  # the closures do the same work


def structure_check(fields: tuple, allowed, absent):
    """``conforms(value)`` of a structure written out field by field: null conforms; else a dict holding
    every key of ``fields`` (``(key, type, exact class or None)``), each value null, of the exact class, or
    conforming to its type (asked at call time); then ``allowed(value)`` when given. None when Python cannot
    compile it."""
    gen = Generator({})
    value, v = py_name("value"), gen.temp()
    no = mk.Return(gen.FALSE)
    gen.emit(mk.If(test=py_is(value, gen.NONE), body=[mk.Return(gen.TRUE)], orelse=[]))
    gen.emit(mk.If(test=py_is(py_class_of(value), gen.const(dict), negate=True), body=[no], orelse=[]))
    for key, t, exact in fields:
        gen.emit(py_assign(v, py_call(mk.Attribute(value=value, attr="get", ctx=mk.Load()), mk.Constant(key),
                                      gen.const(absent))))
        gen.emit(mk.If(test=py_is(py_name(v), gen.const(absent)), body=[no], orelse=[]))
        conforms = py_call(mk.Attribute(value=gen.const(t), attr="conforms", ctx=mk.Load()), py_name(v))
        tests = [py_is(py_name(v), gen.NONE, negate=True)]
        if exact is not None:
            tests.append(py_is(py_class_of(py_name(v)), gen.const(exact), negate=True))
        tests.append(mk.UnaryOp(op=mk.Not(), operand=conforms))
        gen.emit(mk.If(test=py_and(*tests), body=[no], orelse=[]))
    gen.emit(mk.Return(gen.TRUE if allowed is None else py_call(gen.const(allowed), value)))
    try:
        return gen.function("conforms", ("value",))
    except (RecursionError, MemoryError, SyntaxError, ValueError):
        return None


class Generator(IterationGenerator):
    """Emits the statements of one generated function; ``namespace`` holds its constants."""

    def __init__(self, closures: dict):
        self.closures = closures
        self.namespace: dict = {"__builtins__": {}}
        self._constants: dict[int, str] = {}  # id(value) -> its name in the namespace
        self._count = 0
        self.block: list[ast.stmt] = []
        self.inlined = 0  # nodes done inline (none: the closure alone is as good)
        #: per scope variable of a context, its entries set so far: key -> the expression holding the value
        #: (never a lazy value: values of expressions are plain), read instead of looking the key up
        self._entries: dict[str, dict[str, ast.expr]] = {}
        #: per scope variable of a context that has no dict (yet): the scope it extends. Generated lookups
        #: need no dict (an entry set earlier is at hand, any other name has its value in the parent scope);
        #: only a closure called with the scope, or a nested context copying it, does (see ``_ContextLit``)
        self._virtual: dict[str, str] = {}
        #: the names and paths read so far on the way to the statement being emitted: (scope or value, key) ->
        #: the variable holding the value. A scope is not changed while the function runs and a value is
        #: never changed, so a second read of them is the first one's variable (see ``nested``)
        self._read: dict[tuple[str, str], str] = {}
        self._loop_scopes: set[str] = set()  # the scopes without a dict that are a generated loop's
        self.MISSING = self.const(MISSING)
        self.LAZY = self.const(LAZY_TYPES)
        self.DECIMAL = self.const(Decimal)
        self.NONE = mk.Constant(None)
        self.TRUE = mk.Constant(True)
        self.FALSE = mk.Constant(False)

    def function(self, name: str, params: tuple = ("env",), defaults: tuple | None = None):
        """The emitted statements as the body of ``name(*params)``; ``defaults``: of the last parameters."""
        fn = mk.FunctionDef(name=name, args=py_args(*params), body=self.block, decorator_list=[], returns=None,
                             **EXTRA_FIELDS)
        module = mk.Module(body=[fn], type_ignores=[])
        # a file name of its own, so that a profiler keeps each generated function apart
        code = compile(module, f"<FEEL {name} {next(_SERIAL)}{_LABEL[0]}>", "exec")
        fn_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
        return types.FunctionType(fn_code, self.namespace, name, defaults)

    # --- naming --------------------------------------------------------------------------------

    def const(self, value) -> ast.Name:
        """A name in the generated code for a value of the model or of the engine."""
        key = id(value)
        name = self._constants.get(key)
        if name is None:
            name = self._constants[key] = f"k{len(self._constants)}"
            self.namespace[name] = value
        return py_name(name)

    def literal(self, value) -> ast.expr:
        if value is None or value is True or value is False:
            return mk.Constant(value)
        return self.const(value)

    def temp(self) -> str:
        self._count += 1
        return f"t{self._count}"

    def emit(self, stmt: ast.stmt) -> None:
        self.block.append(stmt)

    def nested(self, fill) -> list[ast.stmt]:
        """The statements ``fill()`` emits, as a block of their own (a branch of an ``if``)."""
        saved, self.block = self.block, []
        read = dict(self._read)  # what the block reads is not read on the other roads
        try:
            fill()
            return self.block or [mk.Pass()]
        finally:
            self.block = saved
            self._read = read

    def attempt(self, scopes, emit) -> bool:
        """``emit()``'s statements, added to the block, where ``scopes`` (which ``emit`` may add to) are scopes
        without a dict: True when done; False when one of them turned out to need its dict (``NeedsScope``),
        and then nothing is emitted and the generator is as it was. Either way they are no longer virtual."""
        block, inlined, read = self.block, self.inlined, dict(self._read)
        self.block = []
        try:
            emit()
        except NeedsScope as need:
            if need.scope not in scopes:
                raise
            self.block, self.inlined, self._read = block, inlined, read
            return False
        finally:
            for scope in scopes:
                self._virtual.pop(scope, None)
        block.extend(self.block)
        self.block = block
        return True

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
            self.emit(py_assign(t, py_call(self.const(f), py_name(self.real(env)))))
            return py_name(t)
        self.inlined += 1
        return out

    def _Name(self, n: A.Name, env: str, f):
        plain = getattr(f, "plain_name", None)
        if plain is None:
            return None
        name, builtin = plain
        entry = self._entries.get(env, {}).get(name)
        if entry is not None:  # a context entry set earlier in this scope: its value is at hand
            return entry
        while env in self._virtual:  # not an entry set so far: the name has its parent scope's value
            env = self._virtual[env]
        known = self._read.get((env, name))
        if known is not None:
            return py_name(known)
        t = self.temp()
        self.lookup(t, py_name(env), mk.Constant(name), self.literal(builtin), f.may_be_lazy)
        self._read[(env, name)] = t
        return py_name(t)

    def real(self, env: str, snapshot: bool = False) -> str:
        """``env``, which code is about to use as a dict: a context's scope without one makes that context
        start again with a dict of its own; a loop's scope is made here, from its parent and its entries.
        ``snapshot``: the code only copies the scope at once (a filter's loop over its items), so a context's
        scope is made here too, from its parent and the entries set so far: what its dict would hold now."""
        parent = self._virtual.get(env)
        if parent is None:
            return env
        if env not in self._loop_scopes and not snapshot:
            raise NeedsScope(env)
        base, scope = self.real(parent, snapshot), self.temp()
        self.emit(py_assign(scope, py_call(self.const(dict), py_name(base))))
        for key, v in self._entries[env].items():
            self.emit(mk.Assign(targets=[mk.Subscript(value=py_name(scope), slice=mk.Constant(key), ctx=mk.Store())],
                                value=v))
        return scope

    def lookup(self, t: str, scope: ast.expr, key: ast.expr, default: ast.expr, lazy: bool = True) -> None:
        """``t = scope[key]``, a lazy value's value, ``default`` when the scope has no such key (rare: the names
        of a scope are set before they are read, so ``try`` costs less than ``get``). ``lazy`` False: the key
        is no name a lazy value is kept under, the lookup is all."""
        self.emit(mk.Try(body=[py_assign(t, mk.Subscript(value=scope, slice=key, ctx=mk.Load()))],
                         handlers=[mk.ExceptHandler(type=self.const(KeyError), name=None,
                                                    body=[py_assign(t, default)])],
                         orelse=[], finalbody=[]))
        if lazy:
            self.unlazy(t)

    def unlazy(self, t: str) -> None:
        """``t`` holding a lazy value: its value instead."""
        known = self.temp()
        self.emit(mk.If(
            test=mk.Compare(left=py_class_of(py_name(t)), ops=[mk.In()], comparators=[self.LAZY]),
            body=[py_assign(known, mk.Attribute(value=py_name(t), attr="_value", ctx=mk.Load())),
                  py_assign(t, mk.IfExp(test=py_is(py_name(known), self.MISSING),
                                       body=py_call(mk.Attribute(value=py_name(t), attr="get", ctx=mk.Load())),
                                       orelse=py_name(known)))],
            orelse=[]))

    def _Negation(self, n: A.Negation, env: str, f):
        a = self.value(n.operand, env)
        t = self.temp()
        self.emit(py_assign(t, py_call(self.const(ops.neg), a)))
        return py_name(t)

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
            tests = [py_is(py_class_of(x), self.DECIMAL) for x, k in ((a, a_known), (b, b_known)) if k is None]
            # two numbers: the operation itself, null when it overflows (as ops says)
            direct = [mk.Try(body=[py_assign(t, py_call(self.const(fast), a, b))],
                              handlers=[mk.ExceptHandler(type=self.const(Overflow), name=None,
                                                          body=[py_assign(t, py_call(self.const(out_of_range)))])],
                              orelse=[], finalbody=[])]
            if op == "/" and not (b_known is not None and b_known[0].__class__ is Decimal and b_known[0]):
                self.emit(py_assign(t, py_call(self.const(slow), a, b)))  # only by a constant other than 0
            elif any(k is not None and k[0].__class__ is not Decimal for k in (a_known, b_known)):
                self.emit(py_assign(t, py_call(self.const(slow), a, b)))  # never two numbers
            elif not tests:
                self.block.extend(direct)
            else:
                self.emit(mk.If(test=py_and(*tests), body=direct,
                                 orelse=[py_assign(t, py_call(self.const(slow), a, b))]))
        elif op in _COMPARE:
            if op in ("=", "!=") and b_known == (None,):  # `x = null`: is x null?
                self.emit(py_assign(t, py_is(a, self.NONE, negate=op == "!=")))
                return py_name(t)
            native = mk.Compare(left=a, ops=[_COMPARE[op]()], comparators=[b])
            slow = [py_assign(t, py_call(self.const(_SLOW[op]), a, b))]
            cls = b_known[0].__class__ if b_known is not None else None
            if b_known is not None and (cls in _NATIVE_CLASSES or cls is bool and op in ("=", "!=")):
                # `x < 18`, `s = "High"`, `b = true`
                self.emit(mk.If(test=py_is(py_class_of(a), self.const(cls)), body=[py_assign(t, native)], orelse=slow))
            elif b_known is not None:
                self.emit(slow[0])
            else:
                c = self.temp()
                same_simple_class = py_and(py_is(py_name(c), py_class_of(b)),
                                         py_or(*(py_is(py_name(c), self.const(k)) for k in _NATIVE_CLASSES)))
                self.emit(py_assign(c, py_class_of(a)))
                if op in ("=", "!="):  # two lists (`keys[i] != keys[i - 1]`): their items pair by pair
                    lists = py_and(py_is(py_name(c), self.const(list)), py_is(py_class_of(b), self.const(list)))
                    helper = list_eq if op == "=" else list_ne
                    slow = [mk.If(test=lists, body=[py_assign(t, py_call(self.const(helper), a, b))], orelse=slow)]
                self.emit(mk.If(test=same_simple_class, body=[py_assign(t, native)], orelse=slow))
        else:
            self.emit(py_assign(t, py_call(self.const(_SLOW[op]), a, b)))
        return py_name(t)

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
            self.emit(mk.If(test=py_is(b, stop), body=[py_assign(t, stop)],
                             orelse=[py_assign(t, mk.IfExp(test=py_and(py_is(a, other), py_is(b, other)), body=other,
                                                          orelse=self.NONE))]))
        self.emit(mk.If(test=py_is(a, stop), body=[py_assign(t, stop)], orelse=self.nested(right)))
        return py_name(t)

    def _If(self, n: A.If, env: str, f):
        t = self.temp()
        c = self.value(n.cond, env)
        then = self.nested(lambda: self.emit(py_assign(t, self.value(n.then, env))))
        else_ = self.nested(lambda: self.emit(py_assign(t, self.value(n.else_, env))))
        self.emit(mk.If(test=py_is(c, self.TRUE), body=then, orelse=else_))
        return py_name(t)

    def _Call(self, n: A.Call, env: str, f):
        impl = getattr(f, "builtin_impl", None)
        if n.named:
            return None
        if impl is None:
            return self._function_call(n, env) if getattr(f, "function_call", False) else None
        args = [self.value(a, env) for a in n.args]
        t = self.temp()
        call = mk.Try(body=[py_assign(t, py_call(self.const(impl), *args))],
                      handlers=[mk.ExceptHandler(type=self.const(INVALID_ARGUMENTS), name=None,
                                                 body=[py_assign(t, self.NONE)])],
                      orelse=[], finalbody=[])
        if len(args) == 1 and impl is _not_impl():  # not(true) is false, not(false) true; else the built-in says
            call = mk.If(test=py_is(args[0], self.TRUE), body=[py_assign(t, self.FALSE)],
                         orelse=[mk.If(test=py_is(args[0], self.FALSE), body=[py_assign(t, self.TRUE)],
                                       orelse=[call])])
        self.emit(call)
        return py_name(t)

    def _Path(self, n: A.Path, env: str, f):
        if isinstance(n.target, A.ContextLit):  # `{a: ..., b: ...}.b`
            entry = self._context_entry(n.target, env, n.name)
            if entry is not None:
                return entry
        v = self.value(n.target, env)
        key = (v.id, "." + n.name) if isinstance(v, ast.Name) else None
        known = self._read.get(key) if key is not None else None
        if known is not None:
            return py_name(known)
        t = self.temp()
        if key is not None:
            self._read[key] = t
        # a plain context never holds a lazy value (an imported model's names, which do, are a ``Namespace``);
        # its key read as ``v[key]`` (a missing key is rare and null), which costs less than ``v.get(key)``
        entry = mk.Try(body=[py_assign(t, mk.Subscript(value=v, slice=mk.Constant(n.name), ctx=mk.Load()))],
                       handlers=[mk.ExceptHandler(type=self.const(KeyError), name=None,
                                                  body=[py_assign(t, self.NONE)])],
                       orelse=[], finalbody=[])
        date_property = DATE_PROPERTIES.get(n.name)
        other = [py_assign(t, py_call(self.const(_path_step), v, mk.Constant(n.name), self.literal(date_property)))]
        if n.name in _YEAR_MONTH_PROPERTIES:  # `elapsed.years` of a years and months duration: taken here
            m = self.temp()
            table = _YEARS_OF if n.name == "years" else _MONTHS_OF
            within = mk.Compare(left=mk.Constant(0), ops=[mk.LtE(), mk.Lt()],
                                comparators=[py_name(m), mk.Constant(len(table))])
            computed = py_call(self.const(year_month_property), v, mk.Constant(n.name))
            other = [mk.If(test=py_is(py_class_of(v), self.const(YearMonthDuration)),
                           body=[py_assign(m, mk.Attribute(value=v, attr="months", ctx=mk.Load())),
                                 py_assign(t, mk.IfExp(test=within, orelse=computed, body=mk.Subscript(
                                     value=self.const(table), slice=py_name(m), ctx=mk.Load())))],
                           orelse=other)]
        if date_property is not None:  # `d.year` of a date: taken here
            other = [mk.If(test=py_is(py_class_of(v), self.const(_dt.date)),
                            body=self._date_property(t, v, n.name, date_property), orelse=other)]
        if isinstance(v, ast.Constant):  # a literal (null, a number, a string): never a context
            self.block.extend(other)
        else:
            self.emit(mk.If(test=py_is(py_class_of(v), self.const(dict)), body=[entry], orelse=other))
        return py_name(t)

    def _date_property(self, t: str, v: ast.expr, name: str, date_property) -> list[ast.stmt]:
        """``t = v.name`` of a date ``v``: its month, day or weekday from the numbers made once, its year from
        those made so far (else the property's function)."""
        computed = py_assign(t, py_call(self.const(date_property), v))
        if name == "year":
            year = mk.Attribute(value=v, attr="year", ctx=mk.Load())
            return [py_assign(t, py_call(mk.Attribute(value=self.const(_KNOWN_YEARS), attr="get", ctx=mk.Load()),
                                         year)),
                    mk.If(test=py_is(py_name(t), self.NONE), body=[computed], orelse=[])]
        if name == "weekday":
            part = py_call(mk.Attribute(value=v, attr="isoweekday", ctx=mk.Load()))
        elif name in ("month", "day"):
            part = mk.Attribute(value=v, attr=name, ctx=mk.Load())
        else:
            return [computed]
        return [py_assign(t, mk.Subscript(value=self.const(_SMALL_NUMBERS), slice=part, ctx=mk.Load()))]

    def _ContextLit(self, n: A.ContextLit, env: str, f):
        if len({k for k, _ in n.entries}) != len(n.entries):
            return None  # a key given twice: null, as the closure says
        scope, out = self.temp(), self.temp()
        # first without a dict for its scope
        if not self.attempt((scope,), lambda: self._context(n, env, scope, out, virtual=True)):
            self._context(n, env, scope, out, virtual=False)
        return py_name(out)

    def _context_entry(self, n: A.ContextLit, env: str, name: str) -> ast.expr | None:
        """``{a: ..., b: ...}.b``: every entry computed as the context computes them, in order, and the value of
        the one named, without the context's dict (no one else can read it). None (nothing emitted) when the
        context is not done here: a constant, a key given twice or missing, an entry needing a scope dict."""
        keys = [k for k, _ in n.entries]
        made = self.closures.get(id(n))
        if name not in keys or len(set(keys)) != len(keys) or made is None or constant_of(made) is not None:
            return None
        scope = self.temp()
        self._virtual[scope] = env
        entries = self._entries[scope] = dict(self._entries.get(env, {}))  # the scope copies its parent's

        def compute():
            for key, node in n.entries:
                entries[key] = self.value(node, scope)

        if not self.attempt((scope,), compute):
            return None
        self.inlined += 1
        return entries[name]

    def _context(self, n: A.ContextLit, env: str, scope: str, out: str, virtual: bool) -> None:
        if virtual:
            self._virtual[scope] = env
        else:
            self.emit(py_assign(scope, py_call(self.const(dict), py_name(self.real(env)))))
        self.emit(py_assign(out, mk.Dict(keys=[], values=[])))
        entries = self._entries[scope] = dict(self._entries.get(env, {}))  # the scope copies its parent's
        try:
            for key, node in n.entries:
                v = self.value(node, scope)
                entries[key] = v
                for target in (out,) if virtual else (out, scope):
                    self.emit(mk.Assign(targets=[mk.Subscript(value=py_name(target), slice=mk.Constant(key),
                                                                ctx=mk.Store())], value=v))
        finally:
            self._virtual.pop(scope, None)

    def _ListLit(self, n: A.ListLit, env: str, f):
        items = [self.value(x, env) for x in n.items]
        t = self.temp()
        self.emit(py_assign(t, mk.List(elts=items, ctx=mk.Load())))
        return py_name(t)

