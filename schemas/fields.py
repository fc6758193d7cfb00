"""Marshmallow fields that load JSON into FEEL values strictly.

Numbers load as ``Decimal`` (a JSON number or a numeric string), whole numbers too (FEEL has one number type);
booleans only from JSON ``true``/``false``; temporal types from ISO 8601 strings.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from marshmallow import fields, validate

from service.jsonvalues import FEEL_TYPES, from_json, to_json

__all__ = ["DATE_PATTERN", "DATE_YEARS", "NUMERIC_PATTERN", "NUMERIC_TEXT", "BuiltList", "IsoDate", "check_numbers",
           "out_of_range", "string_pattern", "FeelAny", "FeelNumber", "FeelTemporal", "StrictBoolean", "WholeNumber"]


class StrictBoolean(fields.Boolean):
    """JSON ``true`` or ``false`` only (no ``1``, ``"yes"``, ``"on"``)."""

    default_error_messages = {"invalid": "Not a boolean: use true or false."}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            return value
        raise self.make_error("invalid")


#: a numeric string: a decimal number's text, ASCII digits only (no ``1_000``, no other script's digits, no spaces,
#: no exponent), at most 34 digits before the point (decimal128's precision)
NUMERIC_TEXT = re.compile(r"-?(?:0|[1-9][0-9]{0,33})(?:\.[0-9]+)?")
#: the pattern the OpenAPI document gives numeric strings
NUMERIC_PATTERN = "^" + NUMERIC_TEXT.pattern + "$"
#: the same, for a field whose values are at least 0 (so no sign), and from 0 to 100
_NOT_NEGATIVE_PATTERN = r"^(?:0|[1-9][0-9]{0,33})(?:\.[0-9]+)?$"
_PERCENT_PATTERN = r"^(?:100(?:\.0+)?|[1-9]?[0-9](?:\.[0-9]+)?)$"
_WHOLE_PATTERN = r"^-?(?:0|[1-9][0-9]{0,33})$"
_WHOLE_NOT_NEGATIVE_PATTERN = r"^(?:0|[1-9][0-9]{0,33})$"
#: decimal128 (IEEE 754-2008), the numbers FEEL computes with: 34 digits, exponents -6143 to 6144
_DECIMAL128_EMAX = 6144
_DECIMAL128_ETINY = -6176


def _ranges(field: fields.Field) -> list[tuple]:
    """``(min, max, min_inclusive, max_inclusive)`` of the field's ``Range`` validators; None when it has
    another validator that constrains numbers (``OneOf``, ...)."""
    found = []
    for validator in field.validators:
        if isinstance(validator, validate.Range):
            found.append((validator.min, validator.max, validator.min_inclusive, validator.max_inclusive))
        else:
            return None
    return found


def string_pattern(field: fields.Field, whole: bool = False) -> str | None:
    """The pattern of the numeric strings ``field`` takes: the text of a number, without a sign where the
    field's values are at least 0, and 0 to 100 for a percentage; None when the field takes JSON numbers
    only (a range the pattern cannot state)."""
    ranges = _ranges(field)
    if ranges is None:
        return None
    if not ranges:
        return _WHOLE_PATTERN if whole else NUMERIC_PATTERN
    if ranges == [(0, None, True, True)]:
        return _WHOLE_NOT_NEGATIVE_PATTERN if whole else _NOT_NEGATIVE_PATTERN
    if ranges == [(0, 100, True, True)] and not whole:
        return _PERCENT_PATTERN
    if all(low_in and high_in for _, _, low_in, high_in in ranges):  # several ranges: the values in all of them
        lows = [low for low, _, _, _ in ranges if low is not None]
        highs = [high for _, high, _, _ in ranges if high is not None]
        low, high = (max(lows) if lows else None), (min(highs) if highs else None)
        if low == 0 and high is None:
            return _WHOLE_NOT_NEGATIVE_PATTERN if whole else _NOT_NEGATIVE_PATTERN
        if low == 0 and high is not None and high == int(high) and high >= 1:
            return _upto_pattern(int(high), whole)
    return None


def _integers_upto(n: int) -> str:
    """A regular expression for the whole numbers 0 to ``n`` written without leading zeros."""
    digits = str(n)
    alternatives = ["0"] if n else []
    if len(digits) > 1:
        alternatives.append("[1-9]" + (f"[0-9]{{0,{len(digits) - 2}}}" if len(digits) > 2 else ""))
    for i, d in enumerate(digits):  # as many digits as n: a prefix of n, then a smaller digit, then any
        lowest = 1 if i == 0 else 0
        if int(d) > lowest:
            rest = len(digits) - i - 1
            alternatives.append(digits[:i] + f"[{lowest}-{int(d) - 1}]" + (f"[0-9]{{{rest}}}" if rest else ""))
    alternatives.append(digits)
    return "(?:" + "|".join(alternatives) + ")"


def _upto_pattern(n: int, whole: bool) -> str:
    """The numeric strings of 0 to ``n`` (a whole number): a smaller whole part with any fraction, or ``n``
    itself with a zero fraction."""
    if whole:
        return f"^{_integers_upto(n)}$"
    return rf"^(?:{_integers_upto(n - 1)}(?:\.[0-9]+)?|{n}(?:\.0+)?)$"


def out_of_range(value: Decimal) -> bool:
    """Whether a finite ``value`` lies outside decimal128's range (too large, or too small to be told from 0)."""
    if not value:
        return False
    return value.adjusted() > _DECIMAL128_EMAX or value.adjusted() < _DECIMAL128_ETINY


def check_numbers(value, field: fields.Field) -> None:
    """Raise ``field``'s ``range`` error when a number anywhere in the JSON ``value`` is outside decimal128."""
    pending = [value]
    while pending:
        item = pending.pop()
        if type(item) is Decimal:
            if item.is_finite() and out_of_range(item):
                raise field.make_error("range")
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


_NUMBER_TEXT, _WHOLE_TEXT = re.compile(NUMERIC_PATTERN), re.compile(_WHOLE_PATTERN)

_RANGE_MESSAGE = "Outside the range of decimal128 numbers (at most 34 digits, exponents from -6143 to 6144)."


class FeelNumber(fields.Field):
    """A number as ``Decimal``: a JSON number or a numeric string (``"12.50"``, the text of a JSON number, as
    ``string_pattern`` gives it); never a boolean, NaN, infinity or a number outside decimal128's range."""

    default_error_messages = {"invalid": "Not a valid number.", "range": _RANGE_MESSAGE}
    whole = False

    def string_pattern(self) -> str | None:
        """The pattern of the numeric strings this field takes (None: JSON numbers only); worked out once, from
        the validators the field was made with."""
        found = self.__dict__.get("_string_pattern", self)
        if found is self:
            found = self._string_pattern = string_pattern(self, self.whole)
        return found

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, (int, float)):
            value = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        elif isinstance(value, str):
            pattern = self.string_pattern()
            # the text of a number within the field's range (the pattern the OpenAPI document states); a number
            # outside it is left to the range validators, whose message says why
            if pattern is None or not (_WHOLE_TEXT if self.whole else _NUMBER_TEXT).fullmatch(value):
                raise self.make_error("invalid")
            try:
                value = Decimal(value)
            except InvalidOperation:
                raise self.make_error("invalid") from None
        if not isinstance(value, Decimal) or not value.is_finite():
            raise self.make_error("invalid")
        if out_of_range(value):
            raise self.make_error("range")
        return value

    def _serialize(self, value, attr, obj, **kwargs):
        return to_json(value)


class WholeNumber(FeelNumber):
    """A whole number, loaded as ``Decimal`` (``3`` and ``3.0`` are fine, ``3.5`` is not)."""

    default_error_messages = {"invalid": "Not a valid whole number."}
    whole = True

    def _deserialize(self, value, attr, data, **kwargs):
        number = super()._deserialize(value, attr, data, **kwargs)
        if number != number.to_integral_value():
            raise self.make_error("invalid")
        return number

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
            return int(value)
        return to_json(value)


#: the years of ``DATE_PATTERN``: 0001 to 9999 (what ``datetime.date`` holds)
DATE_YEARS = r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
#: an ISO 8601 calendar date, ASCII digits
DATE_PATTERN = rf"^{DATE_YEARS}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"


class IsoDate(fields.Date):
    """A date written ``YYYY-MM-DD`` with ASCII digits (marshmallow's own reads ``2026-1-5`` and any script's
    digits)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not re.fullmatch(DATE_PATTERN, value):
            raise self.make_error("invalid", input=value, obj_type=self.OBJ_TYPE)
        return super()._deserialize(value, attr, data, **kwargs)


class FeelTemporal(fields.Field):
    """A FEEL temporal value from its ISO 8601 text: ``date``, ``time``, ``date and time`` or a duration."""

    _EXAMPLES = {
        "date": "date (YYYY-MM-DD)",
        "time": "time (hh:mm:ss)",
        "date and time": "date and time (YYYY-MM-DDThh:mm:ss)",
        "dateTime": "date and time (YYYY-MM-DDThh:mm:ss)",
        "days and time duration": "days and time duration (ISO 8601, such as P1DT2H)",
        "dayTimeDuration": "days and time duration (ISO 8601, such as P1DT2H)",
        "years and months duration": "years and months duration (ISO 8601, such as P1Y2M)",
        "yearMonthDuration": "years and months duration (ISO 8601, such as P1Y2M)",
    }

    def __init__(self, type_name: str, **kwargs):
        if type_name not in FEEL_TYPES:
            raise ValueError(f"not a temporal FEEL type: {type_name}")
        self.type_name = type_name
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not value.isascii():
            raise self.make_error("invalid", expected=self._EXAMPLES[self.type_name])
        try:
            return from_json(value, self.type_name)
        except ValueError:
            raise self.make_error("invalid", expected=self._EXAMPLES[self.type_name]) from None

    def _serialize(self, value, attr, obj, **kwargs):
        return to_json(value)

    default_error_messages = {"invalid": "Not a valid {expected}."}


class FeelAny(fields.Field):
    """Any JSON value, converted to FEEL (numbers as Decimal, containers item by item); a number outside
    decimal128's range is refused."""

    default_error_messages = {"range": _RANGE_MESSAGE}

    def _deserialize(self, value, attr, data, **kwargs):
        check_numbers(value, self)
        return from_json(value)

    def _serialize(self, value, attr, obj, **kwargs):
        return to_json(value)


class BuiltList(fields.List):
    """A list the service builds in its final JSON shape (the trace of evaluated decisions): the item schema
    documents it in the OpenAPI document, and it is written as it is, without a second pass per item."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value
