"""The decision requirement graph of a model: compiled decisions, BKMs and decision services,
evaluated with lazy requirements, a trace and messages.

The values and functions an evaluation runs on (lazy decision values, BKM and service functions) are in
``runtime``. One ``Model`` is immutable after loading; each evaluation builds its own scope dicts and state,
so many threads may evaluate the same model at once.
"""

from __future__ import annotations

import hashlib

from . import model as M
from .boxed import ExpressionCompiler, faulty_element
from .budget import Budget
from .errors import DmnError, EvaluationError, Problem
from .evalstate import _CURRENT, EvalState, current_state, evaluation
from .feel.builtins import BUILTINS
from .feel.compiler import Compiler
from .feel.lazy import Namespace
from .feel.parser import Names, parse_type
from .feel.scope import MISSING
from .feel.types import BUILTIN_TYPES, ItemType, builtin_type, coerce, complete_structure, function_result
from .generated import scope_builder
from .item_types import fill_type, names_in
from .memo import Remembering, pure_bkms
from .requirements import DecisionInfo, describe, required_inputs, requirement_problems
from .result import Message, Result
from .runtime import BkmFunction, CompiledDecision, DecisionValue, ServiceFunction, Session, compute_decision

_Decision = CompiledDecision  # the name it had here

__all__ = ["DecisionInfo", "Model", "UnknownElement"]

PROPERTY_NAMES = ("time offset", "start included", "end included")


class UnknownElement(DmnError, LookupError):
    """A decision, BKM or decision service name that the model does not have."""


def _source(dec: M.Decision) -> str | None:
    """What the trace shows as the source of a decision without a table: its description's first line."""
    if isinstance(dec.expression, M.DecisionTable) or not dec.description:
        return None
    return dec.description.strip().splitlines()[0].strip() or None


class Model:
    """A loaded, compiled DMN model. Use ``evaluate``, ``evaluate_service`` and ``invoke``."""

    def __init__(self, definitions: M.Definitions, xml: bytes, registry: dict[str, Model]):
        self.definitions = definitions
        self.xml = xml
        self.sha256 = hashlib.sha256(xml).hexdigest()
        self.name = definitions.name
        self.namespace = definitions.namespace
        self.file = definitions.file
        self.diagnostics: list[Problem] = []  # its problems, when loaded with strict=False
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
        names_in(self.definitions, names)
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
        self._graph_faults: dict[str, Problem] = {}
        defined = self._all_names()
        names = Names([*defined, *BUILTINS, *PROPERTY_NAMES, *BUILTIN_TYPES])
        self._names = names
        feel = Compiler(names, self.resolve_type, defined, self._decision_names())
        self._feel = feel
        self._exprs = ExpressionCompiler(feel, self.file, self.resolve_type, problems)
        for el, problem in requirement_problems(self):
            problems.append(problem)
            # a decision, BKM or service that needs what is not there (or, a decision, itself)
            self._graph_faults.setdefault(el.id or f"line {el.line}", problem)
        for item in d.item_definitions:
            self._exprs.owner = ("item definition", item.name)
            fill_type(self._types[item.name], item, self.resolve_type, self._exprs, self._names)
        self._input_types = {}
        for i in d.input_data:
            self._exprs.owner = ("input data", i.name)
            self._input_types[i.name] = self._exprs.type(i.type_ref, i.line, i.id)

        # BKMs and decision services are functions, created once
        self._static: dict = {}
        self._bkm_bodies = []
        for bkm in d.bkms:
            self._exprs.owner = ("business knowledge model", bkm.name)
            mark = len(self._exprs.uncontained)
            logic = bkm.logic
            params = [p for p, _ in logic.params] if logic else []
            ptypes = [self._exprs.type(t, bkm.line, bkm.id) for _, t in logic.params] if logic else []
            fn = BkmFunction(bkm.name, params, ptypes if any(ptypes) else None,
                              function_result(self._exprs.type(bkm.type_ref, bkm.line, bkm.id))
                              if bkm.type_ref and not self._is_function_type(bkm.type_ref) else None)
            self._static[bkm.name] = fn
            self._bkm_bodies.append((fn, bkm, params, mark))
        self._services = {}
        for svc in d.decision_services:
            params = [self._element_name(h) for h in svc.input_data + svc.input_decisions]
            fn = ServiceFunction(self, svc, [p for p in params if p])
            self._static[svc.name] = fn
            self._services[svc.name] = svc
        for fn, bkm, params, mark in self._bkm_bodies:
            self._exprs.owner = ("business knowledge model", bkm.name)
            if self._read_fault(bkm) is not None:  # its structure is wrong: not compiled
                fn.define(self._unless_faulty(bkm, None, mark))
            elif bkm.logic is not None:
                feel.referenced = referenced = set()
                try:
                    body = self._exprs.compile(bkm.logic.body, names.child(params), (bkm.id, bkm.name))
                finally:
                    feel.referenced = None
                fn.reads = frozenset(referenced)  # its scope needs no other static names
                fn.define(self._unless_faulty(bkm, body, mark))

        self._decisions: dict[str, _Decision] = {}
        for dec in d.decisions:
            self._exprs.owner = ("decision", dec.name)
            mark = len(self._exprs.uncontained)
            dtype = self._exprs.type(dec.type_ref, dec.line, dec.id)
            feel.referenced = referenced = set()
            feel.field_reads = field_reads = {}
            try:
                fn = None if self._read_fault(dec) is not None else \
                    self._exprs.compile(dec.expression, names, (dec.id, dec.name), checked_type=dec.type_ref)
            finally:
                feel.referenced = feel.field_reads = None
            fn = self._unless_faulty(dec, fn, mark)
            # the inputs a trace entry shows: required input data and decisions (not BKMs or services) that its
            # logic reads
            req_names = tuple(el.name for el in (self._element(r.href) for r in dec.requirements)
                              if isinstance(el, M.InputData | M.Decision) and el.name in referenced)
            # of those, the ones only ever read as `X.a`: the entry shows the fields read, not the whole value
            fields = {name: frozenset(field_reads[name]) for name in req_names if field_reads.get(name)}
            key = dec.id or dec.name
            self._decisions[key] = _Decision(key, dec.name, fn, dtype, req_names, dec,
                                             frozenset(referenced.union(req_names)),
                                             getattr(fn, "takes_matched_rules", False), _source(dec), fields)
        self._by_name = {x.name: x for x in self._decisions.values()}
        self._targets = {**self._by_name, **self._decisions}  # by id or name, an id first

    def _read_fault(self, el) -> Problem | None:
        """The first fault the reader found in a decision or BKM (one whose structure is wrong)."""
        return self.definitions.faulty.get(el.id or f"line {el.line}")

    def _fault(self, el, mark: int) -> Problem | None:
        """The first problem that makes a decision or BKM unusable as a whole: a fault the reader found in it,
        or one its compilation found since ``mark`` that no faulty sub-expression stands for."""
        key = el.id or f"line {el.line}"
        fault = self.definitions.faulty.get(key) or self._graph_faults.get(key)
        if fault is None and len(self._exprs.uncontained) > mark:
            fault = self._exprs.uncontained[mark]
        return fault

    def _unless_faulty(self, el, fn, mark: int):
        """``fn``, or a function that raises an evaluation error naming ``el`` and its first fault."""
        fault = self._fault(el, mark)
        if fault is None:
            return fn
        return faulty_element(fault, self._exprs.owner)

    def link(self) -> None:
        """After every model of a load is compiled: give BKMs their static scope (imports) and
        fix what each evaluation needs to build its scope."""
        for fn, *_ in self._bkm_bodies:
            fn.link(self._static_scope())
        for fn in pure_bkms(self._static, BkmFunction):  # answered from memory when invoked again (memo.py)
            fn.call = Remembering(fn)
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
        # `function` or `function<number>->string`, not an item definition named `functionReturningDate`
        return type_ref == "function" or type_ref.startswith(("function<", "function <"))

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

    @property
    def decisions(self) -> list[DecisionInfo]:
        return describe(self)

    def _required_inputs(self, dec: M.Decision) -> list:
        return required_inputs(self, dec)

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

    def invoke(self, bkm: str, args: list | dict, *, strict: bool = False, budget: Budget | None = None) -> Result:
        """Invoke a BKM (by name) with positional or named arguments; the rules its tables match are in the
        result's ``rules``. ``strict`` as for ``evaluate``."""
        fn = self._static.get(bkm)
        if fn is None:
            raise UnknownElement(f"model '{self.name}' has no business knowledge model '{bkm}'")
        with evaluation(strict, budget) as state:
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
        return Namespace({n: env[n] for n in names if n in env})  # the scope is a plain dict: values as kept

    def _run_service(self, svc: M.DecisionService, values: dict):
        fault = self._read_fault(svc) or self._graph_faults.get(svc.id or f"line {svc.line}")
        if fault is not None:
            raise EvaluationError(f"decision service '{svc.name}' cannot be evaluated: {fault}")
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
            t = function_result(self.resolve_type(svc.type_ref))
            if t is not None:
                value, _ = coerce(value, t)
        return value
