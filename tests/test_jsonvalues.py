import datetime as dt
from decimal import Decimal

import pytest

from service.dmn.feel.values import DayTimeDuration, YearMonthDuration
from service.jsonvalues import JsonSyntaxError, dumps, from_json, loads, to_json


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
