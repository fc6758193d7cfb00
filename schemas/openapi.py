"""What the OpenAPI document says beyond what apispec writes by itself, so that it states every constraint the
request validation enforces:

- a number field takes a JSON number or a numeric string: ``anyOf`` a number (with its range) and a string
  with the pattern the field checks (``schemas.fields.string_pattern``);
- dates take ``YYYY-MM-DD`` with ASCII digits, years 0001 to 9999; a country code two ASCII letters;
- a nullable nested object is that object or null (apispec's ``anyOf`` admits any object);
- the rules between fields that JSON Schema can state: what the INAMI ``status`` requires or forbids, and
  the cohabitant's incomes a household without children needs. Those it cannot state (a date not before
  another) are in the fields' descriptions.
"""

from __future__ import annotations

from marshmallow import fields

from .fields import DATE_PATTERN, FeelNumber, IsoDate

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
        return {"pattern": DATE_PATTERN}
    pattern = getattr(field, "OPENAPI_PATTERN", None)
    if pattern is not None:
        return {"pattern": pattern}
    return {}


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
    "Household": {"anyOf": [
        {"properties": {"livesAlone": {"enum": [True]}}},
        {"properties": {"dependentChildren": {"not": {"enum": [0, "0"]}}}, "required": ["dependentChildren"]},
        {"properties": {"cohabitantProfessionalIncome": _NOT_NULL, "cohabitantReplacementIncome": _NOT_NULL},
         "required": ["cohabitantProfessionalIncome", "cohabitantReplacementIncome"]},
    ], "description": "When livesAlone is false and dependentChildren is 0, both cohabitant incomes are "
                      "required (0 when there is none)."},
    "InamiRequest": {"allOf": [
        _when({"enum": ["self-employed"]},
              {"properties": {"grossDailyWage": _NOT_NULL}, "required": ["grossDailyWage"]}),
        _when({"not": {"enum": ["unemployed"]}},
              {"properties": {"unemploymentDailyAllowance": _NOT_NULL}, "required": ["unemploymentDailyAllowance"]}),
        _when({"enum": ["self-employed"]}, {"properties": {"selfEmployed": {"nullable": True, "enum": [None]}}}),
    ], "description": "grossDailyWage is required unless the status is self-employed, unemploymentDailyAllowance "
                      "for the unemployed, and selfEmployed is only for the self-employed. referenceDate and "
                      "incapacityEndDate must not precede incapacityStartDate (a 422 names them)."},
    "OssomRequest": {"description": "referenceDate must not precede incapacityStartDate, and birthDate must not "
                                    "follow it (a 422 names them)."},
}


def complete_document(spec) -> None:
    """Add the rules between fields to the request schemas of ``spec`` (an ``apispec.APISpec``)."""
    schemas = spec.components.schemas
    for schema in schemas.values():
        _object_or_null(schema)
    for name, rules in _RULES.items():
        if name in schemas:
            schemas[name].update(rules)
