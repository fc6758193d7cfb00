"""Microseconds per decision evaluation: this engine, pyDMNrules 1.4.5 and hand-written Python.

Usage (from the repository root)::

    .venv/bin/python benchmarks/engine_bench.py [--quick]

pyDMNrules is only for this comparison and not a project dependency; when it is missing the script
says how to install it (``pip install pyDMNrules==1.4.5``) and measures the others.

Every case runs the same input sets through the three implementations; their outputs are checked
to agree before anything is timed. The implementations then run in turn, in short rounds (about
0.05 s each), many times over. Each time is the median over the rounds of the time per evaluation; each
ratio is the median of the ratios taken within a round, so that the machine's changes of pace between
rounds cancel out. pyDMNrules rejects ``Decimal`` inputs, so it gets the same numbers as int
(or float for a fraction); the engine and the hand-written code get ``Decimal``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import timeit
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import handwritten  # noqa: E402

TCK = ROOT.parent / "shared" / "dmn-tck"
PYDMNRULES_VERSION = "1.4.5"


@dataclass
class Case:
    title: str
    dmn_file: Path
    decision: str
    inputs: list[dict]
    handwritten: Callable[[dict], object] | None
    pydmnrules_output: str | None = None  # the key of the result in pyDMNrules' 'Result' dict
    notes: list[str] = field(default_factory=list)


def cases() -> list[Case]:
    out = [
        Case(
            title="TCK 0004-simpletable-U (4 rules)",
            dmn_file=TCK / "compliance-level-2" / "0004-simpletable-U" / "0004-simpletable-U.dmn",
            decision="Approval Status",
            inputs=[
                {"Age": Decimal(18), "RiskCategory": "Medium", "isAffordable": True},
                {"Age": Decimal(17), "RiskCategory": "Medium", "isAffordable": True},
                {"Age": Decimal(18), "RiskCategory": "High", "isAffordable": True},
                {"Age": Decimal(30), "RiskCategory": "Low", "isAffordable": False},
            ],
            handwritten=handwritten.approval_status,
            pydmnrules_output="Approval Status",
        ),
        Case(
            title="date-range table (30 rules)",
            dmn_file=ROOT / "benchmarks" / "tables" / "date-ranges.dmn",
            decision="Daily minimum",
            inputs=[
                {"Claim date": dt.date(2016, 1, 1), "Category": "regular worker cohabitant"},
                {"Claim date": dt.date(2019, 12, 31), "Category": "regular worker single"},
                {"Claim date": dt.date(2023, 7, 15), "Category": "regular worker single"},
                {"Claim date": dt.date(2024, 6, 30), "Category": "regular worker with dependants"},
            ],
            handwritten=handwritten.daily_minimum,
            pydmnrules_output="Daily minimum",
        ),
    ]
    inami = ROOT / "decisions" / "inami-benefit.dmn"
    if inami.is_file():
        out.append(inami_case(inami))
    return out


def inami_case(path: Path) -> Case:
    """decisions/inami-benefit.dmn's top decision on four claims (one per status)."""
    household_alone = {"livesAlone": True, "dependentChildren": Decimal(0)}
    inputs = [
        {"status": "employee", "incapacityStartDate": dt.date(2026, 1, 5), "referenceDate": dt.date(2026, 3, 15),
         "grossDailyWage": Decimal("150.00"), "workedDaysLast12Months": Decimal(250), "cause": "illness",
         "household": household_alone, "declarationDate": dt.date(2026, 1, 20)},
        {"status": "blue-collar", "incapacityStartDate": dt.date(2024, 2, 1), "referenceDate": dt.date(2025, 6, 10),
         "grossDailyWage": Decimal("120.50"), "workedDaysLast12Months": Decimal(300),
         "earningCapacityReduction": Decimal(80),
         "household": {"livesAlone": False, "dependentChildren": Decimal(2)}},
        {"status": "unemployed", "incapacityStartDate": dt.date(2026, 2, 10), "referenceDate": dt.date(2026, 4, 30),
         "grossDailyWage": Decimal("90"), "unemploymentDailyAllowance": Decimal("55.20"),
         "workedDaysLast12Months": Decimal(200),
         "household": {"livesAlone": False, "dependentChildren": Decimal(0),
                       "cohabitantProfessionalIncome": Decimal("2500")}},
        {"status": "self-employed", "incapacityStartDate": dt.date(2026, 1, 12), "referenceDate": dt.date(2026, 2, 20),
         "incapacityEndDate": dt.date(2026, 5, 31),
         "selfEmployed": {"businessCeased": True, "waitingPeriodMonths": Decimal(12),
                          "contributionGapDays": Decimal(10)},
         "household": household_alone},
    ]
    return Case(
        title="inami-benefit.dmn (INAMI benefit)",
        dmn_file=path,
        decision="INAMI benefit",
        inputs=inputs,
        handwritten=handwritten.inami_benefit,  # rule set v2: handwritten_inami.py
        pydmnrules_output="INAMI benefit",
    )


# --- implementations ----------------------------------------------------------------------------


def ours(case: Case) -> Callable[[dict], object]:
    from service.dmn import load

    models = load(str(case.dmn_file.parent))
    model = models.by_file(case.dmn_file.name)
    decision = case.decision

    def evaluate(inputs: dict):
        return model.evaluate(decision, inputs).value

    return evaluate


def _plain(value):
    """pyDMNrules refuses Decimal: give it an int, or a float for a fraction."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def pydmnrules(case: Case) -> Callable[[dict], object]:
    import pyDMNrules

    engine = pyDMNrules.DMN()
    status = engine.loadXML(str(case.dmn_file))
    if status.get("errors"):
        raise RuntimeError("; ".join(str(e) for e in status["errors"])[:200])
    key = case.pydmnrules_output or case.decision

    def evaluate(inputs: dict):
        status, result = engine.decide(_plain(inputs))
        if status.get("errors"):
            raise RuntimeError("; ".join(str(e) for e in status["errors"])[:200])
        if isinstance(result, list):  # several tables ran: the last one is the top decision
            result = result[-1]
        values = result.get("Result", {})
        return values.get(key, values.get(f"{key}.{key}"))

    return evaluate


# --- measuring ----------------------------------------------------------------------------------


def measure(fns: dict[str, Callable | None], inputs: list[dict], rounds: int,
            min_seconds: float) -> dict[str, list[float]]:
    """Microseconds for one evaluation per implementation and round, the input sets evaluated in turn.

    The rounds are interleaved (one of each implementation, then the next round), so that a busy spell of a
    shared machine weighs on all of them alike; a ratio is taken within each round, then its median (see
    ``paired_ratio``)."""
    timers = {}
    for name, fn in fns.items():
        if fn is None:
            continue

        def run_all(fn=fn):
            for item in inputs:
                fn(item)

        timer = timeit.Timer(run_all)
        number, elapsed = timer.autorange()  # at least 0.2 s: a first estimate of the time per call
        timers[name] = (timer, max(1, round(number * min_seconds / max(elapsed, 1e-9))))
    times: dict[str, list[float]] = {name: [] for name in timers}
    for _ in range(rounds):
        for name, (timer, number) in timers.items():
            times[name].append(timer.timeit(number) / (number * len(inputs)) * 1e6)
    return times


def paired_ratio(ours: list[float] | None, other: list[float] | None) -> float | None:
    """The median over the rounds of ours / other, both measured in the same round."""
    if not ours or not other:
        return None
    return statistics.median(a / b for a, b in zip(ours, other, strict=True))


def _same(a, b) -> bool:
    if isinstance(a, Decimal) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return a == Decimal(str(b))
    if isinstance(b, Decimal) and isinstance(a, (int, float)) and not isinstance(a, bool):
        return b == Decimal(str(a))
    return a == b


def _fmt_us(value: float | None) -> str:
    if value is None:
        return "n/a"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _ratio(ratio: float | None) -> str:
    if ratio is None:
        return "n/a"
    if ratio <= 1:
        return f"{1 / ratio:.1f}x faster"
    return f"{ratio:.1f}x slower"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run)")
    args = parser.parse_args(argv)
    rounds, min_seconds = (3, 0.02) if args.quick else (41, 0.05)

    try:
        import pyDMNrules  # noqa: F401
        have_pydmnrules = True
    except ImportError:
        have_pydmnrules = False
        print(f"pyDMNrules is not installed: pip install pyDMNrules=={PYDMNRULES_VERSION} "
              "(benchmark only; not a project dependency)\n")

    rows = []
    notes = []
    for case in cases():
        if not case.inputs:
            notes.append(f"{case.title}: no benchmark inputs defined, skipped")
            continue
        impls: dict[str, Callable | None] = {"ours": None, "pyDMNrules": None, "handwritten": case.handwritten}
        try:
            impls["ours"] = ours(case)
        except Exception as exc:  # noqa: BLE001 - report and go on with the others
            notes.append(f"{case.title}: this engine failed to load it: {type(exc).__name__}: {exc}"[:300])
        if have_pydmnrules:
            try:
                impls["pyDMNrules"] = pydmnrules(case)
            except Exception as exc:  # noqa: BLE001
                notes.append(f"{case.title}: pyDMNrules failed to load it: {type(exc).__name__}: {exc}"[:300])
        # the implementations must agree before they are timed
        outputs: dict[str, list] = {}
        for name, fn in list(impls.items()):
            if fn is None:
                continue
            try:
                outputs[name] = [fn(item) for item in case.inputs]
            except Exception as exc:  # noqa: BLE001
                notes.append(f"{case.title}: {name} failed to evaluate: {type(exc).__name__}: {exc}"[:300])
                impls[name] = None
        reference = outputs.get("handwritten") or outputs.get("ours")
        for name, values in outputs.items():
            if reference is not None and not all(_same(a, b) for a, b in zip(values, reference, strict=True)):
                notes.append(f"{case.title}: {name} gives {values}, expected {reference}; not timed")
                impls[name] = None
        rows.append((case.title, measure(impls, case.inputs, rounds, min_seconds)))

    headers = ["case", "ours us", "pyDMNrules us", "handwritten us", "ours vs pyDMNrules", "ours vs handwritten"]
    table = [headers]
    for title, t in rows:
        median = {name: statistics.median(v) if v else None for name, v in
                  ((name, t.get(name)) for name in ("ours", "pyDMNrules", "handwritten"))}
        table.append([
            title, _fmt_us(median["ours"]), _fmt_us(median["pyDMNrules"]), _fmt_us(median["handwritten"]),
            _ratio(paired_ratio(t.get("ours"), t.get("pyDMNrules"))),
            _ratio(paired_ratio(t.get("ours"), t.get("handwritten"))),
        ])
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    for i, row in enumerate(table):
        print("  ".join(cell.ljust(w) if j == 0 else cell.rjust(w) for j, (cell, w) in
                        enumerate(zip(row, widths, strict=True))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\nmicroseconds per evaluation: median of {rounds} interleaved rounds; ratios: median of the rounds' "
          f"own ratios; Python {sys.version.split()[0]}")
    for note in notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
