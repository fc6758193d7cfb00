"""FEEL temporal values: parsing, arithmetic helpers and properties (DMN 1.5 10.3.2.3, TCK values)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from service.dmn.feel import evaluate
from service.dmn.feel import temporal as t
from service.dmn.feel.calendar import WideDate, WideDateTime, WideTime
from service.dmn.feel.values import DayTimeDuration, Range, YearMonthDuration

UTC = dt.UTC
PARIS = ZoneInfo("Europe/Paris")
MELBOURNE = ZoneInfo("Australia/Melbourne")


def tz(hours=0, minutes=0, seconds=0):
    return dt.timezone(dt.timedelta(hours=hours, minutes=minutes, seconds=seconds))


def dtd(days=0, hours=0, minutes=0, seconds="0"):
    return DayTimeDuration(D(days * 86400 + hours * 3600 + minutes * 60) + D(seconds))


def same(actual, expected) -> bool:
    if expected is None or actual is None:
        return actual is expected
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, (dt.datetime, dt.time)):
        return actual == expected and actual.tzinfo == expected.tzinfo
    return actual == expected


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012-12-25", dt.date(2012, 12, 25)),
        ("2017-01-01", dt.date(2017, 1, 1)),
        ("0001-01-01", dt.date(1, 1, 1)),
        ("9999-12-31", dt.date(9999, 12, 31)),
        ("2016-02-29", dt.date(2016, 2, 29)),
        ("2012-13-01", None),
        ("2012-02-30", None),
        ("2017-02-29", None),
        ("2017-12-32", None),
        # DMN 1.5 10.3.2.3.4: XML Schema years, -999,999,999 to 999,999,999, year 0 being 1 BC
        ("-2017-12-31", WideDate(-2017, 12, 31)),
        ("999999999-12-31", WideDate(999999999, 12, 31)),
        ("-999999999-01-01", WideDate(-999999999, 1, 1)),
        ("0000-12-25", WideDate(0, 12, 25)),
        ("-0000-12-25", None),  # no minus zero year
        ("1000000000-01-01", None),  # beyond FEEL's years
        ("-0004-02-29", WideDate(-4, 2, 29)),  # 5 BC is a leap year
        ("-0001-02-29", None),
        ("998-12-31", None),
        ("01211-12-31", None),
        ("+2012-12-02", None),
        ("2012/12/25", None),
        ("2012-12-25T", None),
        ("2012T-12-2511:00:00Z", None),
        ("", None),
        (None, None),
        (20121225, None),
    ],
)
def test_parse_date(text, expected):
    assert same(t.parse_date(text), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01:02:03", dt.time(1, 2, 3)),
        ("00:00:00", dt.time(0, 0, 0)),
        ("11:22:33.444", dt.time(11, 22, 33, 444000)),
        ("11:22:33.123456789", WideTime(11, 22, 33, 123456789)),  # to the nanosecond
        ("11:22:33.1234567891", WideTime(11, 22, 33, 123456789)),  # finer digits are cut
        ("10:30:00.5", dt.time(10, 30, 0, 500000)),
        ("23:59:00Z", dt.time(23, 59, tzinfo=UTC)),
        ("11:22:33-00:00", dt.time(11, 22, 33, tzinfo=UTC)),
        ("11:22:33+00:00", dt.time(11, 22, 33, tzinfo=UTC)),
        ("13:20:00+02:00", dt.time(13, 20, tzinfo=tz(2))),
        ("13:20:00-05:30", dt.time(13, 20, tzinfo=tz(-5, -30))),
        ("00:01:00@Europe/Paris", dt.time(0, 1, tzinfo=PARIS)),
        ("00:01:00@Etc/UTC", dt.time(0, 1, tzinfo=ZoneInfo("Etc/UTC"))),
        ("24:00:00", dt.time(0, 0)),
        ("24:00:01", None),
        ("24:01:00", None),
        ("25:00:00", None),
        ("23:59:60", None),
        ("00:60:00", None),
        ("00:00:61", None),
        ("7:00:00", None),
        ("07:1:00", None),
        ("07:01:2", None),
        ("7:20", None),
        ("13:20:00@xyz/abc", None),
        ("13:20:00+19:00", None),
        ("13:20:00-19:00", None),
        ("13:20:00+5:00", None),
        ("13:20:00+5", None),
        ("13:20:00+02:00@Europe/Paris", None),
        ("11:30:00T", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_time(text, expected):
    assert same(t.parse_time(text), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012-12-24T23:59:00", dt.datetime(2012, 12, 24, 23, 59)),
        ("2012-12-24", dt.datetime(2012, 12, 24)),
        ("2017-08-14T14:25:00.123456789", WideDateTime(2017, 8, 14, 14, 25, 0, 123456789)),
        ("2017-08-14T14:25:00.123456", dt.datetime(2017, 8, 14, 14, 25, 0, 123456)),
        ("2016-12-24T23:59:00-08:00", dt.datetime(2016, 12, 24, 23, 59, tzinfo=tz(-8))),
        ("2012-12-25T11:00:00Z", dt.datetime(2012, 12, 25, 11, tzinfo=UTC)),
        ("2017-09-03T09:45:30@Europe/Paris", dt.datetime(2017, 9, 3, 9, 45, 30, tzinfo=PARIS)),
        ("2021-01-01T24:00:00", dt.datetime(2021, 1, 2)),  # TCK 0100: 24:00:00 is the next midnight
        ("2021-01-01T24:00:01", None),
        ("2012-12-24T", None),
        ("2012-12-24 23:59:00", None),
        ("2012-02-30T10:00:00", None),
        ("-2021-01-01T10:10:10+11:00", WideDateTime(-2021, 1, 1, 10, 10, 10, 0, tz(11))),
        ("9999-12-31T24:00:00", WideDateTime(10000, 1, 1, 0, 0, 0, 0)),
        ("999999999-12-31T24:00:00", None),  # beyond FEEL's years
        ("2012-12-24T23:59:00@Nowhere/Land", None),
        (None, None),
    ],
)
def test_parse_date_time(text, expected):
    assert same(t.parse_date_time(text), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P1D", dtd(days=1)),
        ("PT2H", dtd(hours=2)),
        ("PT0.999S", dtd(seconds="0.999")),
        ("P1DT2H3M4.123456789S", dtd(1, 2, 3, "4.123456789")),
        ("P1DT2H3M4.5S", dtd(1, 2, 3, "4.5")),
        ("PT0.S", dtd()),
        ("P0D", dtd()),
        ("-PT1H2M", dtd(hours=-1, minutes=-2)),
        ("-P1D", dtd(days=-1)),
        ("PT1000M", dtd(minutes=1000)),
        ("P2DT274M", dtd(days=2, minutes=274)),
        ("P1Y2M", YearMonthDuration(14)),
        ("P1Y27M", YearMonthDuration(39)),
        ("-P1Y", YearMonthDuration(-12)),
        ("P0Y", YearMonthDuration(0)),
        ("P999999999M", YearMonthDuration(999999999)),
        ("-P99999999Y", YearMonthDuration(-1199999988)),
        ("P1Y2D", None),  # mixes both kinds: no FEEL type
        ("P1M1DT1H", None),
        ("", None),
        ("P", None),
        ("PT", None),
        ("P0", None),
        ("1Y", None),
        ("1D", None),
        ("P1H", None),
        ("P1S", None),
        ("P1DT", None),
        ("2012T-12-2511:00:00Z", None),
        (None, None),
    ],
)
def test_parse_duration(text, expected):
    assert same(t.parse_duration(text), expected)


def test_parse_duration_keeps_exact_seconds():
    assert t.parse_duration("PT1000M0.999999999S").seconds == D("60000.999999999")


# --------------------------------------------------------------------------- arithmetic


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # years and months on a date clamp the day to the month's end
        (dt.date(2021, 1, 31), YearMonthDuration(1), dt.date(2021, 2, 28)),
        (dt.date(2020, 1, 31), YearMonthDuration(1), dt.date(2020, 2, 29)),
        (dt.date(2020, 2, 29), YearMonthDuration(12), dt.date(2021, 2, 28)),
        (dt.date(2021, 1, 1), YearMonthDuration(-1), dt.date(2020, 12, 1)),
        (dt.date(2021, 3, 31), YearMonthDuration(-1), dt.date(2021, 2, 28)),
        (YearMonthDuration(1), dt.date(2021, 1, 1), dt.date(2021, 2, 1)),
        (dt.date(9999, 12, 1), YearMonthDuration(1), WideDate(10000, 1, 1)),
        # days and time on a date: the date of midnight plus the duration (TCK 0100)
        (dt.date(2021, 1, 1), dtd(hours=36), dt.date(2021, 1, 2)),
        (dt.date(2021, 1, 2), dtd(seconds="-1"), dt.date(2021, 1, 1)),
        (dt.date(2020, 3, 1), dtd(hours=-24), dt.date(2020, 2, 29)),
        # date and time
        (dt.datetime(2021, 1, 31, 10), YearMonthDuration(1), dt.datetime(2021, 2, 28, 10)),
        (dt.datetime(2021, 1, 12, 10, 10, 10), dtd(1, 1), dt.datetime(2021, 1, 13, 11, 10, 10)),
        (
            dt.datetime(2021, 1, 1, 10, 10, 10, tzinfo=tz(11)),
            YearMonthDuration(1),
            dt.datetime(2021, 2, 1, 10, 10, 10, tzinfo=tz(11)),
        ),
        (
            dt.datetime(2021, 1, 12, 10, 10, 10, tzinfo=MELBOURNE),
            dtd(1, 1),
            dt.datetime(2021, 1, 13, 11, 10, 10, tzinfo=MELBOURNE),
        ),
        # an exact duration across a daylight saving change counts real time: 2021-03-28 02:00
        # Paris jumps to 03:00, so 01:30 + PT1H is 03:30
        (
            dt.datetime(2021, 3, 28, 1, 30, tzinfo=PARIS),
            dtd(hours=1),
            dt.datetime(2021, 3, 28, 3, 30, tzinfo=PARIS),
        ),
        # time: wraps around midnight, keeps its offset
        (dt.time(10, 15), dtd(hours=1), dt.time(11, 15)),
        (dt.time(10, 15), dtd(days=1), dt.time(10, 15)),
        (dt.time(23, 30, tzinfo=tz(11)), dtd(hours=1), dt.time(0, 30, tzinfo=tz(11))),
        (dt.time(0, 30), dtd(hours=-1), dt.time(23, 30)),
        (dt.time(0, 0, 0, 500000), dtd(seconds="0.25"), dt.time(0, 0, 0, 750000)),
        # durations of one kind
        (YearMonthDuration(12), YearMonthDuration(2), YearMonthDuration(14)),
        (dtd(days=1), dtd(hours=24), dtd(days=2)),
        (dtd(days=1), YearMonthDuration(12), None),
        (dt.time(10, 0), YearMonthDuration(12), None),
        (dt.date(2021, 1, 1), dt.date(2021, 1, 1), None),
        (dt.time(10, 0), dt.date(2021, 1, 1), None),
    ],
)
def test_add(a, b, expected):
    assert same(t.add(a, b), expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (dt.date(2021, 1, 2), dt.date(2021, 1, 1), dtd(days=1)),
        (dt.date(2021, 1, 2), dt.date(1995, 1, 1), dtd(days=9498)),
        (dt.date(2021, 1, 1), dt.date(2021, 1, 2), dtd(days=-1)),
        (dt.datetime(2021, 1, 2, 10, 10, 10), dt.datetime(2021, 1, 1, 10, 10, 10), dtd(days=1)),
        (
            t.parse_date_time("2021-01-02T10:10:10@Europe/Paris"),
            t.parse_date_time("2021-01-01T10:10:10@Asia/Dhaka"),
            dtd(1, 5),
        ),
        (
            t.parse_date_time("2021-01-02T10:10:10+01:00"),
            t.parse_date_time("2021-01-01T10:10:10@Europe/Paris"),
            dtd(1),
        ),
        # a date is its midnight UTC against a zoned date and time (TCK 0100)
        (t.parse_date_time("2021-01-02T00:00:00Z"), dt.date(2021, 1, 2), dtd()),
        (t.parse_date_time("2021-01-02T10:10:10+01:00"), dt.date(2021, 1, 1), dtd(1, 9, 10, "10")),
        (dt.date(2021, 1, 2), t.parse_date_time("2021-01-01T10:10:10+11:00"), dtd(1, 0, 49, "50")),
        # one side local, the other zoned: null
        (t.parse_date_time("2021-01-02T10:10:10@Europe/Paris"), dt.datetime(2021, 1, 1, 10, 10, 10), None),
        (dt.datetime(2021, 1, 2, 10, 10, 10), t.parse_date_time("2021-01-01T10:10:10+02:00"), None),
        (dt.datetime(2021, 1, 1), dt.date(2021, 1, 2), None),
        (dt.date(2021, 1, 2), dt.datetime(2021, 1, 1, 10, 10, 10), None),
        # date and time minus durations
        (dt.datetime(2021, 1, 1, 10, 10, 10), YearMonthDuration(1), dt.datetime(2020, 12, 1, 10, 10, 10)),
        (dt.datetime(2021, 1, 2), dtd(hours=1), dt.datetime(2021, 1, 1, 23)),
        (dt.date(2021, 1, 2), YearMonthDuration(12), dt.date(2020, 1, 2)),
        (dt.date(2021, 1, 2), dtd(hours=25), dt.date(2020, 12, 31)),
        (dt.date(2021, 1, 2), dtd(hours=-1), dt.date(2021, 1, 2)),
        # times
        (dt.time(10, 10, 10), dt.time(9, 10, 10), dtd(hours=1)),
        (dt.time(10, 10, 10), dt.time(11, 10, 10), dtd(hours=-1)),
        (dt.time(10, 10, 10, tzinfo=tz(11)), dt.time(11, 10, 10, tzinfo=tz(11)), dtd(hours=-1)),
        (dt.time(10, 0, tzinfo=tz(2)), dt.time(8, 0, tzinfo=UTC), dtd()),
        (dt.time(10, 10, 10, tzinfo=MELBOURNE), dt.time(9, 10, 10, tzinfo=MELBOURNE), dtd(hours=1)),
        (dt.time(10, 0), dt.time(10, 0, tzinfo=UTC), None),
        (dt.time(10, 10, 10), dtd(hours=1), dt.time(9, 10, 10)),
        (dt.time(10, 10, 10, tzinfo=tz(11)), dtd(days=1), dt.time(10, 10, 10, tzinfo=tz(11))),
        # durations
        (YearMonthDuration(12), YearMonthDuration(2), YearMonthDuration(10)),
        (YearMonthDuration(-12), YearMonthDuration(2), YearMonthDuration(-14)),
        (dtd(days=1), dtd(hours=2), dtd(hours=22)),
        (dtd(days=-1), dtd(hours=-2), dtd(hours=-22)),
        (dtd(days=1), YearMonthDuration(1), None),
        (dtd(days=1), dt.date(2021, 1, 1), None),
        (YearMonthDuration(1), dt.datetime(2021, 1, 1), None),
        (dt.time(10, 0), YearMonthDuration(12), None),
    ],
)
def test_subtract(a, b, expected):
    assert same(t.subtract(a, b), expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(10), dtd(days=1), dtd(days=10)),
        (dtd(days=-1), D(-10), dtd(days=10)),
        (D("1.5"), dtd(days=4, hours=1), dtd(6, 1, 30)),
        (dtd(hours=23), D("2.5"), dtd(2, 9, 30)),
        (D(0), dtd(days=1), dtd()),
        (D(26), YearMonthDuration(1), YearMonthDuration(26)),
        (D("1.5"), YearMonthDuration(2), YearMonthDuration(3)),
        (YearMonthDuration(23), D("-2.5"), YearMonthDuration(-57)),  # -P4Y9M: truncated
        (dtd(days=1), dtd(days=1), None),
        (dtd(days=1), "2", None),
        (D(2), D(2), None),
        (dt.date(2021, 1, 1), D(2), None),
    ],
)
def test_multiply(a, b, expected):
    assert same(t.multiply(a, b), expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (YearMonthDuration(120), D(10), YearMonthDuration(12)),
        (YearMonthDuration(131), D("2.5"), YearMonthDuration(52)),  # P4Y4M
        (YearMonthDuration(131), D("-2.5"), YearMonthDuration(-52)),
        (YearMonthDuration(120), YearMonthDuration(60), D(2)),
        (dtd(days=10), D(10), dtd(days=1)),
        (dtd(days=10, hours=23), D("2.5"), dtd(4, 9, 12)),
        (dtd(days=10), dtd(days=5), D(2)),
        (dtd(days=1), dtd(hours=16), D("1.5")),
        (dtd(days=1), D(0), None),
        (dtd(days=1), dtd(), None),
        (YearMonthDuration(1), YearMonthDuration(0), None),
        (YearMonthDuration(1), D(0), None),
        (dtd(days=1), YearMonthDuration(1), None),
        (D(10), dtd(days=1), None),
        (dt.date(2021, 1, 1), D(2), None),
    ],
)
def test_divide(a, b, expected):
    assert same(t.divide(a, b), expected)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 2, 14), 0),
        (dt.date(2026, 1, 15), dt.date(2026, 2, 15), 1),
        (dt.date(2025, 1, 31), dt.date(2025, 2, 28), 0),
        (dt.date(2025, 1, 31), dt.date(2025, 3, 31), 2),
        (dt.date(2025, 1, 31), dt.date(2026, 1, 31), 12),
        (dt.date(2026, 2, 15), dt.date(2026, 1, 15), -1),
        (dt.date(2026, 2, 15), dt.date(2026, 1, 16), 0),
        (dt.date(2011, 12, 22), dt.date(2013, 8, 24), 20),
        (dt.datetime(2017, 1, 1, 10), dt.datetime(2017, 2, 1, 10), 1),
        (dt.datetime(2017, 1, 1, 10), dt.datetime(2017, 2, 1, 9, 59), 0),
        (dt.date(2017, 1, 1), dt.datetime(2017, 2, 1, 9, 59), 1),
    ],
)
def test_years_and_months_between(start, end, months):
    assert t.years_and_months_between(start, end) == YearMonthDuration(months)


def test_years_and_months_between_rejects_other_types():
    assert t.years_and_months_between(dt.date(2017, 1, 1), "2017-02-01") is None
    assert t.years_and_months_between(dt.time(10, 0), dt.date(2017, 1, 1)) is None


def test_timedelta_round_trip():
    assert t.timedelta_from_duration(dtd(1, 2, 3, "4.5")) == dt.timedelta(
        days=1, hours=2, minutes=3, seconds=4, microseconds=500000
    )
    assert t.timedelta_from_duration(dtd(seconds="-0.0000015")) == dt.timedelta(microseconds=-1)
    assert t.duration_from_timedelta(dt.timedelta(days=-1, seconds=3600)) == dtd(hours=-23)
    assert t.duration_from_timedelta(dt.timedelta(microseconds=500000)).seconds == D("0.5")


# --------------------------------------------------------------------------- properties


@pytest.mark.parametrize(
    ("value", "name", "expected"),
    [
        (dt.date(2015, 12, 24), "year", D(2015)),
        (dt.date(2015, 12, 24), "month", D(12)),
        (dt.date(2015, 12, 24), "day", D(24)),
        (dt.date(2015, 12, 24), "weekday", D(4)),  # a Thursday
        (dt.date(2015, 12, 24), "hour", None),
        (dt.time(10, 20, 30), "hour", D(10)),
        (dt.time(10, 20, 30), "minute", D(20)),
        (dt.time(10, 20, 30, 500000), "second", D("30.5")),
        (dt.time(10, 20, 30), "time offset", None),
        (dt.time(10, 20, 30), "timezone", None),
        (dt.time(10, 20, 30, tzinfo=tz(-5, -30)), "time offset", dtd(hours=-5, minutes=-30)),
        (dt.time(10, 20, 30, tzinfo=PARIS), "timezone", "Europe/Paris"),
        (dt.time(10, 20, 30), "year", None),
        (t.parse_date_time("2015-12-24T00:00:01-01:00"), "hour", D(0)),
        (t.parse_date_time("2015-12-24T00:00:01-01:00"), "second", D(1)),
        (t.parse_date_time("2015-12-24T00:00:01-01:00"), "time offset", dtd(hours=-1)),
        (t.parse_date_time("2015-12-24T00:00:01-01:00"), "timezone", None),
        (t.parse_date_time("2018-07-01T10:00:00@Europe/Paris"), "time offset", dtd(hours=2)),  # summer
        (t.parse_date_time("2018-12-01T10:00:00@Europe/Paris"), "time offset", dtd(hours=1)),  # winter
        (t.parse_date_time("2018-12-01T10:00:00@Europe/Paris"), "timezone", "Europe/Paris"),
        (t.parse_date_time("2018-12-01T10:00:00@Europe/Paris"), "weekday", D(6)),
        (dt.datetime(2018, 12, 1, 10), "year", D(2018)),
        (dt.datetime(2018, 12, 1, 10), "unknown", None),
        (YearMonthDuration(14), "years", D(1)),
        (YearMonthDuration(14), "months", D(2)),
        (YearMonthDuration(-14), "years", D(-1)),
        (YearMonthDuration(-14), "months", D(-2)),
        (YearMonthDuration(14), "days", None),
        (dtd(1, 2, 3, "4.5"), "days", D(1)),
        (dtd(1, 2, 3, "4.5"), "hours", D(2)),
        (dtd(1, 2, 3, "4.5"), "minutes", D(3)),
        (dtd(1, 2, 3, "4.5"), "seconds", D("4.5")),
        (dtd(-1, -2, -3, "-4"), "hours", D(-2)),
        (dtd(-1, -2, -3, "-4"), "seconds", D(-4)),
        (dtd(days=1), "years", None),
        (Range(D(1), D(10), True, False), "start", D(1)),
        (Range(D(1), D(10), True, False), "end", D(10)),
        (Range(D(1), D(10), True, False), "start included", True),
        (Range(D(1), D(10), True, False), "end included", False),
        (Range(None, D(10), False, False), "start", None),
        (Range(D(1), D(10), True, False), "size", None),
        (D(1), "year", None),
        ("2015-12-24", "year", None),
        (None, "year", None),
    ],
)
def test_get_property(value, name, expected):
    assert same(t.get_property(value, name), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # TCK 0093-feel-at-literals
        ("2019-03-31", dt.date(2019, 3, 31)),
        ("2018-12-08T10:30:11", dt.datetime(2018, 12, 8, 10, 30, 11)),
        ("2018-12-08T10:30:11+11:00", dt.datetime(2018, 12, 8, 10, 30, 11, tzinfo=tz(11))),
        ("2018-12-08T10:30:11@Australia/Melbourne", dt.datetime(2018, 12, 8, 10, 30, 11, tzinfo=MELBOURNE)),
        ("10:30:11", dt.time(10, 30, 11)),
        ("10:30:11+11:00", dt.time(10, 30, 11, tzinfo=tz(11))),
        ("10:30:11@Australia/Melbourne", dt.time(10, 30, 11, tzinfo=MELBOURNE)),
        ("P10D", dtd(days=10)),
        ("-P1D", dtd(days=-1)),
        ("P10Y", YearMonthDuration(120)),
        ("foo", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_at_literal(text, expected):
    assert same(t.parse_at_literal(text), expected)


def test_time_wraps_for_large_durations():
    # 10:00 + 1000 days and 1 hour = 11:00; 10:00 - 1000 days and 11 hours = 23:00
    assert t.add(dt.time(10, 0), dtd(days=1000, hours=1)) == dt.time(11, 0)
    assert t.add(dt.time(10, 0), dtd(days=-1000, hours=-11)) == dt.time(23, 0)


@pytest.mark.parametrize(
    ("function", "a", "b"),
    [
        (t.add, dt.date(2020, 1, 1), DayTimeDuration(D("1E+30"))),
        (t.add, WideDateTime(999999999, 12, 31, 23, 0, 0, 0), dtd(hours=1)),
        (t.add, dt.time(10, 0), DayTimeDuration(D("1E+60"))),
        (t.subtract, WideDate(-999999999, 1, 1), dtd(days=1)),
        (t.subtract, dt.datetime(2020, 1, 1), DayTimeDuration(D("1E+30"))),
        (t.add, WideDate(999999999, 12, 31), YearMonthDuration(1)),
    ],
)
def test_results_beyond_the_temporal_range_are_null(function, a, b):
    assert function(a, b) is None


# --- date arithmetic (10.3.2.3.4 and 10.3.2.3.7): differences in whole days, months clamped to the month's
# last day, a time of day dropped, null beyond FEEL's years -----------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('date("2026-03-31") - date("2026-03-01")', DayTimeDuration(D(30 * 86400))),
        ('date("2020-01-01") - date("2021-01-01")', DayTimeDuration(D(-366 * 86400))),  # 2020 is a leap year
        ('date("2026-03-01") - duration("P1D")', dt.date(2026, 2, 28)),
        ('date("2026-01-31") + duration("P1M")', dt.date(2026, 2, 28)),
        ('date("2024-03-31") - duration("P1M")', dt.date(2024, 2, 29)),
        ('date("2024-03-31") - duration("-P1Y")', dt.date(2025, 3, 31)),
        ('date("2020-01-01") - duration("PT12H")', dt.date(2019, 12, 31)),
        ('date("9999-12-31") + duration("P1M")', WideDate(10000, 1, 31)),
        ('date("0001-01-01") - duration("P1D")', WideDate(0, 12, 31)),
        ('date("999999999-12-31") + duration("P1D")', None),  # beyond FEEL's years
        ('date("2020-01-01") - null', None),
    ],
)
def test_date_arithmetic(text, expected):
    assert evaluate(text, {}) == expected
