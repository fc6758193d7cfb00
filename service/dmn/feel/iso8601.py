"""FEEL temporal values from their ISO 8601 / XML Schema texts (DMN 1.5, 10.3.4.1 and 10.3.2.3).

``date("-2017-12-31")``, ``time("10:20:30.123456789@Europe/Paris")``, ``date and time("999999999-12-31T23:59:59Z")``,
``duration("P1DT2H")``: years from -999,999,999 to 999,999,999 (four digits at least, more only without a leading
zero, a minus sign for the years before year 0), fractions of a second to the nanosecond (finer digits are cut).
A text that is not such a value gives None.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .calendar import DAY_NS, date_time_from_local_ns, local_ns, make_date, make_date_time, make_time
from .values import DECIMAL, DayTimeDuration, YearMonthDuration

__all__ = [
    "fixed_offset",
    "parse_at_literal",
    "parse_date",
    "parse_date_time",
    "parse_duration",
    "parse_time",
    "parse_zone",
]

UTC = _dt.UTC
_MAX_OFFSET = 18 * 3600  # the widest offset ISO 8601 / java.time accept

_DATE_RE = re.compile(r"(-?)(\d{4,9})-(\d{2})-(\d{2})")
_TIME_RE = re.compile(
    r"(\d{2}):(\d{2}):(\d{2})(?:\.(\d*))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2})(?::(\d{2}))?|@([A-Za-z][A-Za-z0-9_+\-/]*))?"
)
_DURATION_RE = re.compile(
    r"(-)?P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?"
    r"(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d*)?)S)?)?"
)


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


def _date_parts(m: re.Match):
    """(year, month, day) of a ``_DATE_RE`` match, None when the year is not written as XML Schema writes it."""
    sign, year_text, month, day = m.groups()
    if len(year_text) > 4 and year_text.startswith("0"):
        return None  # more than four digits only without leading zeros
    year = int(year_text)
    if sign and year == 0:
        return None  # "-0000" is not a year
    return (-year if sign else year), int(month), int(day)


def parse_date(text):
    """``"2012-12-25"`` or ``"-2017-12-31"`` as a date; None for anything else."""
    if not isinstance(text, str):
        return None
    m = _DATE_RE.fullmatch(text)
    parts = _date_parts(m) if m else None
    return make_date(*parts) if parts else None


def _time_parts(m: re.Match):
    """(hour, minute, second, nanosecond, tzinfo, extra_day) of a ``_TIME_RE`` match; ``24:00:00`` is the next
    day's midnight. None when a field is out of range or the zone is unknown."""
    hh, mm, ss, frac, z, osign, oh, om, os_, zone = m.groups()
    hour, minute, second = int(hh), int(mm), int(ss)
    nano = int((frac or "").ljust(9, "0")[:9])
    extra_day = 0
    if hour == 24 and minute == 0 and second == 0 and nano == 0:
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
    return hour, minute, second, nano, tz, extra_day


def parse_time(text):
    """``"hh:mm:ss[.fffffffff][Z|+hh:mm|@Zone/Name]"`` as a time, or None."""
    if not isinstance(text, str):
        return None
    m = _TIME_RE.fullmatch(text)
    parts = _time_parts(m) if m else None
    return make_time(*parts[:5]) if parts else None


def parse_date_time(text):
    """``"2012-12-24T23:59:00[offset|@zone]"`` as a date and time; a date alone gives its midnight."""
    if not isinstance(text, str):
        return None
    date_text, sep, time_text = text.partition("T")
    m = _DATE_RE.fullmatch(date_text)
    day = _date_parts(m) if m else None
    if day is None or make_date(*day) is None:
        return None
    if not sep:
        return make_date_time(*day, 0, 0, 0, 0)
    tm = _TIME_RE.fullmatch(time_text)
    parts = _time_parts(tm) if tm else None
    if parts is None:
        return None
    hour, minute, second, nano, tz, extra_day = parts
    value = make_date_time(*day, hour, minute, second, nano, tz)
    if value is not None and extra_day:
        return date_time_from_local_ns(local_ns(value) + DAY_NS, tz)
    return value


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
    if _DATE_RE.fullmatch(text.partition("T")[0]) and "T" in text:  # a zone name may hold a T: "@Etc/UTC"
        return parse_date_time(text)
    if _DATE_RE.fullmatch(text):
        return parse_date(text)
    return parse_time(text)
