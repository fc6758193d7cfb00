"""Throughput of ``decisions batch`` and ``decisions impact`` on a synthetic INAMI population.

    .venv/bin/python benchmarks/batch_bench.py                  # everything, 200,000 cases for Spark and impact
    .venv/bin/python benchmarks/batch_bench.py --cases 20000 --no-spark

Measures, end to end (reading JSON Lines, answering, writing JSON Lines):

1. in process on one core: cases per second, value only and with ``--trace``;
2. the process pool on every core against one core, in interleaved rounds (one core, then the pool, on the same
   cases), so that the machine's changes of pace fall on both sides of each round's ratio;
3. Spark ``local[1]`` and ``local[2]`` on the same cases, and Spark's overhead against the pool;
4. ``decisions impact`` of a one-row change (the 2026 wage ceiling, row 3 of wageCeiling, gives 182.26 instead
   of 178.69) on the same cases: the cases that did not match that row keep their answer (``--impact-full``:
   also with every case answered twice).

The population comes from ``decisions sample --scheme inami --seed 1`` (one-month answers). Needs the spark
extra for step 3 (``pip install -e '.[spark]'``) and Java 17+.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.batch import pool  # noqa: E402
from service.batch.bundle import Bundle  # noqa: E402
from service.batch.evaluate import Job  # noqa: E402
from service.batch.impact import run_impact  # noqa: E402
from service.batch.rows import read_rows  # noqa: E402
from service.batch.run import run_batch  # noqa: E402
from service.batch.sample import write_sample  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _batch(bundle, job, source, folder, workers) -> tuple[float, float]:
    """Cases per second of wall time, and per CPU second (all processes): the second holds on a busy machine."""
    target = folder / f"out-{workers}-{job.trace}.jsonl"
    cpu = _cpu()
    summary = run_batch(bundle, job, source, target, workers=workers, progress=False)
    cpu = _cpu() - cpu
    target.unlink()
    return summary.rows / summary.seconds, summary.rows / cpu


def _timed(chunk):
    """A pool task that answers a chunk and says how much CPU its worker has used so far, initializer included."""
    pool._answer(chunk)
    return os.getpid(), time.process_time()


def _pool_cpu(bundle, job, source, workers) -> float:
    """The wall time a pool answering ``source`` takes when it has the cores to itself, from CPU seconds: the
    busiest worker's, or all of them and the parent's shared over the cores, whichever is longer. (On a shared
    Linux machine the scheduler gives all the processes of a session one share, so that wall time shows the
    pool's gain only when the machine is otherwise idle.)"""
    used = {}
    parent = time.process_time()
    for pid, seconds in pool.in_pool(workers, pool._start, (bundle, job), _timed, pool.chunks(read_rows(source), 250)):
        used[pid] = max(used.get(pid, 0), seconds)
    parent = time.process_time() - parent
    return max(max(used.values()), (parent + sum(used.values())) / workers)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _spark(bundle, job, source, folder, master) -> float:
    from service.batch.spark import run_batch_spark

    target = folder / "spark.jsonl"
    started = time.perf_counter()
    summary = run_batch_spark(bundle, job, source, target, master)
    seconds = time.perf_counter() - started
    shutil.rmtree(target)
    return summary.rows / seconds


def _after(folder: Path) -> Bundle:
    after = folder / "after"
    after.mkdir()
    for dmn in (ROOT / "decisions").glob("*.dmn"):
        text = dmn.read_text(encoding="utf-8")
        text = re.sub(r'(<outputEntry id="wageCeiling_rule3_out1">\s*<text>)178\.69<', r"\g<1>182.26<", text)
        (after / dmn.name).write_text(text, encoding="utf-8")
    if (after / "inami-benefit.dmn").read_bytes() == (ROOT / "decisions" / "inami-benefit.dmn").read_bytes():
        raise SystemExit("the 2026 ceiling (wageCeiling_rule3_out1 = 178.69) is not in decisions/: update _after")
    return Bundle.read(after)


def _scaling(bundle, job, source, folder, cores: int, rounds: int) -> None:
    """One core, then the pool, ``rounds`` times on the same cases: each round's ratios, and their median."""
    walls, cpus = [], []
    for number in range(1, rounds + 1):
        one, one_cpu = _batch(bundle, job, source, folder, 1)
        pool_rate, _ = _batch(bundle, job, source, folder, cores)
        idle = _pool_cpu(bundle, job, source, cores)
        cases = sum(1 for _ in read_rows(source))
        walls.append(pool_rate / one)
        cpus.append(cases / one_cpu / idle)
        print(f"round {number}: one core {one:,.0f} cases/s, pool of {cores} {pool_rate:,.0f} cases/s "
              f"({walls[-1]:.2f}x wall clock); from CPU seconds: one core {cases / one_cpu:.1f} s, pool {idle:.1f} s "
              f"({cpus[-1]:.2f}x); load average {_load()}", flush=True)
    print(f"pool of {cores} against one core, median of {rounds} rounds: {statistics.median(walls):.2f}x wall "
          f"clock, {statistics.median(cpus):.2f}x from CPU seconds", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000, help="cases for the pool, Spark and impact runs")
    parser.add_argument("--one-core-cases", type=int, default=30_000, help="cases for the one-core runs")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of one core against the pool")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--no-impact", action="store_true")
    parser.add_argument("--impact-full", action="store_true", help="also time impact answering every case twice")
    args = parser.parse_args()
    bundle = Bundle.read(ROOT / "decisions")
    value, traced = Job(scheme="inami"), Job(scheme="inami", trace=True)
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as name:
        folder = Path(name)
        small, large = folder / "small.jsonl", folder / "large.jsonl"
        write_sample("inami", args.one_core_cases, 1, small)
        write_sample("inami", args.cases, 1, large)
        print(f"{cores} cores; {args.one_core_cases:,} cases on one core, {args.cases:,} for the rest", flush=True)

        one, one_cpu = _batch(bundle, value, small, folder, 1)
        trace, trace_cpu = _batch(bundle, traced, small, folder, 1)
        print(f"one core, value only: {one:,.0f} cases/s ({one_cpu:,.0f} per CPU second)", flush=True)
        print(f"one core, with trace: {trace:,.0f} cases/s ({trace_cpu:,.0f} per CPU second)", flush=True)
        _scaling(bundle, value, small, folder, cores, args.rounds)

        if not args.no_spark:
            spark1 = _spark(bundle, value, large, folder, "local[1]")
            spark2 = _spark(bundle, value, large, folder, "local[2]")
            pool_rate, _ = _batch(bundle, value, large, folder, cores)
            print(f"Spark local[1] {spark1:,.0f} cases/s, local[2] {spark2:,.0f} cases/s ({spark2 / spark1:.2f}x); "
                  f"pool / Spark local[{cores}]: {pool_rate / spark2:.2f}x "
                  f"({args.cases / spark2 - args.cases / pool_rate:+.1f} s of Spark overhead); load average {_load()}",
                  flush=True)

        if not args.no_impact:
            after = _after(folder)
            for reuse in (True, False) if args.impact_full else (True,):
                run = run_impact(bundle, after, value, large, reuse=reuse)
                how = "answers kept where no changed rule matched" if reuse else "every case answered twice"
                print(f"impact of a one-row change on {args.cases:,} cases ({how}): {run.seconds:.1f} s; "
                      f"{run.tally.changed:,} answers change, "
                      f"{run.tally.reused:,} kept; load average {_load()}", flush=True)


if __name__ == "__main__":
    main()
