"""Parsing and arithmetic of FEEL temporal values (dates, times, date and times, durations).

Python's ``datetime`` types only cover the years 1..9999 and microsecond precision: texts with
other years give ``None`` and fractions of a second beyond microseconds are truncated.

A date that meets a date and time in arithmetic stands for its midnight UTC, as the DMN TCK
expects (``@"2021-01-02" - @"2021-01-01T10:10:10+11:00"`` is ``P1DT49M50S``); a local date and
time (no offset, no zone) against a zoned one gives null.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from decimal import ROUND_DOWN, ROUND_FLOOR, Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .values import DECIMAL, DayTimeDuration, Range, YearMonthDuration, is_number

__all__ = [
    "add",
    "add_months_to_date",
    "divide",
    "duration_from_timedelta",
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
_MAX_OFFSET = 18 * 3600  # the widest offset ISO 8601 / java.time accept

_DATE_RE = re.compile(r"(-?)(\d{4,9})-(\d{2})-(\d{2})")
_TIME_RE = re.compile(
    r"(\d{2}):(\d{2}):(\d{2})(?:\.(\d*))?"
    r"(?:(Z)|([+-])(\d{2}):(\d{2})(?::(\d{2}))?|@([A-Za-z][A-Za-z0-9_+\-/]*))?"
)
_DURATION_RE = re.compile(
    r"(-)?P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?"
    r"(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d*)?)S)?)?"
)


# --------------------------------------------------------------------------- parsing


def parse_zone(name: str):
    """A ``ZoneInfo`` for an IANA name, or None when there is no such zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, TypeError):
        return None


def fixed_offset(seconds: int):
    """A fixed-offset tzinfo (UTC itself for a zero offset), or None when out of range."""
    if abs(seconds) > _MAX_OFFSET:
        return None
    if seconds == 0:
        return UTC
    return _dt.timezone(_dt.timedelta(seconds=seconds))


def _parse_date_parts(m: re.Match):
    sign, year_text, month, day = m.groups()
    if len(year_text) > 4 and year_text.startswith("0"):
        return None  # ISO 8601: more than four digits only without leading zeros
    year = int(year_text)
    if sign or not 1 <= year <= 9999:
        return None  # valid FEEL, but not representable by datetime.date
    try:
        return _dt.date(year, int(month), int(day))
    except ValueError:
        return None


def parse_date(text) -> _dt.date | None:
    """``"2012-12-25"`` as a date; None for an invalid text or a year outside 1..9999."""
    if not isinstance(text, str):
        return None
    m = _DATE_RE.fullmatch(text)
    return _parse_date_parts(m) if m else None


def _parse_time_parts(m: re.Match):
    """(time, extra_day) from a ``_TIME_RE`` match: ``24:00:00`` is midnight of the next day."""
    hh, mm, ss, frac, z, osign, oh, om, os_, zone = m.groups()
    hour, minute, second = int(hh), int(mm), int(ss)
    micro = int((frac or "").ljust(6, "0")[:6])
    extra_day = 0
    if hour == 24 and minute == 0 and second == 0 and micro == 0:
        hour, extra_day = 0, 1
    if hour > 23 or minute > 59 or second > 59:
        return None
    tz = None
    if z:
        tz = UTC
    elif osign:
        oh_i, om_i, os_i = int(oh), int(om), int(os_ or 0)
        if om_i > 59 or os_i > 59:
            return None
        seconds = oh_i * 3600 + om_i * 60 + os_i
        tz = fixed_offset(-seconds if osign == "-" else seconds)
        if tz is None:
            return None
    elif zone:
        tz = parse_zone(zone)
        if tz is None:
            return None
    return _dt.time(hour, minute, second, micro, tzinfo=tz), extra_day


def parse_time(text) -> _dt.time | None:
    """``"hh:mm:ss[.fff][Z|+hh:mm|@Zone/Name]"`` as a time, or None."""
    if not isinstance(text, str):
        return None
    m = _TIME_RE.fullmatch(text)
    if not m:
        return None
    parts = _parse_time_parts(m)
    return parts[0] if parts else None


def parse_date_time(text) -> _dt.datetime | None:
    """``"2012-12-24T23:59:00[offset|@zone]"`` as a date and time; a date alone gives midnight."""
    if not isinstance(text, str):
        return None
    date_text, sep, time_text = text.partition("T")
    m = _DATE_RE.fullmatch(date_text)
    if not m:
        return None
    day = _parse_date_parts(m)
    if day is None:
        return None
    if not sep:
        return _dt.datetime(day.year, day.month, day.day)
    tm = _TIME_RE.fullmatch(time_text)
    if not tm:
        return None
    parts = _parse_time_parts(tm)
    if parts is None:
        return None
    time, extra_day = parts
    try:
        result = _dt.datetime.combine(day, time)
        return result + _dt.timedelta(days=extra_day) if extra_day else result
    except OverflowError:
        return None


def parse_duration(text) -> DayTimeDuration | YearMonthDuration | None:
    """An ISO 8601 duration: ``P1DT2H3M4.5S`` (days and time) or ``P1Y2M`` (years and months).

    A duration mixing both kinds (``P1Y2D``) has no FEEL type and gives None.
    """
    if not isinstance(text, str):
        return None
    m = _DURATION_RE.fullmatch(text)
    if not m:
        return None
    neg, years, months, days, hours, minutes, seconds = m.groups()
    has_ym = years is not None or months is not None
    has_dt = any(x is not None for x in (days, hours, minutes, seconds))
    if has_ym and has_dt:
        return None
    if has_ym:
        total = int(years or 0) * 12 + int(months or 0)
        return YearMonthDuration(-total if neg else total)
    secs = DECIMAL.add(
        Decimal(int(days or 0) * 86400 + int(hours or 0) * 3600 + int(minutes or 0) * 60),
        Decimal(seconds.rstrip(".") if seconds else 0),
    )
    return DayTimeDuration(DECIMAL.minus(secs) if neg else DECIMAL.plus(secs))


def parse_at_literal(text):
    """The value of FEEL's ``@"..."`` literal: a duration, date and time, date or time; None if none.

    ``@"P1D"`` is a duration, ``@"2021-01-01T10:00:00"`` a date and time, ``@"2021-01-01"`` a
    date and ``@"10:00:00@Europe/Paris"`` a time.
    """
    if not isinstance(text, str):
        return None
    if text.startswith(("P", "-P")):
        return parse_duration(text)
    if "T" in text:
        return parse_date_time(text)
    if _DATE_RE.fullmatch(text):
        return parse_date(text)
    return parse_time(text)


# --------------------------------------------------------------------------- conversions


def duration_from_timedelta(td: _dt.timedelta) -> DayTimeDuration:
    return DayTimeDuration(Decimal(td.days * 86400 + td.seconds) + _micro_fraction(td.microseconds))


def timedelta_from_duration(d: DayTimeDuration) -> _dt.timedelta:
    """The timedelta of a days-and-time duration, truncated to microseconds."""
    micros = int(d.seconds.scaleb(6).to_integral_value(ROUND_DOWN))
    return _dt.timedelta(microseconds=micros)


def offset_of(value) -> _dt.timedelta | None:
    """The UTC offset of a time or date and time, None when it is local (no offset, no zone)."""
    tz = value.tzinfo
    if tz is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.utcoffset()
    offset = value.utcoffset()
    if offset is None:  # an IANA zone on a time: place it on the reference date
        offset = _dt.datetime.combine(ZONE_REFERENCE_DATE, value).utcoffset()
    return offset


def _as_instant(value):
    """A date or date and time as a datetime: dates become midnight UTC."""
    if isinstance(value, _dt.datetime):
        return value
    return _dt.datetime(value.year, value.month, value.day, tzinfo=UTC)


def _micro_fraction(micros: int) -> Decimal:
    """Microseconds as an exact fraction of a second without trailing zeros (``0.5``, not ``0.500000``)."""
    return Decimal(micros).scaleb(-6).normalize(DECIMAL) if micros else Decimal(0)


def _time_seconds(t: _dt.time) -> Decimal:
    return Decimal(t.hour * 3600 + t.minute * 60 + t.second) + _micro_fraction(t.microsecond)


def _time_from_seconds(seconds: Decimal, tzinfo) -> _dt.time:
    seconds = DECIMAL.remainder(seconds, Decimal(86400))
    if seconds < 0:
        seconds += 86400
    micros = int(seconds.scaleb(6).to_integral_value(ROUND_FLOOR))
    whole, micro = divmod(micros, 1_000_000)
    hour, rest = divmod(whole, 3600)
    minute, second = divmod(rest, 60)
    return _dt.time(hour, minute, second, micro, tzinfo=tzinfo)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months_to_date(value: _dt.date, months: int) -> _dt.date | None:
    """A date a whole number of months later, the day clamped to the month's end (2026-01-31 + P1M is
    2026-02-28); None beyond the years 1..9999."""
    year, month0 = divmod(value.year * 12 + value.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        return None
    day = value.day
    if day > 28:
        if month0 == 1:
            last = 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
        else:
            last = _MONTH_DAYS[month0]
        if day > last:
            day = last
    return _dt.date(year, month0 + 1, day)


def _add_months(value, months: int):
    """A date or date and time moved by whole months, the day clamped to the month's end (the time kept)."""
    if type(value) is _dt.date:
        return add_months_to_date(value, months)
    moved = add_months_to_date(value.date(), months)
    return None if moved is None else value.replace(year=moved.year, month=moved.month, day=moved.day)


def _add_timedelta(value, td: _dt.timedelta):
    """A date and time moved by an exact amount of time (instant arithmetic for IANA zones)."""
    try:
        if value.tzinfo is not None and not isinstance(value.tzinfo, _dt.timezone):
            zone = value.tzinfo
            return (value.astimezone(UTC) + td).astimezone(zone)
        return value + td
    except OverflowError:
        return None


# --------------------------------------------------------------------------- arithmetic


def _is_date(v) -> bool:
    return isinstance(v, _dt.date) and not isinstance(v, _dt.datetime)


def _null_on_overflow(function):
    """Results beyond what the temporal types hold (year 10000, a 10**30-second time) are null."""

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
        if isinstance(a, _dt.date):  # date and date and time
            return _add_months(a, b.months)
        return None
    if isinstance(b, DayTimeDuration):
        if isinstance(a, DayTimeDuration):
            return DayTimeDuration(DECIMAL.add(a.seconds, b.seconds))
        if isinstance(a, _dt.datetime):
            return _add_timedelta(a, timedelta_from_duration(b))
        if isinstance(a, _dt.date):
            moved = _add_timedelta(_dt.datetime(a.year, a.month, a.day), timedelta_from_duration(b))
            return None if moved is None else moved.date()
        if isinstance(a, _dt.time):
            return _time_from_seconds(DECIMAL.add(_time_seconds(a), b.seconds), a.tzinfo)
    return None


@_null_on_overflow
def subtract(a, b):
    """``a - b`` for temporal operands, None when FEEL gives null (or a is not temporal)."""
    if isinstance(b, YearMonthDuration):
        if isinstance(a, (YearMonthDuration, _dt.date)):
            return add(a, YearMonthDuration(-b.months))
        return None
    if isinstance(b, DayTimeDuration):
        if isinstance(a, (DayTimeDuration, _dt.date, _dt.time)):
            return add(a, DayTimeDuration(DECIMAL.minus(b.seconds)))
        return None
    if isinstance(a, _dt.date) and isinstance(b, _dt.date):
        if _is_date(a) and _is_date(b):
            return duration_from_timedelta(a - b)
        x, y = _as_instant(a), _as_instant(b)
        if (x.tzinfo is None) != (y.tzinfo is None):
            return None
        if x.tzinfo is not None:
            x, y = x.astimezone(UTC), y.astimezone(UTC)
        return duration_from_timedelta(x - y)
    if isinstance(a, _dt.time) and isinstance(b, _dt.time):
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
    if not isinstance(start, _dt.date) or not isinstance(end, _dt.date):
        return None
    if isinstance(start, _dt.datetime) and isinstance(end, _dt.datetime):
        if start.tzinfo is not None and end.tzinfo is not None:
            end = end.astimezone(start.tzinfo)
    months = (end.year - start.year) * 12 + (end.month - start.month)

    def rest(v):
        if isinstance(v, _dt.datetime):
            return (v.day, v.hour, v.minute, v.second, v.microsecond)
        return (v.day, 0, 0, 0, 0)

    if months > 0 and rest(end) < rest(start):
        months -= 1
    elif months < 0 and rest(end) > rest(start):
        months += 1
    return YearMonthDuration(months)


# --------------------------------------------------------------------------- properties


def _int(n: int) -> Decimal:
    return Decimal(n)


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
        return _int(value.second) + _micro_fraction(value.microsecond)
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
        return Decimal(months // 12 if months >= 0 else -(-months // 12))
    if name == "months":
        return Decimal(months % 12 if months >= 0 else -(-months % 12))
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
    if isinstance(value, _dt.datetime):
        result = _date_properties(value, name)
        return result if result is not None else _time_properties(value, name)
    if isinstance(value, _dt.date):
        return _date_properties(value, name)
    if isinstance(value, _dt.time):
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
