"""Answering rows on every core: a process pool whose workers each load the models once, from their bytes.

Rows go out in chunks and come back in the order they were read, so that the output follows the input.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import islice

from .bundle import Bundle
from .evaluate import Evaluator, Job

__all__ = ["CHUNK", "chunks", "evaluate_rows", "in_pool", "worker_count"]

#: rows sent to a worker at once
CHUNK = 250

_evaluator: Evaluator | None = None


def _start(bundle: Bundle, job: Job) -> None:
    global _evaluator
    _evaluator = Evaluator(bundle, job)


def _answer(chunk: list[tuple[int, object]]) -> list[tuple]:
    return [_evaluator.record(line, payload) for line, payload in chunk]


def worker_count(workers: int | None) -> int:
    """``workers``, or every core this process may use."""
    if workers:
        return workers
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def chunks(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def evaluate_rows(bundle: Bundle, job: Job, rows: Iterable[tuple[int, object]], workers: int | None = None,
                  chunk: int = CHUNK) -> Iterator[list[tuple]]:
    """The records of ``rows``, chunk by chunk, in input order: in this process for one worker, else in a pool
    of ``workers`` processes (default: every core)."""
    count = worker_count(workers)
    if count == 1:
        evaluator = Evaluator(bundle, job)
        for part in chunks(rows, chunk):
            yield [evaluator.record(line, payload) for line, payload in part]
        return
    yield from in_pool(count, _start, (bundle, job), _answer, chunks(rows, chunk))


def _context():
    """Workers forked from a server process that imported the evaluation code once (where the platform has
    one), else started afresh; never forked from this process, whose threads (the progress bar) a fork would
    copy mid-flight."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["service.batch.evaluate", "service.batch.impact"])
        return context
    return multiprocessing.get_context("spawn")


def in_pool(count: int, start, arguments: tuple, work, tasks: Iterable, ordered: bool = True) -> Iterator:
    """``work(task)`` for each task in ``count`` worker processes started by ``start(*arguments)``; the results
    in task order (or as they come), with at most a few tasks per worker in flight. A worker that dies ends the
    run with ``BrokenProcessPool`` instead of hanging it."""
    context = _context()
    with ProcessPoolExecutor(count, mp_context=context, initializer=start, initargs=arguments) as pool:
        pending: deque = deque()
        for task in tasks:
            pending.append(pool.submit(work, task))
            while len(pending) >= 3 * count:
                if ordered:
                    yield pending.popleft().result()
                else:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        pending.remove(future)
                        yield future.result()
        while pending:
            yield pending.popleft().result()
