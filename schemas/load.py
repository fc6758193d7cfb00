"""``Schema.load`` without its per-field machinery, for the request bodies loaded on every request.

``loader(schema)`` plans once which key each field reads and how, and returns a function giving what
``schema.load`` gives for a body the schema accepts: the fields in their order, absent ones given their
``load_default``, each value read by its field's own ``_deserialize`` and checked by its validators, nested
schemas and lists planned the same way, then the schema's own ``validates_schema`` and ``post_load`` hooks,
called in the order and with the arguments ``load`` gives them. The moment anything is refused (a bad value, a
missing required field, an unknown key, a schema validator's error) the body is loaded again by ``schema.load``
itself, so every error is marshmallow's own, word for word. Whatever the plan does not cover (``pre_load``
hooks, field validators declared with ``validates``, ``many``, ``partial``, ``unknown=INCLUDE``, ``attribute``
or dotted names, fields with load hooks of their own) goes through ``schema.load`` always.
"""

from __future__ import annotations

from collections.abc import Callable

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, missing
from marshmallow.decorators import POST_LOAD, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA

__all__ = ["Refused", "loader", "planned"]

Reader = Callable[[object, str, dict], object]  # (raw value, key, body) -> loaded value


class Refused(Exception):
    """The planned load met something it leaves to ``Schema.load``."""


def loader(schema: Schema) -> Callable[[object], object]:
    """A function equal to ``schema.load`` (see the module docstring)."""
    plan = planned(schema)
    if plan is None:
        return schema.load
    fallback = schema.load

    def load(data):
        try:
            return plan(data)
        except (Refused, ValidationError):
            return fallback(data)

    return load


def planned(schema: Schema, unknown=None) -> Callable[[object], object] | None:
    """The plan alone: a function giving what ``schema.load`` gives for a body it loads and raising ``Refused``
    or ``ValidationError`` for any other; None when the schema is not planned. ``unknown`` as ``load`` takes it
    (None: the schema's own)."""
    if unknown is None:
        unknown = schema.unknown
    try:
        return _plan(schema, unknown)
    except AttributeError:  # a marshmallow whose internals differ from those read here: Schema.load does it all
        return None


def _plan(schema: Schema, unknown) -> Callable[[object], object] | None:
    hooks = schema._hooks
    if (schema.many or schema.partial or hooks[PRE_LOAD] or hooks[VALIDATES] or schema.dict_class is not dict
            or unknown not in (RAISE, EXCLUDE)):
        return None
    plan = []
    for name, field in schema.load_fields.items():
        if field.attribute is not None or "." in name:
            return None
        read = _reader(field)
        if read is None:
            return None
        default = field.load_default
        plan.append((name, field.data_key if field.data_key is not None else name, field.required,
                     default, callable(default), field.allow_none, read))
    known = frozenset(entry[1] for entry in plan)
    refuse_unknown = unknown == RAISE
    # the schema's hooks in the order Schema.load runs them for one object: those given the whole collection
    # first, each called as marshmallow calls it
    validators = [(getattr(schema, attr), kwargs.get("pass_original", False))
                  for collection in (True, False) for attr, many, kwargs in hooks[VALIDATES_SCHEMA]
                  if many == collection]
    processors = [(getattr(schema, attr), kwargs.get("pass_original", False))
                  for collection in (True, False) for attr, many, kwargs in hooks[POST_LOAD]
                  if many == collection]

    def load(data):
        if type(data) is not dict or (refuse_unknown and not known.issuperset(data)):
            raise Refused
        out = {}
        for name, key, required, default, call_default, allow_none, read in plan:
            raw = data.get(key, missing)
            if raw is missing:
                if required:
                    raise Refused
                value = default() if call_default else default
                if value is missing:
                    continue
            elif raw is None:
                if not allow_none:
                    raise Refused
                value = None
            else:
                value = read(raw, key, data)
            out[name] = value
        for validate, pass_original in validators:
            if pass_original:
                validate(out, data, partial=None, many=False, unknown=unknown)
            else:
                validate(out, partial=None, many=False, unknown=unknown)
        for process, pass_original in processors:
            if pass_original:
                out = process(out, data, many=False, partial=None, unknown=unknown)
            else:
                out = process(out, many=False, partial=None, unknown=unknown)
        return out

    return load


def _reader(field: fields.Field) -> Reader | None:
    """What ``field.deserialize`` does with a value that is there and not null, planned ahead; None when the
    field reads its own way."""
    if (type(field).deserialize is not fields.Field.deserialize or field.pre_load or field.post_load
            or type(field)._validate is not fields.Field._validate):
        return None
    validators = tuple(field.validators)
    if type(field) is fields.Nested:
        if field.many:
            return None
        nested = field.schema
        read = planned(nested, field.unknown if field.unknown is not None else nested.unknown)
        if read is None:
            return None
        read_value = lambda raw, key, data: read(raw)  # noqa: E731
    elif type(field) is fields.List:
        inner = field.inner
        if inner.required or (read_inner := _reader(inner)) is None:
            return None
        allow_none = inner.allow_none

        def read_value(raw, key, data):
            if isinstance(raw, (str, bytes)) or not isinstance(raw, (list, tuple)):
                raise Refused
            items = []
            for each in raw:
                if each is None:
                    if not allow_none:
                        raise Refused
                    items.append(None)
                else:
                    items.append(read_inner(each, None, None))
            return items
    else:
        read_value = field._deserialize
    if not validators:
        return read_value

    def read_and_check(raw, key, data):
        value = read_value(raw, key, data)
        for validate in validators:
            validate(value)
        return value

    return read_and_check
