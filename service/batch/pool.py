"""Answering rows on every core: a process pool whose workers each have the models loaded once.

Rows go out in chunks and come back in the order they were read, so that the output follows the input.

The workers are forked from this process, models loaded, when it runs no other thread and has not imported
pyarrow (whose threads Python does not see): they start at once and share the loaded models' memory. Otherwise
they are forked from a server process that imported the evaluation code once, and each loads the models from
their bytes.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import islice

from .bundle import Bundle
from .evaluate import Evaluator, Job

__all__ = ["CHUNK", "chunks", "evaluate_rows", "in_pool", "share_models", "worker_count"]

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
    of ``workers`` processes (default: every core), whose workers start now."""
    count = worker_count(workers)
    if count == 1:
        return _in_process(Evaluator(bundle, job), rows, chunk)
    share_models(bundle)
    return in_pool(count, _start, (bundle, job), _answer, chunks(rows, chunk))


def _in_process(evaluator: Evaluator, rows, chunk: int) -> Iterator[list[tuple]]:
    for part in chunks(rows, chunk):
        yield [evaluator.record(line, payload) for line, payload in part]


def share_models(*bundles: Bundle) -> None:
    """Load the models here when the workers will be forked from this process, so that they share them."""
    if _may_fork():
        for bundle in bundles:
            bundle.load()


def _may_fork() -> bool:
    """Forking is safe in a process that runs one thread; pyarrow's threads are not Python's to count."""
    return threading.active_count() == 1 and "pyarrow" not in sys.modules


def _context():
    """Workers forked from this process while it runs one thread (see ``_may_fork``); else forked from a server
    process that imported the evaluation code once (where the platform has one), else started afresh: never
    forked from this process while it runs threads (the progress bar) that a fork would copy mid-flight."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _may_fork():
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["service.batch.evaluate", "service.batch.impact"])
        return context
    return multiprocessing.get_context("spawn")


def in_pool(count: int, start, arguments: tuple, work, tasks: Iterable, ordered: bool = True) -> Iterator:
    """``work(task)`` for each task in ``count`` worker processes started by ``start(*arguments)``; the results
    in task order (or as they come), with at most a few tasks per worker in flight. A worker that dies ends the
    run with ``BrokenProcessPool`` instead of hanging it. The workers start when this is called, before the
    caller starts a thread (a progress bar), so that they may be forked from this process."""
    tasks = iter(tasks)
    pool = ProcessPoolExecutor(count, mp_context=_context(), initializer=start, initargs=arguments)
    try:
        pending = deque(pool.submit(work, task) for task in islice(tasks, count))  # forked here (see _context)
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    return _results(pool, pending, count, work, tasks, ordered)


def _results(pool: ProcessPoolExecutor, pending: deque, count: int, work, tasks: Iterator, ordered: bool):
    with pool:
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
