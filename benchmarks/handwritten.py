"""Hand-written Python versions of the benchmarked decisions: the floor a DMN engine is measured against.

Each function takes the same Decimal / date / str / bool inputs the engine gets (a dict keyed by
input-data name) and returns what the decision returns (``None`` where no rule matches).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from decimal import ROUND_HALF_UP, Decimal

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


# --- decisions/inami-benefit.dmn, top decision "INAMI benefit" -----------------------------------
# One function per decision, FEEL's null rules kept where the inputs can make them matter
# (a missing input gives None, a comparison with None matches no rule).

_D = Decimal
_2022 = dt.date(2022, 1, 1)
_2023 = dt.date(2023, 1, 1)
_END_2025 = dt.date(2025, 12, 31)
_2026 = dt.date(2026, 1, 1)
_CENT = _D("0.01")
_FAMILY_INCOME_LOW = _D("1160.02")
_FAMILY_REPLACEMENT_HIGH = _D("1276.68")
_FAMILY_PROFESSIONAL_HIGH = _D("1955.09")
_RATES = {"with-dependants": _D("0.65"), "isolated": _D("0.55"), "cohabitant": _D("0.40")}
_MIN_2023_REGULAR = {"with-dependants": _D("73.10"), "isolated": _D("58.21"), "cohabitant": _D("49.91")}
_MIN_2023_OTHER = {"with-dependants": _D("63.11"), "isolated": _D("46.70"), "cohabitant": _D("46.70")}
_MIN_2026_3_TO_6 = {"with-dependants": _D("67.86"), "isolated": _D("54.11"), "cohabitant": _D("44.47")}
_MIN_2026_7_TO_12 = {"with-dependants": _D("71.53"), "isolated": _D("57.06"), "cohabitant": _D("47.45")}
_MIN_2026_INVALIDITY = {"with-dependants": _D("73.47"), "isolated": _D("58.63"), "cohabitant": _D("52.00")}
_FLAT_2026 = {"with-dependants": _D("73.47"), "isolated": _D("58.63"), "cohabitant": _D("44.15")}
_DECLARATION_DAYS = {"employee": 27, "blue-collar": 13, "unemployed": 7, "self-employed": 7}
_TAX_RATE = _D("0.1111")
_OCCUPATIONAL = ("work-accident", "occupational-disease")


def _get(context, key):
    return context.get(key) if isinstance(context, dict) else None


def _round_half_up(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _incapacity_month(start, ref) -> Decimal | None:
    if start is None or ref is None:
        return None
    sign = 1
    if ref < start:
        start, ref, sign = ref, start, -1
    months = (ref.year - start.year) * 12 + ref.month - start.month - (1 if ref.day < start.day else 0)
    return _D(1 + sign * months)


def _phase(month):
    if month is None:
        return None
    if 1 <= month <= 12:
        return "primary"
    return "invalidity" if month >= 13 else None


def _family_category(ref, household):
    if ref is None or ref < _2022:
        return None
    children = _get(household, "dependentChildren")
    children = _D(0) if children is None else children
    if children >= 1:
        return "with-dependants"
    if children != 0:
        return None
    if _get(household, "livesAlone") is True:
        return "isolated"
    professional = _get(household, "cohabitantProfessionalIncome")
    replacement = _get(household, "cohabitantReplacementIncome")
    has_replacement = replacement is not None and replacement > 0
    total = (professional or _D(0)) + (replacement or _D(0))
    if total < _FAMILY_INCOME_LOW:
        return "with-dependants"
    high = _FAMILY_REPLACEMENT_HIGH if has_replacement else _FAMILY_PROFESSIONAL_HIGH
    return "isolated" if total <= high else "cohabitant"


def _rate(phase, family):
    if phase == "primary":
        return _D("0.60")
    return _RATES.get(family) if phase == "invalidity" else None


def _wage_ceiling(start, ref):
    if start is None or ref is None or start < _2022:
        return None
    if _2022 <= ref <= _END_2025:
        return _D("170.69")
    return _D("178.69") if ref >= _2026 else None


def _minimum_daily_amount(ref, month, regular: bool, family):
    if ref is None or month is None:
        return None
    if _2023 <= ref <= _END_2025:
        if month >= 13:
            return (_MIN_2023_REGULAR if regular else _MIN_2023_OTHER).get(family)
        return None
    if ref >= _2026:
        if 3 <= month <= 6:
            return _MIN_2026_3_TO_6.get(family)
        if 7 <= month <= 12:
            return _MIN_2026_7_TO_12.get(family)
        if month >= 13:
            return _MIN_2026_INVALIDITY.get(family)
    return None


def _wage_daily_amount(status, month, amount, minimum, above_ceiling, allowance):
    if minimum is None:
        below = False
    else:
        below = None if amount is None else amount < minimum
    if month is None or below is None:
        return None
    if status in ("employee", "blue-collar") or (status == "unemployed" and month >= 7):
        if below:
            return {"amount": minimum, "basis": "minimum"}
        if above_ceiling is None:
            return None
        return {"amount": amount, "basis": "maximum" if above_ceiling else "wage"}
    if status == "unemployed" and 1 <= month <= 6 and allowance is not None:
        if below:
            if allowance < minimum:
                return {"amount": allowance, "basis": "unemployment-allowance"}
            return {"amount": minimum, "basis": "minimum"}
        if amount is None:
            return None
        if allowance < amount:
            return {"amount": allowance, "basis": "unemployment-allowance"}
        if above_ceiling is None:
            return None
        return {"amount": amount, "basis": "maximum" if above_ceiling else "wage"}
    return None


def _coverage(cause, civil_servant, disability_allowance):
    if cause in _OCCUPATIONAL:
        return {"covered": False, "coveredBy": "federal-agency-for-occupational-risks"}
    if civil_servant is True:
        return {"covered": False, "coveredBy": "employer"}
    if disability_allowance is True:
        return {"covered": False, "coveredBy": "federal-disability-service"}
    return {"covered": True, "coveredBy": None}


def _eligibility(inputs, phase) -> list:
    status = inputs.get("status")
    self_employed = inputs.get("selfEmployed")
    reasons = []
    worked = inputs.get("workedDaysLast12Months")
    if status != "self-employed" and worked is not None and worked < 180:
        reasons.append({"code": "waiting-period",
                        "message": "Fewer than 180 days worked or assimilated in the 12 months before the incapacity"})
    if status == "self-employed":
        months = _get(self_employed, "waitingPeriodMonths")
        if months is not None and months < 6 and _get(self_employed, "waitingPeriodExempt") is not True:
            reasons.append({"code": "waiting-period", "message": "Fewer than 6 months of waiting period"})
        start, end = inputs.get("incapacityStartDate"), inputs.get("incapacityEndDate")
        if start is not None and end is not None and (end - start).days + 1 <= 7:
            reasons.append({"code": "duration",
                            "message": "An incapacity of 7 days or less gives no benefit to the self-employed"})
        if _get(self_employed, "businessCeased") is False and phase == "primary":
            reasons.append({"code": "business-not-ceased",
                            "message": "The business did not cease during the primary incapacity"})
        gap = _get(self_employed, "contributionGapDays")
        if gap is not None and gap > 30:
            reasons.append({"code": "contribution-gap",
                            "message": "More than 30 days between the incapacity start and the last quarter "
                                       "of contributions"})
    reduction = inputs.get("earningCapacityReduction")
    if phase == "invalidity" and reduction is not None and reduction < 66:
        reasons.append({"code": "earning-capacity", "message": "Reduction of earning capacity below 66 %"})
    return reasons


def _benefit_days(ref, start, end):
    if ref is None or start is None:
        return None
    month_start = dt.date(ref.year, ref.month, 1)
    next_month = dt.date(ref.year + (ref.month == 12), ref.month % 12 + 1, 1)
    month_end = next_month - dt.timedelta(days=1)
    first = max(month_start, start)
    last = month_end if end is None else min(month_end, end)
    if last < first:
        return _D(0)
    days = (last - first).days + 1
    full_weeks, rest = divmod(days, 7)
    sundays = full_weeks + sum(1 for i in range(rest) if (first + dt.timedelta(days=i)).isoweekday() == 7)
    return _D(days - sundays)


def _times(a, b):
    return None if a is None or b is None else a * b


def inami_benefit(inputs: dict) -> dict:
    """decisions/inami-benefit.dmn, decision ``INAMI benefit``."""
    status = inputs.get("status")
    start = inputs.get("incapacityStartDate")
    ref = inputs.get("referenceDate")
    end = inputs.get("incapacityEndDate")
    wage = inputs.get("grossDailyWage")

    month = _incapacity_month(start, ref)
    phase = _phase(month)
    family = _family_category(ref, inputs.get("household"))
    rate = _rate(phase, family)
    ceiling = _wage_ceiling(start, ref)
    capped = None if wage is None or ceiling is None else min(wage, ceiling)
    at_rate = _round_half_up(_times(rate, capped))
    minimum = _minimum_daily_amount(ref, month, inputs.get("regularWorker") is not False, family)
    above_ceiling = None if wage is None or ceiling is None else wage > ceiling
    if status == "self-employed":
        ceased = _get(inputs.get("selfEmployed"), "businessCeased") is not False
        flat = _FLAT_2026.get(family) if ref is not None and ref >= _2026 and ceased else None
        daily = {"amount": flat, "basis": "flat-rate"}
    elif status in ("employee", "blue-collar", "unemployed"):
        from_wage = _wage_daily_amount(status, month, at_rate, minimum, above_ceiling,
                                       inputs.get("unemploymentDailyAllowance"))
        daily = {"amount": _get(from_wage, "amount"), "basis": _get(from_wage, "basis")}
    else:
        daily = None
    coverage = _coverage(inputs.get("cause"), inputs.get("civilServant"), inputs.get("disabilityAllowance"))
    covered = coverage["covered"]
    reasons = _eligibility(inputs, phase) if covered is True else []
    eligible = covered is True and not reasons
    deadline = None
    if start is not None and status in _DECLARATION_DAYS:
        deadline = start + dt.timedelta(days=_DECLARATION_DAYS[status])
    declared = inputs.get("declarationDate")
    late = None if declared is None or deadline is None else declared > deadline
    wage_based = eligible and status != "self-employed"
    amount = _get(daily, "amount")
    month_result = None
    if eligible:
        days = _benefit_days(ref, start, end)
        gross = _times(amount, days)
        if ref is None:
            tax = None
        elif ref < _2026 or phase == "primary":
            tax = _D(0)
        else:
            tax = _round_half_up(_times(gross, _TAX_RATE)) if phase == "invalidity" else None
        net = None if gross is None or tax is None else gross - tax
        month_result = {"benefitDays": days, "gross": gross, "withholdingTax": tax, "net": net}
    return {
        "covered": covered,
        "coveredBy": coverage["coveredBy"],
        "reasons": reasons,
        "eligible": eligible,
        "incapacityMonth": month,
        "phase": phase,
        "familyCategory": family if eligible else None,
        "rate": rate if wage_based else None,
        "ceiling": ceiling if wage_based else None,
        "cappedDailyWage": capped if wage_based else None,
        "minimumDailyAmount": minimum if wage_based else None,
        "dailyAmount": amount if eligible else None,
        "basis": _get(daily, "basis") if eligible else None,
        "declarationDeadline": deadline,
        "lateDeclaration": late,
        "month": month_result,
    }
