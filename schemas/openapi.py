"""What the OpenAPI document says beyond what apispec writes by itself, so that it states every constraint the
request validation enforces:

- a number field takes a JSON number or a numeric string: ``anyOf`` a number (with its range) and a string
  with the pattern the field checks (``schemas.fields.string_pattern``);
- dates take ``YYYY-MM-DD`` with ASCII digits, years 0001 to 9999; a country code two ASCII letters;
- a nullable nested object is that object or null (apispec's ``anyOf`` admits any object);
- the rules between fields that JSON Schema can state: what the INAMI ``status`` requires or forbids, a
  period given whole or not at all, no non-work accident with a work accident. Those it cannot state (a date
  not before another, a period of at most 366 days) are in the schemas' descriptions.
"""

from __future__ import annotations

import datetime

from marshmallow import fields

from .fields import DATE_PATTERN, DATE_YEARS, FeelNumber, IsoDate

__all__ = ["complete_document", "field_properties"]

_NOT_NULL = {"not": {"enum": [None]}}


def field_properties(converter, field: fields.Field, ret: dict, **kwargs) -> dict:
    """An apispec attribute function (see ``OpenAPIConverter.add_attribute_function``)."""
    if isinstance(field, FeelNumber) and ret.get("type") in ("number", "integer"):
        pattern = field.string_pattern()
        if pattern is not None:
            number = {key: ret.pop(key) for key in ("type", "nullable", "minimum", "maximum", "exclusiveMinimum",
                                                    "exclusiveMaximum") if key in ret}
            ret["anyOf"] = [number, {"type": "string", "pattern": pattern}]
        return {}
    if isinstance(field, IsoDate):
        return {"pattern": _date_pattern(field)}
    pattern = getattr(field, "OPENAPI_PATTERN", None)
    if pattern is not None:
        return {"pattern": pattern}
    return {}


def _years(first: int, last: int) -> str:
    """A regular expression for the four-digit years ``first`` to ``last``: whole centuries as ``19[0-9]{2}``,
    the years of a partial century one by one."""
    alternatives = []
    for century in range(first // 100, last // 100 + 1):
        low, high = max(first, century * 100), min(last, century * 100 + 99)
        if low == century * 100 and high == century * 100 + 99:
            alternatives.append(f"{century:02d}[0-9]{{2}}")
        else:
            alternatives.extend(f"{year:04d}" for year in range(low, high + 1))
    return "(?:" + "|".join(alternatives) + ")"


def _date_pattern(field: IsoDate) -> str:
    """``DATE_PATTERN``, its years limited to a ``Range`` validator's from 1 January to 31 December (API.md's
    plausible dates, 1900 to 2200)."""
    for validator in field.validators:
        low, high = getattr(validator, "min", None), getattr(validator, "max", None)
        if isinstance(low, datetime.date) and isinstance(high, datetime.date) and (low.month, low.day) == (1, 1) \
                and (high.month, high.day) == (12, 31):
            return DATE_PATTERN.replace(DATE_YEARS, _years(low.year, high.year), 1)
    return DATE_PATTERN


def _object_or_null(schema: dict) -> None:
    """``anyOf [$ref, {type: object, nullable}]`` (apispec's nullable nested schema) -> the object or null."""
    for value in list(schema.values()):
        if isinstance(value, dict):
            _object_or_null(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _object_or_null(item)
    alternatives = schema.get("anyOf")
    if isinstance(alternatives, list):
        schema["anyOf"] = [{"type": "object", "nullable": True, "enum": [None]}
                           if alt == {"type": "object", "nullable": True} else alt for alt in alternatives]


def _when(status_property: dict, then: dict) -> dict:
    return {"anyOf": [{"properties": {"status": status_property}}, then]}


_RULES = {
    "InamiRequest": {"allOf": [
        _when({"enum": ["self-employed"]},
              {"properties": {"grossDailyWage": _NOT_NULL}, "required": ["grossDailyWage"]}),
        _when({"not": {"enum": ["unemployed"]}},
              {"properties": {"unemploymentDailyAllowance": _NOT_NULL}, "required": ["unemploymentDailyAllowance"]}),
        _when({"enum": ["self-employed"]}, {"properties": {"selfEmployed": {"nullable": True, "enum": [None]}}}),
        {"anyOf": [{"properties": {"periodStart": _NOT_NULL, "periodEnd": _NOT_NULL},
                    "required": ["periodStart", "periodEnd"]},
                   {"properties": {"periodStart": {"enum": [None]}, "periodEnd": {"enum": [None]}}}]},
    ], "description": "grossDailyWage is required unless the status is self-employed, unemploymentDailyAllowance "
                      "for the unemployed, and selfEmployed is only for the self-employed. periodStart and "
                      "periodEnd come together, periodEnd not before periodStart and at most 366 days after it. "
                      "referenceDate, incapacityEndDate and declarationDate must not precede "
                      "incapacityStartDate, and previousIncapacity must end before it (a 422 names them)."},
    "OssomRequest": {"anyOf": [{"properties": {"nonWorkAccident": {"not": {"enum": [True]}}}},
                               {"properties": {"cause": {"not": {"enum": ["work-accident"]}}}}],
                     "description": "referenceDate must not precede incapacityStartDate, and birthDate must not "
                                    "follow it (a 422 names them); nonWorkAccident is not true with cause "
                                    "work-accident."},
}


def complete_document(spec) -> None:
    """Add the rules between fields to the request schemas of ``spec`` (an ``apispec.APISpec``)."""
    schemas = spec.components.schemas
    for schema in schemas.values():
        _object_or_null(schema)
    for name, rules in _RULES.items():
        if name in schemas:
            schemas[name].update(rules)
