"""What an evaluation runs on: the scope's lazy decision values (each records its trace entry), BKMs and
decision services as FEEL functions, and the session of an evaluation across imported models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .errors import EvaluationError
from .evalstate import tick
from .feel.codegen import label
from .feel.scope import MISSING, Lambda, Lazy
from .feel.types import coerce
from .feel.values import FeelFunction
from .generated import function_call
from .result import Message

if TYPE_CHECKING:
    from . import model as M
    from .evalstate import EvalState

__all__ = ["BkmFunction", "CompiledDecision", "DecisionValue", "ServiceFunction", "Session", "compute_decision",
           "trace_inputs"]


@dataclass
class CompiledDecision:
    """A decision of a loaded model: its compiled logic ``fn`` and what an evaluation needs to know of it."""

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
    source: str | None = None  # a decision without a table: the first line of its description
    #: requirement name -> the fields its logic reads of it, for a requirement it only reads as paths ``X.a``
    fields: dict | None = None

    def inputs_at(self, env: dict, position: int) -> dict:
        """The inputs its trace entry shows, from the scope it was evaluated in (see ``trace_inputs``)."""
        return trace_inputs(self.requirement_names, env, position, self.fields)



class ServiceRunner(Protocol):
    """What a decision service function calls: its model (``graph.Model``)."""

    def _run_service(self, service: M.DecisionService, values: dict): ...



class BkmFunction(Lambda):
    """A BKM as a FEEL function. It exists before its body is compiled (BKMs may call each other) and gets
    its body, then the model's static scope, once those exist; until then a call is null."""

    def __init__(self, name, params, param_types, result_type):
        super().__init__(params, param_types, None, None, name=name, result_type=result_type)

    def define(self, body) -> None:
        self._body = body
        self.call = self._plan_call()

    reads: frozenset | None = None  # the names its body reads, when known: its scope keeps only those

    def link(self, env: dict) -> None:
        reads = self.reads
        self._env = env if reads is None else {k: v for k, v in env.items() if k in reads}
        self.call = self._plan_call()

    def call(self, args: list):
        return None  # replaced by the planned call once the body and scope are known

    def _plan_call(self):
        """``call(args)``, made once the body and the static scope are known: the same as ``Lambda.call``,
        with each parameter's type check reduced to a class test where the type has one class."""
        body, static = self._body, self._env
        if body is None or static is None:
            return BkmFunction.call.__get__(self)
        params = self.params
        n = len(params)
        types = self.param_types or [None] * n
        label(self.name)
        generated = function_call(params, types, static, body, self.result_type, coerce)
        if generated is not None:
            return generated
        checks = tuple((i, name, t, getattr(t, "exact", None), t.conforms)
                       for i, (name, t) in enumerate(zip(params, types, strict=True)) if t is not None)
        result_type = self.result_type
        result_exact = getattr(result_type, "exact", None)

        def call(args: list):
            if len(args) != n:
                return None
            env = dict(zip(params, args, strict=True))
            if static:
                env = {**static, **env}
            for i, name, t, exact, conforms in checks:
                value = args[i]
                if value is not None and value.__class__ is not exact and not conforms(value):
                    value, ok = coerce(value, t)
                    if not ok:
                        return None
                    env[name] = value
            result = body(env)
            if result_type is not None and result is not None and result.__class__ is not result_exact \
                    and not result_type.conforms(result):
                result, _ = coerce(result, result_type)
            return result
        return call


class ServiceFunction(FeelFunction):
    def __init__(self, model: ServiceRunner, service: M.DecisionService, params: list[str]):
        self.name = service.name
        self.model = model
        self.service = service
        self.params = tuple(params)

    def call(self, args: list):
        if len(args) != len(self.params):
            return None
        tick()  # a service may invoke itself: each call looks at the clock
        return self.model._run_service(self.service, dict(zip(self.params, args, strict=True)))


class Session:
    """One evaluation: the inputs, the state and one scope per model namespace."""

    __slots__ = ("inputs", "envs", "main", "state")

    def __init__(self, inputs: dict, main: str, state: EvalState):
        self.inputs = inputs
        self.envs: dict[str, dict] = {}
        self.main = main
        self.state = state


class DecisionValue(Lazy):
    """A decision's value in one scope of one evaluation (``state``): evaluated on first use, with its trace
    entry recorded."""

    __slots__ = ("dec", "env", "state", "_position")  # _position: of its entry in the trace, once evaluated

    def __init__(self, dec: CompiledDecision, env: dict, state: EvalState):
        self.dec = dec
        self.env = env
        self.state = state
        self._value = MISSING
        self._busy = False

    def _compute(self):
        """The decision's computation, for ``Lazy.get``; computed, the value lets go of its scope and state."""
        state = self.state
        value = compute_decision(self.dec, self.env, state)
        self._position = len(state.raw_trace) - 1
        # no reference cycle (scope -> value -> scope) is left, so an evaluation's objects are freed as soon as
        # it is dropped
        self.env = self.state = None
        return value


def compute_decision(dec: CompiledDecision, env: dict, state: EvalState):
    """A decision's value in ``env``: its logic's value, as its type (null, with a warning, when it does not
    conform), and its trace entry (with the rules its tables matched) last in ``state.raw_trace``. An
    evaluation error is given the decision and the trace so far."""
    saved = state.rules
    state.rules = rules = []
    fn = dec.fn  # read as an attribute: called as dec.fn(), it is looked up as a method first
    try:
        value = fn(env, rules) if dec.takes_matched_rules else fn(env)
    except EvaluationError as err:
        if err.decision_id is None:
            err.decision_id, err.decision_name = dec.id, dec.name
        err.trace = state.trace_entries()
        raise
    finally:
        state.rules = saved
    t = dec.type
    if t is not None and value is not None and value.__class__ is not t.exact and not t.conforms(value):
        value, ok = coerce(value, t)
        if not ok:
            state.messages.append(Message("warning", f"the result of '{dec.name}' does not conform to its "
                                          f"type {t.name}: null used instead", dec.id))
    state.raw_trace.append((dec, env, value, rules))
    return value


def trace_inputs(names: tuple, env: dict, position: int, fields: dict | None = None) -> dict:
    """The inputs a trace entry shows: the required input data and decisions, those decisions only if they
    were evaluated before the entry's own decision (``position`` in the trace). A requirement named in
    ``fields`` whose value is a context shows only the fields read of it (RULES §12), in the context's order."""
    inputs = {}
    for name in names:
        v = env.get(name, MISSING)
        if v.__class__ is DecisionValue:
            if v._value is MISSING or v._position > position:
                continue
            v = v._value
        if v is not MISSING:
            read = fields.get(name) if fields else None
            if read is not None and type(v) is dict:
                v = {key: value for key, value in v.items() if key in read}
            inputs[name] = v
    return inputs
