"""``decisions batch`` in process: read, skip what ``--resume`` finds done, answer on every core, write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .bundle import Bundle
from .evaluate import Job
from .output import done_keys, open_writer
from .pool import evaluate_rows
from .progress import RunProgress
from .rows import format_of, read_rows, row_key

__all__ = ["Summary", "count_rows", "run_batch"]


@dataclass
class Summary:
    rows: int
    problems: int
    skipped: int
    seconds: float

    def text(self) -> str:
        rate = self.rows / self.seconds if self.seconds > 0 else 0
        skipped = f", {self.skipped:,} already done" if self.skipped else ""
        return (f"{self.rows:,} cases answered in {self.seconds:.1f} s ({rate:,.0f} cases/s), "
                f"{self.problems:,} with a problem{skipped}")


def count_rows(path: str | Path, fmt: str | None = None) -> int | None:
    """How many rows the input holds (for the progress bar), cheaply; None when unknown."""
    path = Path(path)
    fmt = format_of(path, fmt)
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        with path.open("rb") as handle:
            lines = sum(1 for line in handle if line.strip())
        return lines - 1 if fmt == "csv" else lines
    except Exception:
        return None


def _not_done(rows, done: set[str], skipped: list[int]):
    for line, payload in rows:
        if row_key(line, payload) in done:
            skipped[0] += 1
        else:
            yield line, payload


def run_batch(bundle: Bundle, job: Job, source: str | Path, target: str | Path, *, input_format: str | None = None,
              resume: bool = False, workers: int | None = None, progress: bool = True) -> Summary:
    """Answer every row of ``source`` into ``target``: exactly one output row per input row."""
    rows = read_rows(source, input_format)
    done = done_keys(target) if resume else set()
    total = count_rows(source, input_format)
    skipped = [0]
    if done:
        rows = _not_done(rows, done, skipped)
        total = None if total is None else max(total - len(done), 0)
    writer = open_writer(target, append=resume)
    answered = problems = 0
    bar = RunProgress(total, enabled=progress)
    try:
        results = evaluate_rows(bundle, job, rows, workers)  # the workers start before the bar's thread
        with bar:
            for records in results:
                writer.write(records)
                errors = sum(1 for record in records if record[2] != 200)
                answered += len(records)
                problems += errors
                bar.advance(len(records), errors)
    finally:
        writer.close()
    return Summary(answered, problems, skipped[0], bar.seconds)
