"""The columns of a decision table as the analysis sees them: kind and allowed values, from the item definitions."""

from __future__ import annotations

from .. import model as M
from ..errors import FeelSyntaxError
from ..feel import ast as A
from ..feel.parser import parse_unary_tests
from .cells import Column, Literal, literal_of

__all__ = ["Types", "clause_label"]

_BASE = {"number": "number", "string": "string", "boolean": "boolean", "date": "date"}
_PREFIXES = ("feel:", "FEEL:")


def clause_label(clause) -> str:
    """How a modeler shows a column: its label, else its expression (first line) or output name."""
    text = (getattr(clause, "label", None) or getattr(clause, "text", None) or getattr(clause, "name", None)
            or "output").strip()
    first = text.splitlines()[0].strip() if text else text
    return first if len(first) <= 60 else first[:57] + "..."


def _literals(text: str | None) -> list[Literal] | None:
    """The constants of an allowed-values text, or None when it holds anything else (ranges, names)."""
    if not text or not text.strip():
        return None
    try:
        tests = parse_unary_tests(text)
    except FeelSyntaxError:
        return None
    out = []
    for test in tests.tests:
        lit = literal_of(test.expr) if isinstance(test, A.UTExpr) and not test.uses_question else None
        if lit is None:
            return None
        out.append(lit)
    return out


class Types:
    """The item definitions of one model, resolved to a base kind and the allowed values on the way."""

    def __init__(self, definitions: M.Definitions):
        self.items = {i.name: i for i in definitions.item_definitions}
        self.inputs = {i.name: i.type_ref for i in definitions.input_data}
        self.inputs.update({d.name: d.type_ref for d in definitions.decisions})

    def resolve(self, type_ref: str | None) -> tuple[str | None, str | None]:
        """(base kind or None, allowed-values text or None) of a type reference."""
        allowed = None
        seen = set()
        name = type_ref
        while name and name not in seen:
            seen.add(name)
            for prefix in _PREFIXES:
                if name.startswith(prefix):
                    name = name[len(prefix):]
            if name in _BASE:
                return _BASE[name], allowed
            item = self.items.get(name)
            if item is None or item.is_collection or item.components:
                return None, allowed
            allowed = allowed or item.allowed_values or item.type_constraint
            name = item.type_ref
        return None, allowed

    def column(self, label: str, type_ref: str | None, own_values: str | None, expression: str | None = None,
               cell_kinds: list[str] | None = None) -> Column:
        if not type_ref and expression and expression.strip() in self.inputs:
            type_ref = self.inputs[expression.strip()]
        kind, allowed = self.resolve(type_ref)
        allowed = own_values or allowed
        if kind is None and not type_ref and cell_kinds:
            kinds = {k for k in cell_kinds if k != "null"}
            if len(kinds) == 1 and next(iter(kinds)) in _BASE.values():
                kind = next(iter(kinds))
        return Column(label, kind, _literals(allowed), allowed)
