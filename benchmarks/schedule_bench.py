"""Milliseconds per INAMI answer computed day by day (RULES §8): a one-month answer and a 366-day schedule.

Usage (from the repository root)::

    .venv/bin/python benchmarks/schedule_bench.py [--quick]

Evaluates the top decision ``inamiBenefit`` of ``decisions/inami-benefit.dmn`` in process (no HTTP), strictly,
as the domain endpoint does. Each case runs in short rounds (about 0.1 s) many times over; the figures are the
median over the rounds of the process's CPU time per evaluation (steadier than the wall clock on a shared
machine, where other processes take turns on the cores) and of the wall-clock time, with the fastest and
slowest round of CPU time. Compare figures taken in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.dmn import load  # noqa: E402

HOUSEHOLD = {"livesAlone": True, "dependentChildren": Decimal(0), "cohabitantProfessionalIncome": None,
             "cohabitantReplacementIncome": None}
BASE = {
    "status": "employee", "incapacityStartDate": dt.date(2026, 1, 15), "referenceDate": dt.date(2026, 3, 20),
    "incapacityEndDate": None, "grossDailyWage": Decimal("150"), "regularWorker": True,
    "unemploymentDailyAllowance": None, "cause": "illness", "civilServant": False, "disabilityAllowance": False,
    "workedDaysLast12Months": Decimal(200), "earningCapacityReduction": Decimal(80), "declarationDate": None,
    "lateDeclarationExcused": False, "selfEmployed": None, "household": HOUSEHOLD, "periodStart": None,
    "periodEnd": None, "guaranteedWage": True, "previousIncapacity": None, "invalidityRecognition": "recognised",
    "language": "en",
}
CASES = {
    "one month (March 2026, 26 paid days)": BASE,
    "366 days (2025-07-01 to 2026-07-01, month 13 and 1 January inside)": {
        **BASE, "incapacityStartDate": dt.date(2025, 3, 3), "referenceDate": dt.date(2026, 1, 15),
        "periodStart": dt.date(2025, 7, 1), "periodEnd": dt.date(2026, 7, 1), "grossDailyWage": Decimal(200)},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few rounds only")
    args = parser.parse_args()
    model = load(ROOT / "decisions" / "inami-benefit.dmn").by_file("inami-benefit.dmn")
    rounds = 5 if args.quick else 31
    print("| case | paid days | CPU ms (median) | fastest | slowest | wall ms (median) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, case in CASES.items():
        result = model.evaluate("inamiBenefit", case, strict=True)  # the first evaluation builds the scope
        paid = result.value["period"]["paidDays"]
        start = time.perf_counter()
        model.evaluate("inamiBenefit", case, strict=True)
        per_round = max(1, int(0.1 / max(time.perf_counter() - start, 1e-6)))
        cpu, wall = [], []
        for _ in range(rounds):
            c0, w0 = time.process_time(), time.perf_counter()
            for _ in range(per_round):
                model.evaluate("inamiBenefit", case, strict=True)
            cpu.append((time.process_time() - c0) / per_round * 1000)
            wall.append((time.perf_counter() - w0) / per_round * 1000)
        print(f"| {name} | {paid} | {statistics.median(cpu):.2f} | {min(cpu):.2f} | {max(cpu):.2f} "
              f"| {statistics.median(wall):.2f} |")


if __name__ == "__main__":
    main()
