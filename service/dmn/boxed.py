"""Compile boxed expressions (literal, decision table, context, relation, list, invocation,
function definition, and the DMN 1.5 conditional, filter, for, some and every) into closures
``f(env) -> value``. FEEL syntax errors become load problems with file, line, element and caret."""

from __future__ import annotations

from . import model as M
from .errors import EvaluationError, FeelSyntaxError, Problem
from .evalstate import charge
from .feel.codegen import label
from .feel.compiled import each_item
from .feel.compiler import Compiler
from .feel.java import external_function
from .feel.parser import Names
from .feel.scope import Lambda, item_scope, quantify
from .feel.types import coerce
from .feel.values import FeelFunction, Range
from .table import compile_table

__all__ = ["ExpressionCompiler", "faulty_element", "kind_of"]

_KINDS = {
    M.LiteralExpression: "literal", M.DecisionTable: "table", M.ContextExpr: "context", M.Relation: "relation",
    M.ListExpr: "list", M.Invocation: "invocation", M.FunctionDefinition: "function", M.Conditional: "conditional",
    M.Filter: "filter", M.Iterator: "for",
}


def kind_of(expr: M.Expression | None) -> str:
    if expr is None:
        return "none"
    if isinstance(expr, M.Quantified):
        return expr.kind
    return _KINDS.get(type(expr), "unknown")


def _null(env):
    return None


def faulty_element(problem: Problem, owner: tuple[str, str | None]):
    """What stands for an element that did not compile: evaluating it is an error naming it (a model loaded
    with ``strict=False`` still evaluates what does not need it)."""
    kind, name = owner
    # a decision's error is named after it already (EvaluationError.decision_name)
    what = "" if kind == "decision" else f"{kind} '{name}' " if name else f"{kind} "
    message = f"{what}cannot be evaluated: {problem}"

    def faulty(*args):
        raise EvaluationError(message)
    faulty.problem = problem
    return faulty


class ExpressionCompiler:
    """Compiles the boxed expressions of one model, collecting problems instead of stopping. An expression or
    a unary test with a FEEL error compiles to a function that raises ``EvaluationError`` naming it; the other
    problems (an unknown type, an unsupported expression) are also kept in ``uncontained``: the model element
    holding them (``owner``, set by the caller) cannot be evaluated at all."""

    def __init__(self, feel: Compiler, file: str | None, resolve_type, problems: list[Problem]):
        self.feel = feel
        self.file = file
        self.resolve_type = resolve_type
        self.problems = problems
        self.uncontained: list[Problem] = []
        self.owner = ("element", None)

    @property
    def owner(self) -> tuple[str, str | None]:
        """(kind, name) of the model element compiled."""
        return self._owner

    @owner.setter
    def owner(self, owner: tuple[str, str | None]) -> None:
        self._owner = owner
        label(owner[1])

    def problem(self, message: str, line, element_id, text=None, position=None, contained=False) -> Problem:
        found = Problem(message, self.file, line, element_id, text, position, element_name=self.owner[1])
        self.problems.append(found)
        if not contained:
            self.uncontained.append(found)
        return found

    # --- FEEL texts ----------------------------------------------------------------------------

    def _syntax_error(self, err: FeelSyntaxError, line, element_id):
        found = self.problem(f"FEEL syntax error: {err.message}", line, element_id, err.text, err.position,
                             contained=True)
        return faulty_element(found, self.owner)

    def _too_deep(self, text: str, line, element_id):
        found = self.problem("the FEEL expression nests too deeply to be compiled", line, element_id, text, 0,
                             contained=True)
        return faulty_element(found, self.owner)

    def text(self, text: str | None, line, element_id, names: Names, inlinable: bool = False):
        if text is None or not text.strip():
            return _null
        try:
            return self.feel.expression(text, names, inlinable)
        except FeelSyntaxError as err:
            return self._syntax_error(err, line, element_id)
        except RecursionError:
            return self._too_deep(text, line, element_id)

    def tests(self, text: str | None, line, element_id, names: Names):
        if text is None or not text.strip():
            return lambda v, env: True
        try:
            return self.feel.unary_tests(text, names)
        except FeelSyntaxError as err:
            return self._syntax_error(err, line, element_id)
        except RecursionError:
            return self._too_deep(text, line, element_id)

    def type(self, type_ref: str | None, line, element_id):
        if not type_ref:
            return None
        t = self.resolve_type(type_ref)
        if t is None:
            self.problem(f"unknown type '{type_ref}'", line, element_id)
        return t

    # --- boxed expressions ---------------------------------------------------------------------

    def compile(self, expr: M.Expression | None, names: Names, where=(None, None), checked_type: str | None = None):
        """``where`` is (decision id, decision name) for evaluation errors; ``checked_type`` a typeRef the caller
        applies itself (a decision's), which the expression then need not check twice."""
        if expr is None:
            return _null
        method = getattr(self, "_" + type(expr).__name__, None)
        if method is None:
            self.problem(f"unsupported expression {type(expr).__name__}", expr.line, expr.id)
            return _null
        f = method(expr, names, where)
        if isinstance(expr, M.FunctionDefinition) or expr.type_ref == checked_type:
            return f
        t = self.type(expr.type_ref, expr.line, expr.id)
        if t is None:
            return f

        def typed(env):
            v = f(env)
            if v is None or t.conforms(v):
                return v
            return coerce(v, t)[0]
        return typed

    def _LiteralExpression(self, e: M.LiteralExpression, names, where):
        lang = (e.language or "").lower()
        if lang and "feel" not in lang and "dmn" not in lang:
            self.problem(f"unsupported expression language '{e.language}'", e.line, e.id)
            return _null
        return self.text(e.text, e.line, e.id or where[0], names)

    def _DecisionTable(self, e: M.DecisionTable, names, where):
        return compile_table(
            e, where,
            lambda text, line, eid: self.text(text, line, eid or e.id or where[0], names),
            lambda text, line, eid: self.tests(text, line, eid or e.id or where[0], names),
            lambda ref: self.type(ref, e.line, e.id),
            names,
            # an input expression may be done inline by the table's generated function
            lambda text, line, eid: self.text(text, line, eid or e.id or where[0], names, True),
        )

    def _ContextExpr(self, e: M.ContextExpr, names, where):
        inner = names.child(entry.name for entry in e.entries if entry.name)
        self._binds(entry.name for entry in e.entries if entry.name)
        compiled = []
        for entry in e.entries:
            f = self.compile(entry.expression, inner, where)
            t = self.type(entry.type_ref, entry.line, entry.id)
            compiled.append((entry.name, f, t))
        has_result = bool(compiled) and compiled[-1][0] is None

        def context(env):
            scope = dict(env)
            out = {}
            result = None
            for name, f, t in compiled:
                v = f(scope)
                if t is not None:
                    v, _ = coerce(v, t)
                if name is None:
                    result = v
                else:
                    out[name] = v
                    scope[name] = v
            return result if has_result else out
        return context

    def _Relation(self, e: M.Relation, names, where):
        columns = [name for name, _ in e.columns]
        types = [self.type(t, e.line, e.id) for _, t in e.columns]
        rows = [[self.compile(cell, names, where) for cell in row] for row in e.rows]

        def relation(env):
            out = []
            for row in rows:
                item = {}
                for name, t, f in zip(columns, types, row, strict=False):
                    v = f(env)
                    if t is not None:
                        v, _ = coerce(v, t)
                    item[name] = v
                out.append(item)
            return out
        return relation

    def _ListExpr(self, e: M.ListExpr, names, where):
        items = [self.compile(x, names, where) for x in e.items]
        return lambda env: [f(env) for f in items]

    def _Invocation(self, e: M.Invocation, names, where):
        callee = self.compile(e.callee, names, where)
        bindings = [(name, self.compile(x, names, where) if x is not None else _null) for name, x in e.bindings]

        def invoke(env):
            f = callee(env)
            if not isinstance(f, FeelFunction):
                return None
            return f.call_named({name: b(env) for name, b in bindings})
        return invoke

    def _FunctionDefinition(self, e: M.FunctionDefinition, names, where):
        params = [p for p, _ in e.params]
        types = [self.type(t, e.line, e.id) for _, t in e.params]
        if not any(t is not None for t in types):
            types = None
        kind = (e.kind or "FEEL").upper()
        if kind != "FEEL":  # the body is the mapping context: {class: ..., method signature: ...} for Java
            mapping = self.compile(e.body, names, where)
            key = "java" if kind == "JAVA" else "pmml"
            return lambda env: external_function(params, {key: mapping(env)})
        self._binds(params)
        body = self.compile(e.body, names.child(params), where)
        return lambda env: Lambda(params, types, body, env)

    def _Conditional(self, e: M.Conditional, names, where):
        cond, then, else_ = (self.compile(x, names, where) for x in (e.if_, e.then, e.else_))

        def conditional(env):
            c = cond(env)
            if c is True:
                return then(env)
            if c is False or c is None:
                return else_(env)
            return None  # a condition that is no boolean
        return conditional

    def _Filter(self, e: M.Filter, names, where):
        source = self.compile(e.in_, names, where)
        self._binds(["item"])
        self.feel.item_scopes += 1  # the items' keys are names in the match: no path there is surely a field
        try:
            match = self.compile(e.match, names.child(["item"]), where)
        finally:
            self.feel.item_scopes -= 1

        def filter_(env):
            items = source(env)
            if items is None:
                return None
            if type(items) is not list:
                items = [items]
            out = []
            charge(len(items))  # at most as many elements in the result
            for item in items:
                r = match(item_scope(env, item))
                if r is True:
                    out.append(item)
                elif r is not False and r is not None:
                    return None  # a match that is no boolean
            return out
        return filter_

    def _binds(self, names) -> None:
        """Names a boxed expression binds: a path from one of them may not start at the model's element of the
        same name, so that element counts as read whole (see ``Compiler.field_reads``)."""
        for name in names:
            self.feel.note_read(name)

    def _domain(self, value):
        if type(value) is list:
            return value
        if type(value) is Range or value is None:
            return None
        return [value]

    def _Iterator(self, e: M.Iterator, names, where):
        source = self.compile(e.in_, names, where)
        inner = names.child([e.variable, "partial"])
        self._binds([e.variable, "partial"])
        body = self.compile(e.body, inner, where)
        var = e.variable
        # `partial` is the results so far, a value of its own (were it the list being built, a result holding it
        # would hold itself): copied for a body whose texts mention it
        copies_partial = "partial" in repr(e.body)

        def for_(env):
            items = self._domain(source(env))
            if items is None:
                return None
            out = []
            for item in each_item(items):
                scope = dict(env)
                scope[var] = item
                if copies_partial:
                    charge(len(out))
                    scope["partial"] = list(out)
                else:
                    scope["partial"] = out
                out.append(body(scope))
            return out
        return for_

    def _Quantified(self, e: M.Quantified, names, where):
        source = self.compile(e.in_, names, where)
        self._binds([e.variable])
        body = self.compile(e.body, names.child([e.variable]), where)
        var = e.variable
        every = e.kind == "every"

        def quantified(env):
            items = self._domain(source(env))
            if items is None:
                return None
            return quantify((body({**env, var: item}) for item in each_item(items)), every)
        return quantified

