"""A runner for the DMN TCK (https://github.com/dmn-tck/tck) over this engine.

``run_tck(root)`` walks ``root`` for test folders (folders holding ``*test*.xml`` files), loads the
``.dmn`` files of each folder once, evaluates every ``testCase`` and writes one CSV row per test case
in the TCK results format::

    "compliance-level-2/0004-simpletable-U","0004-simpletable-U-test-01","001","SUCCESS",""

How results are judged:

* numbers compare by numeric value as ``Decimal`` (``1.0`` equals ``1``, never through ``float``);
  strings, booleans exactly; lists element by element; contexts (``<component>``) need the same keys
  and equal values; temporals by equality, and a zoned value must keep its offset / zone;
* ``errorResult="true"``: the TCK marks results that come from an error. Following the TCK's own
  convention (an error in FEEL gives null), such a node passes when the engine returns null or
  raises one of its own errors (``DmnError``); an unexpected Python exception is never a pass;
* a node expecting null also passes when the engine raised ``EvaluationError`` (DMN: an error
  yields null);
* a test case is SUCCESS only if all its result nodes pass; anything that goes wrong (a model that
  does not load, a bad test file, an engine bug) gives ERROR rows with a short message.

Run it as ``python -m service.dmn.tck /path/to/dmn-tck [--csv results.csv]``. Reading the test files and
comparing values is ``values``.
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .values import ResultNode, TckFileError, TestCase, TestFile, compare, parse_test_file, parse_value

__all__ = [
    "ERROR",
    "IGNORED",
    "SUCCESS",
    "CaseOutcome",
    "ResultNode",
    "TckFileError",
    "TestCase",
    "TestFile",
    "compare",
    "parse_test_file",
    "parse_value",
    "report",
    "run_tck",
]

SUCCESS = "SUCCESS"
ERROR = "ERROR"
IGNORED = "IGNORED"


#: Seconds one test case may run before it is reported as an ERROR (main thread, Unix only).
CASE_TIMEOUT = 20.0
_MESSAGE_LIMIT = 300


# --- running ------------------------------------------------------------------------------------


@dataclass
class CaseOutcome:
    folder: str  # e.g. "compliance-level-2/0004-simpletable-U"
    file_stem: str
    case_id: str
    status: str
    message: str = ""

    def row(self) -> list[str]:
        return [self.folder, self.file_stem, self.case_id, self.status, self.message]


class _CaseTimeout(BaseException):
    """A BaseException so that a broad ``except Exception`` in the engine cannot swallow it."""


@contextmanager
def _time_limit(seconds: float | None):
    """Interrupt a runaway evaluation (only possible on the main thread of a Unix process)."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def _alarm(signum, frame):
        raise _CaseTimeout(f"timed out after {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    name = type(exc).__name__
    message = f"{name}: {text}" if text else name
    if len(message) > _MESSAGE_LIMIT:
        message = message[: _MESSAGE_LIMIT - 3] + "..."
    return message


def _engine():
    """``(load a folder, DmnError, EvaluationError)``. The TCK loads leniently: an element with an error is
    reported when a test case evaluates it (the TCK's errorResult), and the rest of its model still runs."""
    from .. import DmnError, EvaluationError, load

    return (lambda folder: load(folder, strict=False)), DmnError, EvaluationError


def find_test_folders(root: Path) -> list[Path]:
    """Folders under ``root`` (``root`` itself included) that hold ``*test*.xml`` files, sorted."""
    folders = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        if any(_is_test_file(f) for f in filenames):
            folders.append(Path(dirpath))
    return sorted(folders)


def _is_test_file(name: str) -> bool:
    return name.endswith(".xml") and "test" in name


def _folder_label(folder: Path, root: Path) -> str:
    """The folder relative to the parent of its ``compliance-level-*`` folder (else to ``root``)."""
    for ancestor in [folder, *folder.parents]:
        if ancestor.name.startswith("compliance-level-"):
            return folder.relative_to(ancestor.parent).as_posix()
        if ancestor == root.parent:
            break
    rel = folder.relative_to(root).as_posix()
    return rel if rel != "." else folder.name


def _level_of(label: str) -> str:
    head = label.split("/", 1)[0]
    return head if head.startswith("compliance-level-") else "other"


def _pick_model(models, test_file: TestFile, folder: Path):
    name = test_file.model_name
    if name:
        try:
            return models.by_file(name)
        except (KeyError, LookupError):
            pass
        stem = name[:-4] if name.endswith(".dmn") else name
        for key in (name, stem):
            try:
                return models[key]
            except (KeyError, LookupError):
                pass
        raise LookupError(f"model {name!r} not found in {folder.name}")
    dmn_files = sorted(folder.glob("*.dmn"))
    if len(dmn_files) == 1:
        return models.by_file(dmn_files[0].name)
    raise LookupError("the test file names no <modelName> and the folder has several models")


def _inputs_of(case: TestCase) -> dict:
    """Inputs by input-data name; an input of an imported model (``namespace=``) is ``{namespace}name``."""
    inputs: dict = {}
    for name, namespace, value in case.inputs:
        inputs[f"{{{namespace}}}{name}" if namespace else name] = value
    return inputs


def _pick_output(value, node: ResultNode):
    """A decision service gives a context of its outputs, or the value itself for a single output."""
    if isinstance(value, dict) and node.name in value:
        return value[node.name]
    return value


def _judge(node: ResultNode, outcome, dmn_error, evaluation_error) -> str | None:
    """``None`` when ``outcome`` (a value, or a raised exception) passes ``node``, else why not."""
    if isinstance(outcome, BaseException):
        if node.error_result and isinstance(outcome, dmn_error):
            return None
        if isinstance(outcome, evaluation_error) and node.has_expected and node.expected is None:
            return None
        return f"{node.name}: {_short(outcome)}"
    if node.error_result and outcome is None:
        return None
    problem = compare(node.expected, outcome)
    return f"{node.name}: {problem}" if problem else None


def _run_case(model, case: TestCase, dmn_error, evaluation_error) -> tuple[str, str]:
    if case.problem:
        return ERROR, case.problem
    if not case.results:
        return IGNORED, "no result nodes"
    inputs = _inputs_of(case)
    outcomes: list = []
    if case.type == "decision":
        for node in case.results:
            try:
                outcomes.append(model.evaluate(node.name, inputs).value)
            except Exception as exc:  # noqa: BLE001 - every failure is a row, never a crash
                outcomes.append(exc)
    elif case.type in ("decisionService", "bkm"):
        if not case.invocable_name:
            return ERROR, f"a {case.type} test case without invocableName"
        try:
            if case.type == "bkm":
                value = model.invoke(case.invocable_name, [v for _, _, v in case.inputs]).value
            else:
                value = model.evaluate_service(case.invocable_name, inputs).value
        except Exception as exc:  # noqa: BLE001
            value = exc
        for node in case.results:
            outcomes.append(value if isinstance(value, BaseException) else _pick_output(value, node))
    else:
        return IGNORED, f"unknown test case type {case.type!r}"
    problems = [p for node, outcome in zip(case.results, outcomes, strict=True)
                if (p := _judge(node, outcome, dmn_error, evaluation_error))]
    if problems:
        message = "; ".join(problems)
        if len(message) > _MESSAGE_LIMIT:
            message = message[: _MESSAGE_LIMIT - 3] + "..."
        return ERROR, message
    return SUCCESS, ""


def iter_outcomes(root: str | os.PathLike, timeout: float | None = CASE_TIMEOUT) -> Iterator[CaseOutcome]:
    """Every test case under ``root``, run, in folder / file / document order."""
    root = Path(root).resolve()
    try:
        load, dmn_error, evaluation_error = _engine()
        engine_problem = None
    except Exception as exc:  # noqa: BLE001 - the engine may not be importable yet
        load, dmn_error, evaluation_error = None, Exception, Exception
        engine_problem = f"engine unavailable: {_short(exc)}"
    for folder in find_test_folders(root):
        label = _folder_label(folder, root)
        models = None
        load_problem = engine_problem
        if load_problem is None:
            try:
                with _time_limit(timeout and timeout * 3):
                    models = load(str(folder))
            except (_CaseTimeout, Exception) as exc:  # noqa: BLE001
                load_problem = f"model load failed: {_short(exc)}"
        for test_path in sorted(p for p in folder.iterdir() if p.is_file() and _is_test_file(p.name)):
            stem = test_path.stem
            try:
                test_file = parse_test_file(test_path)
            except Exception as exc:  # noqa: BLE001
                yield CaseOutcome(label, stem, "", ERROR, f"bad test file: {_short(exc)}")
                continue
            model = None
            file_problem = load_problem
            if file_problem is None:
                try:
                    model = _pick_model(models, test_file, folder)
                except Exception as exc:  # noqa: BLE001
                    file_problem = _short(exc)
            for case in test_file.cases:
                if file_problem is not None:
                    yield CaseOutcome(label, stem, case.id, ERROR, file_problem)
                    continue
                try:
                    with _time_limit(timeout):
                        status, message = _run_case(model, case, dmn_error, evaluation_error)
                except (_CaseTimeout, Exception) as exc:  # noqa: BLE001 - bugs in the engine
                    status, message = ERROR, _short(exc)
                yield CaseOutcome(label, stem, case.id, status, message)


def run_tck(root: str, csv_path: str | None = None, out=sys.stdout, *,
            timeout: float | None = CASE_TIMEOUT) -> int:
    """Run the TCK under ``root``, write the results CSV to ``csv_path`` (if given) and print counts
    per compliance level to ``out``. Returns 0 (failures are results, not errors)."""
    started = time.perf_counter()
    outcomes = list(iter_outcomes(root, timeout=timeout))
    report(outcomes, csv_path, out, seconds=time.perf_counter() - started)
    return 0


def report(outcomes: list[CaseOutcome], csv_path: str | None = None, out=sys.stdout,
           seconds: float | None = None) -> None:
    """Write the results CSV (if ``csv_path``) and print the counts per compliance level."""
    if csv_path:
        with open(csv_path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
            for outcome in outcomes:
                writer.writerow(outcome.row())
    totals: dict[str, dict[str, int]] = {}
    for outcome in outcomes:
        counts = totals.setdefault(_level_of(outcome.folder), {SUCCESS: 0, ERROR: 0, IGNORED: 0})
        counts[outcome.status] += 1
    for level in sorted(totals):
        counts = totals[level]
        total = sum(counts.values())
        line = f"{level}: {counts[SUCCESS]}/{total} passed"
        if counts[IGNORED]:
            line += f" ({counts[IGNORED]} ignored)"
        print(line, file=out)
    if seconds is not None:
        print(f"({len(outcomes)} test cases in {seconds:.1f}s)", file=out)


def summarize(outcomes: list[CaseOutcome]) -> dict[str, tuple[int, int]]:
    """``{level: (passed, total)}`` of a list of outcomes."""
    result: dict[str, tuple[int, int]] = {}
    for outcome in outcomes:
        passed, total = result.get(_level_of(outcome.folder), (0, 0))
        result[_level_of(outcome.folder)] = (passed + (outcome.status == SUCCESS), total + 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.dmn.tck", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", help="the TCK folder (holding compliance-level-2, compliance-level-3, ...)")
    parser.add_argument("--csv", dest="csv_path", help="write the TCK results CSV here")
    parser.add_argument("--failures", action="store_true", help="also print every non-passing case")
    args = parser.parse_args(argv)
    if not args.failures:
        return run_tck(args.root, args.csv_path)
    started = time.perf_counter()
    outcomes = list(iter_outcomes(args.root))
    for o in outcomes:
        if o.status != SUCCESS:
            print(f"{o.status} {o.folder} {o.file_stem} {o.case_id}: {o.message}")
    report(outcomes, args.csv_path, seconds=time.perf_counter() - started)
    return 0
