"""Temporal built-in functions (DMN 1.5, 10.3.4.1 conversion and 10.3.4.11 temporal functions).

``date``, ``time``, ``date and time``, ``duration``, ``years and months duration``, ``now``,
``today``, ``day of year``, ``day of week``, ``month of year`` and ``week of year``.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from .. import temporal
from ..calendar import (
    equivalent_date,
    is_date,
    is_date_time,
    is_time,
    make_date,
    make_date_time,
    make_time,
    nanosecond_of,
)
from ..numbers import in_range
from ..values import DayTimeDuration, is_number
from .base import Builtin, builtin

__all__ = ["FUNCTIONS"]

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _integer(value) -> int | None:
    """The int of an integer-valued FEEL number, None for anything else."""
    if is_number(value) and in_range(value) and value == value.to_integral_value():
        return int(value)  # in_range: a number of a million digits would take ages to convert
    return None


@builtin("date", ("from",), ("year", "month", "day"))
def date(*args):
    """``date("2012-12-25")``, ``date(date and time)``, ``date(2012, 12, 25)``."""
    if len(args) == 3:
        year, month, day = args
        # the usual call: three numbers, checked integral without the general ``_integer`` per part
        if year.__class__ is Decimal and month.__class__ is Decimal and day.__class__ is Decimal:
            if year.adjusted() < 10 and year == year.to_integral_value() and month == month.to_integral_value() \
                    and day == day.to_integral_value():  # adjusted: no year of a million digits is converted
                try:
                    return make_date(int(year), int(month), int(day))
                except (ValueError, OverflowError):  # infinite
                    return None
            return None
    elif len(args) == 1:
        value = args[0]
        if value.__class__ is str:
            return temporal.parse_date(value)
        if value.__class__ is _dt.date:
            return value
    if len(args) == 1:
        value = args[0]
        if isinstance(value, str):
            return temporal.parse_date(value)
        if is_date_time(value):
            return value.date()
        if is_date(value):
            return value
        return None
    if len(args) == 3:
        year, month, day = (_integer(a) for a in args)
        if year is None or month is None or day is None:
            return None
        return make_date(year, month, day)
    return None


def _time_from_parts(hour, minute, second, offset=None):
    h, m = _integer(hour), _integer(minute)
    if h is None or m is None or not is_number(second):
        return None
    if not (0 <= h <= 23 and 0 <= m <= 59 and 0 <= second < 60):
        return None
    whole = int(second)
    nano = int((second - whole).scaleb(9))
    tz = None
    if offset is not None:
        if not isinstance(offset, DayTimeDuration):
            return None
        seconds = _integer(offset.seconds)
        if seconds is None:
            return None
        tz = temporal.fixed_offset(seconds)
        if tz is None:
            return None
    return make_time(h, m, whole, nano, tz)


@builtin("time", ("from",), ("hour", "minute", "second", "offset"))
def time(*args):
    """``time("10:30:00")``, ``time(date and time)``, ``time(10, 30, 0, duration("PT1H"))``."""
    if len(args) == 1:
        value = args[0]
        if isinstance(value, str):
            # ISO 8601's time designator may lead: the specification's own example is time("T23:59:00")
            if value[:1] == "T" and value[1:2].isdigit():
                value = value[1:]
            return temporal.parse_time(value)
        if is_date_time(value):
            return value.timetz()
        if is_date(value):
            return _dt.time(0, 0, 0, tzinfo=_dt.UTC)  # a date is its midnight UTC
        if is_time(value):
            return value
        return None
    if len(args) in (3, 4):
        return _time_from_parts(*args)
    return None


@builtin("date and time", ("from",), ("date", "time"))
def date_and_time(*args):
    """``date and time("2012-12-24T23:59:00")``, ``date and time(date, time)``."""
    if len(args) == 1:
        value = args[0]
        if isinstance(value, str):
            return temporal.parse_date_time(value)
        if is_date_time(value):
            return value
        if is_date(value):
            return make_date_time(value.year, value.month, value.day, 0, 0, 0, 0)
        return None
    if len(args) == 2:
        day, tm = args
        if not (is_date(day) or is_date_time(day)) or not is_time(tm):
            return None
        return make_date_time(day.year, day.month, day.day, tm.hour, tm.minute, tm.second, nanosecond_of(tm),
                              tm.tzinfo)
    return None


@builtin("duration", ("from",))
def duration(from_):
    """``duration("P1DT2H")`` or ``duration("P1Y2M")``."""
    return temporal.parse_duration(from_) if isinstance(from_, str) else None


#: the whole years and months from one date (or date and time) to another: the function itself, no wrapper
years_and_months_duration = Builtin("years and months duration", [("from", "to")],
                                    temporal.years_and_months_between)


@builtin("now", ())
def now():
    """The current date and time, with the system's UTC offset."""
    return _dt.datetime.now().astimezone()


@builtin("today", ())
def today():
    return _dt.date.today()


def _date_of(value) -> _dt.date | None:
    """The Python date with the same calendar and weekday as a date or date and time (its year may differ:
    the calendar repeats every 400 years)."""
    if isinstance(value, _dt.date):
        return value
    if is_date(value) or is_date_time(value):
        return equivalent_date(value.year, value.month, value.day)
    return None


@builtin("day of year", ("date",))
def day_of_year(date):
    d = _date_of(date)
    return None if d is None else Decimal(d.timetuple().tm_yday)


@builtin("day of week", ("date",))
def day_of_week(date):
    d = _date_of(date)
    return None if d is None else _DAY_NAMES[d.weekday()]


@builtin("month of year", ("date",))
def month_of_year(date):
    d = _date_of(date)
    return None if d is None else _MONTH_NAMES[d.month - 1]


@builtin("week of year", ("date",))
def week_of_year(date):
    """The ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday)."""
    d = _date_of(date)
    return None if d is None else Decimal(d.isocalendar()[1])


FUNCTIONS: list[Builtin] = [
    date,
    time,
    date_and_time,
    duration,
    years_and_months_duration,
    now,
    today,
    day_of_year,
    day_of_week,
    month_of_year,
    week_of_year,
]
