"""Dates and times across FEEL's whole range (DMN 1.5 10.3.2.3.4-6: XML Schema's years, -999,999,999 to
999,999,999, and fractions of a second to the nanosecond).

Expected values come from the spec's definitions (XML Schema 1.1 dates, year 0 being 1 BC, the proleptic
Gregorian calendar) and, for weekdays, ISO weeks and zone offsets of far years, from ``java.time`` (which the
Java engines use and the spec's range copies): ``LocalDate.of(-1, 1, 1).getDayOfWeek()`` is FRIDAY, and so on.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal as D

import pytest

from service.dmn.feel import evaluate
from service.dmn.feel.calendar import (
    WideDate,
    WideDateTime,
    WideTime,
    civil_from_days,
    days_from_civil,
    make_date,
)
from service.dmn.feel.text import to_feel_text
from service.dmn.feel.values import DayTimeDuration, YearMonthDuration
from service.jsonvalues import to_json


def feel(text):
    return evaluate(text, {})


# --------------------------------------------------------------------------- the calendar


def test_day_numbers_agree_with_python_over_its_whole_range():
    for ordinal in range(1, dt.date(9999, 12, 31).toordinal() + 1, 97):
        day = dt.date.fromordinal(ordinal)
        n = ordinal - dt.date(1970, 1, 1).toordinal()
        assert days_from_civil(day.year, day.month, day.day) == n
        assert civil_from_days(n) == (day.year, day.month, day.day)


def test_day_numbers_round_trip_across_feel_years():
    rng = random.Random(7)
    low, high = days_from_civil(-999_999_999, 1, 1), days_from_civil(999_999_999, 12, 31)
    for _ in range(20_000):
        n = rng.randint(low, high)
        assert days_from_civil(*civil_from_days(n)) == n
    # java.time: ChronoUnit.DAYS.between(LocalDate.of(-999999999,1,1), LocalDate.of(999999999,12,31))
    assert high - low == 730_484_999_633


@pytest.mark.parametrize(
    ("year", "month", "day", "valid"),
    [
        (0, 2, 29, True),  # year 0 (1 BC) is divisible by 400
        (-4, 2, 29, True),
        (-1, 2, 29, False),
        (-100, 2, 29, False),
        (-400, 2, 29, True),
        (10000, 2, 29, True),
        (999_999_999, 12, 31, True),
        (-999_999_999, 1, 1, True),
        (1_000_000_000, 1, 1, False),
        (-1_000_000_000, 12, 31, False),
    ],
)
def test_which_dates_exist(year, month, day, valid):
    assert (make_date(year, month, day) is not None) == valid


def test_a_value_python_can_hold_is_always_a_python_value():
    assert type(feel('date("2021-02-01")')) is dt.date
    assert type(feel("date(-1, 1, 1) + duration(\"P1000Y\")")) is dt.date
    assert type(feel('date and time("2021-02-01T10:00:00.123")')) is dt.datetime
    assert type(feel('time("10:00:00.000001")')) is dt.time
    assert type(feel('time("10:00:00.0000001")')) is WideTime


# --------------------------------------------------------------------------- string forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('string(date("-2021-02-01"))', "-2021-02-01"),
        ("string(date(-1, 1, 1))", "-0001-01-01"),
        ("string(date(0, 6, 15))", "0000-06-15"),
        ("string(date(12345, 1, 2))", "12345-01-02"),
        ('string(date and time("-2021-02-01T10:10:10+11:00"))', "-2021-02-01T10:10:10+11:00"),
        ('string(date and time("2017-01-01T10:10:10.123456789"))', "2017-01-01T10:10:10.123456789"),
        ('string(date and time("2017-01-01T10:10:10.120000000Z"))', "2017-01-01T10:10:10.12Z"),
        ('string(time("23:59:59.000000001@Europe/Paris"))', "23:59:59.000000001@Europe/Paris"),
        ('string(date and time("-2021-02-01T10:10:10@Australia/Melbourne"))',
         "-2021-02-01T10:10:10@Australia/Melbourne"),
    ],
)
def test_string_forms(text, expected):
    assert feel(text) == expected


def test_json_forms():
    assert to_json(feel('date("-2021-02-01")')) == "-2021-02-01"
    last = "999999999-12-31T23:59:59.999999999Z"
    assert to_json(feel(f'date and time("{last}")')) == last
    assert to_json(feel('time("10:20:30.000000005")')) == "10:20:30.000000005"


# --------------------------------------------------------------------------- comparison


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('date("-2021-01-01") < date("2021-01-01")', True),
        ('date("10000-01-01") > date("9999-12-31")', True),
        ('date("-0001-12-31") < date("0000-01-01")', True),
        ('date("0000-01-01") < date("0001-01-01")', True),
        ('date("-2021-01-01") = date(-2021, 1, 1)', True),
        ('date("-2021-01-01") = date("2021-01-01")', False),
        ('date("-2021-01-01") in [date("-2022-01-01")..date("-2020-01-01")]', True),
        ('date and time("2017-01-01T10:10:10.000000001") > date and time("2017-01-01T10:10:10")', True),
        ('date and time("2017-01-01T10:10:10.000000001") = date and time("2017-01-01T10:10:10")', False),
        ('date and time("2017-01-01T10:10:10.5") = date and time("2017-01-01T10:10:10.500000000")', True),
        ('date and time("-2017-01-01T10:00:00+01:00") = date and time("-2017-01-01T09:00:00Z")', True),
        ('date and time("-2017-01-01T10:00:00") < date and time("2017-01-01T10:00:00")', True),
        ('date and time("-2017-01-01T10:00:00") < date and time("2017-01-01T10:00:00Z")', None),  # local vs zoned
        ('time("10:00:00.000000001") > time("10:00:00")', True),
        ('time("10:00:00.000000001") = time("10:00:00.000000001")', True),
        ('date("-2021-01-01") < 5', None),
        ('min([date("2020-01-01"), date("-2020-01-01"), date("12020-01-01")])', WideDate(-2020, 1, 1)),
        ('max([date("2020-01-01"), date("-2020-01-01"), date("12020-01-01")])', WideDate(12020, 1, 1)),
        ('sort([date("2020-01-01"), date("-2020-01-01")], function(a, b) a < b)[1]', WideDate(-2020, 1, 1)),
        ('date("-2021-01-01") instance of date', True),
        ('date and time("2017-01-01T10:10:10.123456789") instance of date and time', True),
        ('time("10:10:10.123456789") instance of time', True),
        ('is(date("-2021-01-01"), date(-2021, 1, 1))', True),
        ('is(time("10:00:00.000000001@Europe/Paris"), time("10:00:00.000000001+01:00"))', False),
    ],
)
def test_comparison(text, expected):
    assert feel(text) == expected


# --------------------------------------------------------------------------- arithmetic


def dtd(text):
    return feel(f'duration("{text}")')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('date("10000-01-01") - date("9999-12-31")', DayTimeDuration(D(86400))),
        ('date("0001-01-01") - date("-0001-01-01")', DayTimeDuration(D((365 + 366) * 86400))),  # years -1 and 0
        ('date("0001-01-01") - date("0000-01-01")', DayTimeDuration(D(366 * 86400))),  # year 0 is a leap year
        ('date("-2021-01-31") + duration("P1M")', WideDate(-2021, 2, 28)),
        ('date("-2020-01-31") + duration("P1M")', WideDate(-2020, 2, 29)),
        ('date("-2021-01-01") + duration("P4042Y")', dt.date(2021, 1, 1)),
        ('date("9999-12-31") + duration("P1D")', WideDate(10000, 1, 1)),
        ('date("999999999-12-31") + duration("P1D")', None),
        ('date("-999999999-01-01") - duration("P1M")', None),
        ('@"2017-01-01T10:10:10.123456789" - @"2017-01-01T10:10:10"', DayTimeDuration(D("0.123456789"))),
        # java.time: Duration.between(2017-01-01T10:10:10.123456789, -2017-01-01T10:10:10)
        ('@"-2017-01-01T10:10:10" - @"2017-01-01T10:10:10.123456789"',
         DayTimeDuration(D(-35_361_336 * 3600) - D("0.123456789"))),
        ('@"2017-01-01T23:59:59.999999999" + duration("PT0.000000001S")', dt.datetime(2017, 1, 2)),
        ('@"-2021-02-01T10:10:10@Australia/Melbourne" + duration("P1D")',
         feel('@"-2021-02-02T10:10:10@Australia/Melbourne"')),
        ('@"-2021-02-01T10:10:10+11:00" + duration("P1Y")', feel('@"-2020-02-01T10:10:10+11:00"')),
        ('time("10:00:00.000000001") + duration("PT0.000000001S")', WideTime(10, 0, 0, 2)),
        ('time("10:00:00.5") - time("09:59:59.999999999")', DayTimeDuration(D("0.500000001"))),
        ('years and months duration(date("-2021-01-01"), date("2021-01-01"))', YearMonthDuration(4042 * 12)),
        # java.time: Period.between(LocalDate.of(-2021,3,15), LocalDate.of(2021,3,14)) is P4041Y11M27D
        ('years and months duration(date("-2021-03-15"), date("2021-03-14"))', YearMonthDuration(4041 * 12 + 11)),
    ],
)
def test_arithmetic(text, expected):
    assert feel(text) == expected


# --------------------------------------------------------------------------- properties and built-ins


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('date("-2021-02-01").year', D(-2021)),
        ('date("-2021-02-01").month', D(2)),
        ('date("-2021-02-01").day', D(1)),
        ('date("-2021-02-01").weekday', D(4)),  # java.time: THURSDAY
        ('date("-0001-01-01").weekday', D(5)),  # FRIDAY
        ('date("999999999-12-31").weekday', D(5)),  # FRIDAY
        ('date("-999999999-01-01").weekday', D(1)),  # MONDAY
        ('date and time("2017-01-01T10:10:10.123456789").second', D("10.123456789")),
        ('time("10:10:10.000000001").second', D("10.000000001")),
        ('date and time("-2021-02-01T10:10:10@Australia/Melbourne").timezone', "Australia/Melbourne"),
        # java.time: the zone's earliest rule (local mean time) before its first transition
        ('date and time("-2021-02-01T10:10:10@Australia/Melbourne").time offset',
         DayTimeDuration(D(9 * 3600 + 39 * 60 + 52))),
        ('date and time("12021-07-01T10:10:10@Europe/Paris").time offset', DayTimeDuration(D(7200))),
        ('day of week(date("-2021-02-01"))', "Thursday"),
        ('day of year(date("10000-03-01"))', D(61)),  # java.time: 61 (10000 is a leap year)
        ('day of year(date("-0004-12-31"))', D(366)),
        ('week of year(date("-2021-01-01"))', D(1)),
        ('week of year(date("12345-12-31"))', D(1)),
        ('month of year(date("-2021-02-01"))', "February"),
        ('date(date and time("-2021-02-01T10:10:10.123456789"))', WideDate(-2021, 2, 1)),
        ('time(date and time("2021-02-01T10:10:10.123456789"))', WideTime(10, 10, 10, 123456789)),
        ('date and time(date("-2021-02-01"), time("10:10:10.000000001"))',
         WideDateTime(-2021, 2, 1, 10, 10, 10, 1)),
        ("time(10, 10, 10.123456789)", WideTime(10, 10, 10, 123456789)),
    ],
)
def test_properties_and_builtins(text, expected):
    assert feel(text) == expected


def test_feel_text_of_wide_values():
    assert to_feel_text(WideDate(-44, 3, 15)) == "-0044-03-15"
    assert to_feel_text(WideDateTime(2017, 1, 1, 0, 0, 0, 1)) == "2017-01-01T00:00:00.000000001"
