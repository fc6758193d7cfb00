import copy
import datetime as dt
import pickle
from decimal import Context, Decimal, localcontext

import pytest

from service.dmn.feel.values import DayTimeDuration, YearMonthDuration
from service.jsonvalues import JsonSyntaxError, dumps, dumps_bytes, from_json, loads, shared, to_json


def test_numbers_parse_to_decimal_from_their_text():
    value = loads('{"wage": 170.69, "days": 26, "tiny": 0.1, "big": 12345678901234567890.123456789}')
    assert value == {
        "wage": Decimal("170.69"),
        "days": Decimal("26"),
        "tiny": Decimal("0.1"),
        "big": Decimal("12345678901234567890.123456789"),
    }
    assert all(type(v) is Decimal for v in value.values())


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": Infinity}', '{"a": -Infinity}'])
def test_non_numbers_are_refused(text):
    with pytest.raises(JsonSyntaxError):
        loads(text)


def test_syntax_errors_say_where():
    with pytest.raises(JsonSyntaxError, match="line 2 column 7"):
        loads('{"a": 1,\n "b": }')


def test_invalid_utf8_is_a_syntax_error():
    with pytest.raises(JsonSyntaxError, match="UTF-8"):
        loads(b'{"a": "\xff"}')


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("110.95"), "110.95"),
        (Decimal("0.60"), "0.60"),  # trailing zeros kept: exactly the Decimal's digits
        (Decimal("1E+2"), "100"),
        (Decimal("-0.5"), "-0.5"),
        (Decimal("0.1") + Decimal("0.2"), "0.3"),  # no binary float on the way
        (Decimal("NaN"), "null"),
    ],
)
def test_decimals_are_written_exactly(value, text):
    assert dumps(value) == text


def test_temporal_values_are_iso_strings():
    assert to_json(dt.date(2026, 1, 15)) == "2026-01-15"
    assert to_json(dt.datetime(2026, 1, 15, 10, 30)) == "2026-01-15T10:30:00"
    assert to_json(dt.time(9, 5, 0)) == "09:05:00"
    assert to_json(YearMonthDuration(14)) == "P1Y2M"
    assert to_json(DayTimeDuration(Decimal(90061))) == "P1DT1H1M1S"


def test_containers_round_trip():
    value = {"list": [Decimal("1.5"), "x", None, True], "ctx": {"d": dt.date(2022, 1, 1)}}
    assert loads(dumps(value)) == {"list": [Decimal("1.5"), "x", None, True], "ctx": {"d": "2022-01-01"}}


def test_indent_is_valid_json():
    assert loads(dumps({"a": [1, {"b": Decimal("2.50")}], "c": {}}, indent=2)) == {
        "a": [Decimal(1), {"b": Decimal("2.50")}],
        "c": {},
    }


def test_from_json_parses_typed_strings():
    assert from_json("2026-02-15", "date") == dt.date(2026, 2, 15)
    assert from_json("P2M", "years and months duration") == YearMonthDuration(2)
    assert from_json("PT1H", "days and time duration") == DayTimeDuration(Decimal(3600))
    assert from_json("2026-02-15") == "2026-02-15"  # untyped: stays a string
    with pytest.raises(ValueError):
        from_json("2026-02-30", "date")
    with pytest.raises(ValueError):
        from_json("PT1H", "years and months duration")


def test_nesting_is_bounded():
    assert loads("[" * 64 + "]" * 64) is not None
    with pytest.raises(JsonSyntaxError, match="nested more than 64 deep"):
        loads("[" * 65 + "]" * 65)
    with pytest.raises(JsonSyntaxError, match="nested more than 64 deep"):
        loads('{"a":' * 100000 + "1" + "}" * 100000)  # deeper than Python's recursion limit
    # brackets inside strings count for nothing
    assert loads('{"a": "' + "[{" * 100 + '", "b": [[1]]}') == {"a": "[{" * 100, "b": [[Decimal(1)]]}
    with pytest.raises(JsonSyntaxError, match="nested more than 64 deep"):
        loads('{"a": "' + "[{" * 100 + '", "b": ' + "[" * 65 + "]" * 65 + "}")


def _reference_number_text(value: Decimal) -> str:
    """How a Decimal was written before the writer took ``str`` as its shortcut: plain digits for exponents
    from -40 to 40, ``str`` beyond; NaN and the infinities as null."""
    if not value.is_finite():
        return "null"
    exponent = value.as_tuple().exponent
    return format(value, "f") if -40 <= exponent <= 40 else str(value)


_EDGE_DECIMALS = [
    Decimal(text)
    for text in (
        "0", "-0", "0.00", "-0.00", "0E+2", "-0E+2", "0E-7", "0E-45", "0E+45", "1E+2", "-1E+2", "1.5E+3", "1E+40",
        "1E+41", "-1.5E+100", "1E-6", "1E-7", "-1E-7", "1.23E-10", "1E-40", "1E-41", "123456789012345678901234567890",
        "123456789012345678901234567890.123456789", "0.000001", "0.0000001", "-0.0000001", "116.15", "0.60",
        "-2787.46", "26", "1.000", "9.999999999999999999999999999E+28", "NaN", "-NaN", "sNaN", "NaN123",
        "Infinity", "-Infinity",
    )
] + [Decimal((sign, digits, exponent)) for sign in (0, 1) for digits in ((0,), (7,), (1, 2, 3), (1, 0, 0))
     for exponent in range(-48, 49, 3)]


@pytest.mark.parametrize("value", _EDGE_DECIMALS, ids=str)
def test_every_decimal_is_written_as_before(value):
    expected = _reference_number_text(value)
    assert dumps(value) == expected
    assert dumps([value, {"k": value}]) == f'[{expected},{{"k":{expected}}}]'
    assert dumps({"k": value}, indent=2) == f'{{\n  "k": {expected}\n}}'
    with localcontext(Context(capitals=0)):
        assert dumps(value) == _reference_number_text(value)


def test_decimals_are_written_the_same_in_any_context():
    with localcontext(Context(capitals=0)):  # str() writes 1e+2 there
        assert dumps([Decimal("1E+2"), Decimal("1.5E-7"), Decimal("2.50")]) == "[100,0.00000015,2.50]"


def test_strings_that_look_like_numbers_stay_strings():
    value = {"a": "1.5", "b": "\x00", "c": "\\u0000", "d": Decimal("2.5"), "e": ["x\x00y", Decimal("-1E+3")]}
    assert dumps(value) == '{"a":"1.5","b":"\\u0000","c":"\\\\u0000","d":2.5,"e":["x\\u0000y",-1000]}'


@pytest.mark.parametrize("value", _EDGE_DECIMALS, ids=str)
def test_bytes_writer_writes_every_decimal_as_before(value):
    from service.jsonvalues import dumps_bytes

    expected = _reference_number_text(value)
    assert dumps_bytes([value, {"k": value}]) == f'[{expected},{{"k":{expected}}}]'.encode()


def test_bytes_writer_writes_feel_values_and_the_values_it_cannot_write_itself():
    from service.jsonvalues import dumps_bytes

    value = {"d": dt.date(2026, 1, 15), "t": dt.datetime(2026, 1, 15, 10, 30), "p": YearMonthDuration(14),
             "l": (Decimal("1.50"), "é ≥")}
    assert dumps_bytes(value) == '{"d":"2026-01-15","t":"2026-01-15T10:30:00","p":"P1Y2M","l":[1.50,"é ≥"]}'.encode()
    assert dumps_bytes({"k": "\udfff é"}) == b'{"k":"\\udfff \\u00e9"}'  # a lone surrogate: every non-ASCII escaped
    assert dumps_bytes([2**70]) == b"[1180591620717411303424]"  # past 64 bits
    assert dumps_bytes({1: "a"}) == b'{"1":"a"}'  # a key that is not a string


def test_a_value_shared_by_a_document_is_written_where_it_appears_each_time():
    wages = [Decimal("0.60"), Decimal("1E+3"), dt.date(2026, 1, 2)]
    household = {"children": Decimal("2"), "alone": False}
    seen = {}
    document = {"a": shared(wages, seen), "b": {"x": shared(wages, seen), "h": shared(household, seen)},
                "c": [shared(household, seen), shared([], seen), shared("text", seen)]}
    assert document["a"] is document["b"]["x"]  # one stand-in per value
    assert document == {"a": wages, "b": {"x": wages, "h": household}, "c": [household, [], "text"]}
    expected = ('{"a":[0.60,1000,"2026-01-02"],"b":{"x":[0.60,1000,"2026-01-02"],"h":{"children":2,"alone":false}},'
                '"c":[{"children":2,"alone":false},[],"text"]}')
    assert dumps(document) == expected
    assert dumps_bytes(document) == expected.encode()
    assert to_json(document) == {"a": [Decimal("0.60"), Decimal("1000"), "2026-01-02"],
                                 "b": {"x": [Decimal("0.60"), Decimal("1000"), "2026-01-02"],
                                       "h": {"children": Decimal("2"), "alone": False}},
                                 "c": [{"children": Decimal("2"), "alone": False}, [], "text"]}


def test_a_shared_value_orjson_cannot_write_is_written_by_the_standard_library():
    seen = {}
    names = ["caf\u00e9", "\udfff"]  # a lone surrogate: escaped, with every other non-ASCII character
    document = {"a": shared(names, seen), "b": shared(names, seen), "n": Decimal("0.10")}
    assert dumps(document) == '{"a":["caf\\u00e9","\\udfff"],"b":["caf\\u00e9","\\udfff"],"n":0.10}'
    assert dumps_bytes(document) == b'{"a":["caf\\u00e9","\\udfff"],"b":["caf\\u00e9","\\udfff"],"n":0.10}'
    assert dumps(document, indent=1) == ('{\n "a": [\n  "caf\\u00e9",\n  "\\udfff"\n ],\n "b": [\n  "caf\\u00e9",\n'
                                         '  "\\udfff"\n ],\n "n": 0.10\n}')


def test_a_shared_value_is_pickled_and_copied_as_the_plain_value_it_stands_for():
    seen = {}
    wages = [Decimal("0.60"), {"day": dt.date(2026, 1, 2)}]
    document = {"a": shared(wages, seen), "b": shared({"w": wages}, seen)}
    assert dumps(document) == '{"a":[0.60,{"day":"2026-01-02"}],"b":{"w":[0.60,{"day":"2026-01-02"}]}}'
    for copied in (pickle.loads(pickle.dumps(document)), copy.deepcopy(document), copy.copy(document["a"])):
        assert copied == {"a": wages, "b": {"w": wages}} or copied == wages
    assert type(pickle.loads(pickle.dumps(document["a"]))) is list
    assert type(copy.deepcopy(document["b"])) is dict
