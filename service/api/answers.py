"""Evaluation with the answer envelope every evaluating endpoint shares: the model (name and sha256), the
evaluated decisions with their matched rules, the messages; evaluation errors as 422 problem documents."""

from __future__ import annotations

from functools import lru_cache

from flask import current_app

from service.dmn.budget import Budget, BudgetExceeded
from service.dmn.errors import EvaluationError, NoRuleMatched

from .problems import TYPE_EVALUATION, TYPE_UNDECIDABLE, ProblemError, budget_problem
from .registry import note_for_log

__all__ = ["envelope", "evaluate", "model_ref", "trace_json"]


def model_ref(model) -> dict:
    return {"name": model.name, "sha256": model.sha256}


def trace_json(trace) -> list[dict]:
    return [
        {
            "decisionId": step.decision_id,
            "decisionName": step.decision_name,
            "result": step.result,
            "matchedRules": [
                {"ruleIndex": rule.index, "ruleId": rule.id, "annotation": rule.annotation}
                for rule in step.matched_rules
            ],
        }
        for step in trace
    ]


def evaluate(model, decision: str, inputs: dict, *, strict: bool) -> tuple[object, dict]:
    """Evaluate; return the value and the envelope members. A case the rules cannot decide is a 422 problem
    naming the table and the values, with the partial ``evaluatedDecisions``."""
    note_for_log(decision, model)
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
    return result.value, envelope(model, result)


def evaluation_budget() -> Budget:
    """The budget of each evaluation: the app's ``EVAL_TIMEOUT`` (seconds) and ``EVAL_MAX_ITEMS``."""
    config = current_app.config
    return _budget(config.get("EVAL_TIMEOUT", 5.0), config.get("EVAL_MAX_ITEMS", 1_000_000))


@lru_cache(maxsize=8)
def _budget(seconds, max_items) -> Budget:
    return Budget(seconds, max_items)


def envelope(model, result) -> dict:
    """The envelope members of an evaluation's answer."""
    return {
        "model": model_ref(model),
        "evaluatedDecisions": trace_json(result.trace),
        "messages": [
            {"severity": m.severity, "text": m.text, "decisionId": m.decision_id} for m in result.messages
        ],
    }
