"""The checks of one decision table: cells against their columns, then the hit policy over the rules' boxes.

Per the DMN 1.5 spec (8.2.11): in a Unique table no two rules may match the same input; in an Any table
rules that match the same input must have the same output; a First table returns the first match in rule
order, so a rule whose inputs the rules above it cover is never hit; a Priority table returns the match whose
output comes first in the output values, so a rule whose inputs are covered by rules of higher priority is
never hit. A single-hit table without a default output has no answer for an input no rule matches (a gap).
"""

from __future__ import annotations

from .. import model as M
from ..errors import FeelSyntaxError
from ..feel import ast as A
from ..feel.parser import Names, parse_expression, parse_unary_tests
from .cells import Column, literal_of
from .columns import Types, clause_label
from .finding import Finding
from .sweep import TooComplex, contains, intersection, uncovered

__all__ = ["TableLint"]

SINGLE_HIT = ("UNIQUE", "ANY", "PRIORITY", "FIRST")


class TableLint:
    """Lint one decision table; ``findings`` collects what it finds."""

    def __init__(self, place: dict, decision: M.Decision, table: M.DecisionTable, types: Types, names: Names):
        self.place = place  # file, model, where-prefix (file name)
        self.decision = decision
        self.table = table
        self.types = types
        self.names = names
        self.findings: list[Finding] = []
        self.hit = (table.hit_policy or "UNIQUE").upper().replace("_", " ")

    # --- findings ------------------------------------------------------------------------------

    def add(self, severity: str, code: str, message: str, rule: int | None = None, column: str | None = None,
            line: int | None = None) -> None:
        parts = [self.place["prefix"], self.decision.name]
        rule_el = self.table.rules[rule - 1] if rule else None
        if rule:
            parts.append(f"rule {rule}")
        if column:
            parts.append(column)
        self.findings.append(Finding(
            severity=severity, code=code, message=message, where=" › ".join(parts), file=self.place["file"],
            line=line or (rule_el.line if rule_el is not None else self.table.line or self.decision.line),
            model=self.place["model"], decision_id=self.decision.id, rule_id=rule_el.id if rule_el else None,
            rule_index=rule, column=column))

    # --- the run -------------------------------------------------------------------------------

    def run(self) -> list[Finding]:
        table = self.table
        parsed = [[self._parse(text) for text in rule.input_entries] for rule in table.rules]
        self.columns = []
        for k, clause in enumerate(table.inputs):
            kinds = [lit.kind for row in parsed if k < len(row) for lit in _literals_in(row[k])]
            self.columns.append(self.types.column(clause_label(clause), clause.type_ref, clause.input_values,
                                                  clause.text, kinds))
        self._check_outputs()
        allowed_sets = [self._allowed_set(c) for c in self.columns]
        boxes = []
        for i, rule in enumerate(table.rules, start=1):
            box = []
            for k, tests in enumerate(parsed[i - 1][:len(self.columns)]):
                column = self.columns[k]
                line = rule.input_lines[k] if k < len(rule.input_lines) else rule.line
                if tests is None:
                    box.append(None)
                    continue
                self._check_literals(_literals_in(tests), column, i, line)
                cell = column.cell(tests)
                box.append(cell)
                allowed = allowed_sets[k]
                if cell is not None and allowed is not None and not any(isinstance(t, A.UTAny) for t in tests.tests):
                    outside = cell - allowed
                    if not outside.empty:
                        from .cells import pick

                        point = pick(outside, column.integral)
                        if point is not None:
                            self.add("error", "not-allowed", f"{rule.input_entries[k].strip()} holds "
                                     f"{column.describe(point)}, outside the allowed values "
                                     f"{column.allowed_text.strip()}", i, column.label, line)
            boxes.append(box if len(box) == len(self.columns) and all(b is not None for b in box) else None)
        self.boxes = boxes
        self.integral = [c.integral for c in self.columns]
        if self.columns:
            self._hit_policy()
            self._dated_rows()
        return self.findings

    def _allowed_set(self, column: Column):
        """The allowed values of a number or date column given as ranges (``[0..100]``), as an interval set."""
        if column.allowed is not None or not column.allowed_text or column.kind not in ("number", "date"):
            return None
        tests = self._parse(column.allowed_text)
        return column.cell(tests) if tests is not None else None

    def _parse(self, text: str):
        if not text.strip():
            return None
        try:
            return parse_unary_tests(text, self.names)
        except FeelSyntaxError:
            return None  # the load reports it (and the name check explains an unknown name)

    # --- cells against their column ------------------------------------------------------------

    def _check_literals(self, literals, column: Column, rule: int, line: int | None, output: bool = False):
        for lit in literals:
            if lit.kind == "null":
                continue
            if column.kind is not None and lit.kind != column.kind:
                self.add("error", "cell-type", f"{lit.text} is a {lit.kind}, but the column holds "
                         f"{'an' if column.kind[0] in 'aeiou' else 'a'} {column.kind}: the cell can never "
                         f"{'be of the column type' if output else 'match'}", rule, column.label, line)
                continue
            if column.allowed is not None and not any(a.kind == lit.kind and a.value == lit.value
                                                      for a in column.allowed):
                shown = ", ".join(a.text for a in column.allowed)
                self.add("error", "not-allowed", f"{lit.text} is not one of {shown}", rule, column.label, line)

    def _check_outputs(self) -> None:
        for k, clause in enumerate(self.table.outputs):
            type_ref = clause.type_ref or (self.decision.type_ref if len(self.table.outputs) == 1 else None)
            column = self.types.column(clause_label(clause), type_ref, clause.output_values)
            for i, rule in enumerate(self.table.rules, start=1):
                if k >= len(rule.output_entries):
                    continue
                line = rule.output_lines[k] if k < len(rule.output_lines) else rule.line
                lit = _constant(rule.output_entries[k], self.names)
                if lit is not None:
                    self._check_literals([lit], column, i, line, output=True)

    # --- the rules' boxes ----------------------------------------------------------------------

    def _where(self, point) -> str:
        shown = [f"{c.label} = {c.describe(p)}" for c, p in zip(self.columns, point, strict=True)]
        return ", ".join(shown)

    def _outputs(self, i: int) -> list[str]:
        return [t.strip() for t in self.table.rules[i].output_entries]

    def _hit_policy(self) -> None:
        boxes, n = self.boxes, len(self.boxes)
        reported = set()
        for i in range(n):
            if boxes[i] is None:
                continue
            for j in range(i):
                if boxes[j] is None:
                    continue
                same_out = self._outputs(i) == self._outputs(j)
                if contains(boxes[j], boxes[i]) and contains(boxes[i], boxes[j]):
                    if self.hit not in SINGLE_HIT and not same_out:
                        continue  # a multiple-hit table may well give two outputs for the same inputs
                    severity = "error" if self.hit == "UNIQUE" or (self.hit == "ANY" and not same_out) else "warning"
                    self.add(severity, "duplicate",
                             f"rule {i + 1} has the same inputs as rule {j + 1}"
                             + ("" if same_out else " and another output"), i + 1)
                    reported.add((j, i))
                    continue
                if self.hit in ("UNIQUE", "ANY") and not (self.hit == "ANY" and same_out):
                    point = intersection(boxes[i], boxes[j], self.integral)
                    if point is not None:
                        what = "overlaps" if self.hit == "UNIQUE" else "overlaps with another output than"
                        self.add("error", "overlap", f"rule {i + 1} {what} rule {j + 1} in a {self.hit.title()} "
                                 f"table, e.g. for {self._where(point)}", i + 1)
                        reported.add((j, i))
                        continue
                if self.hit == "ANY" and same_out:  # in a multiple-hit table it adds an item to the list
                    for a, b in ((i, j), (j, i)):
                        if contains(boxes[b], boxes[a]) and (j, i) not in reported and ("in", a) not in reported:
                            reported.add(("in", a))
                            self.add("warning", "subsumed", f"rule {a + 1} is contained in rule {b + 1} with the "
                                     f"same output: rule {a + 1} adds nothing", a + 1)
                            reported.add((j, i))
        if self.hit in ("FIRST", "PRIORITY"):
            self._unreachable()
        if self.hit in SINGLE_HIT and not any(o.default and o.default.strip() for o in self.table.outputs):
            self._gaps()

    def _unreachable(self) -> None:
        ranks = self._priorities() if self.hit == "PRIORITY" else None
        if self.hit == "PRIORITY" and ranks is None:
            return
        for i, box in enumerate(self.boxes):
            if box is None:
                continue
            if self.hit == "FIRST":
                above = list(range(i))
            else:
                above = [j for j in range(len(self.boxes)) if j != i and ranks[j] < ranks[i]]
            if any(self.boxes[j] is None for j in above):
                continue
            try:
                hidden = uncovered(box, [self.boxes[j] for j in above], self.integral) is None
            except TooComplex:
                self._too_complex()
                return
            if hidden:
                by = "the rules above it" if self.hit == "FIRST" else "rules of a higher priority"
                self.add("error", "unreachable", f"rule {i + 1} is never hit: {by} match every input it matches",
                         i + 1)

    def _too_complex(self) -> None:
        self.add("warning", "too-complex", "the table has too many rules and columns for the gap and reachability "
                 "checks; they were skipped")

    def _priorities(self) -> list[tuple] | None:
        orders = []
        for clause in self.table.outputs:
            kind, allowed = self.types.resolve(clause.type_ref)
            text = clause.output_values or allowed
            lits = _constants_of(text, self.names) if text else None
            if not lits:
                return None
            orders.append([lit.text for lit in lits])
        ranks = []
        for rule in self.table.rules:
            rank = []
            for k, order in enumerate(orders):
                lit = _constant(rule.output_entries[k], self.names) if k < len(rule.output_entries) else None
                if lit is None or lit.text not in order:
                    return None
                rank.append(order.index(lit.text))
            ranks.append(tuple(rank))
        return ranks

    def _gaps(self) -> None:
        if any(b is None for b in self.boxes):
            return
        domain = [c.domain() for c in self.columns]
        try:
            point = uncovered(domain, self.boxes, self.integral)
        except TooComplex:
            self._too_complex()
            return
        if point is not None:
            self.add("warning", "gap", f"no rule matches {self._where(point)}, and the table has no default "
                     "output: an evaluation there has no answer (strict: an error)")

    # --- dated rows ----------------------------------------------------------------------------

    def _dated_rows(self) -> None:
        """Rows that differ only in a date column: their date ranges should neither overlap nor leave a hole."""
        import portion as P

        for k, column in enumerate(self.columns):
            if column.kind != "date":
                continue
            groups: dict = {}
            for i, (rule, box) in enumerate(zip(self.table.rules, self.boxes, strict=True)):
                if box is None:
                    continue
                key = tuple(t.strip() for m, t in enumerate(rule.input_entries) if m != k)
                groups.setdefault(key, []).append(i)
            for rows in groups.values():
                rows.sort(key=lambda i: (self.boxes[i][k].lower, self.boxes[i][k].upper))
                for a, b in zip(rows, rows[1:], strict=False):
                    first, second = self.boxes[a][k], self.boxes[b][k]
                    if first.upper == P.inf or second.lower == -P.inf:
                        if not (first & second).empty and self.hit not in ("UNIQUE", "ANY"):
                            self._dated_overlap(a, b, k, first & second)
                        continue
                    both = first & second
                    if not both.empty:
                        if self.hit not in ("UNIQUE", "ANY"):  # there, the overlap is already an error
                            self._dated_overlap(a, b, k, both)
                    elif second.lower > first.upper + 1:
                        self.add("warning", "dated-hole", f"between rule {a + 1} and rule {b + 1}, no row covers "
                                 f"{column.label} = {column.describe(first.upper + 1)} to "
                                 f"{column.describe(second.lower - 1)}", b + 1, column.label,
                                 self._cell_line(b, k))

    def _dated_overlap(self, a: int, b: int, k: int, both) -> None:
        import portion as P

        column = self.columns[k]
        self.add("warning", "dated-overlap", f"the dates of rule {b + 1} overlap those of rule {a + 1} "
                 f"(both hold {column.describe(both.lower if both.lower != -P.inf else both.upper)})",
                 b + 1, column.label, self._cell_line(b, k))

    def _cell_line(self, i: int, k: int) -> int | None:
        rule = self.table.rules[i]
        return rule.input_lines[k] if k < len(rule.input_lines) else rule.line


def _literals_in(tests) -> list:
    """The constants a unary-tests cell compares with (ranges' ends, list items, negated ones)."""
    out = []
    if tests is None:
        return out

    def walk(test):
        if isinstance(test, A.UTNot):
            for t in test.tests:
                walk(t)
        elif isinstance(test, A.UTCompare):
            lit = literal_of(test.operand)
            if lit is not None:
                out.append(lit)
        elif isinstance(test, A.UTExpr) and not test.uses_question:
            if isinstance(test.expr, A.RangeLit):
                for end in (test.expr.start, test.expr.end):
                    lit = literal_of(end) if end is not None else None
                    if lit is not None:
                        out.append(lit)
            else:
                lit = literal_of(test.expr)
                if lit is not None:
                    out.append(lit)

    for t in tests.tests:
        walk(t)
    return out


def _constant(text: str, names: Names):
    if not text or not text.strip():
        return None
    try:
        return literal_of(parse_expression(text, names))
    except FeelSyntaxError:
        return None


def _constants_of(text: str, names: Names):
    try:
        tests = parse_unary_tests(text, names)
    except FeelSyntaxError:
        return None
    out = []
    for test in tests.tests:
        lit = literal_of(test.expr) if isinstance(test, A.UTExpr) else None
        if lit is None:
            return None
        out.append(lit)
    return out
