"""Generated functions for the decision level: a decision table up to its matched rules, and the scope of an
evaluation. Built as Python syntax trees from ``feel.codegen``'s generator (its module docstring says how and
why nothing of the model becomes code)."""

from __future__ import annotations

import ast
from bisect import bisect_left

from .evalstate import _CURRENT, _NO_LIMIT, fold
from .feel.codegen import Generator, mk, py_and, py_assign, py_call, py_class_of, py_is, py_name
from .feel.codegen_ast import NeedsScope
from .table_index import RuleSets

__all__ = ["function_call", "scope_builder", "table_matcher"]


def table_matcher(inputs: list, checks: list, check, columns: list, all_rules: int, tests_bits, finish, known_rows=None,
                  first_hit: bool = False, current=None, copy_rows: bool = False):
    """A decision table's ``evaluate(env, matched_rules=None)``: the input expressions read inline (a plain
    name is looked up here, anything else called), ``check(env, matched_rules)`` evaluating the table instead
    when a value is not null and fails its test of ``checks`` (``(column, test)``: the input values), the
    rules each column's value passes
    found inline as in ``table_index.column_matchers`` (a class test, then an index lookup or a bisection;
    ``tests_bits(tests, value, env, candidates)`` for values of another class), then
    ``finish(values, candidates, env, matched_rules)``.

    ``known_rows`` (a single-hit table whose tests are all pure): per rule, ``(matched rule, (output,), None)``
    when its output is a constant, else ``(matched rule, None, fn)`` with ``fn(env)`` its output's value. When
    the columns leave one rule (for FIRST, when they leave any), its output is returned at once, the rule added
    to ``matched_rules`` (when not given, to ``current.slot.state.rules``). None when Python cannot compile
    it.

    The function has ``fuse(params, types, static, coerce)``: a BKM's ``call(args)`` doing the same in one
    function (see ``function_call``), or None."""
    # a null value passes the same pure tests each time: their rules, found once at load (``_null_bits``)
    nulls = [_null_bits(tests_bits, column[5], all_rules) for column in columns]

    def emit(gen: Generator, env, values: list | None) -> None:
        """The table's statements; ``env()`` gives the scope (an expression made at each use); ``values``:
        the inputs' values, when the caller has them (else read from the scope)."""
        if values is None:
            values = []
            for f in inputs:
                t = gen.temp()
                plain = getattr(f, "plain_name", None)
                if plain is not None:
                    gen.lookup(t, env(), mk.Constant(plain[0]), gen.literal(plain[1]), f.may_be_lazy)
                elif not _inline(gen, f, t):
                    gen.emit(py_assign(t, py_call(gen.const(f), env())))
                values.append(py_name(t))
        _table_code(gen, env, values, checks, check, columns, nulls, all_rules, tests_bits, finish, known_rows,
                    first_hit, current, copy_rows)

    gen = Generator({})
    emit(gen, lambda: py_name("env"), None)
    try:
        fn = gen.function("decision_table", ("env", "matched_rules"), (None,))
    except (RecursionError, MemoryError, SyntaxError, ValueError):
        return None
    fn.fuse = lambda params, types, static, coerce: _fused_call(inputs, emit, params, types, static, coerce)
    return fn


def _table_code(gen: Generator, env, values: list, checks: list, check, columns: list, nulls: list,
                all_rules: int, tests_bits, finish, known_rows, first_hit: bool, current, copy_rows: bool) -> None:
    """``table_matcher``'s statements once the inputs' ``values`` are at hand."""
    def listed() -> ast.expr:  # the values as a list, made only where one is passed on (not for a constant row)
        return mk.List(elts=values, ctx=mk.Load())

    if checks:  # check(env, matched_rules) when an input is outside its input values
        failing = []
        for k, test in checks:
            v = values[k]
            literals = getattr(test, "literals", None)
            if literals is not None:  # `"High", "Low"`: its class and a set lookup
                ok = py_and(py_is(py_class_of(v), gen.const(literals[0])),
                            mk.Compare(left=v, ops=[mk.In()], comparators=[gen.const(literals[1])]))
            else:
                ok = py_is(py_call(gen.const(test), v, env()), gen.TRUE)
            failing.append(py_and(py_is(v, gen.NONE, negate=True), mk.UnaryOp(op=mk.Not(), operand=ok)))
        # an input outside its input values: the table is evaluated by ``check(env, matched_rules)`` instead
        gen.emit(mk.If(test=failing[0] if len(failing) == 1 else mk.BoolOp(op=mk.Or(), values=failing),
                        body=[mk.Return(py_call(gen.const(check), env(), py_name("matched_rules")))], orelse=[]))
    c = gen.temp()
    first = True  # the first column sets c (to rules within all_rules); the others narrow it

    def narrow(bits: ast.expr) -> ast.stmt:  # c &= bits
        if first:
            return py_assign(c, bits)
        return mk.AugAssign(target=py_name(c, True), op=mk.BitAnd(), value=bits)

    def with_free(bits: ast.expr, free: int) -> ast.expr:
        return mk.BinOp(left=mk.Constant(free), op=mk.BitOr(), right=bits) if free else bits

    for (k, cls, index, points, regions, tests, free), nulls_bits in zip(columns, nulls, strict=True):
        v = values[k]
        candidates = mk.Constant(all_rules) if first else py_name(c)
        slow = narrow(with_free(py_call(gen.const(tests_bits), gen.const(tests), v, env(), candidates), free))
        # the rules without a pure test in the column (free) are folded into the index and the regions
        if index is not None:
            folded = index.with_free(free) if isinstance(index, RuleSets) else \
                {value: free | bits for value, bits in index.items()}
            fast = [narrow(py_call(mk.Attribute(value=gen.const(folded), attr="get", ctx=mk.Load()), v,
                                   mk.Constant(free)))]
        elif points is not None and len(points) <= _FEW_POINTS:
            fast = [_point_chain(gen, v, points, [free | bits for bits in regions], narrow)]
        elif points is not None:
            i = gen.temp()
            p = gen.const(points)
            r = gen.const(regions.with_free(free) if isinstance(regions, RuleSets)
                          else [free | bits for bits in regions])

            def region(expr: ast.expr, r=r) -> ast.expr:
                return mk.Subscript(value=r, slice=expr, ctx=mk.Load())
            twice = mk.BinOp(left=mk.Constant(2), op=mk.Mult(), right=py_name(i))
            on_point = py_and(mk.Compare(left=py_name(i), ops=[mk.Lt()], comparators=[mk.Constant(len(points))]),
                            mk.Compare(left=mk.Subscript(value=p, slice=py_name(i), ctx=mk.Load()),
                                        ops=[mk.Eq()], comparators=[v]))
            fast = [py_assign(i, py_call(gen.const(bisect_left), p, v)),
                    mk.If(test=on_point,
                           body=[narrow(region(mk.BinOp(left=twice, op=mk.Add(), right=mk.Constant(1))))],
                           orelse=[narrow(region(twice))])]
        else:
            fast = None
        if nulls_bits is not None:  # a null value passes the same tests each time: their rules, found at load
            slow = mk.If(test=py_is(v, gen.NONE), body=[narrow(mk.Constant(free | nulls_bits))], orelse=[slow])
        gen.emit(slow if fast is None else
                 mk.If(test=py_is(py_class_of(v), gen.const(cls)), body=fast, orelse=[slow]))
        first = False
    if first:
        gen.emit(py_assign(c, mk.Constant(all_rules)))
    if known_rows is not None:
        gen.block.extend(_known_row(gen, py_name(c), known_rows, first_hit, current, env, copy_rows))
    gen.emit(mk.Return(py_call(gen.const(finish), listed(), py_name(c), env(), py_name("matched_rules"))))


def _fused_call(inputs: list, emit, params: tuple, types: list, static: dict, coerce):
    """A table BKM's ``call(args)`` in one function: ``function_call``'s checks of the arguments, then the
    table's statements (``emit``) reading its inputs from them, where each input is one of the parameters
    (else None: the call and the table stay two functions). The scope the call would give the table (the
    static names and the parameters) is made only where the table passes it on (a test or an output that
    reads it, the table evaluated by its slower road), and the rules go to the evaluation's state, as for any
    BKM call. None when Python cannot compile it."""
    plains = [getattr(f, "plain_name", None) for f in inputs]
    if any(plain is None or plain[0] not in params for plain in plains):
        return None
    gen = Generator({})
    arguments = _arguments(gen, params, types, coerce)
    by_param = dict(zip(params, arguments, strict=True))  # a repeated parameter: its last argument, as in a dict
    values = []
    for f, plain in zip(inputs, plains, strict=True):
        v = by_param[plain[0]]
        if f.may_be_lazy:
            t = gen.temp()
            gen.emit(py_assign(t, v))
            gen.unlazy(t)
            v = py_name(t)
        values.append(v)
    gen.emit(py_assign("matched_rules", gen.NONE))
    emit(gen, lambda: _call_scope(gen, params, arguments, static), values)
    try:
        return gen.function("call", ("args",))
    except (RecursionError, MemoryError, SyntaxError, ValueError):
        return None


def _null_bits(tests_bits, tests, all_rules: int) -> int | None:
    """The rules of a column's pure tests that a null value passes, run once while the model loads, under the
    load's budget as constant folding is (``evalstate.fold``); None when a test fails, warns, matches a rule
    or spends items there (it is then run at each evaluation, as before)."""
    clean = []

    def run(env):
        bits = tests_bits(tests, None, env, all_rules)
        state = _CURRENT.slot.state
        max_items = state.budget.max_items
        if not state.rules and (state.deadline is None or state.items_left == (
                _NO_LIMIT if max_items is None else max_items)):
            clean.append(True)
        return bits

    try:
        bits = fold(run)
    except Exception:  # the test fails, warns or runs out of the load's budget on null: left to each evaluation
        return None
    return bits if clean else None


def _inline(gen: Generator, f, t: str) -> bool:
    """``t = f(env)`` done inline, for a generated expression that kept its tree (``inline``): the same code as
    its own function's, whose reads of the scope the other inputs share. False (nothing emitted) when it
    cannot be."""
    inline = getattr(f, "inline", None)
    if inline is None:
        return False
    tree, closures = inline
    block, inlined, read = gen.block, gen.inlined, dict(gen._read)
    gen.block = []
    gen.closures.update(closures)
    try:
        value = gen.value(tree, "env")
    except (RecursionError, MemoryError, ValueError, NeedsScope):
        gen.block, gen.inlined, gen._read = block, inlined, read
        return False
    block.extend(gen.block)
    gen.block = block
    gen.emit(py_assign(t, value))
    return True


_FEW_POINTS = 4  # up to this many interval ends, a column compares its value with each instead of bisecting


def _point_chain(gen: Generator, v: ast.expr, points: list, masks: list, narrow) -> ast.stmt:
    """``if v < p0: c &= masks[0] elif v == p0: c &= masks[1] elif v < p1: ...`` (the regions of
    ``table_index.regions``: below the first point, on it, between it and the next, ..., above the last). A point
    whose rules are those of the region below it is tested with ``<=``; one whose rules are those of the
    region above it needs no test of its own (``v < next point`` or the last ``else`` takes it)."""
    steps = []  # (operator, point, mask), tried in order
    for i, point in enumerate(points):
        below, on, above = masks[2 * i], masks[2 * i + 1], masks[2 * i + 2]
        if below == on:
            steps.append((mk.LtE, point, below))
        else:
            steps.append((mk.Lt, point, below))
            if on != above:
                steps.append((mk.Eq, point, on))
    out: list[ast.stmt] = [narrow(mk.Constant(masks[-1]))]
    for op, point, mask in reversed(steps):
        out = [mk.If(test=mk.Compare(left=v, ops=[op()], comparators=[gen.literal(point)]),
                     body=[narrow(mk.Constant(mask))], orelse=out)]
    return out[0]


def _known_row(gen: Generator, c: ast.Name, rows, first_hit: bool, current, env,
               copy_rows: bool = False) -> list[ast.stmt]:
    """``if <one rule is left>: <its output, the rule traced>``: per rule by its bit, its constant output or
    the function of its output's value; for FIRST, the lowest rule left is the one. ``copy_rows``: the constant
    outputs are contexts, each match given a copy of its own."""
    by_bit = {1 << i: (info, known[0] if known is not None else None, fn) for i, (info, known, fn) in enumerate(rows)}
    row, state = gen.temp(), gen.temp()
    key = mk.BinOp(left=c, op=mk.BitAnd(), right=mk.UnaryOp(op=mk.USub(), operand=c)) if first_hit else c

    def item(i: int) -> ast.expr:
        return mk.Subscript(value=py_name(row), slice=mk.Constant(i), ctx=mk.Load())
    def append(to: ast.expr) -> ast.stmt:
        return mk.Expr(py_call(mk.Attribute(value=to, attr="append", ctx=mk.Load()), item(0)))
    slot = mk.Attribute(value=gen.const(current), attr="slot", ctx=mk.Load())
    given = py_name("matched_rules")
    trace = [mk.If(test=py_is(given, gen.NONE, negate=True), body=[append(given)],
                   orelse=[py_assign(state, mk.Attribute(value=slot, attr="state", ctx=mk.Load())),
                           mk.If(test=py_is(py_name(state), gen.NONE, negate=True),
                                 body=[append(mk.Attribute(value=py_name(state), attr="rules", ctx=mk.Load()))],
                                 orelse=[])]),
             mk.If(test=py_is(item(2), gen.NONE), body=[mk.Return(py_call(gen.const(dict), item(1)) if copy_rows
                                                                 else item(1))],
                   orelse=[mk.Return(py_call(item(2), env()))])]
    return [py_assign(row, py_call(mk.Attribute(value=gen.const(by_bit), attr="get", ctx=mk.Load()), key)),
            mk.If(test=py_is(py_name(row), gen.NONE, negate=True), body=trace, orelse=[])]


def scope_builder(input_plan: list, decisions: list, checked_input, decision_value, missing):
    """``scope(inputs, env, state)`` of ``Model._main_scope`` written out: per input data of ``input_plan``
    (``(name, {namespace}name, type, exact class)``) its value from ``inputs`` under either key, a value that
    does not have the type's exact class and does not conform given to ``checked_input(inputs, name, type)``;
    then per decision of ``decisions`` its value from ``inputs`` or a ``decision_value(decision, env, state)``.
    None when Python cannot compile it."""
    gen = Generator({})
    inputs, env, state, absent = py_name("inputs"), py_name("env"), py_name("state"), gen.const(missing)

    def store(key: str, value: ast.expr) -> ast.stmt:
        return mk.Assign(targets=[mk.Subscript(value=env, slice=mk.Constant(key), ctx=mk.Store())], value=value)

    def get(*args: ast.expr) -> ast.expr:
        return py_call(mk.Attribute(value=inputs, attr="get", ctx=mk.Load()), *args)

    for name, clark, t, exact in input_plan:
        v = gen.temp()
        gen.emit(py_assign(v, get(mk.Constant(name), absent)))
        unusual = [mk.If(test=py_is(py_name(v), absent), body=[py_assign(v, get(mk.Constant(clark)))], orelse=[])]
        if t is not None:
            type_ = gen.const(t)
            conforms = py_call(mk.Attribute(value=type_, attr="conforms", ctx=mk.Load()), py_name(v))
            unusual.append(mk.If(
                test=py_and(py_is(py_name(v), gen.NONE, negate=True),
                            py_is(py_class_of(py_name(v)), gen.const(exact), negate=True),
                            mk.UnaryOp(op=mk.Not(), operand=conforms)),
                body=[py_assign(v, py_call(gen.const(checked_input), inputs, mk.Constant(name), type_))], orelse=[]))
        if exact is not None:  # given, of the type's own class: nothing more to do
            gen.emit(mk.If(test=py_is(py_class_of(py_name(v)), gen.const(exact), negate=True), body=unusual,
                           orelse=[]))
        else:
            gen.block.extend(unusual)
        gen.emit(store(name, py_name(v)))
    for dec in decisions:
        key = mk.Constant(dec.name)
        given = mk.Compare(left=key, ops=[mk.In()], comparators=[inputs])
        gen.emit(store(dec.name, mk.IfExp(test=given, body=mk.Subscript(value=inputs, slice=key, ctx=mk.Load()),
                                           orelse=py_call(gen.const(decision_value), gen.const(dec), env, state))))
    gen.emit(mk.Return(env))
    try:
        return gen.function("scope", ("inputs", "env", "state"))
    except (RecursionError, MemoryError, SyntaxError, ValueError):
        return None


def _arguments(gen: Generator, params: tuple, types: list, coerce) -> list[ast.expr]:
    """The statements of a BKM call checking ``args``: null unless there is an argument per parameter; each
    argument that is not null, not of its type's one class and does not conform is coerced (``coerce(value,
    type)``), null for the call when it cannot be. The arguments' names."""
    args = py_name("args")
    gen.emit(mk.If(test=mk.Compare(left=py_call(gen.const(len), args), ops=[mk.NotEq()],
                                   comparators=[mk.Constant(len(params))]),
                   body=[mk.Return(gen.NONE)], orelse=[]))
    values = []
    for i, t in enumerate(types):
        v = gen.temp()
        gen.emit(py_assign(v, mk.Subscript(value=args, slice=mk.Constant(i), ctx=mk.Load())))
        if t is not None:
            _checked(gen, v, t, coerce, lambda ok: [mk.If(test=py_is(py_name(ok), gen.TRUE, negate=True),
                                                          body=[mk.Return(gen.NONE)], orelse=[])])
        values.append(py_name(v))
    return values


def _checked(gen: Generator, v: str, t, coerce, on_failure) -> None:
    """``if v is not null and does not conform to t: v, ok = coerce(v, t); <on_failure(ok)>``; an
    enumeration's test (of its class, then among its values) written out."""
    ok = gen.temp()
    tests = [py_is(py_name(v), gen.NONE, negate=True)]
    enumeration = getattr(t, "enumeration", None)
    if enumeration is not None:
        cls, members = enumeration
        tests.append(mk.BoolOp(op=mk.Or(), values=[
            py_is(py_class_of(py_name(v)), gen.const(cls), negate=True),
            mk.Compare(left=py_name(v), ops=[mk.NotIn()], comparators=[gen.const(members)])]))
    else:
        if getattr(t, "exact", None) is not None:
            tests.append(py_is(py_class_of(py_name(v)), gen.const(t.exact), negate=True))
        tests.append(mk.UnaryOp(op=mk.Not(), operand=py_call(gen.const(t.conforms), py_name(v))))
    pair = mk.Tuple(elts=[py_name(v, True), py_name(ok, True)], ctx=mk.Store())
    gen.emit(mk.If(test=py_and(*tests), orelse=[],
                   body=[mk.Assign(targets=[pair], value=py_call(gen.const(coerce), py_name(v), gen.const(t))),
                         *on_failure(ok)]))


def _call_scope(gen: Generator, params: tuple, values: list, static: dict) -> ast.expr:
    """The scope a BKM's body is called with: its static names, then its parameters."""
    keys = [mk.Constant(p) for p in params]
    return mk.Dict(keys=[None, *keys], values=[gen.const(static), *values]) if static else \
        mk.Dict(keys=keys, values=list(values))


def function_call(params: tuple, types: list, static: dict, body, result_type, coerce):
    """``call(args)`` of a BKM: null unless there is an argument per parameter; each argument that is not
    null, not of its type's one class and does not conform is coerced (``coerce(value, type)``), null for
    the call when it cannot be; the body called with a scope of the static names and the parameters; its
    value coerced to the result type when it does not conform. A decision table body whose inputs are
    parameters is done in the same function (``table_matcher``'s ``fuse``). None when Python cannot compile
    it."""
    fuse = getattr(body, "fuse", None)
    if fuse is not None and result_type is None:
        fused = fuse(params, types, static, coerce)
        if fused is not None:
            return fused
    gen = Generator({})
    values = _arguments(gen, params, types, coerce)
    r = gen.temp()
    gen.emit(py_assign(r, py_call(gen.const(body), _call_scope(gen, params, values, static))))
    if result_type is not None:
        _checked(gen, r, result_type, coerce, lambda ok: [])
    gen.emit(mk.Return(py_name(r)))
    try:
        return gen.function("call", ("args",))
    except (RecursionError, MemoryError, SyntaxError, ValueError):
        return None
