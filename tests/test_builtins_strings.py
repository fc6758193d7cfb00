"""String built-ins; expected values from the DMN TCK (compliance level 3) and the DMN 1.5 spec."""

from decimal import Decimal as D

import pytest

from service.dmn.feel.builtins import BUILTINS


def call(name, *args):
    return BUILTINS[name].call(list(args))


def named(name, **kwargs):
    return BUILTINS[name].call_named({key.replace("_", " "): value for key, value in kwargs.items()})


# 0002-string-functions: A = "banana", B = "a", NumC = 2
@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("starts with", ("banana", "x"), False),
        ("starts with", ("banana", "a"), False),
        ("ends with", ("banana", "x"), False),
        ("ends with", ("banana", "a"), True),
        ("contains", ("banana", "x"), False),
        ("contains", ("banana", "a"), True),
        ("substring", ("banana", D(2), D(1)), "a"),
        ("string length", ("banana",), D(6)),
        ("upper case", ("banana",), "BANANA"),
        ("lower case", ("a",), "a"),
        ("substring before", ("banana", "a"), "b"),
        ("substring after", ("banana", "a"), "nana"),
        ("matches", ("banana", "[a-z]{3}"), True),
        ("replace", ("banana", "a", "o"), "bonono"),
        ("replace", ("banana", "(an)+", "**"), "b**a"),
        ("replace", ("banana", "[aeiouy]", "[$0]"), "b[a]n[a]n[a]"),
    ],
)
def test_string_functions_0002(name, args, expected):
    assert call(name, *args) == expected


# DMN 1.5 spec examples (10.3.4.3)
@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("substring", ("foobar", D(3)), "obar"),
        ("substring", ("foobar", D(-2), D(1)), "a"),
        ("string length", ("foo",), D(3)),
        ("upper case", ("aBc4",), "ABC4"),
        ("lower case", ("aBc4",), "abc4"),
        ("substring before", ("foobar", "bar"), "foo"),
        ("substring before", ("foobar", "xyz"), ""),
        ("substring after", ("foobar", "ob"), "ar"),
        ("substring after", ("", "a"), ""),
        ("replace", ("abcd", "(ab)|(a)", "[1=$1][2=$2]"), "[1=ab][2=]cd"),
        ("contains", ("foobar", "of"), False),
        ("starts with", ("foobar", "fo"), True),
        ("ends with", ("foobar", "r"), True),
        ("matches", ("foobar", "^fo*b"), True),
        ("split", ("John Doe", "\\s"), ["John", "Doe"]),
        ("split", ("a;b;c;;", ";"), ["a", "b", "c", "", ""]),
        ("string join", (["a", "b", "c"], "_and_"), "a_and_b_and_c"),
        ("string join", (["a", "b", "c"], ""), "abc"),
        ("string join", (["a", "b", "c"], None), "abc"),
        ("string join", (["a"], "X"), "a"),
        ("string join", (["a", None, "c"], "X"), "aXc"),
        ("string join", ([], "X"), ""),
        ("string join", (["a", "b", "c"],), "abc"),
    ],
)
def test_spec_examples(name, args, expected):
    assert call(name, *args) == expected


def test_substring_outside_the_string():
    # XPath fn:substring semantics: positions before the first character select nothing
    assert call("substring", "abc", D(-5), D(3)) == "a"
    assert call("substring", "abc", D(-5)) == "abc"
    assert call("substring", "abc", D(5)) == ""
    assert call("substring", "abc", D(0)) is None


def test_substring_named():
    assert named("substring", string="abc", start_position=D(2)) == "bc"
    assert named("substring", string="abcdef", start_position=D(2), length=D(3)) == "bcd"


# 0083-feel-unicode: positions and lengths count code points
def test_unicode_code_points():
    horse_smile = "\U0001f40e\U0001f600"
    assert call("string length", "\t") == D(1)
    assert call("string length", "\U0001f40e") == D(1)
    assert call("string length", "\\u0009") == D(6)
    assert call("string length", "\U0001f4a9") == D(1)
    assert call("string length", horse_smile) == D(2)
    assert call("contains", horse_smile, "\U0001f600") is True
    assert call("ends with", horse_smile, "\U0001f600") is True
    assert call("substring", "\U0001f40efoo", D(2)) == "foo"


# 1104 string length, 1105 upper case, 1106 lower case
@pytest.mark.parametrize(("text", "length"), [("", 0), ("a", 1), ("abc", 3)])
def test_string_length(text, length):
    assert call("string length", text) == D(length)


@pytest.mark.parametrize(("text", "length"), [("xyz123", 6), ("aaaaa dddd", 10), ("aaaaa dddd ", 11)])
def test_string_length_named(text, length):
    assert named("string length", string=text) == D(length)


@pytest.mark.parametrize(
    ("text", "upper", "lower"),
    [
        ("a", "A", "a"),
        ("abc", "ABC", "abc"),
        ("", "", ""),
        ("1", "1", "1"),
        ("?@{", "?@{", "?@{"),
        ("ABC", "ABC", "abc"),
        ("aBc4", "ABC4", "abc4"),
    ],
)
def test_upper_and_lower_case(text, upper, lower):
    assert call("upper case", text) == upper
    assert call("lower case", text) == lower


@pytest.mark.parametrize(
    ("text", "upper", "lower"),
    [("AbDcF", "ABDCF", "abdcf"), ("xyZ ", "XYZ ", "xyz "), ("123ABC", "123ABC", "123abc")],
)
def test_upper_and_lower_case_named(text, upper, lower):
    assert named("upper case", string=text) == upper
    assert named("lower case", string=text) == lower


# 1107 substring before, 1108 substring after
@pytest.mark.parametrize(
    ("string", "match", "expected"),
    [
        ("foobar", "bar", "foo"),
        ("foobar", "o", "f"),
        ("foobar", "x", ""),
        ("", "", ""),
        ("abc", "", ""),
        ("abc", "a", ""),
        ("abc", "c", "ab"),
    ],
)
def test_substring_before(string, match, expected):
    assert call("substring before", string, match) == expected


def test_substring_before_named():
    assert named("substring before", string="foobar", match="bar") == "foo"
    assert named("substring before", string="foobar", match="b") == "foo"


@pytest.mark.parametrize(
    ("string", "match", "expected"),
    [
        ("foobar", "ob", "ar"),
        ("foobar", "o", "obar"),
        ("foobar", "x", ""),
        ("", "", ""),
        ("", "a", ""),
        ("abc", "", "abc"),
        ("abc", "c", ""),
        ("abc", "a", "bc"),
    ],
)
def test_substring_after(string, match, expected):
    assert call("substring after", string, match) == expected


def test_substring_after_named():
    assert named("substring after", string="foobar", match="ob") == "ar"
    assert named("substring after", string="foobar", match="b") == "ar"


# 1110-feel-contains-function
@pytest.mark.parametrize(
    ("string", "match", "expected"),
    [
        (None, None, None),
        (None, "bar", None),
        ("bar", None, None),
        ("foobar", "bar", True),
        ("foobar", "o", True),
        ("abc", "", True),
        ("", "ab", False),
        ("", "", True),
    ],
)
def test_contains(string, match, expected):
    assert call("contains", string, match) is expected


def test_contains_named():
    assert named("contains", string="foobar", match="bar") is True
    assert named("contains", string="foobar", match="b") is True


# 1111-feel-matches-function (XPath regular expressions)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((None, "pattern"), None),
        (("input", None), None),
        (("abracadabra", "bra", None), True),
        (("This is a characte", "This is a characte"), True),
        (("abracadabra", "bra", "p"), None),
        (("\nabcd\ndefg\n", "^$", "m"), True),
        (("abcd\n\ndefg\n ", "^$", "m"), True),
        (("Mary\rJones", "Mary.Jones"), False),
        (("abc", "ABC", "i"), True),
        (("abZ", "[A-Z]*", "i"), True),
        (("abZ", "[a-z]*", "i"), True),
        (("\u212a", "k", "i"), True),
        (("x", "[A-Z-[OI]]", "i"), True),
        (("X", "[A-Z-[OI]]", "i"), True),
        (("O", "[A-Z-[OI]]", "i"), False),
        (("i", "[A-Z-[OI]]", "i"), False),
        (("Q", "[^Q]", "i"), False),
        (("q", "[^Q]", "i"), False),
        (("input", []), None),
        (("input",), None),
        (("input", "pattern", []), None),
        (("input", "pattern", "", []), None),
        (("input", "pattern", " "), None),
        (("input", "pattern", "X"), None),
        (("hello world", "hello\\ sworld", "x"), True),
        (("hello world", " hello[ ]world", "x"), True),
        (("hello world", "hello[ ]world ", "x"), True),
        (("hello world", "he ll o[ ]worl d", "x"), True),
        (("hello world", "\\p{ IsBasicLatin}+", "x"), True),
        (("hello world", "\\p{ I s B a s i c L a t i n }+", "x"), True),
        (("hello world", "\\p{ IsBasicLatin}+"), None),
        (("h", "(.)\\3"), None),
        (("h", "(.)\\2"), None),
        (("input", "\\3"), None),
        (("abcd", "(asd)[\\1]"), None),
        (("abcd", "(asd)[asd\\1]"), None),
        (("abcd", "(asd)[asd\\0]"), None),
        (("abcd", "1[asd\\0]"), None),
        (("a", "a[^b]"), False),
        (("a ", "a[^b]"), True),
        (("aA", "(a)\\1", "i"), True),
    ],
)
def test_matches(args, expected):
    assert call("matches", *args) is expected


def test_matches_more_xpath():
    assert call("matches", "abc", "^abc$") is True
    assert call("matches", "abc\n", "^abc$") is False  # $ is the end of the input without m
    assert call("matches", "a\nb", "a.b", "s") is True
    assert call("matches", "a.b", "a.b", "q") is True
    assert call("matches", "axb", "a.b", "q") is False
    assert call("matches", "\u00e9t\u00e9", "^\\p{L}+$") is True
    assert named("matches", input="foobar", pattern="^fo*b") is True


# replace: XPath replacement syntax
def test_replace_xpath_rules():
    assert call("replace", "abracadabra", "bra", "*") == "a*cada*"
    assert call("replace", "abracadabra", "a.*a", "*") == "*"
    assert call("replace", "abracadabra", "a.*?a", "*") == "*c*bra"
    assert call("replace", "abracadabra", "a", "") == "brcdbr"
    assert call("replace", "abracadabra", "a(.)", "a$1$1") == "abbraccaddabbra"
    assert call("replace", "darted", "^(.*?)d(.*)$", "$1c$2") == "carted"
    assert call("replace", "AAAA", "A+", "b") == "b"
    assert call("replace", "AAAA", "A+?", "b") == "bbbb"
    assert call("replace", "a$b", "\\$", "\\$\\$") == "a$$b"
    assert call("replace", "abc", "B", "x", "i") == "axc"
    assert call("replace", "a.b.c", ".", "$1", "q") == "a$1b$1c"  # q: pattern and replacement are literal
    assert named("replace", input="abc", pattern="b", replacement="x", flags="i") == "axc"


@pytest.mark.parametrize(
    "args",
    [
        ("abracadabra", ".*?", "*"),  # the pattern matches the empty string
        ("abc", "b", "$"),  # a lone $ in the replacement
        ("abc", "b", "\\x"),  # a backslash that escapes nothing
        ("abc", "(", "x"),
        (None, "b", "x"),
        ("abc", "b", None),
    ],
)
def test_replace_invalid(args):
    assert call("replace", *args) is None


# 0067-feel-split-function
def test_split():
    assert call("split", "John Doe", "\\s") == ["John", "Doe"]
    assert call("split", "a;b;c;;", ";") == ["a", "b", "c", "", ""]
    assert named("split", delimiter=",", string="foo,bar") == ["foo", "bar"]
    assert named("split", delimiter=",", str="foo,bar") is None
    for args in [(), ("foo",), (None, None), ("foo", None), (None, ",")]:
        assert call("split", *args) is None


# 1140-feel-string-join-function
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((["a", "b", "c"],), "abc"),
        ((["a", "b", "c"], " and "), "a and b and c"),
        ((["a", "b", "c"], ""), "abc"),
        ((["a", "b", "c"], None), "abc"),
        ((["a"],), "a"),
        ((["a"], "X"), "a"),
        ((["a", None, "c"],), "ac"),
        ((["a", None, "c"], "X"), "aXc"),
        (([],), ""),
        (([], "X"), ""),
        ((), None),
        ((["a", "c"], "X", "foo"), None),
        ((None,), None),
        ((None, "X"), None),
        (([D(1), D(2), D(3)], "X"), None),
        ((D(123), "X"), None),
        (("a", "X"), "a"),
    ],
)
def test_string_join(args, expected):
    assert call("string join", *args) == expected


def test_string_join_named():
    assert named("string join", list=["a", "c"]) == "ac"
    assert named("string join", delimiter="X", list=["a", "c"]) == "aXc"
    assert named("string join", list=["a", "c"], delimitr="X") is None
    assert named("string join", lst=["a", "c"], delimiter="X") is None
    assert named("string join", list="a", delimiter="X") == "a"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("substring", ("abc",)),
        ("substring", (None, D(1))),
        ("substring", ("abc", "1")),
        ("substring", ("abc", D(1), D(1), D(1))),
        ("string length", (D(1),)),
        ("upper case", (None,)),
        ("lower case", (True,)),
        ("starts with", ("abc", None)),
        ("ends with", (D(1), "1")),
    ],
)
def test_invalid_arguments_give_null(name, args):
    assert call(name, *args) is None


# 0021-singleton-list: a list of one item stands for the item where a string is expected
def test_singleton_list_arguments():
    assert call("upper case", ["Bob"]) == "BOB"
    assert call("string length", ["abc"]) == D(3)
    assert call("contains", ["foobar"], ["oba"]) is True
    assert call("upper case", ["a", "b"]) is None
    assert call("upper case", []) is None


# XML Schema regular expression details (XML Schema Part 2, appendix F; XPath 3.1 fn:matches)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("a_b", "^\\w+$"), False),  # \w excludes punctuation, and "_" is punctuation (Pc)
        (("ab1", "^\\w+$"), True),
        (("a b", "\\W"), True),
        (("5", "[\\d]"), True),
        (("x", "[\\d]"), False),
        (("\u00e9", "^\\i$"), True),  # \i: initial name characters
        (("-", "^[a-z-]$"), True),  # a trailing - in a class is literal
        ((" ", "^[\\s]$"), True),
        (("\u00a0", "\\s"), False),  # \s is space, tab, CR and LF only
        (("X", "\\p{Lu}"), True),
        (("x", "\\p{Lu}"), False),
        (("x", "\\P{Lu}"), True),
        (("x", "[\\p{Lu}]"), False),
        ((".", "[.]"), True),
        (("[", "\\["), True),
        (("aa", "^a{2}$"), True),
        (("ab", "a|b"), True),
        (("a", "(?:a)"), True),
        (("{", "a{"), None),  # a { that starts no quantifier
        (("a", "(?i)a"), None),  # no inline flags in XPath
        (("a", "\\b"), None),  # no \b in XPath
        (("a", "[a"), None),
        (("a", "a)"), None),
        (("a", "[z-a]"), None),
    ],
)
def test_matches_xml_schema_syntax(args, expected):
    assert call("matches", *args) is expected
