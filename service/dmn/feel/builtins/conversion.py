"""Conversion built-in functions (DMN 1.5, 10.3.4.1 and 10.3.4.2): number, string, not."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import wraps

from ...evalstate import charge, current_state
from ..numbers import checked
from ..text import to_feel_text
from ..values import DECIMAL
from .base import Builtin, builtin

__all__ = ["FUNCTIONS", "scalar_arguments"]

_GROUPING_SEPARATORS = (" ", ",", ".")
_DECIMAL_SEPARATORS = (",", ".")
_NUMBER_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def scalar_arguments(impl: Callable) -> Callable:
    """Wrap a built-in whose parameters are not lists: a list of one item stands for that item.

    DMN 1.5, 10.3.2.9.4: where a function expects a non-list type, a singleton list is
    converted to its element (``upper case(["Bob"])`` is "BOB").
    """

    @wraps(impl)
    def wrapper(*args):
        for arg in args:
            if isinstance(arg, list):
                return impl(*[a[0] if isinstance(a, list) and len(a) == 1 else a for a in args])
        return impl(*args)  # the usual call: no list among the arguments, nothing to convert

    return wrapper


@builtin("number", ("from",), ("from", "grouping separator", "decimal separator"))
@scalar_arguments
def number(from_, *separators):
    """``number("1.000.000,01", ".", ",")`` is 1000000.01; a separator left out is null."""
    if not isinstance(from_, str) or len(separators) > 2:
        return None
    # a named call may leave out one separator: it is then null, as jDMN and Drools take it
    grouping, decimal = (*separators, None, None)[:2]
    if grouping is not None and grouping not in _GROUPING_SEPARATORS:
        return None
    if decimal is not None and decimal not in _DECIMAL_SEPARATORS:
        return None
    if grouping is not None and grouping == decimal:
        return None
    text = from_
    if grouping is not None:
        text = text.replace(grouping, "")
    if decimal is not None and decimal != ".":
        if "." in text:
            return None
        text = text.replace(decimal, ".")
    if not _NUMBER_TEXT.fullmatch(text):
        return None
    try:
        return checked(DECIMAL.plus(Decimal(text)))  # rounded to 34 digits; past decimal128's range: null
    except InvalidOperation:
        return None


@builtin("string", ("from",))
def string(from_):
    """The FEEL text of any value; ``string(null)`` is null."""
    if from_ is None:
        return None
    if isinstance(from_, str):
        return from_
    if (from_.__class__ is list or from_.__class__ is dict) and current_state() is not None:
        _charge_structure(from_)  # before the text is made: a list may hold one long list many times
    return to_feel_text(from_)


def _charge_structure(value) -> None:
    """Count the items and long strings of a list or context towards the evaluation's size budget."""
    todo = [value]
    while todo:
        v = todo.pop()
        if v.__class__ is list:
            charge(len(v))
            todo.extend(v)
        elif v.__class__ is dict:
            charge(len(v))
            todo.extend(v.values())
        elif v.__class__ is str and len(v) > 64:
            charge(len(v))


@builtin("not", ("negand",))
@scalar_arguments
def feel_not(negand):
    if isinstance(negand, bool):
        return not negand
    return None


FUNCTIONS: list[Builtin] = [number, string, feel_not]
