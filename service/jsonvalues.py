"""JSON text and values ⇄ FEEL values.

Reading: every JSON number becomes a ``decimal.Decimal`` straight from its text (never a float); ``NaN`` and
``Infinity`` are refused. Strings stay strings unless a type says otherwise (``from_json(value, "date")``).

Writing: a ``Decimal`` is written as a JSON number holding exactly its digits (``116.15`` stays ``116.15``,
``0.60`` stays ``0.60``); dates, times and date-times as ISO 8601 strings; durations as ISO 8601 duration
strings (``P1Y2M``, ``P1DT2H``); ranges and functions as their FEEL text; lists and contexts recursively. A
document that holds one list or context in several places (an answer's trace: a decision's result is an input of
the decisions that read it) can hold it as ``shared(value, seen)``: a plain list or dict to every reader, written
once per document by ``dumps`` and ``dumps_bytes``, its text then copied wherever it appears again.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import secrets
from decimal import Decimal

import orjson

from service.dmn.feel.calendar import WideDate, WideDateTime, WideTime
from service.dmn.feel.temporal import parse_date, parse_date_time, parse_duration, parse_time
from service.dmn.feel.text import format_time, to_feel_text
from service.dmn.feel.values import DayTimeDuration, FeelFunction, Range, YearMonthDuration

__all__ = ["FEEL_TYPES", "MAX_DEPTH", "JsonSyntaxError", "SharedDict", "SharedList", "dumps", "dumps_bytes",
           "from_json", "loads", "shared", "to_json"]


class JsonSyntaxError(ValueError):
    """A text that is not JSON; the message says where (line and column)."""


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


#: the deepest nesting of arrays and objects ``loads`` accepts
MAX_DEPTH = 64


def _check_depth(value) -> None:
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, (dict, list)):
            if depth > MAX_DEPTH:
                raise JsonSyntaxError(f"arrays and objects are nested more than {MAX_DEPTH} deep")
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))


def _unique_keys(pairs: list) -> dict:
    """An object's members as a dict; ``JsonSyntaxError`` naming the first key given twice."""
    value = dict(pairs)
    if len(value) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise JsonSyntaxError(f"the key {json.dumps(key)} is given twice in one object")
            seen.add(key)
    return value


#: json.loads with these options would make this decoder at each call
_DECODER = json.JSONDecoder(parse_float=Decimal, parse_int=Decimal, parse_constant=_refuse_constant,
                            object_pairs_hook=_unique_keys)


def loads(text: str | bytes):
    """Parse JSON text; numbers become Decimal. Raises ``JsonSyntaxError`` with line and column, naming a key
    given twice in one object, or when arrays and objects nest deeper than ``MAX_DEPTH``."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if text.startswith("\ufeff"):  # as json.loads refuses it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        value = _DECODER.decode(text)
    except RecursionError:
        raise JsonSyntaxError(f"arrays and objects are nested more than {MAX_DEPTH} deep") from None
    except json.JSONDecodeError as exc:
        raise JsonSyntaxError(f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except UnicodeDecodeError as exc:
        raise JsonSyntaxError(f"the body is not UTF-8 (byte {exc.start})") from None
    except JsonSyntaxError:
        raise
    except ValueError as exc:
        raise JsonSyntaxError(str(exc)) from None
    if text.count("[") + text.count("{") > MAX_DEPTH:  # fewer opening brackets cannot nest deeper
        _check_depth(value)
    return value


# --------------------------------------------------------------------------- FEEL -> JSON


def _number_text(value: Decimal) -> str | None:
    if not value.is_finite():
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -40 <= exponent <= 40:
        return format(value, "f")
    return str(value)  # e.g. 1.5E+100: still a valid JSON number


def to_json(value):
    """A FEEL value as plain JSON data (Decimal kept as Decimal for ``dumps`` to write exactly)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() + "T" + format_time(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, _dt.time):
        return format_time(value)
    if isinstance(value, (WideDate, WideDateTime, WideTime)):  # beyond Python's years or microseconds
        return to_feel_text(value)
    if isinstance(value, (DayTimeDuration, YearMonthDuration)):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (Range, FeelFunction)):
        return to_feel_text(value)
    return str(value)


#: Decimals reach the C JSON encoder as strings wrapped in this marker, a random one per process so that no
#: string of a request can hold it; the markers and the quotes around them are then taken off with two plain
#: replacements, leaving the number's digits
_TOKEN = secrets.token_hex(12)
_MARK = "\x00" + _TOKEN
_MARK_OPEN = '"\\u0000' + _TOKEN  # how the C encoder writes the opening quote and the marker
_MARK_CLOSE = '\\u0000' + _TOKEN + '"'


def _default(value):
    if type(value) is Decimal:
        text = str(value)  # exactly ``format(value, "f")`` unless it uses an exponent ("e" when capitals=0)
        if "E" in text or "e" in text or not value.is_finite():
            text = _number_text(value)
            if text is None:
                return None
        return _MARK + text + _MARK
    converted = to_json(value)
    if converted is value:
        return str(value)
    return converted


def _encoder(indent: int | None, ensure_ascii: bool = False) -> json.JSONEncoder:
    # JSON and FEEL values are trees (no list or context holds itself), so the encoder does not spend time
    # looking for cycles; a value that did hold itself would raise RecursionError instead of ValueError
    return json.JSONEncoder(default=_default, ensure_ascii=ensure_ascii, allow_nan=False, check_circular=False,
                            indent=indent, separators=(",", ":") if indent is None else (",", ": "))


_COMPACT = _encoder(None)


#: a lone surrogate: a string may hold one (a JSON text can escape it), UTF-8 cannot encode it
_SURROGATE = re.compile("[\ud800-\udfff]")


class SharedList(list):
    """A list that a document holds in several places (the same value read by several decisions of a trace):
    written once per document, then copied as text. A plain list for everything else (pickled and copied as
    one)."""

    __slots__ = ("original", "fragment")

    def __reduce__(self):
        return list, (list(self),)


class SharedDict(dict):
    """A context (dict) that a document holds in several places; see ``SharedList``."""

    __slots__ = ("original", "fragment")

    def __reduce__(self):
        return dict, (dict(self),)


_SHARED = {list: SharedList, dict: SharedDict}


def shared(value, seen: dict):
    """``value`` as a document holding it several times takes it: a non-empty list or dict becomes the one
    ``SharedList`` or ``SharedDict`` standing for it in ``seen`` (id of the value -> its stand-in, kept while the
    document is built, which keeps the value alive); anything else is ``value`` itself."""
    kind = _SHARED.get(type(value))
    if kind is None or not value:
        return value
    found = seen.get(id(value))
    if found is None:
        found = seen[id(value)] = kind(value)
        found.original = value
        found.fragment = None
    return found


def _fragment(value):
    """``orjson``'s ``default``: a Decimal as its exact digits, a shared list or dict as the text it was written
    as the first time, anything else as ``to_json`` writes it."""
    kind = type(value)
    if kind is Decimal:
        text = str(value)
        if "E" in text or "e" in text or not value.is_finite():
            text = _number_text(value)
            if text is None:
                return None
        return orjson.Fragment(text)
    if kind is _dt.date:
        return value.isoformat()
    if kind is SharedList or kind is SharedDict:
        fragment = value.fragment
        if fragment is None:
            fragment = value.fragment = orjson.Fragment(
                orjson.dumps(value.original, default=_fragment, option=_ORJSON_OPTIONS))
        return fragment
    converted = to_json(value)
    if converted is value:
        return str(value)
    return converted


#: dates, times, dataclasses and subclasses of str, int, dict go to ``_fragment`` (FEEL's own text for them)
_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS


def dumps_bytes(value) -> bytes:
    """``dumps(value)`` as UTF-8 bytes, written by orjson (several times faster than the standard library) when
    it can: it cannot write a lone surrogate, an integer past 64 bits or a key that is not a string, and those
    values are written by ``dumps``."""
    try:
        return orjson.dumps(value, default=_fragment, option=_ORJSON_OPTIONS)
    except (orjson.JSONEncodeError, TypeError):
        return dumps(value, fast=False).encode("utf-8")


def dumps(value, indent: int | None = None, fast: bool = True) -> str:
    """JSON text for a FEEL or JSON value; Decimals are written exactly. A text holding a lone surrogate is
    written with every non-ASCII character escaped, so that it can always be sent as UTF-8."""
    if fast and indent is None:
        try:
            return orjson.dumps(value, default=_fragment, option=_ORJSON_OPTIONS).decode("utf-8")
        except (orjson.JSONEncodeError, TypeError):
            pass
    text = (_COMPACT if indent is None else _encoder(indent)).encode(value)
    if not text.isascii() and _SURROGATE.search(text):
        text = _encoder(indent, ensure_ascii=True).encode(value)
    if _TOKEN in text:
        text = text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
    return text


# --------------------------------------------------------------------------- JSON -> FEEL

#: type name -> parser of a JSON string into that FEEL type (None when the text is not one)
FEEL_TYPES = {
    "date": parse_date,
    "time": parse_time,
    "date and time": parse_date_time,
    "dateTime": parse_date_time,
    "days and time duration": lambda text: _duration(text, DayTimeDuration),
    "dayTimeDuration": lambda text: _duration(text, DayTimeDuration),
    "years and months duration": lambda text: _duration(text, YearMonthDuration),
    "yearMonthDuration": lambda text: _duration(text, YearMonthDuration),
}


def _duration(text, kind):
    value = parse_duration(text)
    return value if isinstance(value, kind) else None


def from_json(value, type_name: str | None = None):
    """A JSON value as a FEEL value. With a temporal ``type_name`` a string is parsed into that type
    (``ValueError`` when it is not one); without, strings stay strings and containers are converted item
    by item."""
    if type_name in FEEL_TYPES and isinstance(value, str):
        parsed = FEEL_TYPES[type_name](value)
        if parsed is None:
            raise ValueError(f"not a valid {type_name}: {value!r}")
        return parsed
    if isinstance(value, bool) or value is None or isinstance(value, (str, Decimal)):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {k: from_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [from_json(v) for v in value]
    raise ValueError(f"not a JSON value: {type(value).__name__}")
