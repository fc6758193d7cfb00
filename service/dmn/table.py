"""Decision tables: compile the cells once, then match rules and apply the hit policy.

Every hit policy of DMN 1.5: UNIQUE, ANY, PRIORITY, FIRST, RULE ORDER, OUTPUT ORDER, COLLECT
(with SUM, COUNT, MIN, MAX). Output values give the priority order for P and O; default output
entries apply when no rule matches; several outputs make a context per rule.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

from . import model as M
from .errors import EvaluationError, NoRuleMatched
from .evalstate import _CURRENT, current_state
from .feel import ast as A
from .feel import ops
from .feel.compiled import constant_of
from .feel.parser import parse_unary_tests
from .feel.text import to_feel_text
from .feel.types import coerce
from .feel.unary import is_pure
from .feel.values import DECIMAL
from .generated import table_matcher
from .result import MatchedRule, Message
from .table_index import LARGE_TABLE, column_matchers, tests_bits

__all__ = ["compile_table"]

_SINGLE_HIT = ("UNIQUE", "ANY", "PRIORITY", "FIRST")


def _output_priorities(text: str | None, names):
    """The values listed in an output clause's output values, in priority order."""
    if not text:
        return None
    tests = parse_unary_tests(text, names).tests
    values = []
    for t in tests:
        if isinstance(t, A.UTExpr) and isinstance(t.expr, A.Literal):
            values.append(t.expr.value)
        else:
            return None
    return values


def _priority(values: list | None, v) -> int:
    if values is None:
        return 0
    for i, candidate in enumerate(values):
        if ops.eq(v, candidate) is True:
            return i
    return len(values)


def _shown(value) -> str:
    """A value as FEEL writes it, strings quoted (so "30" and 30 read differently)."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return to_feel_text(value)


def compile_table(table: M.DecisionTable, where, compile_expr, compile_tests, resolve_type, names,
                  compile_input=None):
    """Compile ``table`` into ``evaluate(env) -> value``.

    ``where`` is ``(decision_id, decision_name)`` for errors; ``compile_expr(text, line, element_id)``
    and ``compile_tests(text, line, element_id)`` compile FEEL (recording load problems); ``compile_input``,
    as ``compile_expr``, the input expressions (default: ``compile_expr``).
    """
    decision_id, decision_name = where
    table_id = table.id
    inputs = [(compile_input or compile_expr)(c.text, c.line, c.id) for c in table.inputs]
    input_labels = [c.label or c.text for c in table.inputs]
    # an input's allowed values (inputValues): a value outside them is reported, never matched silently
    input_checks = [(k, compile_tests(c.input_values, c.line, c.id)) for k, c in enumerate(table.inputs)
                    if c.input_values and c.input_values.strip()]
    outputs = table.outputs
    single_output = len(outputs) == 1
    out_names = [o.name or o.label or f"output {i + 1}" for i, o in enumerate(outputs)]
    out_types = [resolve_type(o.type_ref) if o.type_ref else None for o in outputs]
    # an output's allowed values (outputValues): a value outside them is null (DMN 1.5 §8.3.3)
    output_checks = [compile_tests(o.output_values, o.line, o.id)
                     if o.output_values and o.output_values.strip() not in ("", "-") else None for o in outputs]
    priorities = []
    faulty_priorities = []  # what stands for output values with a FEEL error (see ExpressionCompiler)
    for k, o in enumerate(outputs):
        try:
            priorities.append(_output_priorities(o.output_values, names))
        except Exception:  # a malformed list is reported by compile_tests above
            faulty_priorities.append(output_checks[k])
            priorities.append(None)
    defaults = [compile_expr(o.default, o.line, o.id) if o.default else None for o in outputs]
    has_default = any(d is not None for d in defaults)

    compile_cell = _cached(compile_tests, [c.type_ref for c in table.inputs])
    compile_entry = _cached(compile_expr, [o.type_ref for o in outputs])
    rules = []
    cells = []  # per rule: [(column, cell text, compiled test)]
    for index, rule in enumerate(table.rules, start=1):
        tests = []
        for k, text in enumerate(rule.input_entries):
            line = rule.input_lines[k] if k < len(rule.input_lines) else rule.line
            stripped = text.strip()
            if stripped in ("-", ""):
                continue  # matches anything: no test to run
            tests.append((k, stripped, compile_cell(text, line, rule.id, k)))
        cells.append(tests)
        outs = []
        for k, text in enumerate(rule.output_entries):
            line = rule.output_lines[k] if k < len(rule.output_lines) else rule.line
            outs.append(compile_entry(text, line, rule.id, k) if text.strip() else (lambda env: None))
        annotation = "; ".join(a for a in rule.annotations if a) or None
        # the tests left to run rule by rule: those that depend on the scope (the pure ones go by column)
        rules.append((tuple((k, t) for k, _, t in tests if not is_pure(t)), tuple(outs),
                      MatchedRule(index, rule.id, annotation)))
    rules = tuple(rules)
    # the output of a single-output rule whose entry is a constant of the column's type, worked out once
    constant_rows = [None] * len(rules)
    columns = column_matchers(cells, len(table.inputs), len(rules))
    all_rules = (1 << len(rules)) - 1

    hit = (table.hit_policy or "UNIQUE").upper().replace("_", " ")
    first_hit = hit == "FIRST"
    single_hit = hit in _SINGLE_HIT
    aggregation = (table.aggregation or "").upper() or None
    if faulty_priorities and hit in ("PRIORITY", "OUTPUT ORDER"):
        return faulty_priorities[0]  # the table needs its output values' order: it cannot be evaluated

    def fail(message, matched=None, cls=EvaluationError, **extra):
        state = current_state()
        first = matched[0] if matched else None
        raise cls(message, decision_id=decision_id, decision_name=decision_name, table_id=table_id,
                  rule_index=first.index if first else None, rule_id=first.id if first else None,
                  trace=state.trace_entries() if state else None, **extra)

    def typed(v, k, env):
        t = out_types[k]
        if t is not None and v is not None and v.__class__ is not t.exact and not t.conforms(v):
            coerced, ok = coerce(v, t)
            if not ok:
                state = _CURRENT.slot.state
                if state is not None:
                    state.messages.append(Message("warning", f"output '{out_names[k]}' = {_shown(v)} is not a "
                                                  f"{t.name}: null used instead", decision_id))
            v = coerced
        check = output_checks[k]
        if check is not None and v is not None and check(v, env) is not True:
            state = _CURRENT.slot.state
            if state is not None:
                state.messages.append(Message("warning", f"output '{out_names[k]}' = {_shown(v)} is not among "
                                              "its output values: null used instead", decision_id))
            return None
        return v

    def row_value(outs, env):
        if single_output:
            return typed(outs[0](env), 0, env)
        return {out_names[k]: typed(f(env), k, env) for k, f in enumerate(outs)}

    if single_output:
        for i, (_, outs, _) in enumerate(rules):
            known = constant_of(outs[0])
            t = out_types[0]
            if known is not None and (known[0] is None or (t is None or t.conforms(known[0]))
                                      and (output_checks[0] is None or _passes(output_checks[0], known[0]))):
                constant_rows[i] = known

    # the output of a several-output rule whose entries are all constants of their columns' types: a context
    # made once, of which each match returns a copy
    constant_contexts = [None] * len(rules)
    if not single_output:
        for i, (_, outs, _) in enumerate(rules):
            known = [constant_of(f) for f in outs]
            if len(known) == len(out_types) and all(c is not None and (c[0] is None or t is None or t.conforms(c[0]))
                                                    for c, t in zip(known, out_types, strict=True)):
                constant_contexts[i] = {out_names[k]: c[0] for k, c in enumerate(known)}

    def single_row(rule, env):
        """The value of a matching rule."""
        known = constant_rows[rule]
        if known is not None:
            return known[0]
        context = constant_contexts[rule]
        return context.copy() if context is not None else row_value(rules[rule][1], env)

    def default_value(env):
        if single_output:
            return defaults[0](env) if defaults[0] else None
        return {out_names[k]: (d(env) if d else None) for k, d in enumerate(defaults)}

    def sort_key(row):
        if single_output:
            return (_priority(priorities[0], row),)
        return tuple(_priority(priorities[k], row[out_names[k]]) for k in range(len(outputs)))

    def describe_inputs(values):
        return ", ".join(f"{label} = {_shown(v)}" for label, v in zip(input_labels, values, strict=True))

    def check_inputs(values, env, state):
        """An input whose value is not among its input values is null for the rules (DMN 1.5 §8.3.3: the
        input values restrict the input expression's value; as the TCK's 1157-unarytests-decisiontable has
        it), with a warning; a strict evaluation fails."""
        for k, test in input_checks:
            v = values[k]
            if v is not None and test(v, env) is not True:
                message = f"input '{input_labels[k]}' = {_shown(v)} is not among its input values: null used"
                if state is not None and state.strict:
                    fail(message)
                if state is not None:
                    state.messages.append(Message("warning", message, decision_id))
                values[k] = None

    def evaluate(env, matched_rules=None):
        values = [f(env) for f in inputs]
        if input_checks:
            check_inputs(values, env, _CURRENT.slot.state)
        candidates = all_rules  # one bit per rule still matching, rule 1 the lowest
        for k, cls, index, points, regions, tests, free in columns:
            v = values[k]
            bits = free
            if v.__class__ is cls:
                if index is not None:
                    bits |= index.get(v, 0)
                else:
                    i = bisect_left(points, v)
                    bits |= regions[2 * i + 1 if i < len(points) and points[i] == v else 2 * i]
            else:
                bits |= tests_bits(tests, v, env, candidates)
            candidates &= bits
            if not candidates:
                break
        return finish(values, candidates, env, matched_rules)

    def finish(values, candidates, env, matched_rules=None):
        """The table's value once ``candidates`` holds the rules whose pure tests pass; the rules that match
        are added to ``matched_rules`` (when not given: the evaluation state's ``rules``)."""
        matched = []  # rule positions
        while candidates:
            low = candidates & -candidates
            candidates ^= low
            position = low.bit_length() - 1
            for k, test in rules[position][0]:
                if test(values[k], env) is not True:
                    break
            else:
                matched.append(position)
                if first_hit:
                    break
        state = _CURRENT.slot.state
        if matched_rules is None and state is not None:
            matched_rules = state.rules
        if len(matched) == 1 and single_hit:
            if matched_rules is not None:
                matched_rules.append(rules[matched[0]][2])
            return single_row(matched[0], env)
        infos = [rules[i][2] for i in matched]
        if matched_rules is not None:
            matched_rules.extend(infos)
        if not matched:
            if has_default:
                return default_value(env)
            if state is not None and state.strict and single_hit:
                fail(f"no rule of the decision table matched the inputs {describe_inputs(values)}",
                     cls=NoRuleMatched, inputs=dict(zip(input_labels, values, strict=True)))
            if hit == "COLLECT" and aggregation == "COUNT":
                return Decimal(0)
            if hit in ("COLLECT", "RULE ORDER", "OUTPUT ORDER"):
                return [] if aggregation is None else None
            return None
        if hit == "UNIQUE":  # several rules matched
            fail("hit policy UNIQUE but rules " + " and ".join(f"{i.index} ({i.id})" for i in infos)
                 + f" all match the inputs {describe_inputs(values)}", infos)
        rows = [single_row(i, env) for i in matched]  # a constant row as it was worked out once
        if hit == "ANY":
            first = rows[0]
            for other, info in zip(rows[1:], infos[1:], strict=True):
                if ops.eq(first, other) is not True:
                    fail(f"hit policy ANY but rules {infos[0].index} and {info.index} give different outputs",
                         infos)
            return first
        if hit == "PRIORITY":
            return min(rows, key=sort_key)
        if hit == "OUTPUT ORDER":
            return sorted(rows, key=sort_key)
        if hit == "RULE ORDER":
            return rows
        # COLLECT
        if aggregation is None:
            return rows
        if aggregation == "COUNT":
            return Decimal(len(rows))
        if not single_output:
            fail(f"aggregation {aggregation} needs a single output column")
        if any(r is None for r in rows):
            return None  # as sum(), min() and max() of a list holding null
        items = rows
        if aggregation == "SUM":
            if not all(type(r) is Decimal for r in items):
                return None
            total = Decimal(0)
            for r in items:
                total = DECIMAL.add(total, r)
            return total
        if aggregation in ("MIN", "MAX"):
            if not items:
                return None
            best = items[0]
            for r in items[1:]:
                better = ops.lt(r, best) if aggregation == "MIN" else ops.gt(r, best)
                if better is None:
                    return None
                if better:
                    best = r
            return best
        fail(f"unknown aggregation {aggregation}")

    # (not for a large table: its rules' constant outputs are keyed by their mask, n bits each)
    # (a several-output row's constant context is copied by the generated code at each match)
    # (a row whose outputs are not constants gives the function of its value)
    known_rows = tuple((info, known, None if known is not None else lambda env, outs=outs: row_value(outs, env))
                       for i, (_, outs, info) in enumerate(rules)
                       for known in [constant_rows[i] if single_output else
                                     (None if constant_contexts[i] is None else (constant_contexts[i],))]) \
        if single_hit and len(rules) <= LARGE_TABLE and not any(tests for tests, _, _ in rules) else None
    generated = table_matcher(inputs, input_checks, evaluate,
                              columns, all_rules, tests_bits, finish,
                              known_rows, first_hit, _CURRENT, not single_output)
    fn = generated if generated is not None else evaluate
    fn.takes_matched_rules = True  # fn(env, matched_rules): see graph._Decision
    # a single-hit table of constant outputs found by its index: nothing to gain from remembering it (memo.py)
    fn.answers_from_index = known_rows is not None and all(known is not None for _, known, _ in known_rows)
    return fn


def _passes(check, value) -> bool:
    """Whether ``value`` surely passes ``check`` (unary tests), found without a scope; False when unsure."""
    try:
        return check(value, {}) is True
    except Exception:  # a test that needs the scope, or one with a FEEL error: checked at evaluation
        return False


def _cached(compile_text, column_types: list | None = None):
    """``compile_text(text, line, element_id)`` with each distinct text of a column type compiled once:
    ``f(text, line, element_id, column)``. What a text compiles to depends on the text and the scope (the
    table's), not on the rule; a text with a FEEL error is compiled again each time, so that each cell with it
    has its problem."""
    cache: dict = {}

    def compile_cell(text: str, line, element_id, column: int):
        key = (column_types[column] if column_types is not None and column < len(column_types) else None, text)
        fn = cache.get(key)
        if fn is None:
            fn = compile_text(text, line, element_id)
            if getattr(fn, "problem", None) is None:
                cache[key] = fn
        return fn
    return compile_cell
