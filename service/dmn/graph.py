"""The decision requirement graph of a model: compiled decisions, BKMs and decision services,
evaluated with lazy requirements, a trace and messages.

The values and functions an evaluation runs on (lazy decision values, BKM and service functions) are in
``runtime``. One ``Model`` is immutable after loading; each evaluation builds its own scope dicts and state,
so many threads may evaluate the same model at once.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

from . import model as M
from .boxed import ExpressionCompiler, kind_of
from .budget import Budget
from .errors import DmnError, EvaluationError, Problem
from .evalstate import _CURRENT, EvalState, current_state, evaluation
from .feel.builtins import BUILTINS
from .feel.compiler import Compiler
from .feel.parser import Names, parse_type
from .feel.scope import MISSING
from .feel.types import ANY, BUILTIN_TYPES, FunctionType, ItemType, builtin_type, coerce, complete_structure
from .generated import scope_builder
from .result import Message, Result
from .runtime import BkmFunction, DecisionValue, ServiceFunction, Session, compute_decision, trace_inputs

__all__ = ["DecisionInfo", "Model", "UnknownElement"]

PROPERTY_NAMES = ("time offset", "start included", "end included")


class UnknownElement(DmnError, LookupError):
    """A decision, BKM or decision service name that the model does not have."""


@dataclass(frozen=True)
class DecisionInfo:
    id: str
    name: str
    kind: str
    inputs: list  # [(input data name, typeRef)], transitively required
    output_type: str | None


@dataclass
class _Decision:
    id: str
    name: str
    fn: object
    type: object
    requirement_names: list
    definition: M.Decision
    names: frozenset = frozenset()  # the names its logic reads and its requirements: what it may need in scope
    # its logic is a decision table called fn(env, matched_rules), adding the rules it matches to that list
    # (else fn(env), and tables add them to the evaluation state's rules)
    takes_matched_rules: bool = False

    def inputs_at(self, env: dict, position: int) -> dict:
        """The inputs its trace entry shows, from the scope it was evaluated in (see ``trace_inputs``)."""
        return trace_inputs(self.requirement_names, env, position)


def _names_in(obj, out: set) -> None:
    """Every name a model introduces somewhere (context entries, parameters, columns...)."""
    if isinstance(obj, list):
        for x in obj:
            _names_in(x, out)
        return
    if not dataclasses.is_dataclass(obj):
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
        value = getattr(obj, f.name)
        if isinstance(value, list) or dataclasses.is_dataclass(value):
            _names_in(value, out)
        elif isinstance(value, tuple):
            for x in value:
                _names_in(x, out)


def _all_tests(preds):
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


_NO_SCOPE: dict = {}


class Model:
    """A loaded, compiled DMN model. Use ``evaluate``, ``evaluate_service`` and ``invoke``."""

    def __init__(self, definitions: M.Definitions, xml: bytes, registry: dict[str, Model]):
        self.definitions = definitions
        self.xml = xml
        self.sha256 = hashlib.sha256(xml).hexdigest()
        self.name = definitions.name
        self.namespace = definitions.namespace
        self.file = definitions.file
        self._registry = registry  # namespace -> Model, shared by the models loaded together
        self._types = {item.name: ItemType(item.name) for item in definitions.item_definitions}
        self._by_href = {el.id: el for el in [*definitions.input_data, *definitions.decisions,
                                                 *definitions.bkms, *definitions.decision_services] if el.id}

    # --- compiling -----------------------------------------------------------------------------

    def _imports(self) -> dict[str, Model]:
        out = {}
        for imp in self.definitions.imports:
            m = self._registry.get(imp.namespace)
            if m is not None:
                out[imp.name] = m
        return out

    def _all_names(self, seen=None) -> set:
        seen = seen if seen is not None else set()
        if self.namespace in seen:
            return set()
        seen.add(self.namespace)
        names: set = set()
        _names_in(self.definitions, names)
        for m in self._imports().values():
            names |= m._all_names(seen)
        return names

    def _decision_names(self, seen=None) -> set:
        """The names of the decisions of this model and of the models it imports: the only names a scope keeps
        lazy values under (an imported model's, in its import context, which a filter's item may spread)."""
        seen = seen if seen is not None else set()
        if self.namespace in seen:
            return set()
        seen.add(self.namespace)
        names = {d.name for d in self.definitions.decisions}
        for m in self._imports().values():
            names |= m._decision_names(seen)
        return names

    def compile(self, problems: list[Problem]) -> None:
        d = self.definitions
        self._problems = problems
        defined = self._all_names()
        names = Names([*defined, *BUILTINS, *PROPERTY_NAMES, *BUILTIN_TYPES])
        self._names = names
        feel = Compiler(names, self.resolve_type, defined, self._decision_names())
        self._feel = feel
        self._exprs = ExpressionCompiler(feel, self.file, self.resolve_type, problems)
        for item in d.item_definitions:
            self._fill_type(self._types[item.name], item)
        self._input_types = {i.name: self._exprs.type(i.type_ref, i.line, i.id) for i in d.input_data}

        # BKMs and decision services are functions, created once
        self._static: dict = {}
        self._bkm_bodies = []
        for bkm in d.bkms:
            logic = bkm.logic
            params = [p for p, _ in logic.params] if logic else []
            ptypes = [self._exprs.type(t, bkm.line, bkm.id) for _, t in logic.params] if logic else []
            fn = BkmFunction(bkm.name, params, ptypes if any(ptypes) else None,
                              self._exprs.type(bkm.type_ref, bkm.line, bkm.id)
                              if bkm.type_ref and not self._is_function_type(bkm.type_ref) else None)
            self._static[bkm.name] = fn
            self._bkm_bodies.append((fn, bkm, params))
        self._services = {}
        for svc in d.decision_services:
            params = [self._element_name(h) for h in svc.input_data + svc.input_decisions]
            fn = ServiceFunction(self, svc, [p for p in params if p])
            self._static[svc.name] = fn
            self._services[svc.name] = svc
        for fn, bkm, params in self._bkm_bodies:
            if bkm.logic is not None:
                fn.define(self._exprs.compile(bkm.logic.body, names.child(params), (bkm.id, bkm.name)))

        self._decisions: dict[str, _Decision] = {}
        for dec in d.decisions:
            feel.referenced = referenced = set()
            try:
                fn = self._exprs.compile(dec.expression, names, (dec.id, dec.name), checked_type=dec.type_ref)
            finally:
                feel.referenced = None
            # the inputs a trace entry shows: required input data and decisions (not BKMs or services)
            req_names = tuple(el.name for el in (self._element(r.href) for r in dec.requirements)
                              if isinstance(el, M.InputData | M.Decision))
            key = dec.id or dec.name
            dtype = self._exprs.type(dec.type_ref, dec.line, dec.id)
            self._decisions[key] = _Decision(key, dec.name, fn, dtype, req_names, dec,
                                             frozenset(referenced.union(req_names)),
                                             getattr(fn, "takes_matched_rules", False))
        self._by_name = {x.name: x for x in self._decisions.values()}
        self._targets = {**self._by_name, **self._decisions}  # by id or name, an id first
        self._check_requirements()

    def link(self) -> None:
        """After every model of a load is compiled: give BKMs their static scope (imports) and
        fix what each evaluation needs to build its scope."""
        for fn, _, _ in self._bkm_bodies:
            fn.link(self._static_scope())
        self._import_models = list(self._imports().items())
        self._input_plan = [(i.name, f"{{{self.namespace}}}{i.name}", t, t.exact if t is not None else None)
                            for i in self.definitions.input_data
                            for t in [self._input_types.get(i.name)]]
        self._decision_list = list(self._decisions.values())
        self._fill_scope = self._scope_builder(self._decision_list)
        # target id -> its generated scope; None where evaluations take the general road (imports, or a scope
        # Python could not compile)
        self._target_scopes = {} if self._fill_scope is not None and not self._import_models else None

    def _scope_builder(self, decisions: list):
        return scope_builder(self._input_plan, decisions,
                             lambda inputs, name, t: self._input_value(inputs, name, t, True), DecisionValue, MISSING)

    def _target_scope(self, target: _Decision):
        """The generated scope of an evaluation of ``target``: as ``_fill_scope``, but with only the decisions
        the target may need, directly or through others (by the names their logic reads and their
        requirements), and without the target itself, which is computed at once. FEEL has no other way to
        reach a decision than its name, so the others could never be read. Made on the first evaluation of the
        target; False when Python cannot compile it."""
        fill = self._target_scopes.get(target.id)
        if fill is None:
            needed, todo = set(), [target]
            while todo:
                for name in todo.pop().names:
                    dec = self._by_name.get(name)
                    if dec is not None and dec.name not in needed:
                        needed.add(dec.name)
                        todo.append(dec)
            needed.discard(target.name)
            fill = self._scope_builder([d for d in self._decision_list if d.name in needed]) or False
            self._target_scopes[target.id] = fill
        return fill

    def _static_scope(self, seen=None) -> dict:
        env = dict(self._static)
        seen = seen or set()
        seen.add(self.namespace)
        for name, m in self._imports().items():
            if m.namespace not in seen:
                env[name] = m._static_scope(set(seen))
        return env

    @staticmethod
    def _is_function_type(type_ref: str) -> bool:
        return type_ref.startswith("function")

    def _fill_type(self, t: ItemType, item: M.ItemDefinition) -> None:
        t.collection = item.is_collection
        if item.components:
            fields = {}
            for comp in item.components:
                ct = ItemType(comp.name)
                self._fill_type(ct, comp)
                fields[comp.name] = ct
            t.fields = fields
        elif item.function_params is not None:
            params = [self.resolve_type(p) or ANY if p else ANY for _, p in item.function_params]
            out = self.resolve_type(item.function_output) if item.function_output else ANY
            t.base = FunctionType(params, out or ANY)
        elif item.type_ref:
            base = self.resolve_type(item.type_ref)
            if base is None:
                self._problems.append(Problem(f"unknown type '{item.type_ref}'", self.file, item.line, item.id))
                base = ANY
            t.base = base
        tests = [x for x in (item.allowed_values, item.type_constraint) if x]
        if tests:
            preds = [self._exprs.tests(x, item.line, item.id, self._names) for x in tests]
            t.allowed = _all_tests(preds)
            if len(preds) == 1:
                t.allowed_literals = getattr(preds[0], "literals", None)
        t.specialize()

    def resolve_type(self, name: str | None):
        if not name:
            return None
        t = self._types.get(name)
        if t is not None:
            return t
        t = builtin_type(name)
        if t is not None:
            return t
        if name.startswith(("list<", "context<", "function<", "range<")):
            try:
                return self._feel.type_of(parse_type(name, self._names))
            except DmnError:
                return None
        if "." in name:
            prefix, rest = name.split(".", 1)
            m = self._imports().get(prefix)
            if m is not None:
                return m.resolve_type(rest)
        return None

    def _element(self, href: str):
        ns, _, ident = href.partition("#")
        if ns and ns != self.namespace:
            m = self._registry.get(ns)
            return m._by_href.get(ident) if m is not None else None
        return self._by_href.get(ident)

    def _element_name(self, href: str) -> str | None:
        el = self._element(href)
        return el.name if el is not None else None

    def _check_requirements(self) -> None:
        d = self.definitions
        for el in [*d.decisions, *d.bkms]:
            for r in el.requirements:
                if self._element(r.href) is None:
                    self._problems.append(Problem(f"requirement '{r.href}' names no element of the model",
                                                  self.file, r.line or el.line, el.id))
        for svc in d.decision_services:
            for href in svc.output_decisions + svc.encapsulated_decisions + svc.input_decisions + svc.input_data:
                if self._element(href) is None:
                    self._problems.append(Problem(f"decision service reference '{href}' names no element",
                                                  self.file, svc.line, svc.id))
        # cycles between decisions
        state: dict[str, int] = {}

        def visit(dec: M.Decision, path: list[str]) -> None:
            mark = state.get(dec.id)
            if mark == 2:
                return
            if mark == 1:
                self._problems.append(Problem("decisions require each other in a cycle: "
                                              + " -> ".join(path + [dec.name]), self.file, dec.line, dec.id))
                return
            state[dec.id] = 1
            for r in dec.requirements:
                target = self._element(r.href)
                if isinstance(target, M.Decision) and target.id in self._by_href:
                    visit(target, path + [dec.name])
            state[dec.id] = 2

        for dec in d.decisions:
            visit(dec, [])

    # --- description ---------------------------------------------------------------------------

    @property
    def decisions(self) -> list[DecisionInfo]:
        out = []
        for dec in self.definitions.decisions:
            out.append(DecisionInfo(dec.id, dec.name, kind_of(dec.expression), self._required_inputs(dec),
                                    dec.type_ref))
        return out

    def _required_inputs(self, dec: M.Decision) -> list:
        found: dict[str, str | None] = {}
        seen = set()

        def walk(model: Model, el):
            if el is None or id(el) in seen:
                return
            seen.add(id(el))
            if isinstance(el, M.InputData):
                key = el.name if model is self else f"{{{model.namespace}}}{el.name}"
                found.setdefault(key, el.type_ref)
                return
            for r in getattr(el, "requirements", []):
                owner = model._owner(r.href)
                walk(owner, owner._element(r.href) if owner is not None else None)

        walk(self, dec)
        return list(found.items())

    def _owner(self, href: str) -> Model | None:
        """The model an href points into (this one, or an imported one for ``namespace#id``)."""
        ns, _, _ = href.partition("#")
        if ns and ns != self.namespace:
            return self._registry.get(ns)
        return self

    def decision(self, id_or_name: str) -> _Decision:
        d = self._decisions.get(id_or_name) or self._by_name.get(id_or_name)
        if d is None:
            raise UnknownElement(f"model '{self.name}' has no decision '{id_or_name}'")
        return d

    # --- evaluating ----------------------------------------------------------------------------

    def evaluate(self, decision: str, inputs: dict, *, strict: bool = False, budget: Budget | None = None) -> Result:
        """Evaluate a decision (by id or name). ``inputs`` maps input-data names to FEEL values;
        a key naming a decision gives that decision's value instead of evaluating it; an input of an
        imported model is keyed ``{namespace}name``. ``strict``: a single-hit table that matches no
        rule and has no default raises ``NoRuleMatched``. ``budget``: its time and size (default:
        ``DEFAULT_BUDGET``); past it, ``BudgetExceeded``."""
        target = self._targets.get(decision) or self.decision(decision)
        state = EvalState(strict, budget)
        slot = _CURRENT.slot
        saved = slot.state
        slot.state = state
        try:
            inputs = inputs or {}
            if target.name in inputs:
                value = inputs[target.name]
            elif (scopes := self._target_scopes) is not None and \
                    (fill := scopes.get(target.id) or self._target_scope(target)):
                value = compute_decision(target, fill(inputs, self._static.copy(), state), state)
            else:
                env = self._scope(Session(inputs, self.namespace, state)) if self._import_models \
                    else self._main_scope(inputs, state)
                value = env[target.name].get()
        except RecursionError:
            raise EvaluationError("the evaluation nested too deeply", decision_id=target.id,
                                  decision_name=target.name, trace=state.trace_entries()) from None
        finally:
            slot.state = saved
        state.value = value
        return state

    def evaluate_service(self, name: str, inputs: dict, *, strict: bool = False,
                         budget: Budget | None = None) -> Result:
        svc = self._services.get(name) or next((s for s in self.definitions.decision_services if s.id == name),
                                               None)
        if svc is None:
            raise UnknownElement(f"model '{self.name}' has no decision service '{name}'")
        with evaluation(strict, budget) as state:
            state.value = self._run_service(svc, inputs or {})
        return state

    def invoke(self, bkm: str, args: list | dict, *, budget: Budget | None = None) -> Result:
        fn = self._static.get(bkm)
        if fn is None:
            raise UnknownElement(f"model '{self.name}' has no business knowledge model '{bkm}'")
        with evaluation(False, budget) as state:
            state.value = fn.call_named(args) if isinstance(args, dict) else fn.call(list(args))
        return state

    def _input_value(self, inputs: dict, name: str, t, main: bool):
        value = inputs.get(name, MISSING) if main else MISSING
        if value is MISSING:
            value = inputs.get(f"{{{self.namespace}}}{name}")
        if t is None or value is None or t.conforms(value):
            return value
        value = complete_structure(value, t)
        coerced, ok = coerce(value, t)
        if not ok:
            state = current_state()
            if state is not None:
                state.messages.append(Message("warning", f"input '{name}' does not conform to its type "
                                              f"{t.name}: null used instead"))
        return coerced

    def _main_scope(self, inputs: dict, state: EvalState, env: dict | None = None) -> dict:
        """The scope of the evaluated model: ``env`` (its static scope when not given) with the inputs, and the
        decisions, lazy (evaluated in ``state``) unless the inputs give their value."""
        if env is None:
            env = self._static.copy()
        if self._fill_scope is not None:
            return self._fill_scope(inputs, env, state)
        for name, clark, t, exact in self._input_plan:
            v = inputs.get(name, MISSING)
            if v is MISSING:
                v = inputs.get(clark)
            if v is not None and t is not None and v.__class__ is not exact and not t.conforms(v):
                v = self._input_value(inputs, name, t, True)
            env[name] = v
        for dec in self._decision_list:
            name = dec.name
            env[name] = inputs[name] if name in inputs else DecisionValue(dec, env, state)
        return env

    def _scope(self, session: Session) -> dict:
        """This model's scope in an evaluation that crosses imports: made once per session and namespace."""
        env = session.envs.get(self.namespace)
        if env is not None:
            return env
        inputs = session.inputs
        env = dict(self._static)
        session.envs[self.namespace] = env
        for name, m in self._import_models:
            env[name] = m._import_context(session)
        if session.main == self.namespace:
            return self._main_scope(inputs, session.state, env)
        for name, _, t, _ in self._input_plan:  # an imported model's inputs are keyed {namespace}name
            env[name] = self._input_value(inputs, name, t, False)
        for dec in self._decision_list:
            env[dec.name] = DecisionValue(dec, env, session.state)
        return env

    def _import_context(self, session: Session) -> dict:
        env = self._scope(session)
        names = [i.name for i in self.definitions.input_data] + [d.name for d in self._decisions.values()]
        names += list(self._static) + list(self._imports())
        return {n: env[n] for n in names if n in env}

    def _run_service(self, svc: M.DecisionService, values: dict):
        state = current_state()
        if state is None:  # a service called outside an evaluation (a function value kept from one)
            state = EvalState(False)
        env = dict(self._static)
        for name, m in self._imports().items():
            env[name] = m._static_scope()
        for item in self.definitions.input_data:
            value, ok = coerce(values.get(item.name), self._input_types.get(item.name))
            if not ok:
                return None  # an argument of the wrong type: the service is not invoked
            env[item.name] = value
        given = {self._element_name(h) for h in svc.input_decisions}
        for dec in self._decisions.values():
            if dec.name in given:
                value, ok = coerce(values.get(dec.name), dec.type)
                if not ok:
                    return None
                env[dec.name] = value
            else:
                env[dec.name] = DecisionValue(dec, env, state)
        outputs = [self._element(h) for h in svc.output_decisions]
        results = {}
        for dec in outputs:
            if dec is None:
                continue
            v = env.get(dec.name)
            results[dec.name] = v.get() if v.__class__ is DecisionValue else v
        if len(results) == 1:
            value = next(iter(results.values()))
        else:
            value = results
        if svc.type_ref:
            t = self.resolve_type(svc.type_ref)
            if t is not None:
                value, _ = coerce(value, t)
        return value
