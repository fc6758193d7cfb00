"""What one evaluation may spend: a time budget and a size budget.

Every evaluation (and the constant folding of a load) runs under a ``Budget``. The clock is checked where work
can grow without bound: each iteration of ``for``, ``some``/``every`` and filters, each call of a FEEL function
(a BKM, a lambda, a decision service) and each list a built-in builds; regular expressions run with the time
left as their timeout. The size budget counts the items an evaluation produces: the elements of the lists that
ranges become, that ``for`` and filters build and that list built-ins return, and the characters of longer
strings that concatenation and string built-ins make. Past either budget the evaluation stops with
``BudgetExceeded``, which names the decision and the budget.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import EvaluationError

__all__ = ["DEFAULT_BUDGET", "Budget", "BudgetExceeded"]


@dataclass(frozen=True, slots=True)
class Budget:
    """``seconds``: the longest an evaluation may run; ``max_items``: the most list elements and string
    characters it may produce. None: no limit of that kind."""

    seconds: float | None = 5.0
    max_items: int | None = 1_000_000

    def __post_init__(self):
        if self.seconds is not None and not self.seconds >= 0:
            raise ValueError(f"a time budget is a number of seconds ≥ 0, not {self.seconds!r}")
        if self.max_items is not None and (isinstance(self.max_items, bool) or not isinstance(self.max_items, int)
                                           or self.max_items < 0):
            raise ValueError(f"a size budget is a whole number ≥ 0, not {self.max_items!r}")


#: what an evaluation gets when it is given no budget
DEFAULT_BUDGET = Budget()


class BudgetExceeded(EvaluationError):
    """An evaluation went past its budget: ``budget`` is "time" or "items", ``limit`` its value (seconds or
    items). The decision that was being evaluated is named as in every ``EvaluationError``."""

    def __init__(self, budget: str, limit, **kwargs):
        if budget == "time":
            message = f"the evaluation took longer than its time budget of {limit:g} s"
        else:
            message = (f"the evaluation produced more than its budget of {limit:,} items "
                       "(list elements and string characters)")
        super().__init__(message, **kwargs)
        self.budget = budget
        self.limit = limit
