"""Range built-in functions (DMN 1.5, 10.3.4.9): before, after, meets, ... coincides, and range().

Each function has point/range overloads, told apart by the arguments' types. A range end of
``None`` is unbounded (``< 10`` has no start), so it compares below (start) or above (end) any
point. Values that cannot be compared make the invocation null.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .. import temporal
from ..ops import eq, lt
from ..values import DECIMAL, Range, feel_type_name
from .base import Builtin

__all__ = ["FUNCTIONS", "parse_range"]


def _lt(a, b) -> bool:
    result = lt(a, b)
    if result is None:
        raise TypeError("values are not comparable")
    return result


def _eq(a, b) -> bool:
    result = eq(a, b)
    if result is None:
        raise TypeError("values are not comparable")
    return result


# Endpoint comparisons: ``None`` as a start is minus infinity, as an end plus infinity.
def _start_lt(start, x) -> bool:  # start < x
    return True if start is None else _lt(start, x)


def _end_gt(end, x) -> bool:  # end > x
    return True if end is None else _lt(x, end)


def _end_lt(end, x) -> bool:  # end < x
    return False if end is None else _lt(end, x)


def _start_gt(start, x) -> bool:  # start > x
    return False if start is None else _lt(x, start)


def _same(a, b) -> bool:
    """Endpoint equality: two unbounded ends are equal, an unbounded and a bounded one are not."""
    if a is None or b is None:
        return a is None and b is None
    return _eq(a, b)


def _point(value) -> bool:
    if value is None:
        raise TypeError("null is neither a point nor a range")
    return not isinstance(value, Range)


# --------------------------------------------------------------------------- the relations


def _before(a, b):
    if _point(a) and _point(b):
        return _lt(a, b)
    if _point(a):
        return _start_gt(b.start, a) or (_same(a, b.start) and not b.start_included)
    if _point(b):
        return _end_lt(a.end, b) or (_same(a.end, b) and not a.end_included)
    return (a.end is not None and _start_gt(b.start, a.end)) or (
        (not a.end_included or not b.start_included) and _same(a.end, b.start) and a.end is not None
    )


def _after(a, b):
    if _point(a) and _point(b):
        return _lt(b, a)
    if _point(a):
        return _end_lt(b.end, a) or (_same(a, b.end) and not b.end_included)
    if _point(b):
        return _start_gt(a.start, b) or (_same(a.start, b) and not a.start_included)
    return _before(b, a)


def _require_ranges(a, b) -> None:
    if _point(a) or _point(b):
        raise TypeError("ranges expected")


def _meets(a, b):
    _require_ranges(a, b)
    return a.end_included and b.start_included and a.end is not None and _same(a.end, b.start)


def _met_by(a, b):
    return _meets(b, a)


def _overlaps(a, b):
    _require_ranges(a, b)
    return _end_gt_start(a, b) and _end_gt_start(b, a)


def _end_gt_start(a: Range, b: Range) -> bool:
    """a's end reaches past b's start (touching counts when both ends are included)."""
    if a.end is None or b.start is None:
        return True
    return _lt(b.start, a.end) or (_eq(a.end, b.start) and a.end_included and b.start_included)


def _start_before(a: Range, b: Range) -> bool:
    """a starts before b: strictly, or at the same point included where b's is excluded."""
    if a.start is None or b.start is None:
        return a.start is None and b.start is not None
    return _lt(a.start, b.start) or (_eq(a.start, b.start) and a.start_included and not b.start_included)


def _end_within(a: Range, b: Range) -> bool:
    """a ends before b ends or at the same end without passing it."""
    if a.end is None or b.end is None:
        return b.end is None
    return _lt(a.end, b.end) or (_eq(a.end, b.end) and (not a.end_included or b.end_included))


def _overlaps_before(a, b):
    _require_ranges(a, b)
    return _start_before(a, b) and _end_gt_start(a, b) and _end_within(a, b)


def _overlaps_after(a, b):
    return _overlaps_before(b, a)


def _start_within(a: Range, b: Range) -> bool:
    """a starts after b starts or at the same start without passing it (a inside b at the start)."""
    if a.start is None or b.start is None:
        return b.start is None
    return _lt(b.start, a.start) or (_eq(a.start, b.start) and (not a.start_included or b.start_included))


def _includes(a, b):
    if _point(a):
        raise TypeError("includes: the first argument is a range")
    if _point(b):
        return (_start_lt(a.start, b) and _end_gt(a.end, b)) or (
            (a.start is not None and a.start_included and _eq(a.start, b))
            or (a.end is not None and a.end_included and _eq(a.end, b))
        )
    return _start_within(b, a) and _end_within(b, a)


def _during(a, b):
    if _point(b):
        raise TypeError("during: the second argument is a range")
    return _includes(b, a)


def _finishes(a, b):
    if _point(b):
        raise TypeError("finishes: the second argument is a range")
    if _point(a):
        return b.end_included and b.end is not None and _eq(b.end, a)
    return a.end_included == b.end_included and _same(a.end, b.end) and _start_within(a, b)


def _finished_by(a, b):
    if _point(a):
        raise TypeError("finished by: the first argument is a range")
    return _finishes(b, a)


def _starts(a, b):
    if _point(b):
        raise TypeError("starts: the second argument is a range")
    if _point(a):
        return b.start_included and b.start is not None and _eq(b.start, a)
    return a.start_included == b.start_included and _same(a.start, b.start) and _end_within(a, b)


def _started_by(a, b):
    if _point(a):
        raise TypeError("started by: the first argument is a range")
    return _starts(b, a)


def _coincides(a, b):
    if _point(a) and _point(b):
        return _eq(a, b)
    _require_ranges(a, b)
    return (
        a.start_included == b.start_included
        and a.end_included == b.end_included
        and _same(a.start, b.start)
        and _same(a.end, b.end)
    )


class _RangeBuiltin(Builtin):
    """A range relation: named arguments pick the overload whose names they give, in their order."""

    def call_named(self, kwargs: dict):
        order = tuple(kwargs)
        for sig in self.signatures:
            if sig == order:
                return self.call(list(kwargs.values()))
        for sig in self.signatures:
            if set(sig) == set(order):
                return self.call([kwargs[name] for name in sig])
        return None


_PP = ("point1", "point2")
_PR = ("point", "range")
_RP = ("range", "point")
_RR = ("range1", "range2")


# --------------------------------------------------------------------------- range(from)

_NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)")
_CONSTRUCTORS = (
    ("date and time", temporal.parse_date_time),
    ("duration", temporal.parse_duration),
    ("date", temporal.parse_date),
    ("time", temporal.parse_time),
)
_STRING_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}
_DATE_TEXT = re.compile(r"-?\d{4,9}-\d{2}-\d{2}")


def _at_literal(text: str):
    """The value of ``@"..."``: a date, date and time, time or duration, by its form."""
    if text.startswith(("P", "-P")):
        return temporal.parse_duration(text)
    if "T" in text and _DATE_TEXT.fullmatch(text.partition("T")[0]):  # a zone name may hold a T: "@Etc/UTC"
        return temporal.parse_date_time(text)
    if _DATE_TEXT.fullmatch(text):
        return temporal.parse_date(text)
    return temporal.parse_time(text)


class _RangeLiteral:
    """A small parser for a range literal whose endpoints are literals, as ``range()`` takes them."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def skip_space(self):
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def take(self, token: str) -> bool:
        self.skip_space()
        if self.text.startswith(token, self.pos):
            self.pos += len(token)
            return True
        return False

    def string(self) -> str:
        if not self.take('"'):
            raise ValueError("string literal expected")
        out = []
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            self.pos += 1
            if ch == '"':
                return "".join(out)
            if ch != "\\":
                out.append(ch)
                continue
            esc = self.text[self.pos : self.pos + 1]
            self.pos += 1
            if esc in _STRING_ESCAPES:
                out.append(_STRING_ESCAPES[esc])
            elif esc in ("u", "U"):
                width = 4 if esc == "u" else 6
                digits = self.text[self.pos : self.pos + width]
                if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
                    raise ValueError("bad unicode escape")
                out.append(chr(int(digits, 16)))
                self.pos += width
            else:
                raise ValueError("bad escape")
        raise ValueError("unterminated string")

    def endpoint(self):
        self.skip_space()
        if self.take("@"):
            value = _at_literal(self.string())
        elif self.text.startswith('"', self.pos):
            return self.string()
        else:
            match = _NUMBER.match(self.text, self.pos)
            if match:
                self.pos = match.end()
                return DECIMAL.plus(Decimal(match.group()))
            for name, parse in _CONSTRUCTORS:
                if self.take(name) and self.take("("):
                    value = parse(self.string())
                    if not self.take(")"):
                        raise ValueError(") expected")
                    break
            else:
                raise ValueError("a literal endpoint expected")
        if value is None:
            raise ValueError("invalid temporal literal")
        return value

    def parse(self) -> Range:
        self.skip_space()
        opening = self.text[self.pos : self.pos + 1]
        if opening not in ("[", "(", "]"):
            raise ValueError("a range literal starts with [, ( or ]")
        self.pos += 1
        start = self.endpoint()
        if not self.take(".."):
            raise ValueError(".. expected")
        end = self.endpoint()
        self.skip_space()
        closing = self.text[self.pos : self.pos + 1]
        if closing not in ("]", ")", "["):
            raise ValueError("a range literal ends with ], ) or [")
        self.pos += 1
        self.skip_space()
        if self.pos != len(self.text):
            raise ValueError("text after the range")
        if feel_type_name(start) != feel_type_name(end) or lt(end, start) is not False:
            raise ValueError("the endpoints are of different types or in the wrong order")
        return Range(start, end, opening == "[", closing == "]")


def parse_range(text) -> Range | None:
    """``"[1..10)"`` as a Range; None for anything else (unary tests such as ``>= 5`` too)."""
    if not isinstance(text, str):
        return None
    try:
        return _RangeLiteral(text).parse()
    except ValueError:
        return None


def feel_range(from_):
    """``range("[1..10)")``: a range literal string (endpoints are literals) as a range."""
    return parse_range(from_)


FUNCTIONS: list[Builtin] = [
    _RangeBuiltin("before", [_PP, _PR, _RP, _RR], _before),
    _RangeBuiltin("after", [_PP, _PR, _RP, _RR], _after),
    _RangeBuiltin("meets", [_RR], _meets),
    _RangeBuiltin("met by", [_RR], _met_by),
    _RangeBuiltin("overlaps", [_RR], _overlaps),
    _RangeBuiltin("overlaps before", [_RR], _overlaps_before),
    _RangeBuiltin("overlaps after", [_RR], _overlaps_after),
    _RangeBuiltin("finishes", [_PR, _RR], _finishes),
    _RangeBuiltin("finished by", [_RP, _RR], _finished_by),
    _RangeBuiltin("includes", [_RP, _RR], _includes),
    _RangeBuiltin("during", [_PR, _RR], _during),
    _RangeBuiltin("starts", [_PR, _RR], _starts),
    _RangeBuiltin("started by", [_RP, _RR], _started_by),
    _RangeBuiltin("coincides", [_PP, _RR], _coincides),
    Builtin("range", [("from",)], feel_range),
]
