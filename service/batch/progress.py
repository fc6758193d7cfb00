"""The progress bar of a run: cases done, cases per second and errors (rich), on standard error."""

from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

__all__ = ["RunProgress"]


class _Rate(ProgressColumn):
    def render(self, task) -> Text:
        elapsed = task.elapsed or 0
        rate = task.completed / elapsed if elapsed > 0 else 0
        return Text(f"{rate:,.0f} cases/s")


class RunProgress:
    """``advance(done, errors)`` as records come; ``summary()`` once the run ends. Quiet when ``enabled`` is
    false (the bar is drawn only on a terminal unless forced)."""

    def __init__(self, total: int | None, enabled: bool = True, label: str = "cases"):
        self.done = 0
        self.errors = 0
        self.started = time.perf_counter()
        console = Console(file=sys.stderr)
        self.progress = Progress(
            TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), _Rate(),
            TextColumn("{task.fields[errors]} errors"), TimeElapsedColumn(),
            console=console, disable=not enabled, transient=False,
        )
        self.task = self.progress.add_task(label, total=total, errors=0)

    def __enter__(self) -> RunProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def advance(self, done: int, errors: int) -> None:
        self.done += done
        self.errors += errors
        self.progress.update(self.task, advance=done, errors=self.errors)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def summary(self) -> str:
        rate = self.done / self.seconds if self.seconds > 0 else 0
        return f"{self.done:,} cases in {self.seconds:.1f} s ({rate:,.0f} cases/s), {self.errors:,} with a problem"
