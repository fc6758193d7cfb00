"""FEEL values as text: the ``string()`` conversion (and the way values print in messages)."""

from __future__ import annotations

import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from .calendar import format_year, is_date, is_date_time, is_time, nanosecond_of
from .values import DECIMAL, RANGE_TEXT, DayTimeDuration, FeelFunction, Range, YearMonthDuration

__all__ = ["format_number", "format_time", "to_feel_text"]

_PLAIN_NAME = re.compile(r"[^\W\d][\w ?'.]*", re.UNICODE)


def format_number(n: Decimal) -> str:
    """A number in plain notation, without exponent and without trailing fraction zeros."""
    if not n.is_finite():
        return "null"
    if n.is_zero():
        return "0"
    text = format(n.normalize(DECIMAL), "f")
    return text


def _fraction(nano: int) -> str:
    return ("." + f"{nano:09d}".rstrip("0")) if nano else ""


def _zone_suffix(value) -> str:
    tz = value.tzinfo
    if tz is None:
        return ""
    if isinstance(tz, ZoneInfo):
        return "@" + tz.key
    offset = value.utcoffset() if is_date_time(value) else tz.utcoffset(None)
    if offset is None:
        return ""
    seconds = int(offset.total_seconds())
    if seconds == 0:
        return "Z"
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{sign}{hours:02d}:{minutes:02d}"
    return text + (f":{secs:02d}" if secs else "")


def format_time(value) -> str:
    """``10:30:00``, ``10:30:00.5``, ``10:30:00Z``, ``10:30:00+01:00``, ``10:30:00@Europe/Paris``."""
    return (
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
        + _fraction(nanosecond_of(value))
        + _zone_suffix(value)
    )


def _format_date(value) -> str:
    return f"{format_year(value.year)}-{value.month:02d}-{value.day:02d}"


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    escaped = escaped.replace("\t", "\\t")
    return f'"{escaped}"'


def _key(name: str) -> str:
    return name if _PLAIN_NAME.fullmatch(name) and not name.endswith(" ") else _quote(name)


def _nested(value) -> str:
    """A value inside a list, context or range: strings are quoted there."""
    if isinstance(value, str):
        return _quote(value)
    return to_feel_text(value)


def _format_range(r: Range) -> str:
    start = "" if r.start is None else _nested(r.start)
    end = "" if r.end is None else _nested(r.end)
    if r.start is None:
        return ("<= " if r.end_included else "< ") + end
    if r.end is None:
        return (">= " if r.start_included else "> ") + start
    return f"{'[' if r.start_included else '('}{start}..{end}{']' if r.end_included else ')'}"


def to_feel_text(value) -> str:
    """The text FEEL's ``string(value)`` gives (a string itself is returned unchanged)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, str):
        return value
    if is_date_time(value):
        return _format_date(value) + "T" + format_time(value)
    if is_date(value):
        return _format_date(value)
    if is_time(value):
        return format_time(value)
    if isinstance(value, (DayTimeDuration, YearMonthDuration)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_nested(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_nested(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Range):
        return _format_range(value)
    if isinstance(value, FeelFunction):
        return f"function({', '.join(value.params)})"
    return str(value)


def _range_str(r: Range) -> str:
    """``str(range)``: endpoints as ``string()`` gives them (``[1.5..10)``)."""
    start = "" if r.start is None else to_feel_text(r.start)
    end = "" if r.end is None else to_feel_text(r.end)
    if r.start is None:
        return ("<= " if r.end_included else "< ") + end
    if r.end is None:
        return (">= " if r.start_included else "> ") + start
    return f"{'[' if r.start_included else '('}{start}..{end}{']' if r.end_included else ')'}"


RANGE_TEXT[0] = _range_str
