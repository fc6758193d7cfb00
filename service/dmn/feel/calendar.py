"""Dates and times across FEEL's whole range: years -999,999,999 to 999,999,999, nanoseconds.

DMN 1.5 (10.3.2.3.4-6) takes FEEL's dates and times from XML Schema, whose years have no bounds, and asks
engines for at least the years -999,999,999 to 999,999,999 (the range of ``java.time``, which the Java engines
use); fractions of a second go down to the nanosecond there. Python's ``datetime`` types hold the years 1 to 9999
and microseconds only.

So a value is always a plain ``datetime.date``, ``datetime.datetime`` or ``datetime.time`` when Python can hold
it exactly (the engine's fast paths keep seeing plain dates), and one of the three *wide* types below otherwise:
``WideDate``, ``WideDateTime`` and ``WideTime`` have the same attribute names (``year``, ``month``, ``day``,
``hour``, ``minute``, ``second``, ``tzinfo``, ``utcoffset()``...) plus ``nanosecond``. ``make_date``,
``make_date_time`` and ``make_time`` choose the type; every operation in ``temporal.py`` works on the parts
(day number, nanoseconds of the day, zone), so both kinds follow one semantics.

Days are counted from 1970-01-01 in the proleptic Gregorian calendar, with year 0 (1 BC) as XML Schema 1.1 and
``java.time`` have it. The calendar repeats every 400 years (146,097 days, a whole number of weeks), so what
depends on the calendar alone (weekday, ISO week, a zone's offset) is read off an equivalent year that Python can
hold: years before 1 map into 1..400, years after 9999 into 9600..9999 (a zone then follows its earliest rule, or
its rule for the far future, as ``java.time`` does).
"""

from __future__ import annotations

import datetime as _dt

__all__ = [
    "DAY_NS",
    "MAX_YEAR",
    "MIN_YEAR",
    "WideDate",
    "WideDateTime",
    "WideTime",
    "civil_from_days",
    "date_from_days",
    "date_time_from_local_ns",
    "day_number",
    "days_from_civil",
    "equivalent_date",
    "format_year",
    "from_utc_ns",
    "instant_ns",
    "is_date",
    "is_date_time",
    "is_time",
    "local_ns",
    "make_date",
    "make_date_time",
    "make_time",
    "nanosecond_of",
    "offset_ns",
    "time_ns",
]

MIN_YEAR = -999_999_999
MAX_YEAR = 999_999_999
SECOND_NS = 1_000_000_000
DAY_NS = 86_400 * SECOND_NS
_CYCLE_DAYS = 146_097  # days in 400 Gregorian years
_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)


# --------------------------------------------------------------------------- the calendar


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to a date of the proleptic Gregorian calendar (any year)."""
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * _CYCLE_DAYS + doe - 719_468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """The (year, month, day) that is ``days`` after 1970-01-01."""
    z = days + 719_468
    era = z // _CYCLE_DAYS
    doe = z - era * _CYCLE_DAYS
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_length(year: int, month: int) -> int:
    return 29 if month == 2 and is_leap(year) else _MONTH_DAYS[month - 1]


def _cycles(year: int) -> int:
    """How many 400-year cycles to take off ``year`` to reach a year Python holds (0 for 1..9999)."""
    if year < 1:
        return (year - 1) // 400
    if year > 9999:
        return (year - 9600) // 400
    return 0


def equivalent_date(year: int, month: int, day: int) -> _dt.date:
    """A Python date with the same month, day, weekday and leap year as the given one."""
    return _dt.date(year - 400 * _cycles(year), month, day)


def format_year(year: int) -> str:
    """XML Schema's year: at least four digits, a minus sign before the years before year 0."""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


# --------------------------------------------------------------------------- the wide types


class _Wide:
    __slots__ = ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.isoformat()!r})"

    def __str__(self) -> str:
        return self.isoformat()


class WideDate(_Wide):
    """A date Python's ``datetime.date`` cannot hold (a year before 1 or after 9999)."""

    __slots__ = ("day", "month", "year")

    def __init__(self, year: int, month: int, day: int):
        self.year, self.month, self.day = year, month, day

    def days(self) -> int:
        return days_from_civil(self.year, self.month, self.day)

    def isoweekday(self) -> int:
        return (self.days() + 3) % 7 + 1  # 1970-01-01 was a Thursday

    def weekday(self) -> int:
        return self.isoweekday() - 1

    def isoformat(self) -> str:
        return f"{format_year(self.year)}-{self.month:02d}-{self.day:02d}"

    def _key(self, other):
        if is_date(other):
            return day_number(other)
        return None

    def __eq__(self, other):
        key = self._key(other)
        return NotImplemented if key is None else self.days() == key

    def __hash__(self):
        return hash(("date", self.days()))

    def __lt__(self, other):
        key = self._key(other)
        return NotImplemented if key is None else self.days() < key

    def __le__(self, other):
        key = self._key(other)
        return NotImplemented if key is None else self.days() <= key

    def __gt__(self, other):
        key = self._key(other)
        return NotImplemented if key is None else self.days() > key

    def __ge__(self, other):
        key = self._key(other)
        return NotImplemented if key is None else self.days() >= key


def _fraction(nanosecond: int) -> str:
    return ("." + f"{nanosecond:09d}".rstrip("0")) if nanosecond else ""


class WideTime(_Wide):
    """A time of day with a fraction of a second finer than the microsecond."""

    __slots__ = ("hour", "minute", "nanosecond", "second", "tzinfo")

    def __init__(self, hour: int, minute: int, second: int, nanosecond: int, tzinfo=None):
        self.hour, self.minute, self.second, self.nanosecond, self.tzinfo = hour, minute, second, nanosecond, tzinfo

    @property
    def microsecond(self) -> int:
        return self.nanosecond // 1000

    def utcoffset(self):
        return None if self.tzinfo is None else self.tzinfo.utcoffset(None)

    def replace(self, *, tzinfo):
        return make_time(self.hour, self.minute, self.second, self.nanosecond, tzinfo)

    def isoformat(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}:{self.second:02d}{_fraction(self.nanosecond)}"

    def _fields(self):
        return (self.hour, self.minute, self.second, self.nanosecond, self.tzinfo)

    def __eq__(self, other):
        if not is_time(other):
            return NotImplemented
        return self._fields() == (other.hour, other.minute, other.second, nanosecond_of(other), other.tzinfo)

    def __hash__(self):
        return hash(self._fields())


class WideDateTime(_Wide):
    """A date and time Python cannot hold: a year outside 1..9999, or a fraction finer than the microsecond."""

    __slots__ = ("day", "hour", "minute", "month", "nanosecond", "second", "tzinfo", "year")

    def __init__(self, year, month, day, hour, minute, second, nanosecond, tzinfo=None):
        self.year, self.month, self.day = year, month, day
        self.hour, self.minute, self.second, self.nanosecond, self.tzinfo = hour, minute, second, nanosecond, tzinfo

    @property
    def microsecond(self) -> int:
        return self.nanosecond // 1000

    def date(self):
        return make_date(self.year, self.month, self.day)

    def timetz(self):
        return make_time(self.hour, self.minute, self.second, self.nanosecond, self.tzinfo)

    def utcoffset(self):
        """The offset from UTC at this local time (an IANA zone's rule read off the equivalent year)."""
        tz = self.tzinfo
        if tz is None:
            return None
        year = self.year - 400 * _cycles(self.year)
        return _dt.datetime(year, self.month, self.day, self.hour, self.minute, self.second, tzinfo=tz).utcoffset()

    def isoweekday(self) -> int:
        return (days_from_civil(self.year, self.month, self.day) + 3) % 7 + 1

    def weekday(self) -> int:
        return self.isoweekday() - 1

    def replace(self, *, tzinfo):
        return make_date_time(self.year, self.month, self.day, self.hour, self.minute, self.second,
                              self.nanosecond, tzinfo)

    def isoformat(self) -> str:
        return (f"{format_year(self.year)}-{self.month:02d}-{self.day:02d}T{self.hour:02d}:{self.minute:02d}:"
                f"{self.second:02d}{_fraction(self.nanosecond)}")

    def _key(self, other):
        """Both keys for an order between two date and times of the same kind (both zoned or both local)."""
        if not is_date_time(other) or (self.tzinfo is None) != (other.tzinfo is None):
            return None
        return instant_ns(self), instant_ns(other)

    def __eq__(self, other):
        if not is_date_time(other):
            return NotImplemented
        keys = self._key(other)
        return keys is not None and keys[0] == keys[1]

    def __hash__(self):
        return hash(("date and time", instant_ns(self), self.tzinfo is None))

    def __lt__(self, other):
        keys = self._key(other)
        if keys is None:
            return NotImplemented
        return keys[0] < keys[1]

    def __le__(self, other):
        keys = self._key(other)
        if keys is None:
            return NotImplemented
        return keys[0] <= keys[1]

    def __gt__(self, other):
        keys = self._key(other)
        if keys is None:
            return NotImplemented
        return keys[0] > keys[1]

    def __ge__(self, other):
        keys = self._key(other)
        if keys is None:
            return NotImplemented
        return keys[0] >= keys[1]


# --------------------------------------------------------------------------- kinds and parts


def is_date(v) -> bool:
    """A FEEL date (not a date and time)."""
    cls = v.__class__
    return cls is _dt.date or cls is WideDate


def is_date_time(v) -> bool:
    return isinstance(v, _dt.datetime) or v.__class__ is WideDateTime


def is_time(v) -> bool:
    return isinstance(v, _dt.time) or v.__class__ is WideTime


def nanosecond_of(v) -> int:
    """The nanoseconds within the second of a time or date and time (either kind)."""
    ns = getattr(v, "nanosecond", None)
    return v.microsecond * 1000 if ns is None else ns


def day_number(v) -> int:
    """Days from 1970-01-01 to a date or to the date of a date and time."""
    if isinstance(v, _dt.date):
        return v.toordinal() - _EPOCH_ORDINAL
    return days_from_civil(v.year, v.month, v.day)


def time_ns(v) -> int:
    """Nanoseconds from midnight to a time (or the time of a date and time), local."""
    return ((v.hour * 60 + v.minute) * 60 + v.second) * SECOND_NS + nanosecond_of(v)


def local_ns(v) -> int:
    """Nanoseconds from 1970-01-01T00:00 to a date and time's local date and time (a date: its midnight)."""
    if is_date(v):
        return day_number(v) * DAY_NS
    return day_number(v) * DAY_NS + time_ns(v)


def offset_ns(v) -> int | None:
    """The UTC offset of a date and time in nanoseconds; None when it is local."""
    offset = v.utcoffset()
    return None if offset is None else (offset // _dt.timedelta(microseconds=1)) * 1000


def instant_ns(v) -> int:
    """A date and time as nanoseconds from the epoch: UTC when it has an offset or zone, local otherwise."""
    offset = offset_ns(v)
    return local_ns(v) - (offset or 0)


# --------------------------------------------------------------------------- making values


def _year_ok(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def make_date(year: int, month: int, day: int):
    """The date, as a Python date when it can be one; None when there is no such date in FEEL's range."""
    if not (_year_ok(year) and 1 <= month <= 12 and 1 <= day <= month_length(year, month)):
        return None
    if 1 <= year <= 9999:
        return _dt.date(year, month, day)
    return WideDate(year, month, day)


def make_time(hour: int, minute: int, second: int, nanosecond: int, tzinfo=None):
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59 and 0 <= nanosecond < SECOND_NS):
        return None
    if nanosecond % 1000 == 0:
        return _dt.time(hour, minute, second, nanosecond // 1000, tzinfo=tzinfo)
    return WideTime(hour, minute, second, nanosecond, tzinfo)


def make_date_time(year, month, day, hour, minute, second, nanosecond, tzinfo=None):
    if make_date(year, month, day) is None or make_time(hour, minute, second, nanosecond) is None:
        return None
    if 1 <= year <= 9999 and nanosecond % 1000 == 0:
        return _dt.datetime(year, month, day, hour, minute, second, nanosecond // 1000, tzinfo=tzinfo)
    return WideDateTime(year, month, day, hour, minute, second, nanosecond, tzinfo)


def date_from_days(days: int):
    """The date ``days`` after 1970-01-01; None outside FEEL's years."""
    return make_date(*civil_from_days(days))


def date_time_from_local_ns(ns: int, tzinfo=None):
    """The date and time at ``ns`` local nanoseconds from the epoch, with ``tzinfo``; None outside FEEL's years."""
    days, rest = divmod(ns, DAY_NS)
    year, month, day = civil_from_days(days)
    seconds, nanosecond = divmod(rest, SECOND_NS)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return make_date_time(year, month, day, hour, minute, second, nanosecond, tzinfo)


def from_utc_ns(utc: int, tzinfo):
    """The date and time at the instant ``utc`` (ns from the epoch, UTC) as local time in ``tzinfo``."""
    if tzinfo is None:
        return date_time_from_local_ns(utc)
    if isinstance(tzinfo, _dt.timezone):
        offset = tzinfo.utcoffset(None)
    else:  # an IANA zone: its offset at that instant, read off the equivalent year
        shifted = utc - _cycles(civil_from_days(utc // DAY_NS)[0]) * _CYCLE_DAYS * DAY_NS
        try:
            moment = _EPOCH + _dt.timedelta(microseconds=shifted // 1000)
            offset = moment.astimezone(tzinfo).utcoffset()
        except OverflowError:
            return None
    return date_time_from_local_ns(utc + (offset // _dt.timedelta(microseconds=1)) * 1000, tzinfo)
