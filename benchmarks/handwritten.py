"""Hand-written Python versions of the benchmarked decisions: the floor a DMN engine is measured against.

Each function takes the same Decimal / date / str / bool inputs the engine gets (a dict keyed by
input-data name) and returns what the decision returns (``None`` where no rule matches).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from decimal import Decimal

__all__ = ["approval_status", "daily_minimum", "inami_benefit"]

_EIGHTEEN = Decimal(18)


def approval_status(inputs: dict) -> str | None:
    """TCK compliance-level-2/0004-simpletable-U, decision ``Approval Status`` (hit policy UNIQUE)."""
    age = inputs.get("Age")
    risk = inputs.get("RiskCategory")
    affordable = inputs.get("isAffordable")
    if affordable is False:
        return "Declined"
    if affordable is not True:
        return None
    if risk == "High":
        return "Declined"
    if risk in ("Medium", "Low") and isinstance(age, Decimal):
        return "Approved" if age >= _EIGHTEEN else "Declined"
    return None


# benchmarks/tables/date-ranges.dmn: ten periods [start, next start) times three categories.
_PERIOD_STARTS = [
    dt.date(2016, 1, 1), dt.date(2016, 6, 1), dt.date(2017, 6, 1), dt.date(2018, 7, 1),
    dt.date(2019, 9, 1), dt.date(2020, 3, 1), dt.date(2021, 1, 1), dt.date(2022, 1, 1),
    dt.date(2022, 10, 1), dt.date(2023, 6, 1), dt.date(2024, 7, 1),
]
_CATEGORIES = ("regular worker with dependants", "regular worker single", "regular worker cohabitant")
_AMOUNTS = [
    ("58.30", "46.65", "39.97"), ("59.47", "47.58", "40.77"), ("60.66", "48.53", "41.58"),
    ("61.87", "49.51", "42.42"), ("63.11", "50.50", "43.26"), ("64.37", "51.51", "44.13"),
    ("65.66", "52.54", "45.01"), ("66.97", "53.59", "45.91"), ("68.31", "54.66", "46.83"),
    ("69.67", "55.75", "47.77"),
]
_TABLE = {
    (period, category): Decimal(amount)
    for period, row in enumerate(_AMOUNTS)
    for category, amount in zip(_CATEGORIES, row, strict=True)
}


def daily_minimum(inputs: dict) -> Decimal | None:
    """benchmarks/tables/date-ranges.dmn, decision ``Daily minimum`` (30 rules, UNIQUE)."""
    claim_date = inputs.get("Claim date")
    if type(claim_date) is not dt.date:
        return None
    period = bisect_right(_PERIOD_STARTS, claim_date) - 1
    if period < 0 or period >= len(_AMOUNTS):
        return None
    return _TABLE.get((period, inputs.get("Category")))


# decisions/inami-benefit.dmn (rule set v2): see handwritten_inami.py
from benchmarks.handwritten_inami import inami_benefit  # noqa: E402
