"""String built-in functions (DMN 1.5, 10.3.4.3).

Strings are Python ``str``, so lengths and positions count Unicode code points as FEEL wants.
``matches``, ``replace`` and ``split`` take XML Schema / XPath regular expressions (``regexes``). A match runs
with the evaluation's time left as its timeout (a pattern such as ``(a|a)+$`` may otherwise backtrack for ages),
and the strings and lists these functions make count towards its size budget.
"""

from __future__ import annotations

from decimal import Decimal

from ...budget import DEFAULT_BUDGET, BudgetExceeded
from ...evalstate import UNMETERED, charge, current_state, seconds_left
from .base import Builtin, builtin
from .conversion import scalar_arguments
from .numeric import as_int
from .regexes import compile_xpath_regex

__all__ = ["FUNCTIONS", "compile_xpath_regex"]

_MISSING = object()


def _out_of_time() -> BudgetExceeded:
    state = current_state()
    budget = state.budget if state is not None else None
    return BudgetExceeded("time", (budget or DEFAULT_BUDGET).seconds)


# --------------------------------------------------------------------------- the functions


def _strings(*values) -> bool:
    return all(isinstance(v, str) for v in values)


@builtin("substring", ("string", "start position"), ("string", "start position", "length"))
@scalar_arguments
def substring(string, start_position, length=_MISSING):
    """1-based; a negative start counts from the end (``substring("foobar", -2, 1)`` is "a")."""
    start = as_int(start_position)
    if not isinstance(string, str) or start is None or start == 0:
        return None
    index = start - 1 if start > 0 else len(string) + start
    if length is _MISSING:
        return string[max(index, 0) :]
    count = as_int(length)
    if count is None or count < 0:
        return None
    # positions before the first character count towards the length but select nothing
    return string[max(index, 0) : max(index + count, 0)]


@builtin("string length", ("string",))
@scalar_arguments
def string_length(string):
    return Decimal(len(string)) if isinstance(string, str) else None


@builtin("upper case", ("string",))
@scalar_arguments
def upper_case(string):
    return string.upper() if isinstance(string, str) else None


@builtin("lower case", ("string",))
@scalar_arguments
def lower_case(string):
    return string.lower() if isinstance(string, str) else None


@builtin("substring before", ("string", "match"))
@scalar_arguments
def substring_before(string, match):
    if not _strings(string, match):
        return None
    index = string.find(match)
    return string[:index] if index >= 0 else ""


@builtin("substring after", ("string", "match"))
@scalar_arguments
def substring_after(string, match):
    if not _strings(string, match):
        return None
    index = string.find(match)
    return string[index + len(match) :] if index >= 0 else ""


@builtin("contains", ("string", "match"))
@scalar_arguments
def contains(string, match):
    return match in string if _strings(string, match) else None


@builtin("starts with", ("string", "match"))
@scalar_arguments
def starts_with(string, match):
    return string.startswith(match) if _strings(string, match) else None


@builtin("ends with", ("string", "match"))
@scalar_arguments
def ends_with(string, match):
    return string.endswith(match) if _strings(string, match) else None


@builtin("matches", ("input", "pattern"), ("input", "pattern", "flags"))
@scalar_arguments
def matches(input_, pattern, flags=None):
    if not isinstance(input_, str):
        return None
    compiled = compile_xpath_regex(pattern, flags)
    try:
        return compiled.search(input_, timeout=seconds_left()) is not None
    except TimeoutError:
        raise _out_of_time() from None


def _expand_replacement(replacement: str, groups: int):
    """Parse an XPath replacement (``$N`` group references, ``\\$`` and ``\\\\``) into parts."""
    parts: list[str | int] = []
    i = 0
    literal = []
    while i < len(replacement):
        ch = replacement[i]
        if ch == "\\":
            nxt = replacement[i + 1 : i + 2]
            if nxt not in ("\\", "$"):
                raise ValueError("a backslash in a replacement must escape \\ or $")
            literal.append(nxt)
            i += 2
        elif ch == "$":
            j = i + 1
            if j >= len(replacement) or not replacement[j].isdigit():
                raise ValueError("$ in a replacement must be followed by a group number")
            number = int(replacement[j])
            j += 1
            while j < len(replacement) and replacement[j].isdigit():
                longer = number * 10 + int(replacement[j])
                if longer > groups:
                    break
                number = longer
                j += 1
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(number)
            i = j
        else:
            literal.append(ch)
            i += 1
    if literal:
        parts.append("".join(literal))
    return parts


@builtin("replace", ("input", "pattern", "replacement"), ("input", "pattern", "replacement", "flags"))
@scalar_arguments
def replace(input_, pattern, replacement, flags=None):
    if not _strings(input_, replacement):
        return None
    compiled = compile_xpath_regex(pattern, flags)
    if compiled.fullmatch(""):
        return None  # XPath: a pattern that matches the empty string is an error
    # with the q flag the replacement is literal too
    parts = [replacement] if flags and "q" in flags else _expand_replacement(replacement, compiled.groups)

    def substitute(match) -> str:
        out = []
        for part in parts:
            if isinstance(part, int):
                out.append((match.group(part) or "") if part <= compiled.groups else "")
            else:
                out.append(part)
        text = "".join(out)
        charge(len(text))  # what a replacement adds, as it is made
        return text

    charge(len(input_))
    try:
        return compiled.sub(substitute, input_, timeout=seconds_left())
    except TimeoutError:
        raise _out_of_time() from None


@builtin("split", ("string", "delimiter"))
@scalar_arguments
def split(string, delimiter):
    """``split("a;b;;", ";")`` is ["a", "b", "", ""]: the delimiter is a regular expression."""
    if not _strings(string, delimiter):
        return None
    compiled = compile_xpath_regex(delimiter)
    if compiled.fullmatch(""):
        return None
    pieces = []
    start = 0
    meter = current_state() or UNMETERED
    try:
        for match in compiled.finditer(string, timeout=seconds_left()):
            meter.charge(1)  # and the clock, between matches
            pieces.append(string[start : match.start()])
            start = match.end()
    except TimeoutError:
        raise _out_of_time() from None
    pieces.append(string[start:])
    charge(len(string))
    return pieces


@builtin("string join", ("list",), ("list", "delimiter"))
def string_join(items, delimiter=None):
    """Joins the strings of ``list`` (nulls skipped); a single string is a list of one."""
    if isinstance(items, str):
        items = [items]
    if not isinstance(items, list):
        return None
    if delimiter is None:
        delimiter = ""
    if not isinstance(delimiter, str):
        return None
    if any(item is not None and not isinstance(item, str) for item in items):
        return None
    strings = [item for item in items if item is not None]
    charge(sum(map(len, strings)) + len(delimiter) * len(strings))  # before the string is made
    return delimiter.join(strings)


FUNCTIONS: list[Builtin] = [
    substring,
    string_length,
    upper_case,
    lower_case,
    substring_before,
    substring_after,
    replace,
    contains,
    starts_with,
    ends_with,
    matches,
    split,
    string_join,
]
