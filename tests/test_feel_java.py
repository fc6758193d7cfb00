"""External Java functions (DMN 1.5 §10.3.2.13.2): the allow-list and Java's own semantics.

Each expected value is what the Java SE 17 API documentation says the method returns, converted to FEEL
as DMN 1.5 Table 59 maps Java values (a double as its shortest decimal form, as BigDecimal.valueOf(double)).
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from service.dmn.errors import EvaluationError
from service.dmn.feel import evaluate
from service.dmn.feel.java import known_methods
from service.dmn.feel.java_methods import double_to_string


def java(cls: str, signature: str, *args: str) -> str:
    params = ", ".join(f"p{i}" for i in range(len(args)))
    return (f'{{f: function({params}) external {{java: {{class: "{cls}", method signature: "{signature}"}}}}, '
            f'r: f({", ".join(args)})}}.r')


@pytest.mark.parametrize("cls, signature, args, expected", [
    ("java.lang.Math", "max(double, double)", ["123", "456"], D("456.0")),
    ("java.lang.Math", "max(int,int)", ["123", "456"], D(456)),
    ("java.lang.Math", "max(long,long)", ["-5", "-7"], D(-5)),
    ("java.lang.Math", "max(float,float)", ["123.46", "456.78"], D("456.78")),  # float's shortest form
    ("java.lang.Math", "min(double,double)", ["1.5", "-2"], D("-2.0")),
    ("java.lang.Math", "floor(double)", ["-1.5"], D("-2.0")),
    ("java.lang.Math", "ceil(double)", ["1.2"], D("2.0")),
    ("java.lang.Math", "round(double)", ["2.5"], D(3)),   # ties toward positive infinity
    ("java.lang.Math", "round(double)", ["-2.5"], D(-2)),
    ("java.lang.Math", "rint(double)", ["2.5"], D("2.0")),  # ties to even
    ("java.lang.Math", "abs(int)", ["-2147483648"], D(-2147483648)),  # Integer.MIN_VALUE stays negative
    ("java.lang.Math", "sqrt(double)", ["-1"], None),  # NaN: no FEEL number
    ("java.lang.Math", "pow(double,double)", ["2", "10"], D("1024.0")),
    ("java.lang.Math", "cbrt(double)", ["27"], D("3.0")),
    ("java.lang.Math", "floorMod(int,int)", ["-7", "3"], D(2)),
    ("java.lang.Math", "floorDiv(int,int)", ["-7", "2"], D(-4)),
    ("java.lang.Integer", "valueOf(java.lang.String)", ['"123"'], D(123)),
    ("java.lang.Integer", "parseInt(java.lang.String)", ['"-0042"'], D(-42)),
    ("java.lang.Long", "valueOf(long)", ["9007199254740993"], D(9007199254740993)),
    ("java.lang.Short", "valueOf(short)", ["123"], D(123)),
    ("java.lang.Byte", "valueOf(byte)", ["3"], D(3)),
    ("java.lang.Double", "valueOf(java.lang.String)", ['" 1234.56d "'], D("1234.56")),
    ("java.lang.Float", "valueOf(java.lang.String)", ['"1234.56"'], D("1234.56")),
    ("java.lang.Boolean", "parseBoolean(java.lang.String)", ['"TRUE"'], True),
    ("java.lang.Boolean", "valueOf(java.lang.String)", ['"yes"'], False),
    ("java.lang.Character", "isDigit(char)", ['"7"'], True),
    ("java.lang.Character", "toUpperCase(char)", ['"a"'], "A"),
    ("java.lang.String", "valueOf(char)", ['"a"'], "a"),
    ("java.lang.String", "valueOf(int)", ["12"], "12"),
    ("java.lang.String", "valueOf(double)", ["12"], "12.0"),
    ("java.lang.String", "valueOf(double)", ["12345678"], "1.2345678E7"),
    ("java.lang.String", "format(java.lang.String, [Ljava.lang.Object;)", ['"foo %s"', '"bar"'], "foo bar"),
    ("java.lang.String", "format(java.lang.String, [Ljava.lang.Object;)", ['"%05d|%-3s|%.2f"', "42", '"a"', "3.14159"],
     "00042|a  |3.14"),
    ("Math", "abs(double)", ["-2.5"], D("2.5")),  # a class of java.lang may be named without its package
])
def test_allowed_methods(cls, signature, args, expected):
    got = evaluate(java(cls, signature, *args))
    if expected is None or isinstance(expected, bool):
        assert got is expected
    else:
        assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize("cls, signature, args, fault", [
    ("java.lang.Math", "foo(double)", ["1"], "not available"),                     # no such method
    ("java.lang.Foo", "valueOf(double)", ["1"], "not available"),                  # no such class
    ("java.lang.Math", "max(java.lang.String, java.lang.String)", ['"1"', '"2"'], "not available"),
    ("java.lang.System", "exit(int)", ["0"], "not available"),                     # never: not on the list
    ("java.lang.String", "valueOf(char)", ['"abc"'], "one character"),
    ("java.lang.Integer", "valueOf(java.lang.String)", ['"12x"'], "for input string"),
    ("java.lang.Integer", "valueOf(java.lang.String)", ['"2147483648"'], "out of range"),
    ("java.lang.Integer", "valueOf(int)", ['"12"'], "not a number"),
    ("java.lang.Math", "addExact(int,int)", ["2147483647", "1"], "overflow"),
    ("java.lang.Math", "max(double,double)", ["1"], "argument"),
])
def test_refused_calls_are_evaluation_errors(cls, signature, args, fault):
    with pytest.raises(EvaluationError, match=fault):
        evaluate(java(cls, signature, *args))


def test_external_function_without_a_java_mapping_is_an_error():
    with pytest.raises(EvaluationError, match="PMML"):
        evaluate('{f: function(x) external {pmml: {document: "d", model: "m"}}, r: f(1)}.r')


def test_the_list_holds_only_java_lang_classes():
    assert all(m.startswith("java.lang.") for m in known_methods())
    assert "java.lang.Math.cos(double)" in known_methods()


@pytest.mark.parametrize("x, text", [(1.0, "1.0"), (0.001, "0.001"), (1e7, "1.0E7"), (1.5e-5, "1.5E-5"),
                                     (-0.0, "-0.0"), (123456.789, "123456.789"), (99999999.0, "9.9999999E7"),
                                     (1e21, "1.0E21")])
def test_double_to_string(x, text):
    # Double.toString: plain from 10^-3 up to 10^7, else computerized scientific notation
    assert double_to_string(x) == text
