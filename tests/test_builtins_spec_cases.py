"""FEEL built-ins and operators against worked-out values, from tests/feel_cases/builtins_spec.txt.

Each line is ``expression => expected``; the expected side is a FEEL literal (a number, string, list, context,
range or a ``date(...)``-style constructor), evaluated apart and compared with FEEL equality and the same
type. ``null`` means the expression must be null. The values come from the DMN 1.5 specification's tables
and examples, the DMN TCK, and where the specification is silent, from what jDMN and Drools answer (each
section of the file says which).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from service.dmn.feel import evaluate, ops

CASES = Path(__file__).parent / "feel_cases" / "builtins_spec.txt"


def _cases():
    section = ""
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("## "):
            section = line[3:]
        elif line.strip() and not line.startswith("#"):
            expression, _, expected = line.partition(" => ")
            yield pytest.param(expression, expected, section, id=f"{number}: {expression[:60]}")


@pytest.mark.parametrize(("expression", "expected", "section"), list(_cases()))
def test_feel_case(expression, expected, section):
    got = evaluate(expression)
    want = evaluate(expected)
    if want is None:
        assert got is None, f"{section}: {expression} gave {got!r}, expected null"
        return
    same_type = type(got) is type(want) or (isinstance(want, list) and isinstance(got, list)) or (
        isinstance(want, dict) and isinstance(got, dict)
    )
    assert same_type and ops.eq(got, want) is True, f"{section}: {expression} gave {got!r}, expected {want!r}"
