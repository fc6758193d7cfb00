"""Marshmallow fields that load JSON into FEEL values strictly.

Numbers load as ``Decimal`` (a JSON number or a numeric string), whole numbers too (FEEL has one number type);
booleans only from JSON ``true``/``false``; temporal types from ISO 8601 strings.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from marshmallow import fields

from service.jsonvalues import FEEL_TYPES, from_json, to_json

__all__ = ["BuiltList", "FeelAny", "FeelNumber", "FeelTemporal", "StrictBoolean", "WholeNumber"]


class StrictBoolean(fields.Boolean):
    """JSON ``true`` or ``false`` only (no ``1``, ``"yes"``, ``"on"``)."""

    default_error_messages = {"invalid": "Not a boolean: use true or false."}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            return value
        raise self.make_error("invalid")


class FeelNumber(fields.Field):
    """A number as ``Decimal``: a JSON number or a numeric string (``"12.50"``); never a boolean,
    NaN or infinity."""

    default_error_messages = {"invalid": "Not a valid number."}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, (int, float)):
            value = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        elif isinstance(value, str):
            try:
                value = Decimal(value.strip())
            except InvalidOperation:
                raise self.make_error("invalid") from None
        if not isinstance(value, Decimal) or not value.is_finite():
            raise self.make_error("invalid")
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
    """Any JSON value, converted to FEEL (numbers as Decimal, containers item by item)."""

    def _deserialize(self, value, attr, data, **kwargs):
        return from_json(value)

    def _serialize(self, value, attr, obj, **kwargs):
        return to_json(value)


class BuiltList(fields.List):
    """A list the service builds in its final JSON shape (the trace of evaluated decisions): the item schema
    documents it in the OpenAPI document, and it is written as it is, without a second pass per item."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value
