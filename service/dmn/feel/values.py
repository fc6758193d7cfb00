"""FEEL value types as Python values.

| FEEL type                  | Python                                                         |
|----------------------------|----------------------------------------------------------------|
| null                       | ``None``                                                       |
| number                     | ``decimal.Decimal`` (34 significant digits, see ``DECIMAL``)   |
| string                     | ``str``                                                        |
| boolean                    | ``bool``                                                       |
| date                       | ``datetime.date`` (never a ``datetime``)                       |
| time                       | ``datetime.time`` (tzinfo: ``None``, fixed offset or ZoneInfo) |
| date and time              | ``datetime.datetime``                                          |
| days and time duration     | ``DayTimeDuration`` (exact seconds as Decimal)                 |
| years and months duration  | ``YearMonthDuration`` (whole months)                           |
| list                       | ``list`` (treated as immutable: never mutate a list you got)   |
| context                    | ``dict`` with ``str`` keys, insertion ordered (never mutated)  |
| range                      | ``Range``                                                      |
| function                   | ``FeelFunction`` (any object with ``call``/``call_named``)     |

``datetime.datetime`` is a subclass of ``datetime.date``: test for it first.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal, Overflow, localcontext

from .calendar import WideDate, WideDateTime, WideTime

__all__ = [
    "DECIMAL",
    "DECIMAL_CHECKED",
    "DayTimeDuration",
    "FeelFunction",
    "Range",
    "YearMonthDuration",
    "decimal_context",
    "feel_type_name",
    "is_number",
]

#: The FEEL number context: IEEE 754 decimal128 (34 digits, round half even).
DECIMAL = Context(prec=34, rounding=ROUND_HALF_EVEN, Emax=6144, Emin=-6143, traps=[])
#: The same, raising ``decimal.Overflow`` where DECIMAL gives an infinity: for the short paths of arithmetic on
#: two numbers, which catch it and give null (FEEL has no infinite numbers)
DECIMAL_CHECKED = Context(prec=34, rounding=ROUND_HALF_EVEN, Emax=6144, Emin=-6143, traps=[Overflow])


def decimal_context():
    """A ``with`` block in which Decimal arithmetic follows FEEL's context."""
    return localcontext(DECIMAL)


def is_number(value) -> bool:
    return type(value) is Decimal


@dataclass(frozen=True, slots=True, order=True, init=False)
class DayTimeDuration:
    """A days-and-time duration, ``seconds`` exact (may be negative, may have a fraction)."""

    seconds: Decimal

    def __init__(self, seconds: Decimal):
        # the slot set directly: durations are made in every date computation, and the frozen dataclass's
        # own __init__ goes through object.__setattr__
        _set_seconds(self, seconds)

    def __bool__(self) -> bool:  # a zero duration is still a value, never falsy by accident
        return True

    def __str__(self) -> str:
        secs = self.seconds
        sign = "-" if secs < 0 else ""
        secs = abs(secs)
        whole = int(secs)
        frac = secs - whole
        days, rest = divmod(whole, 86400)
        hours, rest = divmod(rest, 3600)
        minutes, seconds = divmod(rest, 60)
        out = sign + "P"
        if days:
            out += f"{days}D"
        time_part = ""
        if hours:
            time_part += f"{hours}H"
        if minutes:
            time_part += f"{minutes}M"
        if seconds or frac:
            if frac:
                text = format((Decimal(seconds) + frac).normalize(), "f")
            else:
                text = str(seconds)
            time_part += f"{text}S"
        if time_part:
            out += "T" + time_part
        if out in ("P", "-P"):
            return "PT0S"
        return out


@dataclass(frozen=True, slots=True, order=True, init=False)
class YearMonthDuration:
    """A years-and-months duration, as a whole (possibly negative) number of months."""

    months: int

    def __init__(self, months: int):
        _set_months(self, months)  # as DayTimeDuration's

    def __bool__(self) -> bool:
        return True

    def __str__(self) -> str:
        sign = "-" if self.months < 0 else ""
        years, months = divmod(abs(self.months), 12)
        out = sign + "P"
        if years:
            out += f"{years}Y"
        if months or not years:
            out += f"{months}M"
        return out


_set_seconds = DayTimeDuration.seconds.__set__
_set_months = YearMonthDuration.months.__set__


@dataclass(frozen=True, slots=True)
class Range:
    """A FEEL range. ``start``/``end`` of ``None`` mean unbounded (``< 10`` has no start)."""

    start: object
    end: object
    start_included: bool
    end_included: bool

    def __str__(self) -> str:
        return RANGE_TEXT[0](self)


#: how a range prints (``[1..10)``, ``< 5``): ``text`` puts its FEEL form here when it is imported (it imports
#: this module, so this module cannot import it)
RANGE_TEXT = [repr]


class FeelFunction:
    """A function value: a built-in, a FEEL ``function(...)``, a BKM or a decision service.

    ``params`` are the formal parameter names. ``call`` takes positional arguments,
    ``call_named`` a dict of named arguments; both return a FEEL value (``None`` for an
    invocation FEEL says is null, for instance a wrong argument type).
    """

    name: str = "anonymous function"
    params: tuple[str, ...] = ()

    def call(self, args: list):
        raise NotImplementedError

    def call_named(self, kwargs: dict):
        unknown = set(kwargs) - set(self.params)
        if unknown:
            return None
        return self.call([kwargs.get(p) for p in self.params])

    def __repr__(self) -> str:
        return f"<function {self.name}({', '.join(self.params)})>"


def feel_type_name(value) -> str:
    """The FEEL name of a value's type, as ``instance of`` and error messages use it."""
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (_dt.datetime, WideDateTime)):
        return "date and time"
    if isinstance(value, (_dt.date, WideDate)):
        return "date"
    if isinstance(value, (_dt.time, WideTime)):
        return "time"
    if isinstance(value, DayTimeDuration):
        return "days and time duration"
    if isinstance(value, YearMonthDuration):
        return "years and months duration"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "context"
    if isinstance(value, Range):
        return "range"
    if isinstance(value, FeelFunction):
        return "function"
    return type(value).__name__
