"""The work of ``decisions impact`` per case, counted in machine instructions rather than seconds.

Timings on a shared machine move by 10 % or more from one minute to the next; the instructions a run executes do
not (the same interpreter, code, cases and hash seed give the same count whatever else the machine does). Run it
twice under valgrind's callgrind, with no cases and with N cases, and the difference over N is the count per
case of the engine, the request schema, the comparison and the hit counting, the models' loading left out:

    for n in 0 300; do
      PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/impact.$n.out \\
        .venv/bin/python benchmarks/impact_instructions.py --cases $n
    done
    grep ^summary /tmp/impact.*.out        # (summary at 300 - summary at 0) / 300 = instructions per case

The change is the one ``batch_bench.py`` times (the 2026 wage ceiling, row 3 of wageCeiling, gives 182.26); the
cases come from ``decisions sample --scheme inami --seed 1``. Each run answers 100 cases first, so that both
counts include the same warming of the BKMs' memory. Under callgrind a run takes about a minute.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from batch_bench import _after  # noqa: E402

from service.batch.bundle import Bundle  # noqa: E402
from service.batch.change import changed_rules  # noqa: E402
from service.batch.evaluate import Evaluator, Job  # noqa: E402
from service.batch.impact import MONEY_FIELDS, compare_chunk  # noqa: E402
from service.batch.sample import cases  # noqa: E402
from service.jsonvalues import dumps  # noqa: E402

WARM = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=300, help="cases answered after the first 100")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = [(line, dumps(case).encode()) for line, case in
            enumerate(cases("inami", WARM + args.cases, args.seed), start=1)]  # as a JSON Lines row gives it
    job = Job(scheme="inami")
    with tempfile.TemporaryDirectory() as folder:
        before, after = Bundle.read(ROOT / "decisions"), _after(Path(folder))
    changed = changed_rules(before, after)
    old, new = Evaluator(before, job), Evaluator(after, job)
    compare_chunk(old, new, rows[:WARM], MONEY_FIELDS["inami"], 20, changed)
    tally = compare_chunk(old, new, rows[WARM:], MONEY_FIELDS["inami"], 20, changed)
    print(f"{tally.cases} cases, {tally.changed} answers change, {tally.reused} answered once")


if __name__ == "__main__":
    main()
