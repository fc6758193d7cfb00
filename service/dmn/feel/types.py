"""FEEL types: conformance (``instance of``) and the coercion DMN applies at typed boundaries
(decision outputs, input data, parameters, context entries)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from decimal import Decimal

from .calendar import WideDate, WideDateTime, WideTime
from .codegen import structure_check
from .lazy import CONTEXT_CLASSES
from .values import DayTimeDuration, FeelFunction, Range, YearMonthDuration

__all__ = ["ANY", "BUILTIN_TYPES", "ContextType", "FeelType", "FunctionType", "ItemType", "ListType",
           "RangeType", "builtin_type", "coerce", "complete_structure"]


class FeelType:
    name = "Any"
    exact: type | None = None  # the one Python class of the type's values, when there is one

    def conforms(self, value) -> bool:  # value is not None here unless the type is Null
        return True

    def is_collection(self) -> bool:
        return False

    def __repr__(self) -> str:
        return f"<type {self.name}>"


class _Simple(FeelType):
    def __init__(self, name: str, check: Callable[[object], bool], exact: type | None = None):
        self.name = name
        self.conforms = check  # one call, not two, on the hot path
        self.exact = exact  # the one Python class of the type's values, when there is one


class _Any(FeelType):
    def conforms(self, value) -> bool:
        return value is not None


class _Null(FeelType):
    name = "Null"

    def conforms(self, value) -> bool:
        return value is None


ANY = _Any()
NULL = _Null()


def _is_date(v):
    return type(v) is _dt.date or type(v) is WideDate


def _is_datetime(v):
    return type(v) is _dt.datetime or type(v) is WideDateTime


_NUMBER = _Simple("number", lambda v: type(v) is Decimal, Decimal)
_STRING = _Simple("string", lambda v: type(v) is str, str)
_BOOLEAN = _Simple("boolean", lambda v: type(v) is bool, bool)
_DATE = _Simple("date", _is_date, _dt.date)
_TIME = _Simple("time", lambda v: type(v) is _dt.time or type(v) is WideTime)
_DATETIME = _Simple("date and time", _is_datetime)
_DTD = _Simple("days and time duration", lambda v: type(v) is DayTimeDuration)
_YMD = _Simple("years and months duration", lambda v: type(v) is YearMonthDuration)
_DURATION = _Simple("duration", lambda v: type(v) in (DayTimeDuration, YearMonthDuration))
_CONTEXT = _Simple("context", lambda v: v.__class__ in CONTEXT_CLASSES)  # an imported model's names too
_LIST = _Simple("list", lambda v: type(v) is list)
_RANGE = _Simple("range", lambda v: type(v) is Range)
_FUNCTION = _Simple("function", lambda v: isinstance(v, FeelFunction))

BUILTIN_TYPES: dict[str, FeelType] = {
    "Any": ANY, "Null": NULL, "number": _NUMBER, "string": _STRING, "boolean": _BOOLEAN, "date": _DATE,
    "time": _TIME, "date and time": _DATETIME, "dateTime": _DATETIME,
    "days and time duration": _DTD, "dayTimeDuration": _DTD,
    "years and months duration": _YMD, "yearMonthDuration": _YMD, "duration": _DURATION,
    "context": _CONTEXT, "list": _LIST, "range": _RANGE, "function": _FUNCTION,
}
# DMN 1.1 wrote some base types with an XML-Schema flavour
_ALIASES = {"decimal": "number", "integer": "number", "double": "number", "int": "number", "long": "number",
            "float": "number", "datetime": "date and time"}


def builtin_type(name: str) -> FeelType | None:
    if name in BUILTIN_TYPES:
        return BUILTIN_TYPES[name]
    alias = _ALIASES.get(name)
    if alias:
        return BUILTIN_TYPES[alias]
    return None


class ListType(FeelType):
    def __init__(self, element: FeelType):
        self.element = element
        self.name = f"list<{element.name}>"

    def conforms(self, value) -> bool:
        if type(value) is not list:
            return False
        el = self.element
        return all(x is None or el.conforms(x) for x in value)

    def is_collection(self) -> bool:
        return True


class RangeType(FeelType):
    def __init__(self, element: FeelType):
        self.element = element
        self.name = f"range<{element.name}>"

    def conforms(self, value) -> bool:
        if type(value) is not Range:
            return False
        return all(e is None or self.element.conforms(e) for e in (value.start, value.end))


class ContextType(FeelType):
    def __init__(self, fields: dict[str, FeelType]):
        self.fields = fields
        self.name = "context<" + ", ".join(f"{k}: {t.name}" for k, t in fields.items()) + ">"

    def conforms(self, value) -> bool:
        if type(value) is not dict:
            return False
        for key, t in self.fields.items():
            if key not in value:
                return False
            v = value[key]
            if v is not None and not t.conforms(v):
                return False
        return True


class FunctionType(FeelType):
    def __init__(self, params: list[FeelType], result: FeelType):
        self.params = params
        self.result = result
        self.name = "function<" + ", ".join(p.name for p in params) + f">->{result.name}"

    def conforms(self, value) -> bool:
        if not isinstance(value, FeelFunction):
            return False
        declared = getattr(value, "param_types", None)
        if declared is None:
            return len(value.params) == len(self.params) if value.params else True
        if len(declared) != len(self.params):
            return False
        # parameters are contravariant, the result covariant
        for mine, theirs in zip(self.params, declared, strict=True):
            if not _is_subtype(mine, theirs):
                return False
        result = getattr(value, "result_type", None)
        return result is None or _is_subtype(result, self.result)


def _is_subtype(a: FeelType, b: FeelType) -> bool:
    """Type conformance ``a <: b`` (DMN 1.5, 10.3.2.9.1): a list, range or context conforms through its
    element or entry types (a context with more entries conforms to one with fewer), a function with
    contravariant parameters and a covariant result."""
    if b is ANY or a is b:
        return True
    if isinstance(a, ListType) and isinstance(b, ListType):
        return _is_subtype(a.element, b.element)
    if isinstance(a, RangeType) and isinstance(b, RangeType):
        return _is_subtype(a.element, b.element)
    if isinstance(a, ContextType) and isinstance(b, ContextType):
        return all(k in a.fields and _is_subtype(a.fields[k], t) for k, t in b.fields.items())
    if isinstance(a, FunctionType) and isinstance(b, FunctionType):
        return (
            len(a.params) == len(b.params)
            and all(_is_subtype(y, x) for x, y in zip(a.params, b.params, strict=True))
            and _is_subtype(a.result, b.result)
        )
    return a.name == b.name


_ABSENT = object()


class ItemType(FeelType):
    """An item definition: a base type or structure, optional allowed values, maybe a collection."""

    def __init__(self, name: str):
        self.name = name
        self.base: FeelType = ANY
        self.fields: dict[str, FeelType] | None = None
        self.allowed: Callable[[object], bool] | None = None  # predicate on a single value
        self.constraint: Callable | None = None  # its typeConstraint's tests alone (inherited by derived types)
        self.allowed_literals: tuple | None = None  # (cls, values) when ``allowed`` is "one of these values"
        #: (cls, values) once specialized, when ``conforms`` is "null, or of class cls and one of the values"
        self.enumeration: tuple | None = None
        self.collection = False
        self._completion: tuple | None = None  # see _completion_plan

    def is_collection(self) -> bool:
        # a type based on a collection type is one too (`<typeRef>imported.tStringList</typeRef>`)
        return self.collection or (self.fields is None and self.base is not ANY and self.base.is_collection())

    def element_conforms(self, value, check_allowed: bool = True) -> bool:
        if value is None:
            return True
        if self.fields is not None:
            if type(value) is not dict:
                return False
            for key, t in self.fields.items():
                if key not in value:
                    return False
                v = value[key]
                if v is not None and not t.conforms(v):
                    return False
        elif not self.base.conforms(value):
            return False
        if check_allowed and self.allowed is not None and not self.allowed(value):
            return False
        return True

    def conforms(self, value) -> bool:
        if self.collection:
            return type(value) is list and all(self.element_conforms(x) for x in value)
        return self.element_conforms(value)

    def specialize(self) -> None:
        """Once the type is filled in: replace ``conforms`` by a closure made for its shape (the same answers,
        fewer calls). Component and base types are asked through their own ``conforms`` at call time, so
        the order in which a model's types are specialized does not matter."""
        allowed = self.allowed
        enumeration = None
        if self.fields is not None:
            # a component of a one-class type is checked by its class (known once that type is specialized)
            fields = tuple((key, t, t.exact) for key, t in self.fields.items())

            def element(value):
                if value is None:
                    return True
                if type(value) is not dict:
                    return False
                for key, t, exact in fields:
                    v = value.get(key, _ABSENT)
                    if v is _ABSENT:
                        return False
                    if v is not None and v.__class__ is not exact and not t.conforms(v):
                        return False
                return allowed is None or allowed(value)
            element = structure_check(fields, allowed, _ABSENT) or element
        elif self.allowed_literals is not None and self.allowed_literals[0] is self.base.exact:
            cls, members = self.allowed_literals  # an enumeration: `"employee", "blue-collar", ...`
            enumeration = (cls, members)

            def element(value):
                return value is None or (value.__class__ is cls and value in members)
        else:
            base = self.base
            if allowed is None and not self.collection:
                self.exact = getattr(base, "exact", None)

            def element(value):
                if value is None:
                    return True
                return base.conforms(value) and (allowed is None or allowed(value))
        if not self.collection:
            self.conforms = element
            self.enumeration = enumeration
            return

        def collection(value):
            if type(value) is not list:
                return False
            for x in value:
                if not element(x):
                    return False
            return True
        self.conforms = collection
        self.enumeration = None

    def conforms_type(self, value) -> bool:
        """Conformance to the type alone, allowed values aside (what ``instance of`` asks)."""
        if self.collection:
            return type(value) is list and all(self.element_conforms(x, False) for x in value)
        return self.element_conforms(value, False)


def coerce(value, t: FeelType | None):
    """Apply DMN's conversions at a typed boundary; ``(value, ok)`` with ``ok`` False when the
    value does not conform (the caller then uses null and reports it)."""
    if t is None or t is ANY or value is None:
        return value, True
    if t.conforms(value):
        return value, True
    if _is_date(value) and (t is _DATETIME or isinstance(t, ItemType) and t.base is _DATETIME and not t.collection):
        # DMN 1.5 §10.3.2.9.4, date to date and time: "the date is converted to a date and time value in
        # which the time of day is UTC midnight (00:00:00)"
        converted = date_at_utc_midnight(value)
        if t.conforms(converted):
            return converted, True
    if t.is_collection():
        if type(value) is not list:  # singleton-list conversion
            wrapped = [value]
            if t.conforms(wrapped):
                return wrapped, True
    elif type(value) is list and len(value) == 1 and t.conforms(value[0]):
        return value[0], True
    return None, False


def function_result(t: FeelType | None) -> FeelType | None:
    """The type a BKM's or decision service's result gets. Its variable's typeRef is either the result's
    type or (as jDMN and Drools also read it) a function type, an item definition with a ``functionItem``,
    whose ``outputTypeRef`` is the result's type (DMN 1.5 §7.3.5 and §10.3.2.9: the invocation's result is
    converted to the function's declared result type)."""
    if isinstance(t, ItemType) and not t.collection and t.fields is None and isinstance(t.base, FunctionType):
        t = t.base
    if isinstance(t, FunctionType):
        return None if t.result is ANY else t.result
    return t


def date_at_utc_midnight(d):
    if type(d) is _dt.date:
        return _dt.datetime(d.year, d.month, d.day, tzinfo=_dt.UTC)
    return WideDateTime(d.year, d.month, d.day, 0, 0, 0, 0, _dt.UTC)


def complete_structure(value, t: FeelType | None):
    """For input data: give a structure the components it leaves out, as null (recursively)."""
    if t is None or value is None:
        return value
    if isinstance(t, ItemType) and t.fields is not None:
        plan = t._completion
        if plan is None or plan[0] is not t.fields:
            plan = _completion_plan(t)
        if t.collection:
            if type(value) is list:
                return [_complete_fields(x, plan) for x in value]
            return value
        return _complete_fields(value, plan)
    return value


def _completion_plan(t: ItemType) -> tuple:
    """What completing a structure of type ``t`` takes: its components' names, and those of its components
    that are structures themselves (to complete in turn) with their types. Made once per type, again if
    its components are replaced."""
    fields = t.fields
    nested = tuple((key, ft) for key, ft in fields.items() if isinstance(ft, ItemType) and ft.fields is not None)
    t._completion = plan = (fields, tuple(fields), nested)
    return plan


def _complete_fields(value, plan: tuple):
    if type(value) is not dict:
        return value
    _, keys, nested = plan
    out = dict(value)
    for key in keys:
        if key not in out:
            out[key] = None  # a component left out is null, in the order the type lists them
    for key, ft in nested:
        out[key] = complete_structure(out[key], ft)
    return out
