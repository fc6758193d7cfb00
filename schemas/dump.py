"""``Schema.dump`` without its per-field machinery, for the answers written on every request.

``dumper(schema)`` plans once which field writes which key, and returns a function giving what ``schema.dump``
gives: the declared fields in their order, keys absent from the object left out, each value written by its
field's own ``_serialize``; nested schemas and lists of them planned the same way. Whatever the plan does not
cover (dump hooks, ``many``, ``attribute`` or dotted names, dump defaults, fields that fetch or serialize their
own way, an object that is not a plain ``dict``) goes through ``schema.dump`` itself.
"""

from __future__ import annotations

from collections.abc import Callable

from marshmallow import Schema, fields, missing
from marshmallow.decorators import POST_DUMP, PRE_DUMP

__all__ = ["dumper"]

Writer = Callable[[object, str, object], object]  # (value, field name, object) -> written value


def dumper(schema: Schema) -> Callable[[object], object]:
    """A function equal to ``schema.dump`` (see the module docstring)."""
    plan = _plan(schema)
    if plan is None:
        return schema.dump
    fallback = schema.dump

    def dump(obj):
        if type(obj) is not dict:
            return fallback(obj)
        out = {}
        for name, key, write in plan:
            value = obj.get(name, missing)
            if value is missing:
                continue
            value = write(value, name, obj)
            if value is not missing:
                out[key] = value
        return out

    return dump


def _plan(schema: Schema) -> list[tuple[str, str, Writer]] | None:
    try:
        return _plan_fields(schema)
    except AttributeError:  # a marshmallow whose internals differ from those read here: Schema.dump does it all
        return None


def _plan_fields(schema: Schema) -> list[tuple[str, str, Writer]] | None:
    if (schema.many or schema._hooks[PRE_DUMP] or schema._hooks[POST_DUMP] or schema.dict_class is not dict
            or type(schema).get_attribute is not Schema.get_attribute):
        return None
    plan = []
    for name, field in schema.dump_fields.items():
        if (field.attribute is not None or "." in name or hasattr(dict, name)
                or field.dump_default is not missing or not field._CHECK_ATTRIBUTE
                or type(field).serialize is not fields.Field.serialize
                or type(field).get_value is not fields.Field.get_value):
            return None
        plan.append((name, field.data_key if field.data_key is not None else name, _writer(field)))
    return plan


def _writer(field: fields.Field) -> Writer:
    """What ``field._serialize`` does, planned ahead for nested schemas and lists of them."""
    if type(field) is fields.Nested:
        nested = field.schema
        if nested.many or field.many:
            return field._serialize
        dump = dumper(nested)
        return lambda value, name, obj: None if value is None else dump(value)
    if type(field) is fields.List:
        inner = _writer(field.inner)
        return lambda value, name, obj: None if value is None else [inner(each, name, obj) for each in value]
    return field._serialize
