"""Other built-in functions: ``is`` (DMN 1.5, 10.3.4.10)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from ..calendar import is_date_time, is_time
from ..ops import eq
from ..values import feel_type_name
from .base import Builtin

__all__ = ["FUNCTIONS"]


def _same_zone(a, b) -> bool:
    """Same time zone representation: no zone, the same IANA zone, or the same fixed offset."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, ZoneInfo) or isinstance(b, ZoneInfo):
        return isinstance(a, ZoneInfo) and isinstance(b, ZoneInfo) and a.key == b.key
    return a.utcoffset(None) == b.utcoffset(None)


class _Is(Builtin):
    """Named arguments may leave one value out: ``is(value1: x)`` compares x with null (TCK 0103)."""

    def call_named(self, kwargs: dict):
        if not set(kwargs) <= {"value1", "value2"}:
            return None
        return self.call([kwargs.get("value1"), kwargs.get("value2")])


def feel_is(value1, value2):
    """Same FEEL type and same value; temporal values must also have the same fields and zone.

    ``is(@"23:00:50Z", @"23:00:50+00:00")`` is true, ``is(@"2012-12-25", @"2012-12-25T00:00:00Z")``
    and ``is(@"20:00:50+00:00", @"21:00:50+01:00")`` are false (TCK 0103).
    """
    if feel_type_name(value1) != feel_type_name(value2):
        return False
    if is_date_time(value1) or is_time(value1):
        return value1.replace(tzinfo=None) == value2.replace(tzinfo=None) and _same_zone(
            value1.tzinfo, value2.tzinfo
        )
    return eq(value1, value2) is True


FUNCTIONS: list[Builtin] = [_Is("is", [("value1", "value2")], feel_is)]
