"""Throughput of ``decisions batch`` and ``decisions impact`` on a synthetic INAMI population.

    .venv/bin/python benchmarks/batch_bench.py                  # everything, 200,000 cases for Spark and impact
    .venv/bin/python benchmarks/batch_bench.py --cases 20000 --no-spark

Measures, end to end (reading JSON Lines, answering, writing JSON Lines):

1. in process on one core: cases per second, value only and with ``--trace``;
2. the process pool on every core against one core;
3. Spark ``local[1]`` and ``local[2]`` on the same cases, and Spark's overhead against the pool;
4. ``decisions impact`` of a one-row change (the 2026 wage ceiling) on the same cases.

The population comes from ``decisions sample --scheme inami --seed 1`` (one-month answers). Needs the spark
extra for step 3 (``pip install -e '.[spark]'``) and Java 17+.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
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
        text = text.replace('<outputEntry id="wageCeiling_rule2_out1"><text>178.69',
                            '<outputEntry id="wageCeiling_rule2_out1"><text>182.26')
        (after / dmn.name).write_text(text, encoding="utf-8")
    return Bundle.read(after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000, help="cases for the pool, Spark and impact runs")
    parser.add_argument("--one-core-cases", type=int, default=30_000, help="cases for the one-core runs")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--no-impact", action="store_true")
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
        one_large, one_large_cpu = _batch(bundle, value, large, folder, 1)
        pool_rate, _ = _batch(bundle, value, large, folder, cores)
        one_cpu_large = args.cases / one_large_cpu
        idle = _pool_cpu(bundle, value, large, cores)
        print(f"{args.cases:,} cases: one core {one_large:,.0f} cases/s, pool of {cores} {pool_rate:,.0f} cases/s "
              f"({pool_rate / one_large:.2f}x wall clock); from CPU seconds: one core {one_cpu_large:.1f} s, pool "
              f"{idle:.1f} s ({one_cpu_large / idle:.2f}x); load average {_load()}", flush=True)

        if not args.no_spark:
            spark1 = _spark(bundle, value, large, folder, "local[1]")
            spark2 = _spark(bundle, value, large, folder, "local[2]")
            print(f"Spark local[1] {spark1:,.0f} cases/s, local[2] {spark2:,.0f} cases/s ({spark2 / spark1:.2f}x); "
                  f"pool / Spark local[{cores}]: {pool_rate / spark2:.2f}x "
                  f"({args.cases / spark2 - args.cases / pool_rate:+.1f} s of Spark overhead); load average {_load()}",
                  flush=True)

        if not args.no_impact:
            after = _after(folder)
            run = run_impact(bundle, after, value, large)
            print(f"impact of a one-row change on {args.cases:,} cases: {run.seconds:.1f} s "
                  f"({run.tally.changed:,} answers change); load average {_load()}", flush=True)


if __name__ == "__main__":
    main()
