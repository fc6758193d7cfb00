"""A checklist of the FEEL grammar of DMN 1.5 §10.3.1.2, rule by rule, each with at least one test whose
expected value follows from the rule and the semantics of §10.3.2 (or, where noted, the TCK).

Rules without a test of their own here are covered elsewhere: names with spaces (rules 27-32) in
test_feel_parser.py, built-ins (§10.3.4) in test_builtins_*.py, dates and times in test_feel_temporal.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from service.dmn import FeelSyntaxError
from service.dmn.feel import compile_unary_tests, evaluate
from service.dmn.feel.values import Range

CHECKLIST = [
    # rule 2: textual expression ... | simple positive unary test | "(" textual expression ")"
    ("2 paren", "(1 + 2) * 3", D(9)),
    ("2 unary test as a value", "(< 10)", Range(None, D(10), False, False)),
    ("2 unary test as a value", "(<= 10)", Range(None, D(10), False, True)),
    ("2 unary test as a value", "(> 10)", Range(D(10), None, False, False)),
    ("2 unary test as a value", "(>= 10)", Range(D(10), None, True, False)),
    ("2 = e as a value: [e..e]", "(= 10)", Range(D(10), D(10), True, True)),
    ("2 != e as a value: (e..e), as TCK 0074 says", "(!= 10)", Range(D(10), D(10), False, False)),
    ("2 unary test with a date", '(>= date("2020-01-01"))', Range(dt.date(2020, 1, 1), None, True, False)),
    ("2 unary tests in a list", "[< 10, > 20]", [Range(None, D(10), False, False), Range(D(20), None, False, False)]),
    ("2 unary test as an argument", "before(5, (> 10))", True),
    ("2 unary test as an argument", "includes(< 10, 5)", True),
    # §10.3.2.7: the properties of a range; an unbounded side has a null endpoint
    ("10.3.2.7 start", "(< 10).start", None),
    ("10.3.2.7 end", "(< 10).end", D(10)),
    ("10.3.2.7 start included", "(< 10).start included", False),
    ("10.3.2.7 end included", "(<= 10).end included", True),
    ("10.3.2.7 start of > e", "(> 5).start", D(5)),
    ("10.3.2.7 end of > e", "(>= 5).end", None),
    ("10.3.2.7 closed range", "[1..10).end included", False),
    # rule 4: arithmetic (addition, subtraction, multiplication, division, exponentiation, negation)
    ("4 precedence", "1 + 2 * 3 ** 2", D(19)),
    ("4 negation", "-(1 + 2)", D(-3)),
    ("4 double negation", "- -3", D(3)),
    ("4 division by zero", "1 / 0", None),
    # rules 7-13: intervals, open and closed ends, reversed brackets
    ("8 closed", "5 in [1..5]", True),
    ("9 open start (", "1 in (1..5]", False),
    ("9 open start ]", "1 in ]1..5]", False),
    ("11 open end [", "5 in [1..5[", False),
    ("11 open end )", "5 in [1..5)", False),
    # rule 15/51: in with a positive unary test, or a parenthesised list of them
    ("51 in a list", "2 in [1, 2, 3]", True),
    ("51 in tests", "2 in (1, 2, 3)", True),
    ("51 in a comparison test", "5 in (< 10)", True),
    ("51 in bare comparison", "5 in < 10", True),
    ("51 in a range", "5 in (1..10)", True),
    ("51 in several tests", "15 in (< 10, > 12)", True),
    ("51 in null", "null in [1, null]", True),
    ("51 between", "5 between 1 and 10", True),
    ("51 between inclusive", "10 between 1 and 10", True),
    ("51 between of another type", '"a" between 1 and 10', None),
    # rule 37: numeric literal (DMN 1.5: an optional exponent)
    ("37 exponent", "1.23e4", D(12300)),
    ("37 negative exponent", "5E-3", D("0.005")),
    ("37 exponent with sign", "2e+2", D(200)),
    ("37 leading dot", ".5", D("0.5")),
    ("37 leading dot and exponent", ".5e1", D(5)),
    ("37 exponent in arithmetic", "1e3 + 1", D(1001)),
    # rules 35, 64-65: strings and their escapes
    ("64 escapes", r'"a\"b\\c"', 'a"b\\c'),
    ("64 newline and tab", r'"a\nb\tc"', "a\nb\tc"),
    ("65 \\u", r'"\u00e9"', "é"),
    ("65 surrogate pair", r'"\ud83d\ude00"', "\U0001F600"),
    ("65 \\U", r'"\U01F600"', "\U0001F600"),
    ("35 string length of a pair", r'string length("\ud83d\ude00")', D(1)),
    # rule 33, 36: null and booleans
    ("36 booleans", "true and not(false)", True),
    ("33 null", "null", None),
    # rules 40-44: invocation, positional and named
    ("44 positional", "substring(\"foobar\", 3)", "obar"),
    ("42 named", "substring(string: \"foobar\", start position: 3)", "obar"),
    # rule 45: path expressions, also on lists of contexts
    ("45 path", "{a: {b: 1}}.a.b", D(1)),
    ("45 path on a list", "[{a: 1}, {a: 2}].a", [D(1), D(2)]),
    ("45 path on a date", 'date("2020-03-04").month', D(3)),
    # rule 46, 63: for with several iteration contexts, ranges and partial
    ("46 for", "for i in [1, 2] return i * 2", [D(2), D(4)]),
    ("63 for a range", "for i in 1..3 return i", [D(1), D(2), D(3)]),
    ("63 for a descending range", "for i in 3..1 return i", [D(3), D(2), D(1)]),
    ("46 for two contexts", "for i in [1, 2], j in [10, 20] return i + j", [D(11), D(21), D(12), D(22)]),
    ("46 for partial", "for i in 1..4 return if i = 1 then 1 else i * partial[-1]", [D(1), D(2), D(6), D(24)]),
    # rule 47: if
    ("47 if", "if 1 > 2 then \"a\" else \"b\"", "b"),
    ("47 if null condition", "if null then 1 else 2", D(2)),
    # rule 48: quantified
    ("48 some", "some x in [1, 2, 3] satisfies x > 2", True),
    ("48 every", "every x in [1, 2, 3] satisfies x > 0", True),
    ("48 two contexts", "some x in [1, 2], y in [2, 3] satisfies x = y", True),
    # rules 49-50: three-valued or/and
    ("49 or with null", "null or true", True),
    ("50 and with null", "null and false", False),
    ("50 and null", "true and null", None),
    # rule 52: filters: a boolean, a number (1-based, negative from the end)
    ("52 filter", "[1, 2, 3][item > 1]", [D(2), D(3)]),
    ("52 index", "[1, 2, 3][2]", D(2)),
    ("52 negative index", "[1, 2, 3][-1]", D(3)),
    ("52 index out of range", "[1, 2, 3][4]", None),
    ("52 filter on context keys", "[{a: 1}, {a: 2}][a > 1].a", [D(2)]),
    # rule 53-54: instance of with every kind of type
    ("54 qualified name", "1 instance of number", True),
    ("54 list type", "[1, 2] instance of list<number>", True),
    ("54 list type, wrong items", "[1, \"a\"] instance of list<number>", False),
    ("54 context type", "{a: 1} instance of context<a: number>", True),
    ("54 range type", "[1..2] instance of range<number>", True),
    ("54 function type", "(function(x) x) instance of function<Any> -> Any", True),
    ("54 Any", "\"a\" instance of Any", True),
    # rules 56-61: lists, function definitions, contexts and their keys
    ("56 empty list", "[]", []),
    ("57 function definition", "(function(a, b) a + b)(1, 2)", D(3)),
    ("58 typed parameter", "(function(a: number) a * 2)(4)", D(8)),
    ("59 context, later entries see earlier ones", "{a: 1, b: a + 1}.b", D(2)),
    ("61 string key", '{"a b": 1, "c": 2}.c', D(2)),
    ("61 key given twice", "{a: 1, a: 2}", None),
    # rule 67: at literal
    ("67 at date", '@"2020-01-02"', dt.date(2020, 1, 2)),
    ("67 at invalid", '@"not a date"', None),
    # comments (§10.3.1.1: // to the end of the line, /* */)
    ("comment line", "1 + // one\n 2", D(3)),
    ("comment block", "1 /* one */ + 2", D(3)),
]


@pytest.mark.parametrize(("rule", "text", "expected"), CHECKLIST, ids=[f"{r}: {t}" for r, t, _ in CHECKLIST])
def test_grammar_rule(rule, text, expected):
    assert evaluate(text) == expected


UNARY_TESTS = [
    # rule 14/17: "-", not(...), comma-separated positive unary tests
    ("17 dash", "-", D(5), True),
    ("17 not", "not(1, 2)", D(3), True),
    ("17 not matched", "not(1, 2)", D(2), False),
    ("7 comparison", "< 10", D(5), True),
    ("7 = e (DMN 1.4+)", "= 10", D(10), True),
    ("7 != e (DMN 1.4+)", "!= 10", D(10), False),
    ("8 interval", "[1..10]", D(10), True),
    ("15 expression with ?", "? > 5", D(6), True),
    ("15 ? in a call", "string length(?) = 3", "abc", True),
    ("15 a list", "[1, 2]", D(2), True),
    ("15 a range value", "(< 10)", D(5), True),
    ("15 (!= e) tests ? != e", "(!= 10)", D(5), True),
    ("15 (!= e) tests ? != e", "(!= 10)", D(10), False),
    ("15 null matches null", "null", None, True),
    ("16 several", "< 0, > 10", D(11), True),
]


@pytest.mark.parametrize(("rule", "text", "value", "expected"), UNARY_TESTS,
                         ids=[f"{r}: {t}" for r, t, _, _ in UNARY_TESTS])
def test_unary_test_rule(rule, text, value, expected):
    assert compile_unary_tests(text)(value, {}) is expected


@pytest.mark.parametrize("text", ["function", "function(", "1 +", "(1", "[1, 2", "{a 1}", "if true then 1",
                                  "for x in [1]", "some x in [1]", "1 instance", "1 instance of", '"abc',
                                  "/* open", "1e99999", "x[", "1..", "@1", "!=", "{a: 1,,}", "f(a: 1, 2)"])
def test_what_the_grammar_refuses_is_a_syntax_error_with_a_position(text):
    with pytest.raises(FeelSyntaxError) as caught:
        evaluate(text)
    assert 0 <= caught.value.position <= len(text)
    assert "^" in str(caught.value)
