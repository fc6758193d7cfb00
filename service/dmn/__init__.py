"""A DMN 1.1-1.5 engine: read models, compile FEEL once, evaluate decisions with a trace.

    models = load("decisions/")                 # a folder or a .dmn file; LoadError lists problems
    model = models.by_file("inami-benefit.dmn")
    result = model.evaluate("familyCategory", {"referenceDate": date(2026, 3, 1), ...}, strict=True)
    result.value, result.trace, result.messages
    model.evaluate(..., budget=Budget(seconds=2, max_items=100_000))   # BudgetExceeded past it
"""

from .budget import DEFAULT_BUDGET, Budget, BudgetExceeded
from .errors import DmnError, EvaluationError, FeelSyntaxError, LoadError, NoRuleMatched, Problem
from .graph import DecisionInfo, Model, UnknownElement
from .loader import Models, load
from .result import DecisionTrace, MatchedRule, Message, Result

__all__ = [
    "DEFAULT_BUDGET", "Budget", "BudgetExceeded",
    "DecisionInfo", "DecisionTrace", "DmnError", "EvaluationError", "FeelSyntaxError", "LoadError",
    "MatchedRule", "Message", "Model", "Models", "NoRuleMatched", "Problem", "Result", "UnknownElement", "load",
]
