"""``decisions sample``: a synthetic population of plausible INAMI or OSSOM cases, for demos, tests and
benchmarks. The cases are made up from a seeded random generator: no real person is in them.

Statuses, causes and households come in rough proportions; wages, allowances and contributions are drawn from
plausible bands; incapacity starts are spread over 2022–2027 with short, medium and long incapacities. Every case
is a valid request for its endpoint (the tests load each one through the request schema); some are cases the
rules refuse or cannot decide, as a real population has them. Each case has a ``caseId``.
"""

from __future__ import annotations

import csv
import datetime
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from service import jsonvalues

__all__ = ["SCHEMES", "cases", "write_sample"]

FIRST = datetime.date(2022, 1, 1)
LAST = datetime.date(2027, 12, 31)


def _pick(rng: random.Random, weighted: dict):
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def _money(rng: random.Random, low: float, high: float, mode: float | None = None) -> Decimal:
    value = rng.triangular(low, high, mode if mode is not None else (low + high) / 2)
    return Decimal(f"{value:.2f}")


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _period(rng: random.Random) -> tuple[datetime.date, datetime.date]:
    """An incapacity start in 2022–2027 and a reference date after it: short, medium or long incapacity."""
    start = _day(rng, FIRST, LAST - datetime.timedelta(days=30))
    length = _pick(rng, {(0, 60): 5, (61, 365): 3, (366, 1500): 2})
    reference = start + datetime.timedelta(days=rng.randint(*length))
    return start, min(reference, LAST)


def _inami(rng: random.Random) -> dict:
    status = _pick(rng, {"employee": 55, "blue-collar": 25, "unemployed": 10, "self-employed": 10})
    start, reference = _period(rng)
    case: dict = {"status": status, "incapacityStartDate": start.isoformat(),
                  "referenceDate": reference.isoformat()}
    if rng.random() < 0.25:
        case["incapacityEndDate"] = (reference + datetime.timedelta(days=rng.randint(0, 200))).isoformat()
    if status != "self-employed":
        case["grossDailyWage"] = _money(rng, 45, 320, 110)
        case["regularWorker"] = rng.random() < 0.92
        case["workedDaysLast12Months"] = Decimal(rng.randint(180, 260) if rng.random() < 0.94
                                                 else rng.randint(20, 179))
    if status == "unemployed":
        case["unemploymentDailyAllowance"] = _money(rng, 40, 90, 60)
    case["cause"] = _pick(rng, {"illness": 85, "accident": 10, "work-accident": 3, "occupational-disease": 2})
    if rng.random() < 0.01:
        case["civilServant"] = True
    if rng.random() < 0.02:
        case["disabilityAllowance"] = True
    if (reference - start).days > 330 and rng.random() < 0.6:
        case["earningCapacityReduction"] = Decimal(rng.choice((66, 70, 75, 80, 90, 100)))
    if rng.random() < 0.7:
        case["declarationDate"] = (start + datetime.timedelta(days=rng.randint(*_pick(
            rng, {(0, 2): 6, (3, 28): 3, (29, 60): 1})))).isoformat()
    if status == "self-employed":
        self_employed = {"businessCeased": rng.random() < 0.88}
        if rng.random() < 0.3:
            self_employed["contributionGapDays"] = Decimal(rng.choice((0, 0, 0, 15, 45, 120)))
        case["selfEmployed"] = self_employed
    household: dict = {"livesAlone": rng.random() < 0.35}
    children = _pick(rng, {0: 55, 1: 20, 2: 17, 3: 6, 4: 2})
    household["dependentChildren"] = Decimal(children)
    if not household["livesAlone"] and children == 0:
        household["cohabitantProfessionalIncome"] = (Decimal(0) if rng.random() < 0.45
                                                     else _money(rng, 300, 3500, 1800))
        household["cohabitantReplacementIncome"] = (Decimal(0) if rng.random() < 0.75
                                                    else _money(rng, 300, 1600, 900))
    case["household"] = household
    return case


_COUNTRIES = {"BE": 40, "CD": 15, "MA": 10, "FR": 8, "SN": 6, "TH": 5, "ES": 5, "US": 4, "BR": 4, "VN": 3}


def _ossom(rng: random.Random) -> dict:
    start, reference = _period(rng)
    level = rng.uniform(150, 850)
    months = rng.randint(6, 36)
    case: dict = {
        "incapacityStartDate": start.isoformat(),
        "referenceDate": reference.isoformat(),
        "monthlyContributions": [Decimal(f"{max(level * rng.uniform(0.85, 1.15), 0):.2f}") for _ in range(months)],
    }
    for name, chance in (("familyCharge", 0.4), ("thirdPersonAssistance", 0.03), ("nonWorkAccident", 0.08),
                         ("linkedScheme", 0.05), ("exceptionalAuthorisation", 0.02), ("ossomPension", 0.05)):
        if rng.random() < chance:
            case[name] = True
    if rng.random() < 0.15:
        case["professionalIncome"] = _money(rng, 100, 1500, 400)
    if rng.random() < 0.8:
        case["requestDate"] = (start + datetime.timedelta(days=rng.randint(0, 75))).isoformat()
    case["insuranceMonthsBeforeIncapacity"] = Decimal(rng.randint(1, 240))
    case["residenceCountry"] = _pick(rng, _COUNTRIES)
    case["nationality"] = _pick(rng, _COUNTRIES)
    case["birthDate"] = _day(rng, datetime.date(1958, 1, 1), datetime.date(2002, 12, 31)).isoformat()
    return case


SCHEMES = {"inami": _inami, "ossom": _ossom}


def cases(scheme: str, count: int, seed: int) -> Iterator[dict]:
    """``count`` synthetic cases of ``scheme``, the same for the same seed."""
    rng = random.Random(f"{scheme}:{seed}")
    make = SCHEMES[scheme]
    width = max(len(str(count)), 6)
    for index in range(1, count + 1):
        yield {"caseId": f"{scheme}-{seed}-{index:0{width}d}", **make(rng)}


def _flat(case: dict, prefix: str = "") -> dict:
    flat = {}
    for name, value in case.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return jsonvalues.dumps(value)
    return str(value)


def write_sample(scheme: str, count: int, seed: int, path: str | Path) -> int:
    """Write the cases to ``path`` (.jsonl, .csv with dotted columns, or .parquet); the number written."""
    from .rows import format_of

    path = Path(path)
    fmt = format_of(path)
    population = cases(scheme, count, seed)
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as handle:
            for case in population:
                handle.write(jsonvalues.dumps(case) + "\n")
    elif fmt == "csv":
        flat = [_flat(case) for case in population]
        columns = list(dict.fromkeys(name for row in flat for name in row))
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            for row in flat:
                writer.writerow({name: _cell(value) for name, value in row.items()})
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        # a struct array infers its fields from every row (a table from the first row only)
        rows = pa.array([_parquet_row(case) for case in population])
        pq.write_table(pa.Table.from_struct_array(rows), path)
    return count


def _parquet_row(case: dict) -> dict:
    """Dates as dates and amounts as decimals with two places, so that the Parquet columns are typed."""
    row = {}
    for name, value in case.items():
        if isinstance(value, dict):
            row[name] = _parquet_row(value)
        elif isinstance(value, str) and name.endswith("Date"):
            row[name] = datetime.date.fromisoformat(value)
        elif isinstance(value, Decimal):
            row[name] = int(value) if value.as_tuple().exponent >= 0 else value.quantize(Decimal("0.01"))
        elif isinstance(value, list):
            row[name] = [v.quantize(Decimal("0.01")) for v in value]
        else:
            row[name] = value
    return row
