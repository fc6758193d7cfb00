"""The generated function of a FEEL expression (feel/codegen.py) against the closures it replaces.

Every expression here is compiled twice: the compiler's closures alone, and the generated function. Both must
give the same value (same class, same digits) and the same messages, over environments holding numbers,
strings, dates, nulls, values of the wrong type and lazy values. Some expected values are also written out
from the FEEL rules, so that a bug common to both would show too."""

from __future__ import annotations

import ast
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from service.dmn.evalstate import evaluation
from service.dmn.feel import compiler as compiler_module
from service.dmn.feel.builtins import BUILTINS
from service.dmn.feel.compiler import Compiler
from service.dmn.feel.lazy import Namespace
from service.dmn.feel.parser import Names
from service.dmn.feel.scope import Lazy

NAMES = Names(["first day", "Claim date", *BUILTINS])


def _env(**extra) -> dict:
    env = {
        "a": Decimal(3), "b": Decimal("4.5"), "zero": Decimal(0), "s": "High", "t": "Low", "yes": True, "no": False,
        "nothing": None, "d": dt.date(2024, 2, 29), "e": dt.date(2025, 1, 31),
        "dtm": dt.datetime(2024, 2, 29, 10, 30), "ctx": {"x": Decimal(1), "inner": {"y": "deep"}, "n": None},
        "people": [{"age": Decimal(30)}, {"age": Decimal(17)}], "items": [Decimal(1), Decimal(2), Decimal(3)],
        "first day": dt.date(2024, 1, 1), "lazy": Lazy(lambda: Decimal(7)),
        # an imported model's names: the one context whose entries are lazy values
        "lazyctx": Namespace({"v": Lazy(lambda: "from a lazy entry")}), "big": Decimal("9E+6144"),
    }
    env.update(extra)
    return env


def _compile_both(text: str):
    plain = Compiler(NAMES)
    generate = compiler_module.generate
    compiler_module.generate = lambda *args: None
    try:
        closures = plain.expression(text)
    finally:
        compiler_module.generate = generate
    return closures, Compiler(NAMES).expression(text)


def _same(x, y) -> bool:
    if x.__class__ is not y.__class__:
        return False
    if isinstance(x, list):
        return len(x) == len(y) and all(_same(p, q) for p, q in zip(x, y, strict=True))
    if isinstance(x, dict):
        return x.keys() == y.keys() and all(_same(x[k], y[k]) for k in x)
    if isinstance(x, Decimal):
        return str(x) == str(y)
    return x == y or repr(x) == repr(y)


def _run(f, env):
    with evaluation(False) as state:
        value = f(env)
    return value, [m.text for m in state.messages]


EXPRESSIONS = [
    # names and paths
    "a", "lazy", "nothing", "unknown", "abs", "first day", "ctx.x", "ctx.inner.y", "ctx.n", "ctx.missing",
    "d.year", "d.month", "d.day", "d.weekday", "dtm.year", "people.age", "nothing.x", "a.x", "lazyctx.v",
    "ctx.absent", "ctx.inner.absent", "null.x",
    "{p: ctx}.p.inner.y", "(lazy + 1) * 2", "first day.year + 1", "lazy.x",
    # a name the scope lacks: a built-in function's name gives the function, any other null
    "[abs, unknown, a]", "if yes then abs else unknown", "(if no then abs else max)(a, b)",
    # negation and arithmetic
    "-a", "-s", "-nothing", "- -b", "a + b", "a - b", "a * b", "a / b", "a ** 2", "a / zero", "a + 1", "1 + a",
    "a * null", "null - a", "a / 7", "a / 0", "s / 2", "nothing / 2", "1 / a", "b / 0.5", "duration(\"P2D\") / 2",
    "big * 10", "big + big", "-big - big", "big / 0.1", "big * 0.1",
    "s + t", "s + \"!\"", "a + s", "d + duration(\"P1M\")", "e + duration(\"P1M\")",
    "d - e", "d - duration(\"P1D\")", "dtm - d", "a + yes", "yes + 1", "10 - a - 2", "a * b + a - b * 2",
    # comparisons
    "a < b", "a <= 3", "a > 3", "a >= b", "a = 3", "a != 3", "a = 3.0", "s = \"High\"", "s != \"High\"",
    "s < t", "d < e", "d = date(\"2024-02-29\")", "d < date(\"2024-03-01\")", "dtm < d", "dtm = d",
    "a = null", "a != null", "nothing = null", "nothing != null", "null = a", "null = nothing", "a < \"x\"",
    "a < nothing", "yes = true", "yes = false", "no = false", "nothing = true", "a = true", "a = yes",
    "ctx = {x: 1, inner: {y: \"deep\"}, n: null}", "items = [1, 2, 3]", "s = t", "3 < a", "\"High\" = s",
    # and, or
    *[f"{p} {op} {q}" for op in ("and", "or") for p in ("yes", "no", "nothing", "a")
      for q in ("yes", "no", "nothing", "a")],
    "a > 1 and s = \"High\" or nothing", "not(yes) or a < 2",
    # if
    "if yes then a else b", "if no then a else b", "if nothing then a else b", "if a then 1 else 2",
    "if a > 2 then \"big\" else \"small\"", "if nothing = null then ctx.x else d",
    # built-in calls
    "abs(-a)", "max(a, b)", "min(d, e)", "date(d.year, d.month, 1)", "date(2024, 2, 30)", "substring(s, 2)",
    "substring(s, \"x\")", "substring(a, 1)", "string length(s)", "count(items)", "sum(items) + 1",
    "floor(b)", "decimal(b, 0)", "round half up(b, 0)", "modulo(7 - d.weekday, 7)", "abs(1, 2)",
    "years and months duration(d, e).years * 12 + years and months duration(d, e).months", "date(dtm)",
    "upper case(nothing)", "number(\"12\") + a", "not(yes)", "string(a)", "day of week(d)",
    "not(no)", "not(a)", "not([yes])", "not([no, yes])", "not(nothing)",
    # contexts and lists
    "{x: a, y: x + 1, z: if y > 3 then \"more\" else \"less\"}", "{x: 1, x: 2}", "{a: 10, b: a + 1}.b",
    "{x: {y: a}, z: x.y * 2}.z", "{s: \"shadow\", r: s}.r", "[a, b, nothing, s]", "[]", "[a + 1, [b]]",
    "{f: function(n) n + a, r: f(2)}.r", "{k: 2, l: for i in items return i * k}.l",
    "{lim: 1, r: items[item > lim]}.r", "{r: some i in items satisfies i > a}.r", "{c: count(items), r: c}",
    "{first: d, last: e, days: if last < first then 0 else (last - first).days + 1}.days",
    "{x: 1, inner: {y: x, x: 2, z: x}, r: x}", "{a: lazy, b: a + a, c: {d: b * a}}", "{s: s, t: s + t}",
    # nodes left to their closures inside generated code
    "a in (1, 2, 3) and yes", "a between 1 and 5 or no", "items[1] + a", "people[age > 18].age",
    "a instance of number and yes", "[1..3] = [1..3]", "for x in items return x + a",
    # list positions: written, computed, past either end, not whole, not a list, null
    "items[1]", "items[-1]", "items[0]", "items[4]", "items[-4]", "items[3]", "items[-3]", "items[1.5]",
    "items[2.0]", "a[1]", "a[-1]", "a[2]", "nothing[1]", "items[a]", "items[a - 4]", "items[b]", "items[zero]",
    "items[-a]", "items[a + 10]", "items[a * 2000]", "a[a - 2]", "nothing[a]",
    "for i in items return items[i]", "for i in items return items[i + 1]", "{k: 2, r: items[k]}.r",
    # a filter's fallback over its items inside contexts and loops (whose scopes then get their dict there)
    "{k: 2, r: people[age > k]}.r", "{k: 20, r: for i in items return people[age > i * k]}.r",
    "{n: 1, r: [{v: 1}, {v: 2}][v > n]}.r", "{n: 1, l: [{v: 1}, {n: 3}], r: l[n > 1]}.r",
    "{k: 1, r: for i in items return items[item > k]}.r", "{k: 1, r: for i in items return [{v: i}][v > k]}.r",
    "{k: 1, c: {m: 2, r: items[item > k + m]}.r}.c",
    # a years and months duration's properties, and the others of a path
    "years and months duration(d, e).years", "{p: years and months duration(d, e)}.p.months",
    "years and months duration(e, d).years", "years and months duration(e, d).months", "duration(\"P401Y5M\").years",
    "duration(\"P401Y5M\").months", "duration(\"P2Y3M\").months", "date(\"0001-12-31\").year",
    "date(\"9999-12-31\").day", "years and months duration(d, date(\"2500-03-31\")).years",
    "years and months duration(d, date(\"2500-03-31\")).months", "null.year", "null.weekday", "null.months",
    "\"x\".month", "a.years", "s.day",
    "duration(\"P14M\").years", "duration(\"-P14M\").months", "duration(\"P14M\").days", "ctx.years",
    # loops over a list written out, and over ranges of numbers and dates
    "for x in [a, b], y in [x + 1] return y", "for x in [a, nothing] return x", "for i in 1..a return i",
    "for i in a..1 return i", "for i in d..d + duration(\"P3D\") return i", "for i in e..d return i.day",
    "for i in 4094..4097 return i", "for i in -1026..-1023 return i", "for i in 2..-2 return i",
    "for i in 1.5..3 return i", "for i in nothing..3 return i",
    # a boolean compared with a written boolean
    "yes != true", "no != false", "nothing != true", "a != true", "s = false",
]


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_generated_code_gives_what_the_closures_give(text):
    closures, generated = _compile_both(text)
    for env in (_env(), _env(a=None, s=Decimal(1), d=None, ctx=None, yes=None), _env(a="3", b=True, items=None)):
        expected = _run(closures, env)
        got = _run(generated, env)
        assert _same(got[0], expected[0]), (text, got, expected)
        assert got[1] == expected[1], text


def _generated(text: str):
    f = Compiler(NAMES).expression(text)
    assert f.__code__.co_filename.startswith("<FEEL"), f"no code generated for {text!r}"
    return f


@pytest.mark.parametrize(("text", "expected"), [
    ("a * b + a - b * 2", Decimal("7.5")),  # 13.5 + 3 - 9
    ("{x: a, y: x + 1, z: if y > 3 then \"more\" else \"less\"}.z", "more"),
    ("a / 4", Decimal("0.75")),
    ("a / 0", None),  # division by zero is null
    ("big * 10", None),  # beyond FEEL's numbers (decimal128): null, not an infinity
    ("big + big", None),
    ("-big - big", None),
    ("big / 0.1", None),
    ("big * 0.1", Decimal("9E+6143")),
    ("1 / a", Decimal("0.3333333333333333333333333333333333")),  # 34 significant digits
    ("yes and nothing", None),
    ("no and nothing", False),
    ("nothing or yes", True),
    ("a or yes", True),  # or is true when either side is true
    ("a and yes", None),  # a non-boolean side makes and null
    ("if nothing then 1 else 2", Decimal(2)),  # a null condition takes the else branch
    ("date(d.year, d.month, 1)", dt.date(2024, 2, 1)),
    # d is 2024-02-29, e 2025-01-31: 11 whole months; back from e to d, -11 (-0 years, -11 months)
    ("[years and months duration(d, e).years, years and months duration(d, e).months]", [Decimal(0), Decimal(11)]),
    ("[years and months duration(e, d).years, years and months duration(e, d).months]", [Decimal(0), Decimal(-11)]),
    # 2024-02-29 to 2500-03-31: 476 years and 1 month (past the 400 years whose parts are made once)
    ("[years and months duration(d, date(\"2500-03-31\")).years, "
     "years and months duration(d, date(\"2500-03-31\")).months]", [Decimal(476), Decimal(1)]),
    ("[d.year, d.month, d.day, d.weekday, e.weekday]",  # a Thursday and a Friday
     [Decimal(2024), Decimal(2), Decimal(29), Decimal(4), Decimal(5)]),
    ("substring(s, \"x\")", None),
    ("a < \"x\"", None),
    ("a = null", False),
    ("nothing = null", True),
    ("lazyctx.v", "from a lazy entry"),
    ("(lazy + 1) * 2", Decimal(16)),
    ("people.age", [Decimal(30), Decimal(17)]),
    ("e + duration(\"P1M\")", dt.date(2025, 2, 28)),  # month-end clamping
    ("{first: d, last: e, days: if last < first then 0 else (last - first).days + 1}.days", Decimal(338)),
    ("{k: 2, l: for i in items return i * k}.l", [Decimal(2), Decimal(4), Decimal(6)]),
    # an entry is seen by the entries after it and by nested contexts, until one of those sets its own
    ("{x: 1, inner: {y: x, x: 2, z: x}, r: x}",
     {"x": Decimal(1), "inner": {"y": Decimal(1), "x": Decimal(2), "z": Decimal(2)}, "r": Decimal(1)}),
    ("{a: lazy, b: a + a, c: {d: b * a}}.c.d", Decimal(98)),
])
def test_generated_values_follow_feel(text, expected):
    value, _ = _run(_generated(text), _env())
    assert _same(value, expected), (text, value, expected)


def test_names_of_the_generated_code_are_not_names_of_the_model():
    """FEEL names that look like the generated code's own identifiers are plain context keys."""
    f = _generated("{__builtins__: 2, env: 3, k0: 4, t1: 5, r: __builtins__ + env + k0 + t1}.r")
    assert _run(f, {})[0] == Decimal(14)


def test_model_text_stays_data():
    text = "{code: \"__import__('os').system('false')\", r: code + \"!\"}.r"
    value, _ = _run(_generated(text), {})
    assert value == "__import__('os').system('false')!"


def test_generated_code_sees_no_python_builtins():
    f = _generated("a + 1")
    assert f.__globals__["__builtins__"] == {}
    assert not any(callable(v) and getattr(v, "__name__", "") in ("eval", "exec", "__import__", "open")
                   for v in f.__globals__.values())


def test_a_tree_too_deep_for_python_keeps_its_closures(monkeypatch):
    """Where Python's own compiler gives up on the generated function (RecursionError: a tree nested more than
    it nests), the closures do the work."""
    from service.dmn.feel import codegen

    def too_deep(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded during compilation")

    monkeypatch.setattr(codegen.Generator, "function", too_deep)
    text = "if yes then " * 30 + "a" + " else b" * 30
    f = Compiler(NAMES).expression(text)
    assert not f.__code__.co_filename.startswith("<FEEL")
    assert _run(f, _env())[0] == Decimal(3)


def test_a_name_or_a_constant_keeps_its_closure():
    for text in ("a", "1 + 2", "\"x\""):
        f = Compiler(NAMES).expression(text)
        assert not f.__code__.co_filename.startswith("<FEEL")


_OWN_NAME = re.compile(r"(env|inputs|matched_rules|state|value|args|[tk]\d+)")
_OWN_ATTRIBUTES = {"get", "_value", "__class__", "slot", "state", "rules", "append", "bit_length", "conforms",
                   "call",  # a function value's call, once the value is checked to be a FEEL function
                   # a date's and a years and months duration's parts, once the value is checked to be one
                   "year", "month", "day", "isoweekday", "months"}


def test_generated_code_is_made_of_its_own_identifiers_only(monkeypatch):
    """Over the bundled models and TCK models with many names: every identifier of the generated code is its
    own (``env``, ``inputs``, ``state``, ``t3``, ``k7``) and every attribute one of its templates'; model names
    and values appear only as constants."""
    import builtins

    from service.dmn import load
    from service.dmn.feel import codegen

    trees = []

    def keep(tree, *args, **kwargs):
        trees.append(tree)
        return builtins.compile(tree, *args, **kwargs)
    monkeypatch.setattr(codegen, "compile", keep, raising=False)
    root = Path(__file__).resolve().parents[1]
    tck = root.parent / "shared" / "dmn-tck" / "compliance-level-3"
    for path in [root / "decisions", *sorted(tck.iterdir())]:
        load(path)
    assert len(trees) > 600
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                assert _OWN_NAME.fullmatch(node.id), node.id
            elif isinstance(node, ast.Attribute):
                assert node.attr in _OWN_ATTRIBUTES, node.attr
            elif isinstance(node, ast.arg):
                assert node.arg in ("env", "inputs", "matched_rules", "state", "value", "args"), node.arg
            elif isinstance(node, ast.Constant):
                assert node.value is None or type(node.value) in (str, int, bool), repr(node.value)
            elif isinstance(node, ast.FunctionDef):
                assert node.name in ("feel", "decision_table", "scope", "conforms", "call"), node.name


def test_only_names_that_may_hold_a_lazy_value_are_checked_for_one():
    """``lazy_names`` (a model's decisions): other names are read with a plain get."""
    f = Compiler(NAMES, lazy_names={"lazy"}).expression("lazy + a + (if unknown = null then 1 else 0)")
    assert f.__code__.co_filename.startswith("<FEEL")
    assert _run(f, _env())[0] == Decimal(11)


def _structure(generated: bool, monkeypatch):
    """A structure with a number, an enumeration, a nested structure, a collection of structures and an
    allowed-values test on the whole, its ``conforms`` generated or the closure."""
    from service.dmn.feel import types
    from service.dmn.feel.types import BUILTIN_TYPES, ItemType

    if not generated:
        monkeypatch.setattr(types, "structure_check", lambda *args: None)

    def item(name, base=None, fields=None, collection=False, allowed=None):
        t = ItemType(name)
        if base is not None:
            t.base = base
        t.fields, t.collection, t.allowed = fields, collection, allowed
        t.specialize()
        return t
    number, string = BUILTIN_TYPES["number"], BUILTIN_TYPES["string"]
    status = item("tStatus", string)
    inner = item("tInner", fields={"d": item("d", BUILTIN_TYPES["date"])})
    return item("tOuter", fields={
        "n": item("n", number), "s": status, "inner": inner,
        "many": item("many", fields={"x": item("x", number)}, collection=True),
    }, allowed=lambda v: v.get("n") is None or v["n"] >= 0)


STRUCTURE_VALUES = [
    None, {}, "x", [], {"n": Decimal(1), "s": "a", "inner": {"d": dt.date(2024, 1, 1)}, "many": []},
    {"n": Decimal(-1), "s": "a", "inner": None, "many": None},  # refused by the allowed values
    {"n": None, "s": None, "inner": None, "many": None},
    {"n": "1", "s": "a", "inner": None, "many": None},  # a string where a number is expected
    {"n": Decimal(1), "s": "a", "inner": {"d": "2024-01-01"}, "many": None},
    {"n": Decimal(1), "s": "a", "inner": {}, "many": None},  # the nested structure lacks its component
    {"n": Decimal(1), "s": "a", "inner": None},  # a component missing
    {"n": Decimal(1), "s": "a", "inner": None, "many": [{"x": Decimal(2)}, {"x": None}], "extra": 1},
    {"n": Decimal(1), "s": "a", "inner": None, "many": [{"x": "2"}]},
    {"n": Decimal(1), "s": "a", "inner": None, "many": {"x": Decimal(2)}},  # one item where a list is expected
    {"n": True, "s": "a", "inner": None, "many": None},  # a boolean is no number
]


@pytest.mark.parametrize("index", range(len(STRUCTURE_VALUES)))
def test_generated_structure_check_gives_what_the_closure_gives(index, monkeypatch):
    value = STRUCTURE_VALUES[index]
    generated = _structure(True, monkeypatch)
    assert generated.conforms.__code__.co_filename.startswith("<FEEL")
    closure = _structure(False, monkeypatch)
    assert not closure.conforms.__code__.co_filename.startswith("<FEEL")
    assert generated.conforms(value) is closure.conforms(value)


def test_generated_structure_check_follows_the_type(monkeypatch):
    """DMN 1.5 10.3.2.9.1: a context conforms to a structure when it has every component, each conforming."""
    outer = _structure(True, monkeypatch)
    ok = {"n": Decimal(1), "s": "a", "inner": {"d": dt.date(2024, 1, 1)}, "many": [{"x": Decimal(2)}]}
    assert outer.conforms(ok) is True
    assert outer.conforms({**ok, "extra": "allowed"}) is True
    assert outer.conforms({k: v for k, v in ok.items() if k != "many"}) is False
    assert outer.conforms({**ok, "n": Decimal(-1)}) is False
    assert outer.conforms({**ok, "many": [{"x": "2"}]}) is False
