"""The FEEL types of a model's item definitions, and the names a model introduces.

``fill_type`` gives an item definition's ``ItemType`` its base type, components, function signature and
allowed values (unary tests compiled once); ``names_in`` collects every name a model defines, which the FEEL
parser needs to read names with spaces.
"""

from __future__ import annotations

import dataclasses

from . import model as M
from .feel.types import ANY, FeelType, FunctionType, ItemType

__all__ = ["all_tests", "fill_type", "names_in"]


def names_in(obj, out: set) -> None:
    """Every name a model introduces somewhere (context entries, parameters, columns...)."""
    if isinstance(obj, list):
        for x in obj:
            names_in(x, out)
        return
    if not dataclasses.is_dataclass(obj) or isinstance(obj, M.Rule):  # a rule's cells introduce no name
        return
    if isinstance(obj, M.ContextEntry | M.ItemDefinition | M.InputData | M.Decision | M.BusinessKnowledgeModel
                  | M.DecisionService | M.Import) and obj.name:
        out.add(obj.name)
    if isinstance(obj, M.OutputClause) and obj.name:
        out.add(obj.name)
    if isinstance(obj, M.FunctionDefinition):
        out.update(p for p, _ in obj.params)
    if isinstance(obj, M.Relation):
        out.update(c for c, _ in obj.columns)
    if isinstance(obj, M.Iterator | M.Quantified):
        out.add(obj.variable)
    if isinstance(obj, M.ItemDefinition) and obj.function_params:
        out.update(p for p, _ in obj.function_params)
    for f in dataclasses.fields(obj):
        if not f.compare:  # what the reader found wrong, not part of the model
            continue
        value = getattr(obj, f.name)
        if isinstance(value, list) or dataclasses.is_dataclass(value):
            names_in(value, out)
        elif isinstance(value, tuple):
            for x in value:
                names_in(x, out)


_NO_SCOPE: dict = {}


def all_tests(preds):
    """A predicate: does a value pass every one of these unary tests (allowed values, type constraint)?"""
    if len(preds) == 1:
        only = preds[0]
        return lambda v: only(v, _NO_SCOPE) is True

    def passes(v):
        for p in preds:
            if p(v, _NO_SCOPE) is not True:
                return False
        return True
    return passes


def fill_type(t: ItemType, item: M.ItemDefinition, resolve_type, exprs, names) -> None:
    """Complete ``t`` from ``item``: ``resolve_type(name)`` finds a type by name, ``exprs`` (the model's
    ``ExpressionCompiler``) compiles the allowed values and records problems, ``names`` are the model's."""
    t.collection = item.is_collection
    if item.components:
        fields = {}
        for comp in item.components:
            ct = ItemType(comp.name)
            fill_type(ct, comp, resolve_type, exprs, names)
            fields[comp.name] = ct
        t.fields = fields
    elif item.function_params is not None:
        params = [resolve_type(p) or ANY if p else ANY for _, p in item.function_params]
        out = resolve_type(item.function_output) if item.function_output else ANY
        t.base = FunctionType(params, out or ANY)
    elif item.type_ref:
        base = resolve_type(item.type_ref)
        if base is None:
            exprs.problem(f"unknown type '{item.type_ref}'", item.line, item.id)
            base = ANY
        if item.allowed_values and isinstance(base, ItemType):
            # a type's own allowed values replace those of its base type (a type without any keeps its base's);
            # its base's type constraint still applies (DMN 1.5 §7.3.2: type constraints are inherited)
            base = _WithoutAllowedValues(base)
        t.base = base
    tests = [x for x in (item.allowed_values, item.type_constraint) if x]
    if tests:
        preds = [exprs.tests(x, item.line, item.id, names) for x in tests]
        t.allowed = all_tests(preds)
        if item.type_constraint:
            t.constraint = all_tests(preds[-1:])
        if len(preds) == 1:
            t.allowed_literals = getattr(preds[0], "literals", None)
    t.specialize()


class _WithoutAllowedValues(FeelType):
    """An item type as the base of a type with allowed values of its own: its values less its allowed values
    (its type constraint kept). Asked at call time, so the base may be filled in after its derived type."""

    def __init__(self, base: ItemType):
        self.item = base
        self.name = base.name

    def conforms(self, value) -> bool:
        item = self.item
        if item.fields is not None or item.collection:
            return item.conforms(value)
        constraint = item.constraint
        return value is None or item.base.conforms(value) and (constraint is None or constraint(value))
