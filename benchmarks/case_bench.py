"""Microseconds per INAMI answer over many varied synthetic cases, evaluated as the service evaluates them.

Usage (from the repository root)::

    .venv/bin/python benchmarks/case_bench.py [--cases 500] [--rounds 15] [--profile FILE]
    .venv/bin/python benchmarks/case_bench.py --against /path/to/another/checkout   # side by side

Each case is a ``decisions sample --scheme inami`` case (seed 1), loaded by the request schema as
``POST /benefits/inami`` loads it, evaluated strictly (``Model.evaluate`` of ``inamiBenefit`` with the
request's language) and its trace read as the answer reads it (every entry's inputs and matched rules). The
figure is the median over rounds of the process's CPU time per case. Each round answers cases of its own: no
case comes twice, as in a batch, so a memory of earlier answers finds only what it would find in a batch.
``--profile FILE`` writes a cProfile of one round instead (read it with ``python -m pstats FILE``).

``--against DIR`` times another checkout of this repository (an older commit, say) side by side: the two run
in turn, each in a process of its own, round after round, and the ratio is the median of the rounds' ratios,
so that a shared machine's changes of pace fall on both.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def prepared_cases(count: int, seed: int) -> list[dict]:
    """The model inputs of ``count`` sample cases, as the INAMI endpoint gives them to the model."""
    from schemas.inami import InamiRequestSchema
    from service.batch.sample import cases

    schema = InamiRequestSchema()
    out = []
    for case in cases("inami", count, seed):
        case = dict(case)
        case.pop("caseId", None)
        body = json.loads(json.dumps(case, default=str))
        loaded = schema.load(body)
        loaded.setdefault("language", "en")
        out.append(loaded)
    return out


def answer(model, inputs: dict) -> int:
    """One answer with its trace read: the number of trace entries."""
    from service.dmn import EvaluationError

    try:
        result = model.evaluate("inamiBenefit", inputs, strict=True)
    except EvaluationError as exc:
        trace = exc.trace or []
    else:
        trace = result.trace
    for step in trace:
        step.inputs  # noqa: B018 - read as the answer reads it
        len(step.matched_rules)
    return len(trace)


def worker(count: int, seed: int, rounds: int) -> None:
    """Rounds on request: reads a line, answers with the CPU microseconds per case of one round. Each round
    answers cases of its own, never seen before (as in a batch, where no case comes twice)."""
    sys.path.insert(0, str(Path.cwd()))
    from service.dmn import load

    model = load(Path.cwd() / "decisions" / "inami-benefit.dmn").by_file("inami-benefit.dmn")
    inputs = prepared_cases(count * (rounds + 1), seed)
    for item in inputs[:count]:  # a warm-up: the first evaluation of a decision builds its scope
        answer(model, item)
    print("ready", flush=True)
    for r in range(1, rounds + 1):
        if not sys.stdin.readline().strip():
            break
        batch = inputs[r * count:(r + 1) * count]
        c0 = time.process_time()
        for item in batch:
            answer(model, item)
        print((time.process_time() - c0) / len(batch) * 1e6, flush=True)


def _spawn(checkout: Path, args) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--worker", "--cases", str(args.cases), "--seed",
         str(args.seed), "--rounds", str(args.rounds)],
        cwd=checkout, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _round(proc: subprocess.Popen) -> float:
    proc.stdin.write("go\n")
    proc.stdin.flush()
    return float(proc.stdout.readline())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=500, help="cases per round")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--profile", metavar="FILE")
    parser.add_argument("--against", metavar="DIR", type=Path)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.cases, args.seed, args.rounds)
        return 0
    if args.profile:
        import cProfile

        sys.path.insert(0, str(ROOT))
        from service.dmn import load

        model = load(ROOT / "decisions" / "inami-benefit.dmn").by_file("inami-benefit.dmn")
        inputs = prepared_cases(2 * args.cases, args.seed)
        for item in inputs[:args.cases]:
            answer(model, item)
        inputs = inputs[args.cases:]
        profile = cProfile.Profile()
        profile.enable()
        for item in inputs:
            answer(model, item)
        profile.disable()
        profile.dump_stats(args.profile)
        print(f"profile of {len(inputs)} cases written to {args.profile}")
        return 0
    checkouts = {"this": ROOT}
    if args.against:
        checkouts["against"] = args.against.resolve()
    procs = {name: _spawn(path, args) for name, path in checkouts.items()}
    times: dict[str, list[float]] = {name: [] for name in procs}
    try:
        for _ in range(args.rounds):
            for name, proc in procs.items():
                times[name].append(_round(proc))
    finally:
        for proc in procs.values():
            try:
                proc.stdin.close()
            except OSError:  # it has ended already
                pass
            proc.wait()
    for name, values in times.items():
        print(f"{name:8} {checkouts[name]}: {statistics.median(values):8.1f} us CPU per case (median of "
              f"{len(values)} rounds; fastest {min(values):.1f}, slowest {max(values):.1f})")
    if "against" in times:
        ratio = statistics.median(b / a for a, b in zip(times["this"], times["against"], strict=True))
        print(f"against / this: {ratio:.2f}x (median of the rounds' ratios)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
