"""Load time and peak memory of a decision table whose rules all have different ranges.

Usage (from the repository root)::

    .venv/bin/python benchmarks/load_bench.py [--rules 1000 10000 100000]

For each size N the script writes a DMN 1.3 model with one UNIQUE decision table of N rules. Rule i
tests a number against its own range ``[10*i..10*i+10)`` and a date against its own range of days, and
gives a number of its own: no two rules share a cell text, so nothing can be reused between rules.
Each size is loaded in a fresh Python process (so that the peak memory of one size is not that of a
bigger one before it); the script reports the file size, the load time (``service.dmn.load``, reading
and compiling), its CPU time (the machine may be shared), and the process's peak resident memory
(``ru_maxrss``) after loading, and checks that an evaluation picks the rule it should.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
             id="ranges" name="ranges" namespace="https://example.org/benchmarks/ranges">
  <inputData id="amount" name="Amount"><variable id="amount_v" name="Amount" typeRef="number"/></inputData>
  <inputData id="day" name="Day"><variable id="day_v" name="Day" typeRef="date"/></inputData>
  <decision id="band" name="Band">
    <variable id="band_v" name="Band" typeRef="number"/>
    <informationRequirement id="ir1"><requiredInput href="#amount"/></informationRequirement>
    <informationRequirement id="ir2"><requiredInput href="#day"/></informationRequirement>
    <decisionTable id="band_table" hitPolicy="UNIQUE">
      <input id="in1" label="Amount"><inputExpression id="in1_e" typeRef="number"><text>Amount</text>
      </inputExpression></input>
      <input id="in2" label="Day"><inputExpression id="in2_e" typeRef="date"><text>Day</text>
      </inputExpression></input>
      <output id="out1" typeRef="number"/>
"""
_TAIL = """    </decisionTable>
  </decision>
</definitions>
"""
_EPOCH = dt.date(1900, 1, 1)


def _day(i: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=i)


def write_model(path: Path, rules: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write(_HEAD)
        for i in range(rules):
            # no ids and no indentation: 100,000 rules stay under the reader's 20 MiB limit
            out.write(
                f"<rule><inputEntry><text>[{10 * i}..{10 * i + 10})</text></inputEntry>"
                f'<inputEntry><text>[date("{_day(i)}")..date("{_day(i + 1)}"))</text></inputEntry>'
                f"<outputEntry><text>{i}.5</text></outputEntry></rule>\n")
        out.write(_TAIL)


def measure(path: str, rules: int) -> dict:
    """Run in the child process: load the model, evaluate one rule, report the figures as JSON."""
    import resource
    import time
    from decimal import Decimal

    sys.path.insert(0, str(ROOT))
    from service.dmn import load

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    models = load(path)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    model = models.all()[0]
    i = rules * 2 // 3
    value = model.evaluate("band", {"Amount": Decimal(10 * i + 3), "Day": _day(i)}).value
    if value != Decimal(f"{i}.5"):
        raise SystemExit(f"rule {i} should have matched; the table gave {value!r}")
    return {"rules": rules, "bytes": os.path.getsize(path), "seconds": seconds, "cpu": cpu,
            "peak_mib": peak / 1024, "imported_mib": before / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return 0
    print(f"{'rules':>8} {'file MiB':>9} {'load s':>8} {'CPU s':>8} {'peak MiB':>9} {'(after import)':>15}")
    with tempfile.TemporaryDirectory() as tmp:
        for rules in args.rules:
            path = Path(tmp) / f"ranges-{rules}.dmn"
            write_model(path, rules)
            done = subprocess.run([sys.executable, __file__, "--child", str(path), str(rules)],
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{rules:>8} failed: {done.stderr.strip() or done.stdout.strip()}")
                continue
            r = json.loads(done.stdout)
            print(f"{r['rules']:>8} {r['bytes'] / 2**20:>9.1f} {r['seconds']:>8.2f} {r['cpu']:>8.2f} "
                  f"{r['peak_mib']:>9.0f} {r['imported_mib']:>15.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
