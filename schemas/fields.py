"""Marshmallow fields that load JSON into FEEL values strictly.

Numbers load as ``Decimal`` (a JSON number or a numeric string), whole numbers too (FEEL has one number type);
booleans only from JSON ``true``/``false``; temporal types from ISO 8601 strings.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from marshmallow import fields

from service.jsonvalues import FEEL_TYPES, from_json, to_json

__all__ = ["NUMERIC_PATTERN", "NUMERIC_TEXT", "BuiltList", "check_numbers", "out_of_range",
           "FeelAny", "FeelNumber", "FeelTemporal", "StrictBoolean", "WholeNumber"]


class StrictBoolean(fields.Boolean):
    """JSON ``true`` or ``false`` only (no ``1``, ``"yes"``, ``"on"``)."""

    default_error_messages = {"invalid": "Not a boolean: use true or false."}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            return value
        raise self.make_error("invalid")


#: a numeric string: a JSON number's text, ASCII digits only (no ``1_000``, no other script's digits, no spaces)
NUMERIC_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
#: the pattern the OpenAPI document gives numeric strings
NUMERIC_PATTERN = "^" + NUMERIC_TEXT.pattern + "$"
#: decimal128 (IEEE 754-2008), the numbers FEEL computes with: 34 digits, exponents -6143 to 6144
_DECIMAL128_EMAX = 6144
_DECIMAL128_ETINY = -6176


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


_RANGE_MESSAGE = "Outside the range of decimal128 numbers (at most 34 digits, exponents from -6143 to 6144)."


class FeelNumber(fields.Field):
    """A number as ``Decimal``: a JSON number or a numeric string (``"12.50"``, the text of a JSON number);
    never a boolean, NaN, infinity or a number outside decimal128's range."""

    default_error_messages = {"invalid": "Not a valid number.", "range": _RANGE_MESSAGE}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, (int, float)):
            value = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        elif isinstance(value, str):
            if not NUMERIC_TEXT.fullmatch(value):
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

    def _deserialize(self, value, attr, data, **kwargs):
        number = super()._deserialize(value, attr, data, **kwargs)
        if number != number.to_integral_value():
            raise self.make_error("invalid")
        return number

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
            return int(value)
        return to_json(value)


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
        if not isinstance(value, str):
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
