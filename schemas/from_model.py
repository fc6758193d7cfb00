"""A marshmallow schema built from a DMN model: one field per input data a decision needs.

Types come from the input data's ``typeRef`` resolved through the model's item definitions: FEEL base types,
structures (item components, as nested schemas), collections (lists), and allowed values when they are simple
enough to check here: a list of string literals (``"a","b"``), a list of numbers, or one numeric range or
comparison (``[0..100]``, ``>= 0``). Anything more elaborate is left to the engine. Where an input data has no
allowed values of its own but a decision table tests it directly with ``inputValues``, those values apply.

Every input is optional and may be null (FEEL null is a value of every type); unknown keys are refused.
A wrong type or a disallowed value is a ``ValidationError`` whose messages name each bad field.
"""

from __future__ import annotations

import re
from decimal import Decimal

from marshmallow import Schema, fields, validate

from .base import ObjectSchema
from .fields import FeelAny, FeelNumber, FeelTemporal, StrictBoolean

__all__ = ["allowed_values_validator", "field_for_type", "inputs_schema"]

_STRING = r'"(?:[^"\\]|\\.)*"'
_NUMBER = r"-?\d+(?:\.\d+)?"
_STRING_LIST = re.compile(rf"\s*{_STRING}\s*(?:,\s*{_STRING}\s*)*")
_NUMBER_LIST = re.compile(rf"\s*{_NUMBER}\s*(?:,\s*{_NUMBER}\s*)*")
_INTERVAL = re.compile(rf"\s*([\[\(\]])\s*({_NUMBER})\s*\.\.\s*({_NUMBER})\s*([\]\)\[])\s*")
_COMPARISON = re.compile(rf"\s*(<=|>=|<|>)\s*({_NUMBER})\s*")

_BASE_TYPES = {
    "number": lambda **kw: FeelNumber(**kw),
    "string": lambda **kw: fields.String(**kw),
    "boolean": lambda **kw: StrictBoolean(**kw),
    "context": lambda **kw: fields.Dict(keys=fields.String(), values=FeelAny(allow_none=True), **kw),
    "list": lambda **kw: fields.List(FeelAny(allow_none=True), **kw),
    "Any": lambda **kw: FeelAny(**kw),
}


def _strip_prefix(type_ref: str | None) -> str | None:
    if type_ref is None:
        return None
    type_ref = type_ref.strip()
    for prefix in ("feel:", "FEEL:"):
        if type_ref.startswith(prefix):
            return type_ref[len(prefix):]
    return type_ref


def _unquote(literal: str) -> str:
    return re.sub(r"\\(.)", r"\1", literal.strip()[1:-1])


def allowed_values_validator(text: str | None):
    """A validator for simple FEEL allowed values (see the module docstring), or None when not simple."""
    if not text or not text.strip():
        return None
    if _STRING_LIST.fullmatch(text):
        choices = [_unquote(m) for m in re.findall(_STRING, text)]
        return validate.OneOf(choices, error="Must be one of: " + ", ".join(f'"{c}"' for c in choices) + ".")
    if _NUMBER_LIST.fullmatch(text):
        numbers = [Decimal(n) for n in re.findall(_NUMBER, text)]
        return validate.OneOf(numbers, error="Must be one of: " + text.strip() + ".")
    m = _INTERVAL.fullmatch(text)
    if m:
        low, high = Decimal(m.group(2)), Decimal(m.group(3))
        return validate.Range(
            min=low, max=high, min_inclusive=m.group(1) == "[", max_inclusive=m.group(4) == "]",
            error="Must be in " + text.strip() + ".",
        )
    m = _COMPARISON.fullmatch(text)
    if m:
        op, bound = m.group(1), Decimal(m.group(2))
        kwargs = {
            "<": {"max": bound, "max_inclusive": False},
            "<=": {"max": bound},
            ">": {"min": bound, "min_inclusive": False},
            ">=": {"min": bound},
        }[op]
        return validate.Range(error=f"Must be {op} {m.group(2)}.", **kwargs)
    return None


def _item_definitions(model) -> dict:
    definitions = getattr(model, "definitions", None)
    return {item.name: item for item in getattr(definitions, "item_definitions", None) or []}


def field_for_type(type_ref: str | None, item_definitions: dict, *, allowed: str | None = None,
                   _seen: frozenset = frozenset()) -> fields.Field:
    """The field for a ``typeRef``: a FEEL base type or an item definition of ``item_definitions``;
    ``allowed`` adds allowed values (FEEL unary tests) to what the type itself allows."""
    type_ref = _strip_prefix(type_ref)
    if type_ref in item_definitions and type_ref not in _seen:
        return _field_for_item(item_definitions[type_ref], item_definitions, allowed, _seen | {type_ref})
    kwargs = {"allow_none": True, "load_default": None}
    validator = allowed_values_validator(allowed)
    if type_ref in _BASE_TYPES:
        return _BASE_TYPES[type_ref](validate=validator, **kwargs)
    try:
        return FeelTemporal(type_ref, validate=validator, **kwargs)
    except ValueError:
        # no type, an unknown or an imported type: any JSON value; the engine checks it
        return FeelAny(**kwargs)


def _field_for_item(item, item_definitions: dict, allowed: str | None, seen: frozenset) -> fields.Field:
    """An item definition (or an item component, which has the same shape) as a field. The allowed values of a
    collection constrain its items, as in DMN."""
    constraint = item.allowed_values or getattr(item, "type_constraint", None)
    if item.components:
        nested = ObjectSchema.from_dict(
            {c.name: _field_for_item(c, item_definitions, None, seen) for c in item.components},
            name=f"{item.name}Schema",
        )
        inner = fields.Nested(nested, allow_none=True, load_default=None)
    else:
        inner = field_for_type(item.type_ref, item_definitions, allowed=constraint, _seen=seen)
    if item.is_collection:
        return fields.List(inner, allow_none=True, load_default=None)
    validator = allowed_values_validator(allowed)
    if validator is not None:
        inner.validators.append(validator)
    return inner


def _tables(expression):
    """Every decision table inside a (boxed) expression."""
    if expression is None:
        return
    if hasattr(expression, "hit_policy"):
        yield expression
    for entry in getattr(expression, "entries", None) or []:
        yield from _tables(getattr(entry, "expression", None))
    for name in ("if_", "then", "else_", "body", "in_", "match"):
        yield from _tables(getattr(expression, name, None))


def _table_input_values(model) -> dict[str, str]:
    """Input data name -> the ``inputValues`` of the table columns whose expression is just that name
    (left out when two tables disagree)."""
    found: dict[str, str | None] = {}
    definitions = getattr(model, "definitions", None)
    for decision in getattr(definitions, "decisions", None) or []:
        for table in _tables(decision.expression):
            for clause in table.inputs:
                if not clause.input_values:
                    continue
                name, values = clause.text.strip(), clause.input_values.strip()
                if name in found and found[name] != values:
                    found[name] = None
                else:
                    found.setdefault(name, values)
    return {name: values for name, values in found.items() if values}


def inputs_schema(model, inputs, name: str = "Inputs") -> type[Schema]:
    """A schema class for ``inputs`` — ``(input data name, typeRef)`` pairs — of ``model``."""
    item_definitions = _item_definitions(model)
    table_values = _table_input_values(model)
    schema_fields = {}
    for input_name, type_ref in inputs:
        stripped = _strip_prefix(type_ref)
        item = item_definitions.get(stripped)
        has_own = item is not None and (item.allowed_values or getattr(item, "type_constraint", None))
        allowed = None if has_own else table_values.get(input_name)
        schema_fields[input_name] = field_for_type(type_ref, item_definitions, allowed=allowed)
    return ObjectSchema.from_dict(schema_fields, name=name)
