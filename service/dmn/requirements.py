"""The requirements between a model's elements: references that name nothing, cycles between decisions, and
what a decision needs (the input data it depends on, directly or through other decisions and imports)."""

from __future__ import annotations

from dataclasses import dataclass

from . import model as M
from .boxed import kind_of
from .errors import Problem

__all__ = ["DecisionInfo", "describe", "requirement_problems", "required_inputs"]


@dataclass(frozen=True)
class DecisionInfo:
    id: str
    name: str
    kind: str
    inputs: list  # [(input data name, typeRef)], transitively required
    output_type: str | None


def requirement_problems(model) -> list[tuple[M.Element, Problem]]:
    """``(element, problem)`` for each requirement or decision service reference of ``model`` (a
    ``graph.Model``) that names no element, and each decision in a cycle of requirements."""
    d = model.definitions
    found: list[tuple[M.Element, Problem]] = []

    def problem(el, message: str, line) -> None:
        found.append((el, Problem(message, model.file, line, el.id, element_name=el.name or None)))

    for el in [*d.decisions, *d.bkms]:
        for r in el.requirements:
            if model._element(r.href) is None:
                problem(el, f"requirement '{r.href}' names no element of the model", r.line or el.line)
    for svc in d.decision_services:
        for href in svc.output_decisions + svc.encapsulated_decisions + svc.input_decisions + svc.input_data:
            if model._element(href) is None:
                problem(svc, f"decision service reference '{href}' names no element", svc.line)
    state: dict[str, int] = {}

    def visit(dec: M.Decision, path: list[str]) -> None:
        mark = state.get(dec.id)
        if mark == 2:
            return
        if mark == 1:
            problem(dec, "decisions require each other in a cycle: " + " -> ".join(path + [dec.name]), dec.line)
            return
        state[dec.id] = 1
        for r in dec.requirements:
            target = model._element(r.href)
            if isinstance(target, M.Decision) and model._owner(r.href) is model and target.id in model._by_href:
                visit(target, path + [dec.name])
        state[dec.id] = 2

    for dec in d.decisions:
        visit(dec, [])
    return found


def required_inputs(model, dec: M.Decision) -> list:
    """``[(name, typeRef)]`` of the input data ``dec`` depends on; an imported model's is ``{namespace}name``."""
    found: dict[str, str | None] = {}
    seen = set()

    def walk(m, el):
        if el is None or id(el) in seen:
            return
        seen.add(id(el))
        if isinstance(el, M.InputData):
            key = el.name if m is model else f"{{{m.namespace}}}{el.name}"
            found.setdefault(key, el.type_ref)
            return
        for r in getattr(el, "requirements", []):
            owner = m._owner(r.href)
            walk(owner, owner._element(r.href) if owner is not None else None)

    walk(model, dec)
    return list(found.items())


def describe(model) -> list[DecisionInfo]:
    """What each decision of ``model`` is: its kind of logic, the inputs it needs, its type."""
    return [DecisionInfo(dec.id, dec.name, kind_of(dec.expression), required_inputs(model, dec), dec.type_ref)
            for dec in model.definitions.decisions]
