"""Arithmetic and properties of FEEL temporal values (dates, times, date and times, durations).

Dates and times span FEEL's whole range (``calendar.py``): each operation works on their parts (day number,
nanoseconds of the day, zone) and gives a plain Python value whenever one can hold the result. Texts are parsed
in ``iso8601.py``; its functions are exported here too.

A date that meets a date and time in arithmetic stands for its midnight UTC, as the DMN TCK
expects (``@"2021-01-02" - @"2021-01-01T10:10:10+11:00"`` is ``P1DT49M50S``); a local date and
time (no offset, no zone) against a zoned one gives null.
"""

from __future__ import annotations

import datetime as _dt
import functools
from decimal import ROUND_DOWN, ROUND_FLOOR, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from .calendar import (
    DAY_NS,
    SECOND_NS,
    date_from_days,
    date_time_from_local_ns,
    day_number,
    from_utc_ns,
    instant_ns,
    is_date,
    is_date_time,
    is_time,
    local_ns,
    make_date,
    make_date_time,
    make_time,
    month_length,
    nanosecond_of,
    time_ns,
)
from .iso8601 import fixed_offset, parse_at_literal, parse_date, parse_date_time, parse_duration, parse_time, parse_zone
from .values import DECIMAL, DayTimeDuration, Range, YearMonthDuration, is_number

__all__ = [
    "add",
    "add_months_to_date",
    "divide",
    "duration_from_timedelta",
    "fixed_offset",
    "get_property",
    "multiply",
    "offset_of",
    "parse_at_literal",
    "parse_date",
    "parse_date_time",
    "parse_duration",
    "parse_time",
    "parse_zone",
    "subtract",
    "timedelta_from_duration",
    "years_and_months_between",
]

UTC = _dt.UTC
#: The date a time with an IANA zone is placed on to find its offset (a time alone has no date).
ZONE_REFERENCE_DATE = _dt.date(1970, 1, 1)


# --------------------------------------------------------------------------- conversions


def duration_from_timedelta(td: _dt.timedelta) -> DayTimeDuration:
    return DayTimeDuration(Decimal(td.days * 86400 + td.seconds) + _fraction(td.microseconds * 1000))


def timedelta_from_duration(d: DayTimeDuration) -> _dt.timedelta:
    """The timedelta of a days-and-time duration, truncated to microseconds."""
    micros = int(d.seconds.scaleb(6).to_integral_value(ROUND_DOWN))
    return _dt.timedelta(microseconds=micros)


def _duration_ns(d: DayTimeDuration) -> int:
    """A days-and-time duration in nanoseconds, finer digits cut."""
    return int(d.seconds.scaleb(9).to_integral_value(ROUND_DOWN))


def _duration_of_ns(ns: int) -> DayTimeDuration:
    return DayTimeDuration(DECIMAL.plus(Decimal(ns).scaleb(-9)).normalize(DECIMAL) if ns % SECOND_NS
                           else Decimal(ns // SECOND_NS))


def offset_of(value) -> _dt.timedelta | None:
    """The UTC offset of a time or date and time, None when it is local (no offset, no zone)."""
    tz = value.tzinfo
    if tz is None:
        return None
    offset = value.utcoffset()
    if offset is None and is_time(value):  # an IANA zone on a time: place it on the reference date
        offset = _dt.datetime.combine(ZONE_REFERENCE_DATE, _dt.time(value.hour, value.minute, value.second,
                                                                    tzinfo=tz)).utcoffset()
    return offset


def _fraction(nanos: int) -> Decimal:
    """Nanoseconds as an exact fraction of a second without trailing zeros (``0.5``, not ``0.500000000``)."""
    return Decimal(nanos).scaleb(-9).normalize(DECIMAL) if nanos else Decimal(0)


def _time_seconds(t) -> Decimal:
    return Decimal(t.hour * 3600 + t.minute * 60 + t.second) + _fraction(nanosecond_of(t))


def _time_from_seconds(seconds: Decimal, tzinfo):
    seconds = DECIMAL.remainder(seconds, Decimal(86400))
    if seconds < 0:
        seconds += 86400
    nanos = int(seconds.scaleb(9).to_integral_value(ROUND_FLOOR))
    whole, nano = divmod(nanos, SECOND_NS)
    hour, rest = divmod(whole, 3600)
    minute, second = divmod(rest, 60)
    return make_time(hour, minute, second, nano, tzinfo)


def add_months_to_date(value, months: int):
    """A date a whole number of months later, the day clamped to the month's end (2026-01-31 + P1M is
    2026-02-28); None beyond FEEL's years."""
    year, month0 = divmod(value.year * 12 + value.month - 1 + months, 12)
    day = min(value.day, month_length(year, month0 + 1)) if value.day > 28 else value.day
    return make_date(year, month0 + 1, day)


def _add_months(value, months: int):
    """A date or date and time moved by whole months, the day clamped to the month's end (the time kept)."""
    moved = add_months_to_date(value, months)
    if moved is None or is_date(value):
        return moved
    return make_date_time(moved.year, moved.month, moved.day, value.hour, value.minute, value.second,
                          nanosecond_of(value), value.tzinfo)


def _add_ns(value, ns: int):
    """A date and time moved by an exact amount of time (instant arithmetic for IANA zones)."""
    tz = value.tzinfo
    if tz is not None and not isinstance(tz, _dt.timezone):
        return from_utc_ns(instant_ns(value) + ns, tz)
    return date_time_from_local_ns(local_ns(value) + ns, tz)


# --------------------------------------------------------------------------- arithmetic


def _is_date_like(v) -> bool:
    return is_date(v) or is_date_time(v)


def _null_on_overflow(function):
    """Results beyond what the temporal types hold (a year past 999,999,999, a 10**30-second time) are null."""

    @functools.wraps(function)
    def wrapper(a, b):
        try:
            return function(a, b)
        except (ArithmeticError, ValueError):  # OverflowError and decimal signals included
            return None

    return wrapper


@_null_on_overflow
def add(a, b):
    """``a + b`` for temporal operands, None when FEEL gives null (or a is not temporal)."""
    if isinstance(a, (DayTimeDuration, YearMonthDuration)) and not isinstance(b, (DayTimeDuration, YearMonthDuration)):
        a, b = b, a  # duration + temporal is temporal + duration
    if isinstance(b, YearMonthDuration):
        if isinstance(a, YearMonthDuration):
            return YearMonthDuration(a.months + b.months)
        if _is_date_like(a):
            return _add_months(a, b.months)
        return None
    if isinstance(b, DayTimeDuration):
        if isinstance(a, DayTimeDuration):
            return DayTimeDuration(DECIMAL.add(a.seconds, b.seconds))
        if is_date_time(a):
            return _add_ns(a, _duration_ns(b))
        if is_date(a):
            return date_from_days((local_ns(a) + _duration_ns(b)) // DAY_NS)
        if is_time(a):
            return _time_from_seconds(DECIMAL.add(_time_seconds(a), b.seconds), a.tzinfo)
    return None


def _instant_of(value):
    """(ns, zoned) of a date or date and time: a date is its midnight UTC."""
    if is_date(value):
        return local_ns(value), True
    return instant_ns(value), value.tzinfo is not None


@_null_on_overflow
def subtract(a, b):
    """``a - b`` for temporal operands, None when FEEL gives null (or a is not temporal)."""
    if isinstance(b, YearMonthDuration):
        if isinstance(a, YearMonthDuration) or _is_date_like(a):
            return add(a, YearMonthDuration(-b.months))
        return None
    if isinstance(b, DayTimeDuration):
        if isinstance(a, DayTimeDuration) or _is_date_like(a) or is_time(a):
            return add(a, DayTimeDuration(DECIMAL.minus(b.seconds)))
        return None
    if _is_date_like(a) and _is_date_like(b):
        if is_date(a) and is_date(b):
            return DayTimeDuration(Decimal((day_number(a) - day_number(b)) * 86400))
        (x, zoned_x), (y, zoned_y) = _instant_of(a), _instant_of(b)
        if zoned_x != zoned_y:
            return None
        return _duration_of_ns(x - y)
    if is_time(a) and is_time(b):
        oa, ob = offset_of(a), offset_of(b)
        if (oa is None) != (ob is None):
            return None
        diff = DECIMAL.subtract(_time_seconds(a), _time_seconds(b))
        if oa is not None and a.tzinfo != b.tzinfo:
            diff = DECIMAL.subtract(diff, Decimal(int((oa - ob).total_seconds())))
        return DayTimeDuration(diff)
    return None


@_null_on_overflow
def multiply(a, b):
    """``duration * number`` or ``number * duration``; None otherwise."""
    if is_number(a) and isinstance(b, (DayTimeDuration, YearMonthDuration)):
        a, b = b, a
    if not is_number(b):
        return None
    try:
        if isinstance(a, DayTimeDuration):
            return DayTimeDuration(DECIMAL.multiply(a.seconds, b))
        if isinstance(a, YearMonthDuration):
            months = DECIMAL.multiply(Decimal(a.months), b)
            return YearMonthDuration(int(months.to_integral_value(ROUND_DOWN)))
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return None


@_null_on_overflow
def divide(a, b):
    """``duration / number`` (a duration) or ``duration / duration`` of one kind (a number)."""
    try:
        if isinstance(a, DayTimeDuration):
            if isinstance(b, DayTimeDuration):
                return None if b.seconds == 0 else DECIMAL.divide(a.seconds, b.seconds)
            if is_number(b):
                return None if b == 0 else DayTimeDuration(DECIMAL.divide(a.seconds, b))
        if isinstance(a, YearMonthDuration):
            if isinstance(b, YearMonthDuration):
                return None if b.months == 0 else DECIMAL.divide(Decimal(a.months), Decimal(b.months))
            if is_number(b):
                if b == 0:
                    return None
                months = DECIMAL.divide(Decimal(a.months), b)
                return YearMonthDuration(int(months.to_integral_value(ROUND_DOWN)))
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return None


def years_and_months_between(start, end) -> YearMonthDuration | None:
    """The whole months from ``start`` to ``end`` (dates or date and times), as FEEL counts them.

    A month is complete when the day (and time) of the month has been reached again:
    2026-01-15 to 2026-02-14 is 0 months, to 2026-02-15 is 1 month.
    """
    if start.__class__ is _dt.date and end.__class__ is _dt.date:  # two dates: only the days count
        months = (end.year - start.year) * 12 + (end.month - start.month)
        if months > 0:
            if end.day < start.day:
                months -= 1
        elif months < 0 and end.day > start.day:
            months += 1
        return YearMonthDuration(months)
    if not _is_date_like(start) or not _is_date_like(end):
        return None
    if is_date_time(start) and is_date_time(end) and start.tzinfo is not None and end.tzinfo is not None:
        end = from_utc_ns(instant_ns(end), start.tzinfo)
        if end is None:
            return None
    months = (end.year - start.year) * 12 + (end.month - start.month)

    def rest(v):
        return (v.day, 0) if is_date(v) else (v.day, time_ns(v))

    if months > 0 and rest(end) < rest(start):
        months -= 1
    elif months < 0 and rest(end) > rest(start):
        months += 1
    return YearMonthDuration(months)


# --------------------------------------------------------------------------- properties


_SMALL_INTS = tuple(Decimal(i) for i in range(-1024, 4096))  # made once: years, months, days of durations


def _int(n: int) -> Decimal:
    return _SMALL_INTS[n + 1024] if -1024 <= n < 4096 else Decimal(n)


def _zone_name(value):
    tz = value.tzinfo
    if isinstance(tz, ZoneInfo):
        return tz.key
    return None


def _time_properties(value, name):
    if name == "hour":
        return _int(value.hour)
    if name == "minute":
        return _int(value.minute)
    if name == "second":
        return _int(value.second) + _fraction(nanosecond_of(value))
    if name == "time offset":
        offset = offset_of(value)
        return None if offset is None else duration_from_timedelta(offset)
    if name == "timezone":
        return _zone_name(value)
    return None


def _date_properties(value, name):
    if name == "year":
        return _int(value.year)
    if name == "month":
        return _int(value.month)
    if name == "day":
        return _int(value.day)
    if name == "weekday":
        return _int(value.isoweekday())
    return None


def _day_time_property(value: DayTimeDuration, name: str):
    secs = value.seconds
    if name == "days":  # whole days, truncated towards zero, as the general code below counts them
        days = int(secs) // 86400 if secs >= 0 else -(int(-secs) // 86400)
        return Decimal(days)
    sign = -1 if secs < 0 else 1
    secs = abs(secs)
    whole = int(secs)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if name == "hours":
        return _int(sign * hours)
    if name == "minutes":
        return _int(sign * minutes)
    if name == "seconds":
        exact = Decimal(seconds) + (secs - whole)
        return DECIMAL.plus(-exact if sign < 0 else exact)
    return None


def _year_month_property(value: YearMonthDuration, name: str):
    months = value.months
    if name == "years":  # whole years, truncated towards zero
        return _int(months // 12 if months >= 0 else -(-months // 12))
    if name == "months":
        return _int(months % 12 if months >= 0 else -(-months % 12))
    return None


def get_property(value, name: str):
    """A FEEL property (``date.year``, ``duration.hours``, ``range.start``...); None if unknown."""
    cls = value.__class__
    if cls is DayTimeDuration:
        return _day_time_property(value, name)
    if cls is YearMonthDuration:
        return _year_month_property(value, name)
    if cls is _dt.date:
        return _date_properties(value, name)
    if is_date_time(value):
        result = _date_properties(value, name)
        return result if result is not None else _time_properties(value, name)
    if is_date(value):
        return _date_properties(value, name)
    if is_time(value):
        return _time_properties(value, name)
    if isinstance(value, YearMonthDuration):
        return _year_month_property(value, name)
    if isinstance(value, DayTimeDuration):
        return _day_time_property(value, name)
    if isinstance(value, Range):
        if name == "start":
            return value.start
        if name == "end":
            return value.end
        if name == "start included":
            return value.start_included
        if name == "end included":
            return value.end_included
    return None
