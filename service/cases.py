"""Regression cases for the decision models: YAML files that rule authors read and extend.

One file per decision (``decisions/tests/<decisionId>.yaml``)::

    decision: familyCategory
    model: inami-benefit.dmn
    cases:
      - name: lives alone, no children
        note: RULES.md section 1 row 2
        inputs: {referenceDate: 2026-03-01, household: {livesAlone: true, dependentChildren: 0}}
        expected: isolated
      - name: no threshold before 2022
        inputs: {referenceDate: 2021-12-31, household: {livesAlone: true, dependentChildren: 0}}
        expected_error: no rule

Numbers are read from the YAML text as ``Decimal`` (never float) and compared exactly unless the
case gives a ``tolerance``. An ``expected`` mapping is compared field by field, only on the fields it
names (recursively); lists are compared item by item. An input keyed by a decision (its id or its
name) gives that decision's value instead of evaluating it. Every case is evaluated strictly: a
single-hit table that matches no rule is an error, which ``expected_error`` (a case-insensitive part
of the message) may expect.

An input key the model has no input data, decision or item-definition field for fails the case, with the
closest name. A case may name the rule it is about (``rule: minimumDailyAmount_rule12``, its id, or its
number, or a list): the case fails unless that rule matched.

``run`` evaluates the cases and prints the failures, then each rule of a table under test that no case hits
(which fails the run); ``--coverage`` adds, per decision table, how often each rule was hit.
"""

from __future__ import annotations

import datetime
import difflib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import yaml

from service.dmn import DecisionTrace, DmnError, LoadError, Model, load
from service.dmn import model as M

__all__ = ["Case", "CaseFailure", "CaseOutcome", "case_files", "check_case", "coverage", "load_cases", "run"]


# --- reading ------------------------------------------------------------------------------------


class _DecimalLoader(yaml.SafeLoader):
    """A safe loader that reads every number as a Decimal, from its text."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise yaml.constructor.ConstructorError(None, None, f"not a number: {text!r}", node.start_mark) from None


_DecimalLoader.add_constructor("tag:yaml.org,2002:int", _decimal)
_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


class CaseFileError(ValueError):
    """A case file that cannot be read or does not have the expected shape."""


@dataclass
class Case:
    file: str
    decision: str
    model: str
    name: str
    inputs: dict
    note: str | None = None
    expected: object = None
    expected_error: str | None = None
    tolerance: Decimal | None = None
    has_expected: bool = False
    rules: list = field(default_factory=list)  # rule ids (text) or 1-based indexes the decision must match

    @property
    def id(self) -> str:
        return f"{os.path.basename(self.file)}::{self.name}"


def load_cases(path: str) -> list[Case]:
    """The cases of one YAML file."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=_DecimalLoader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, yaml.YAMLError) as err:
        raise CaseFileError(f"{path}: {err}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
        raise CaseFileError(f"{path}: expected a mapping with 'decision', 'model' and a list 'cases'")
    decision, model = doc.get("decision"), doc.get("model")
    if not decision or not model:
        raise CaseFileError(f"{path}: 'decision' and 'model' are required")
    out = []
    for n, c in enumerate(doc["cases"], 1):
        if not isinstance(c, dict) or "name" not in c:
            raise CaseFileError(f"{path}: case {n} needs a 'name'")
        if ("expected" in c) == ("expected_error" in c):
            raise CaseFileError(f"{path}: case '{c['name']}' needs exactly one of 'expected', 'expected_error'")
        tol = c.get("tolerance")
        rule = c.get("rule")
        rules = rule if isinstance(rule, list) else ([] if rule is None else [rule])
        if any(not isinstance(r, str | Decimal) or (isinstance(r, Decimal) and r != int(r)) for r in rules):
            raise CaseFileError(f"{path}: case '{c['name']}': 'rule' is a rule id (minimumDailyAmount_rule12), "
                                "a rule number or a list of them")
        out.append(Case(file=path, decision=str(c.get("decision", decision)), model=str(c.get("model", model)),
                        name=str(c["name"]), inputs=dict(c.get("inputs") or {}), note=c.get("note"),
                        expected=c.get("expected"), has_expected="expected" in c,
                        expected_error=None if c.get("expected_error") is None else str(c["expected_error"]),
                        tolerance=None if tol is None else Decimal(str(tol)),
                        rules=[r if isinstance(r, str) else int(r) for r in rules]))
    return out


def case_files(path: str | None, decisions_dir: str) -> list[str]:
    """The YAML files under ``path`` (a file or folder), by default ``<decisions_dir>/tests``."""
    path = path or os.path.join(decisions_dir, "tests")
    if os.path.isfile(path):
        return [path]
    found = []
    for root, _dirs, files in os.walk(path):
        found += [os.path.join(root, f) for f in files if f.endswith((".yaml", ".yml"))]
    return sorted(found)


# --- evaluating ---------------------------------------------------------------------------------


@dataclass
class CaseOutcome:
    case: Case
    ok: bool
    got: object = None
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    trace: list = field(default_factory=list)


class CaseFailure(AssertionError):
    """Raised by ``check_case`` for pytest: the report of one failing case."""


def _inputs_for(model: Model, inputs: dict) -> dict:
    """Key an input that names a decision by its id under the decision's name, as the engine expects."""
    input_names = {i.name for i in model.definitions.input_data}
    names = {d.id: d.name for d in model.definitions.decisions}
    return {(names[k] if k in names and k not in input_names else k): v for k, v in inputs.items()}


def _unknown_inputs(model: Model, inputs: dict) -> list[str]:
    """A problem for each input key the model has no input data or decision for, with a did-you-mean; the
    fields of a structured input are checked against its item definition."""
    defs = model.definitions
    items = {i.name: i for i in defs.item_definitions}
    top = {i.name: i.type_ref for i in defs.input_data}
    top.update({d.id: d.type_ref for d in defs.decisions})
    top.update({d.name: d.type_ref for d in defs.decisions})
    problems: list[str] = []

    def components(type_ref, seen=()):
        item = items.get(type_ref)
        if item is None or item.is_collection or type_ref in seen:
            return None
        if item.components:
            return {c.name: (c.type_ref, c) for c in item.components}
        return components(item.type_ref, (*seen, type_ref))

    def walk(values: dict, known: dict, where: str, what: str):
        for key, value in values.items():
            if key not in known:
                close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
                problems.append(f"{where}{key}: {what}" + (f"; did you mean '{close[0]}'?" if close else ""))
                continue
            entry = known[key]
            type_ref, item = entry if isinstance(entry, tuple) else (entry, None)
            fields = ({c.name: (c.type_ref, c) for c in item.components} if item is not None and item.components
                      else components(type_ref))
            if isinstance(value, dict) and fields:
                walk(value, fields, f"{where}{key}.", f"not a field of {type_ref or key}")

    walk(inputs, top, "input ", f"{os.path.basename(model.file or model.name)} has no input data or decision "
         "of that name")
    return problems


def _rule_problems(case: Case, model: Model, trace) -> list[str]:
    """The rules a case names that its decision did not match."""
    if not case.rules:
        return []
    dec = next((d for d in model.definitions.decisions if case.decision in (d.id, d.name)), None)
    table = dec.expression if dec is not None else None
    if not isinstance(table, M.DecisionTable):
        return [f"'rule' needs a decision table, and {case.decision} is not one"]
    matched = [r for t in trace if t.decision_id == dec.id for r in t.matched_rules]
    problems = []
    for wanted in case.rules:
        if isinstance(wanted, int):
            ok, known = any(r.index == wanted for r in matched), 1 <= wanted <= len(table.rules)
        else:
            ok, known = any(r.id == wanted for r in matched), any(r.id == wanted for r in table.rules)
        if not known:
            ids = [r.id for r in table.rules if r.id]
            close = difflib.get_close_matches(str(wanted), ids, n=1, cutoff=0.6) if isinstance(wanted, str) else []
            problems.append(f"rule {wanted}: the table {dec.name!r} has no such rule"
                            + (f"; did you mean '{close[0]}'?" if close else ""))
        elif not ok:
            got = ", ".join(r.id or f"rule {r.index}" for r in matched) or "none"
            problems.append(f"expected rule {wanted} to match; matched: {got}")
    return problems


def _bkm(model: Model, id_or_name: str) -> M.BusinessKnowledgeModel | None:
    """The BKM a case names (by id or name) when the model has no decision of that id or name: its cases
    give the BKM's parameters as inputs."""
    if any(id_or_name in (d.id, d.name) for d in model.definitions.decisions):
        return None
    return next((b for b in model.definitions.bkms if id_or_name in (b.id, b.name)), None)


def evaluate_case(case: Case, models) -> CaseOutcome:
    try:
        model = models.by_file(case.model)
    except KeyError:
        return CaseOutcome(case, False, error=f"no model file '{case.model}' is loaded")
    bkm = _bkm(model, case.decision)
    unknown = _unknown_inputs(model, case.inputs) if bkm is None else []
    if unknown:
        return CaseOutcome(case, False, error="unknown input name", problems=unknown)
    try:
        if bkm is not None:
            result = model.invoke(bkm.name, case.inputs, strict=True)
            value, trace = result.value, [DecisionTrace(bkm.id, bkm.name, case.inputs, result.value, result.rules)]
        else:
            result = model.evaluate(case.decision, _inputs_for(model, case.inputs), strict=True)
            value, trace = result.value, result.trace
    except DmnError as err:
        trace = list(getattr(err, "trace", []) or [])
        message = str(err)
        if case.expected_error is not None and case.expected_error.lower() in message.lower():
            return CaseOutcome(case, True, error=message, trace=trace)
        return CaseOutcome(case, False, error=message, trace=trace,
                           problems=[f"expected the error '{case.expected_error}'" if case.expected_error
                                     else "unexpected error"])
    if case.expected_error is not None:
        return CaseOutcome(case, False, got=value, trace=trace,
                           problems=[f"expected an error containing '{case.expected_error}', got a value"])
    problems: list[str] = []
    _compare(case.expected, value, case.tolerance, "result", problems)
    problems += _rule_problems(case, model, trace)
    return CaseOutcome(case, not problems, got=value, trace=trace, problems=problems)


def _compare(expected, got, tol: Decimal | None, where: str, problems: list[str]) -> None:
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            problems.append(f"{where}: expected a context, got {_show(got)}")
            return
        for key, value in expected.items():
            if key not in got:
                problems.append(f"{where}.{key}: missing from the result")
            else:
                _compare(value, got[key], tol, f"{where}.{key}", problems)
    elif isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            problems.append(f"{where}: expected {_show(expected)}, got {_show(got)}")
            return
        for n, (e, g) in enumerate(zip(expected, got, strict=True)):
            _compare(e, g, tol, f"{where}[{n}]", problems)
    elif isinstance(expected, Decimal):
        if isinstance(got, bool) or not isinstance(got, Decimal):
            problems.append(f"{where}: expected {_show(expected)}, got {_show(got)}")
        elif (tol is None and got != expected) or (tol is not None and abs(got - expected) > tol):
            problems.append(f"{where}: expected {_show(expected)}, got {_show(got)}")
    elif isinstance(expected, bool) or expected is None:
        if got is not expected:
            problems.append(f"{where}: expected {_show(expected)}, got {_show(got)}")
    elif type(expected) is not type(got) or expected != got:
        problems.append(f"{where}: expected {_show(expected)}, got {_show(got)}")


def _show(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal | datetime.date | datetime.time):
        return str(v)
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, list):
        return "[" + ", ".join(_show(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_show(x)}" for k, x in v.items()) + "}"
    return str(v)


def _matched(trace) -> list[str]:
    out = []
    for t in trace:
        if t.matched_rules:
            rules = ", ".join(f"{r.index}" + (f" ({r.annotation})" if r.annotation else "") for r in t.matched_rules)
            out.append(f"{t.decision_id}: rule {rules}")
    return out


def report(outcome: CaseOutcome) -> str:
    """What a rule author needs to see about a failing case."""
    c = outcome.case
    lines = [f"FAIL {c.id}  [{c.model} / {c.decision}]"]
    if c.note:
        lines.append(f"  note:     {c.note}")
    lines.append(f"  inputs:   {_show(c.inputs)}")
    lines.append("  expected: " + (f"error containing '{c.expected_error}'" if c.expected_error is not None
                                     else _show(c.expected)))
    lines.append("  got:      " + (f"error: {outcome.error}" if outcome.error else _show(outcome.got)))
    for p in outcome.problems:
        lines.append(f"  - {p}")
    matched = _matched(outcome.trace)
    if matched:
        lines.append("  matched rules:")
        lines += [f"    {m}" for m in matched]
    return "\n".join(lines)


def check_case(case: Case, models) -> None:
    """For pytest: raise ``CaseFailure`` with the report when the case fails."""
    outcome = evaluate_case(case, models)
    if not outcome.ok:
        raise CaseFailure(report(outcome))


# --- coverage -----------------------------------------------------------------------------------


def tables(models) -> Iterator[tuple[Model, M.Decision | M.BusinessKnowledgeModel, M.DecisionTable]]:
    """Every decision table of the loaded models: a decision's, or the body of a BKM's function."""
    for model in models.values():
        for dec in model.definitions.decisions:
            if isinstance(dec.expression, M.DecisionTable):
                yield model, dec, dec.expression
        for bkm in model.definitions.bkms:
            if bkm.logic is not None and isinstance(bkm.logic.body, M.DecisionTable):
                yield model, bkm, bkm.logic.body


def coverage(outcomes: list[CaseOutcome], models) -> dict[tuple[str, str], list[int]]:
    """(model file, decision or BKM id) -> hit count per rule, over the traces of all the cases. A matched rule
    is counted by its id (a BKM's table matches inside the decisions that invoke it), else by its decision and
    index."""
    hits: dict[tuple[str, str], list[int]] = {}
    ids: dict[str, tuple[str, str]] = {}
    rule_ids: dict[str, tuple[tuple[str, str], int]] = {}
    for model, dec, table in tables(models):
        key = (os.path.basename(model.file or model.name), dec.id)
        hits[key] = [0] * len(table.rules)
        ids[f"{model.namespace}#{dec.id}"] = key
        for n, rule in enumerate(table.rules):
            if rule.id:
                rule_ids[f"{model.namespace}#{rule.id}"] = (key, n)
    by_file = {os.path.basename(m.file or m.name): m for m in models.values()}
    for o in outcomes:
        model = by_file.get(os.path.basename(o.case.model))
        if model is None:
            continue
        for t in o.trace:
            key = ids.get(f"{model.namespace}#{t.decision_id}")
            for r in t.matched_rules:
                found = rule_ids.get(f"{model.namespace}#{r.id}") if r.id else None
                if found is not None:
                    hits[found[0]][found[1]] += 1
                elif key is not None and 1 <= r.index <= len(hits[key]):
                    hits[key][r.index - 1] += 1
    return hits


def _print_coverage(hits, out) -> int:
    missing = 0
    print("\nRule coverage (hits per rule):", file=out)
    for (file, dec), counts in sorted(hits.items()):
        never = [str(n) for n, c in enumerate(counts, 1) if c == 0]
        missing += len(never)
        hit = len(counts) - len(never)
        line = f"  {file} {dec}: {hit}/{len(counts)} rules hit  [" + " ".join(str(c) for c in counts) + "]"
        if never:
            line += "  never hit: rule " + ", ".join(never)
        print(line, file=out)
    return missing


# --- the command --------------------------------------------------------------------------------


def run(path: str | None, decisions_dir: str, coverage: bool = False, out=None) -> int:
    """Run the cases under ``path`` (default ``<decisions_dir>/tests``) against the models in
    ``decisions_dir``. Prints failures (and rule coverage); returns 0 when every case passes."""
    out = out or sys.stdout
    try:
        models = load(decisions_dir)
    except LoadError as err:
        print(f"cannot load the models in {decisions_dir}:\n{err}", file=out)
        return 2
    files = case_files(path, decisions_dir)
    if not files:
        print(f"no case files found under {path or os.path.join(decisions_dir, 'tests')}", file=out)
        return 1
    outcomes: list[CaseOutcome] = []
    bad_files = 0
    for f in files:
        try:
            cases = load_cases(f)
        except CaseFileError as err:
            print(f"ERROR {err}", file=out)
            bad_files += 1
            continue
        outcomes += [evaluate_case(c, models) for c in cases]
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        print(report(o), file=out)
    passed = len(outcomes) - len(failed)
    print(f"{passed} passed, {len(failed)} failed, {len(files)} files" +
          (f", {bad_files} unreadable" if bad_files else ""), file=out)
    if coverage:
        _print_coverage(_coverage_for(outcomes, models), out)
    never = never_hit(outcomes, models)
    for line in never:
        print(f"never hit: {line}", file=out)
    if never:
        print(f"{len(never)} rule(s) of the tables under test no case hits: add a case for each", file=out)
    return 1 if failed or bad_files or never else 0


def never_hit(outcomes: list[CaseOutcome], models) -> list[str]:
    """Each rule of a table the cases test (a case's decision) that no case hits, named as the linter does:
    ``inami-benefit.dmn › Rate › rule 4 (rate_rule4)``."""
    hits = coverage(outcomes, models)
    tested = set()
    for o in outcomes:
        for model, dec, _table in tables(models):
            if os.path.basename(model.file or model.name) == os.path.basename(o.case.model) \
                    and o.case.decision in (dec.id, dec.name):
                tested.add((os.path.basename(model.file or model.name), dec.id))
    lines = []
    for model, dec, table in tables(models):
        key = (os.path.basename(model.file or model.name), dec.id)
        if key not in tested:
            continue
        for n, (count, rule) in enumerate(zip(hits[key], table.rules, strict=True), 1):
            if count == 0:
                lines.append(f"{key[0]} › {dec.name} › rule {n}" + (f" ({rule.id})" if rule.id else ""))
    return lines


def _coverage_for(outcomes, models):
    hits = coverage(outcomes, models)
    used = {os.path.basename(o.case.model) for o in outcomes}
    return {k: v for k, v in hits.items() if k[0] in used}


if __name__ == "__main__":  # python -m service.cases [PATH] [--coverage]
    args = [a for a in sys.argv[1:] if a != "--coverage"]
    sys.exit(run(args[0] if args else None, "decisions", "--coverage" in sys.argv[1:]))
