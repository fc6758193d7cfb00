"""Evaluation with the answer envelope every evaluating endpoint shares: the model (name and sha256), the
evaluated decisions with their matched rules, the messages; evaluation errors as 422 problem documents."""

from __future__ import annotations

import weakref
from functools import lru_cache

from flask import current_app, has_app_context, has_request_context, request

from service.dmn.budget import DEFAULT_BUDGET, Budget, BudgetExceeded
from service.dmn.errors import EvaluationError, NoRuleMatched
from service.jsonvalues import shared

from .problems import TYPE_EVALUATION, TYPE_UNDECIDABLE, ProblemError, budget_problem
from .registry import note_for_log

__all__ = ["LANGUAGES", "decide", "envelope", "evaluate", "model_ref", "trace_json", "with_language"]


def model_ref(model) -> dict:
    return {"name": model.name, "sha256": model.sha256}


#: the values ``jsonvalues.shared`` may stand in for
_CONTAINERS = frozenset((list, dict))


def trace_json(trace) -> list[dict]:
    """Each evaluated decision: its inputs (the values its logic read), its result, the rules it matched (once
    each, though a BKM invoked for every paid day matches its rules again each day) and, for a decision without
    a table, its source.

    A value several decisions read (a decision's result is read by the decisions that require it) is one
    ``jsonvalues.shared`` list or dict throughout the trace, so that the answer's JSON text writes it once and
    copies that text wherever it appears again."""
    seen: dict = {}
    out = []
    for step in trace:
        inputs = step.inputs
        entry = {
            "decisionId": step.decision_id,
            "decisionName": step.decision_name,
            "inputs": {name: shared(value, seen) if type(value) in _CONTAINERS else value
                       for name, value in inputs.items()} if inputs else inputs,
            "result": shared(step.result, seen),
            "matchedRules": [
                {"ruleIndex": rule.index, "ruleId": rule.id, "annotation": rule.annotation}
                for rule in _once(step.matched_rules)
            ],
        }
        if step.source is not None:
            entry["source"] = step.source
        out.append(entry)
    return out


def _once(rules: list) -> list:
    """The rules, each once, in the order they first matched (the same rule object matches again on each call
    of a BKM: dropped by identity first, then equal rules by value)."""
    if len(rules) < 2:
        return rules
    distinct = list({id(rule): rule for rule in rules}.values())
    return distinct if len(distinct) < 2 else list(dict.fromkeys(distinct))


#: the languages a model's sentences come in (RULES §12); the first is the default
LANGUAGES = ("en", "fr", "nl")
#: a model whose sentences depend on the language has an input data of this name (its ``reasonTexts`` table)
LANGUAGE_INPUT = "language"


#: model -> whether it has a ``language`` input (found once per loaded model)
_READS_LANGUAGE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _reads_language(model) -> bool:
    known = _READS_LANGUAGE.get(model)
    if known is None:
        known = _READS_LANGUAGE[model] = any(i.name == LANGUAGE_INPUT for i in model.definitions.input_data)
    return known


def with_language(model, inputs: dict) -> dict:
    """The inputs with the ``language`` input the model reads, when it has one and the inputs do not give it:
    the request's Accept-Language among ``LANGUAGES`` (default English, also outside a request)."""
    if LANGUAGE_INPUT in inputs or not _reads_language(model):
        return inputs
    language = LANGUAGES[0]
    if has_request_context():
        language = request.accept_languages.best_match(LANGUAGES, default=language)
    return {**inputs, LANGUAGE_INPUT: language}


def evaluate(model, decision: str, inputs: dict, *, strict: bool) -> tuple[object, dict]:
    """Evaluate; return the value and the envelope members. A case the rules cannot decide is a 422 problem
    naming the table and the values, with the partial ``evaluatedDecisions``. A model with a ``language``
    input gets the request's language unless the inputs give one."""
    result = decide(model, decision, inputs, strict=strict)
    return result.value, envelope(model, result)


def decide(model, decision: str, inputs: dict, *, strict: bool):
    """``evaluate`` up to the engine's result (its value, trace and messages), before the envelope is written:
    ``envelope(model, result)`` gives the members ``evaluate`` returns. Raises the same ``ProblemError``."""
    note_for_log(decision, model)
    inputs = with_language(model, inputs)
    try:
        result = model.evaluate(decision, inputs, strict=strict, budget=evaluation_budget())
    except BudgetExceeded as exc:
        raise budget_problem(exc, model_ref(model)) from None
    except NoRuleMatched as exc:
        raise ProblemError(
            422, "The rules cannot decide this case", str(exc), type=TYPE_UNDECIDABLE,
            decision=exc.decision_id, table=exc.table_id, model=model_ref(model),
            evaluatedDecisions=trace_json(exc.trace),
        ) from None
    except EvaluationError as exc:
        raise ProblemError(
            422, "The decision could not be evaluated", str(exc), type=TYPE_EVALUATION,
            decision=exc.decision_id, model=model_ref(model),
            evaluatedDecisions=trace_json(exc.trace),
        ) from None
    return result


def evaluation_budget() -> Budget:
    """The budget of each evaluation: the app's ``EVAL_TIMEOUT`` (seconds) and ``EVAL_MAX_ITEMS`` (the default
    budget outside an app, as when ``decisions batch`` answers cases)."""
    if not has_app_context():
        return DEFAULT_BUDGET
    config = current_app.config
    return _budget(config.get("EVAL_TIMEOUT", 5.0), config.get("EVAL_MAX_ITEMS", 1_000_000))


@lru_cache(maxsize=8)
def _budget(seconds, max_items) -> Budget:
    return Budget(seconds, max_items)


def envelope(model, result, trace: bool = True) -> dict:
    """The envelope members of an evaluation's answer; without ``evaluatedDecisions`` when not ``trace`` (an
    answer whose reader drops them, as ``decisions batch`` without ``--trace`` does)."""
    members = {"model": model_ref(model)}
    if trace:
        members["evaluatedDecisions"] = trace_json(result.trace)
    members["messages"] = [
        {"severity": m.severity, "text": m.text, "decisionId": m.decision_id} for m in result.messages
    ]
    return members
