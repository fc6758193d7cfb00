"""Hand-written Python of the one-month INAMI answer of rule set v2 (RULES.md §§1-8, 10-12): the floor
``engine_bench.py`` measures ``decisions/inami-benefit.dmn`` against.

It covers what the benchmark's claims need (the four statuses, days from 2023 to 2026, no relapse, recognised
invalidity) and raises ``NotImplementedError`` on a road it does not write out (a relapse, an incapacity before
2022, days in 2022, non-regular workers, work accidents...), so that a benchmark case outside it is reported
rather than timed against a wrong answer. Only the benchmark uses it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["inami_benefit"]

_CENT = Decimal("0.01")
_ONE_DAY = dt.timedelta(days=1)
_Y2026 = dt.date(2026, 1, 1)
_VERIFIED_UNTIL = dt.date(2026, 12, 31)
_CATEGORIES = ("with-dependants", "isolated", "cohabitant")

TEXTS = {  # RULES §12, English
    "waiting-period":
        "The waiting period is not completed (180 days worked in a year, 6 months for the self-employed).",
    "duration": "An incapacity of 7 days or less gives no benefit to the self-employed.",
    "activity-not-stopped": "The self-employed activity did not stop on the first day of the incapacity.",
    "contribution-gap": "More than 30 days between the incapacity start and the last quarter of contributions.",
    "earning-capacity": "The reduction of earning capacity is below 66 %.",
    "household-dependentChildren-missing":
        "The number of dependent children (household.dependentChildren) was not given.",
    "household-livesAlone-missing": "Whether the person lives alone (household.livesAlone) was not given.",
    "household-cohabitantProfessionalIncome-missing":
        "The cohabitant's professional income (household.cohabitantProfessionalIncome) was not given.",
    "household-cohabitantReplacementIncome-missing":
        "The cohabitant's replacement income (household.cohabitantReplacementIncome) was not given.",
    "unofficial-2026-figures": "The 2026 amounts come from a comparison site, not an official source.",
    "pension-retention-threshold":
        "The daily threshold of the 3.5 % pension retention is not known: the retention is not computed.",
    "not-yet-indexed": "Amounts after 2026-12-31 not yet indexed in this rule set.",
}


def _round(x: Decimal) -> Decimal:
    return x.quantize(_CENT, ROUND_HALF_UP)


def _months_between(start: dt.date, day: dt.date) -> int:
    """Whole months from ``start`` to ``day`` (``day`` >= ``start``), as FEEL's years and months duration."""
    months = (day.year - start.year) * 12 + day.month - start.month
    return months - 1 if day.day < start.day else months


def _category(household: dict) -> str:
    """RULES §1 (only the rows the benchmark reaches: a child, or living alone)."""
    if household["dependentChildren"] > 0:
        return "with-dependants"
    if household["livesAlone"]:
        return "isolated"
    raise NotImplementedError("cohabitant income rows")


def _household_gaps(household: dict) -> list[str]:
    children, alone = household.get("dependentChildren"), household.get("livesAlone")
    if children is None:
        return ["household-dependentChildren-missing"]
    if children == 0 and alone is None:
        return ["household-livesAlone-missing"]
    gaps = []
    if children == 0 and alone is False:
        for key in ("cohabitantProfessionalIncome", "cohabitantReplacementIncome"):
            if household.get(key) is None:
                gaps.append(f"household-{key}-missing")
    return gaps


def _eligibility(c: dict) -> tuple[list[str], list[str]]:
    """RULES §7: (failed codes, unchecked codes), in the order of the rule set's table."""
    failed, unchecked = [], []
    status, se = c["status"], c.get("selfEmployed") or {}
    if status != "self-employed":
        worked = c.get("workedDaysLast12Months")
        (unchecked if worked is None else failed if worked < 180 else []).append("waiting-period")
    else:
        months = se.get("waitingPeriodMonths")
        if se.get("waitingPeriodExempt") is not True:
            (unchecked if months is None else failed if months < 6 else []).append("waiting-period")
        end = c.get("incapacityEndDate")
        (unchecked if end is None else failed if (end - c["incapacityStartDate"]).days + 1 <= 7 else []
         ).append("duration")
        stopped = se.get("activityStopped")
        (unchecked if stopped is None else failed if stopped is False else []).append("activity-not-stopped")
        gap = se.get("contributionGapDays")
        (unchecked if gap is None else failed if gap > 30 else []).append("contribution-gap")
    reduction = c.get("earningCapacityReduction")
    (unchecked if reduction is None else failed if reduction < 66 else []).append("earning-capacity")
    return failed, unchecked


def _paid_day(day: dt.date, c: dict, category: str) -> dict:
    """RULES §§2-8.5 for one day (the 2023-11 to 2026 rows)."""
    month = 1 + _months_between(c["start"], day)
    phase = "primary" if month <= 12 else "invalidity"
    status = c["status"]
    if day < dt.date(2023, 11, 1) or c["start"] < dt.date(2022, 1, 1) or not c["regular"]:
        raise NotImplementedError("rows before 2023-11, incapacities before 2022, non-regular workers")
    k = _CATEGORIES.index(category)
    rate = ceiling = capped = floor = None
    if status == "self-employed":
        if phase == "invalidity" and day >= _Y2026:
            raise NotImplementedError("self-employed invalidity from 2026 (provisional)")
        if day >= _Y2026:
            flat = ("73.47", "58.63", "44.15")[k]
        elif phase == "invalidity" and c["businessCeased"]:
            flat = ("76.42", "60.56", "51.93")[k]
        else:
            flat = ("76.42", "60.56", "46.45")[k]
        amount, basis = Decimal(flat), "flat-rate"
    else:
        wage = c["grossDailyWage"]
        ceiling = Decimal("178.69") if day >= _Y2026 else Decimal("170.69")
        rate = Decimal("0.60") if phase == "primary" else (Decimal("0.65"), Decimal("0.55"), Decimal("0.40"))[k]
        if day >= _Y2026:
            if month <= 2:
                floor = None
            elif month <= 6:
                floor = min(Decimal(("67.86", "54.11", "44.47")[k]), wage)
            elif month <= 12:
                floor = Decimal(("71.53", "57.06", "47.45")[k])
            else:
                floor = Decimal(("73.47", "58.63", "52.00")[k])
        else:
            floor = Decimal(("73.10", "58.21", "49.91")[k]) if phase == "invalidity" else None
        capped = min(wage, ceiling)
        amount, basis = _round(rate * capped), "maximum" if wage > ceiling else "wage"
        if floor is not None and amount < floor:
            amount, basis = floor, "minimum"
        allowance = c["unemploymentDailyAllowance"]
        if status == "unemployed" and month <= 6 and allowance is not None and allowance < amount:
            amount, basis = allowance, "unemployment-allowance"
    late = c["lateCut"] > 0 and day < c["declarationDate"]
    if late:
        amount = _round(amount * (1 - c["lateCut"]))
    withholding = Decimal("0.1111") if phase == "primary" or day >= _Y2026 else Decimal(0)
    retention = Decimal("0.035") if phase == "invalidity" and status != "self-employed" else Decimal(0)
    return {"date": day, "month": month, "phase": phase, "category": category, "rate": rate, "ceiling": ceiling,
            "cappedWage": capped, "minimum": floor, "amount": amount, "basis": basis, "late": late,
            "withholding": withholding, "thresholdMissing": retention > 0}


def _payment(days: list[dict], start: dt.date, end: dt.date) -> dict:
    """RULES §8.4-8.5: segments and calendar-month totals."""
    schedule = []
    for d in days:
        key = (d["amount"], d["basis"], d["phase"], d["month"], d["late"])
        if schedule and schedule[-1][0] == key:
            schedule[-1][2] = d
            schedule[-1][3] += 1
        else:
            schedule.append([key, d, d, 1])
    segments = [{"from": first["date"], "to": last["date"], "days": Decimal(n), "dailyAmount": first["amount"],
                 "basis": first["basis"], "phase": first["phase"], "incapacityMonth": Decimal(first["month"]),
                 "gross": first["amount"] * n, "lateDeclarationReduction": first["late"]}
                for _, first, last, n in schedule]
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        inside = [d for d in days if d["date"].year == year and d["date"].month == month]
        gross = sum((d["amount"] for d in inside), Decimal(0))
        tax = _round(sum((d["amount"] * d["withholding"] for d in inside), Decimal(0)))
        retained = Decimal("0.00")  # RULES §8.5: the threshold is not given, the retention is not computed
        months.append({"month": f"{year}-{month:02d}", "paidDays": Decimal(len(inside)), "gross": gross,
                       "withholdingTax": tax, "pensionRetention": retained, "net": gross - tax - retained})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    period = {key: sum((m[key] for m in months), Decimal(0))
              for key in ("paidDays", "gross", "withholdingTax", "pensionRetention", "net")}
    return {"schedule": segments, "months": months, "period": period}


def _benefit_days(ref: dt.date, c: dict) -> Decimal:
    """Monday to Saturday of the reference month within the incapacity."""
    first = max(dt.date(ref.year, ref.month, 1), c["incapacityStartDate"])
    last = (dt.date(ref.year + ref.month // 12, ref.month % 12 + 1, 1) - _ONE_DAY)
    if c.get("incapacityEndDate") is not None:
        last = min(last, c["incapacityEndDate"])
    return Decimal(sum(1 for i in range((last - first).days + 1) if (first + i * _ONE_DAY).isoweekday() < 7))


def inami_benefit(inputs: dict) -> dict:
    """``decisions/inami-benefit.dmn``, decision ``INAMI benefit``, for the month of the reference date."""
    c = dict(inputs)
    for key in ("incapacityEndDate", "declarationDate", "unemploymentDailyAllowance", "grossDailyWage",
                "selfEmployed", "previousIncapacity", "periodStart", "periodEnd", "cause", "civilServant"):
        c.setdefault(key, None)
    if c["previousIncapacity"] is not None or c["periodStart"] is not None or c["periodEnd"] is not None \
            or c["cause"] in ("work-accident", "occupational-disease") or c["civilServant"] \
            or c.get("invalidityRecognition", "recognised") not in (None, "recognised"):
        raise NotImplementedError("relapse, a period, another scheme, a pending or refused invalidity")
    household = {"dependentChildren": None, "livesAlone": None, "cohabitantProfessionalIncome": None,
                 "cohabitantReplacementIncome": None, **(c.get("household") or {})}
    status, start, ref = c["status"], c["incapacityStartDate"], c["referenceDate"]
    c["regular"] = c.get("regularWorker") is not False
    c["start"] = start
    c["businessCeased"] = (c["selfEmployed"] or {}).get("businessCeased")
    first_day = 31 if status == "employee" else 15 if status == "blue-collar" else 1
    if c.get("guaranteedWage") is False:
        first_day = 1
    first_paid = start + (first_day - 1) * _ONE_DAY
    deadline = start + ({"employee": 28, "blue-collar": 14}.get(status, 8) - 1) * _ONE_DAY
    declared = c["declarationDate"]
    late = None if declared is None else declared > deadline
    c["lateCut"] = Decimal("0.10") if late and c.get("lateDeclarationExcused") is not True else Decimal(0)
    month_start = dt.date(ref.year, ref.month, 1)
    month_end = dt.date(ref.year + ref.month // 12, ref.month % 12 + 1, 1) - _ONE_DAY
    failed, unchecked = _eligibility(c)
    gaps = _household_gaps(household)
    incapacity_month = None if ref < start else 1 + _months_between(start, ref)
    answer = {
        "covered": True, "coveredBy": None, "eligible": not failed,
        "reasons": [{"code": code, "message": TEXTS[code]} for code in failed],
        "incapacityMonth": incapacity_month,
        "phase": None if incapacity_month is None else "primary" if incapacity_month <= 12 else "invalidity",
        "familyCategory": None, "rate": None, "ceiling": None, "cappedDailyWage": None, "minimumDailyAmount": None,
        "dailyAmount": None, "basis": None, "declarationDeadline": deadline, "lateDeclaration": late, "month": None,
        "outcome": "decided", "manualReview": [], "provisional": [], "unchecked": list(dict.fromkeys(unchecked)),
        "relapse": False, "schedule": [], "months": [], "period": None,
    }
    if failed:
        return answer
    if gaps:
        answer["outcome"] = "manual-review"
        answer["manualReview"] = [{"code": code, "message": TEXTS[code]} for code in gaps]
        return answer
    end = c["incapacityEndDate"]
    days = []
    day = month_start
    while day <= month_end:
        if day.isoweekday() < 7 and day >= first_paid and (end is None or day <= end):
            days.append(_paid_day(day, c, _category(household)))
        day += _ONE_DAY
    payment = _payment(days, month_start, month_end)
    ref_day = _paid_day(ref, c, _category(household))
    answer["familyCategory"] = ref_day["category"]
    if status != "self-employed":
        answer.update(rate=ref_day["rate"], ceiling=ref_day["ceiling"], cappedDailyWage=ref_day["cappedWage"],
                      minimumDailyAmount=ref_day["minimum"])
    answer.update(dailyAmount=ref_day["amount"], basis=ref_day["basis"])
    totals = payment["months"][0]
    answer["month"] = {"benefitDays": _benefit_days(ref, c), **{k: v for k, v in totals.items() if k != "month"}}
    provisional = []
    if days:
        last = days[-1]["date"]
        if last >= _Y2026:
            provisional.append("unofficial-2026-figures")
        if any(d["thresholdMissing"] for d in days):
            provisional.append("pension-retention-threshold")
        if last > _VERIFIED_UNTIL:
            provisional.append("not-yet-indexed")
    answer["provisional"] = [{"code": code, "message": TEXTS[code]} for code in provisional]
    answer.update(schedule=payment["schedule"], months=payment["months"], period=payment["period"])
    return answer
