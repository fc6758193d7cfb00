"""Static analysis of DMN models: what ``decisions check`` reports beyond load errors.

``lint(models)`` takes loaded models (``load(...)``'s answer, a list of ``Model``) or read ``Definitions`` and
returns a list of ``Finding``, errors first. Nothing is evaluated: the checks read the tables' cells, the item
definitions and the names the model defines.
"""

from __future__ import annotations

from pathlib import Path

from .. import model as M
from .finding import Finding
from .names import NameCheck
from .tables import TableLint

__all__ = ["Finding", "lint"]


def _definitions(item) -> M.Definitions:
    return item if isinstance(item, M.Definitions) else item.definitions


def lint(models) -> list[Finding]:
    """Every finding of every model, errors first, then in file and line order."""
    items = list(models.values()) if hasattr(models, "values") else list(models)
    every = [_definitions(m) for m in items]
    by_namespace = {d.namespace: d for d in every}
    findings: list[Finding] = []
    for defs in every:
        findings.extend(lint_definitions(defs, by_namespace))
    findings.sort(key=lambda f: (f.severity != "error", f.file or "", f.line or 0))
    return findings


def lint_definitions(defs: M.Definitions, by_namespace: dict | None = None) -> list[Finding]:
    """The findings of one model (``by_namespace``: the models it may import, for their names)."""
    imported = set()
    for imp in defs.imports:
        imported.add(imp.name)
        other = (by_namespace or {}).get(imp.namespace)
        if other is not None and not imp.name:
            imported |= {d.name for d in [*other.decisions, *other.input_data, *other.bkms]}
    names = NameCheck(defs, imported)
    from .columns import Types

    types = Types(defs)
    file_name = Path(defs.file).name if defs.file else defs.name
    place = {"file": defs.file, "model": defs.name, "prefix": file_name}
    findings: list[Finding] = []
    owners = [(d, d.expression) for d in defs.decisions]
    # a table that is the body of a business knowledge model is checked as the BKM's table
    owners += [(b, b.logic.body) for b in defs.bkms if b.logic is not None]
    for decision, expr in owners:
        if isinstance(expr, M.DecisionTable):
            table = TableLint(place, decision, expr, types, names.names)
            findings.extend(table.run())
            findings.extend(_table_names(place, decision, expr, names, types))
        elif expr is not None:
            for literal in _literals(expr):
                for code, message in names.check(literal.text, unary=False):
                    findings.append(Finding("error", code, message, f"{file_name} › {decision.name}", defs.file,
                                            literal.line or decision.line, defs.name, decision.id))
    return findings


def _literals(expr) -> list[M.LiteralExpression]:
    """The literal expressions of a boxed expression (contexts, invocations, lists...), tables left out."""
    import dataclasses

    if isinstance(expr, M.LiteralExpression):
        return [expr]
    if isinstance(expr, list | tuple):
        return [lit for x in expr for lit in _literals(x)]
    if not dataclasses.is_dataclass(expr) or isinstance(expr, M.DecisionTable):
        return []
    return [lit for f in dataclasses.fields(expr) for lit in _literals(getattr(expr, f.name))]


def _table_names(place: dict, decision: M.Decision, table: M.DecisionTable, names: NameCheck,
                 types) -> list[Finding]:
    from .columns import clause_label

    out = []

    def add(code, message, line, rule=None, column=None):
        parts = [place["prefix"], decision.name] + ([f"rule {rule[0]}"] if rule else []) + ([column] if column else [])
        out.append(Finding("error", code, message, " › ".join(parts), place["file"], line, place["model"],
                           decision.id, rule[1].id if rule else None, rule[0] if rule else None, column))

    for clause in table.inputs:
        for code, message in names.check(clause.text, unary=False):
            add(code, message, clause.line, column=clause_label(clause))
    values = []
    for clause in table.inputs:
        column = types.column(clause_label(clause), clause.type_ref, clause.input_values, clause.text)
        values.append([a.value for a in column.allowed or [] if a.kind == "string"])
    for i, rule in enumerate(table.rules, start=1):
        for k, text in enumerate(rule.input_entries):
            label = clause_label(table.inputs[k]) if k < len(table.inputs) else None
            line = rule.input_lines[k] if k < len(rule.input_lines) else rule.line
            for code, message in names.check(text, unary=True, values=values[k] if k < len(values) else ()):
                add(code, message, line, (i, rule), label)
        for k, text in enumerate(rule.output_entries):
            label = clause_label(table.outputs[k]) if k < len(table.outputs) else None
            line = rule.output_lines[k] if k < len(rule.output_lines) else rule.line
            for code, message in names.check(text, unary=False):
                add(code, message, line, (i, rule), label)
    return out
