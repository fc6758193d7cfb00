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

Run it as ``python -m service.dmn.tck /path/to/dmn-tck [--csv results.csv]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation, localcontext
from pathlib import Path

from .feel.values import DayTimeDuration, Range, YearMonthDuration

__all__ = [
    "ERROR",
    "IGNORED",
    "SUCCESS",
    "CaseOutcome",
    "ResultNode",
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

XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XSI_TYPE = f"{{{XSI}}}type"
_XSI_NIL = f"{{{XSI}}}nil"

#: Seconds one test case may run before it is reported as an ERROR (main thread, Unix only).
CASE_TIMEOUT = 20.0
_MESSAGE_LIMIT = 300
_MAX_TEST_FILE_BYTES = 50 * 1024 * 1024


class TckFileError(ValueError):
    """A test file or value that cannot be read."""


# --- the test file ------------------------------------------------------------------------------


@dataclass
class ResultNode:
    name: str
    expected: object  # a FEEL value
    has_expected: bool
    error_result: bool
    namespace: str | None = None


@dataclass
class TestCase:
    id: str
    type: str  # "decision" | "bkm" | "decisionService"
    invocable_name: str | None
    inputs: list[tuple[str, str | None, object]]  # (name, namespace, value)
    results: list[ResultNode]
    problem: str | None = None  # set when the case could not be read


@dataclass
class TestFile:
    path: Path
    model_name: str | None
    cases: list[TestCase] = field(default_factory=list)


def _local(tag) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _children(elem, name: str | None = None) -> list:
    out = []
    for child in elem:
        local = _local(child.tag)
        if local and (name is None or local == name):
            out.append(child)
    return out


def _is_nil(elem) -> bool:
    return (elem.get(_XSI_NIL) or "").strip() in ("true", "1")


def _parse_xml(data: bytes, file: str):
    """Parse a test file safely: no entities, no DTD, no network (TCK test files never need them).

    ``service.dmn.reader.parse_xml`` only accepts DMN ``definitions``, hence this parser of our own.
    """
    from lxml import etree

    if len(data) > _MAX_TEST_FILE_BYTES:
        raise TckFileError(f"{file}: {len(data)} bytes, more than {_MAX_TEST_FILE_BYTES}")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True, collect_ids=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise TckFileError(f"{file}: not well-formed XML: {exc}") from None
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.system_url or info.public_id:
        raise TckFileError(f"{file}: a DOCTYPE is refused in a test file")
    return root


def _temporal(kind: str, text: str):
    from .feel import temporal

    parser = {
        "date": temporal.parse_date,
        "time": temporal.parse_time,
        "dateTime": temporal.parse_date_time,
        "duration": temporal.parse_duration,
    }[kind]
    value = parser(text)
    if value is None:
        raise TckFileError(f"not a valid xsd:{kind}: {text!r}")
    return value


_NUMERIC = {"decimal", "double", "float", "integer", "int", "long", "short", "byte",
            "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
            "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"}


def convert_scalar(xsd_type: str | None, text: str):
    """The FEEL value of a ``<value>`` text with its ``xsi:type`` local name (``None``: a string)."""
    if xsd_type is None or xsd_type in ("string", "anySimpleType", "anyType", "normalizedString", "token"):
        return text
    if xsd_type in _NUMERIC:
        stripped = text.strip()
        try:
            number = Decimal(stripped)
        except InvalidOperation:
            raise TckFileError(f"not a valid xsd:{xsd_type}: {text!r}") from None
        if not number.is_finite():
            raise TckFileError(f"not a finite number: {text!r}")
        return number
    if xsd_type == "boolean":
        stripped = text.strip()
        if stripped in ("true", "1"):
            return True
        if stripped in ("false", "0"):
            return False
        raise TckFileError(f"not a valid xsd:boolean: {text!r}")
    if xsd_type in ("date", "time", "dateTime", "duration"):
        return _temporal(xsd_type, text.strip())
    if xsd_type in ("dayTimeDuration", "yearMonthDuration"):
        return _temporal("duration", text.strip())
    raise TckFileError(f"unsupported xsi:type {xsd_type!r}")


def _scalar(value_elem):
    if _is_nil(value_elem):
        return None
    xsd_type = value_elem.get(_XSI_TYPE)
    if xsd_type is not None:
        xsd_type = xsd_type.strip().rsplit(":", 1)[-1]
    if _children(value_elem):
        raise TckFileError("a <value> with element content")
    return convert_scalar(xsd_type, value_elem.text or "")


def parse_value(elem):
    """The FEEL value of a TCK ``valueType`` element (``inputNode``, ``expected``, ``item``, ``component``).

    ``<value>`` gives a scalar, ``<list><item>…`` a list, ``<component name=…>`` a context;
    ``xsi:nil="true"`` anywhere and an element without content give ``None``.
    """
    if _is_nil(elem):
        return None
    components = _children(elem, "component")
    if components:
        context = {}
        for comp in components:
            name = comp.get("name")
            if name is None:
                raise TckFileError("a <component> without a name")
            context[name] = parse_value(comp)
        return context
    lists = _children(elem, "list")
    if lists:
        lst = lists[0]
        if _is_nil(lst):
            return None
        return [parse_value(item) for item in _children(lst, "item")]
    values = _children(elem, "value")
    if values:
        return _scalar(values[0])
    return None


def _parse_case(elem, index: int) -> TestCase:
    case_id = elem.get("id") or elem.get("name") or str(index + 1).zfill(3)
    case = TestCase(id=case_id, type=(elem.get("type") or "decision").strip(),
                    invocable_name=elem.get("invocableName"), inputs=[], results=[])
    try:
        for node in _children(elem, "inputNode"):
            case.inputs.append((node.get("name"), node.get("namespace"), parse_value(node)))
        for node in _children(elem, "resultNode"):
            expected = _children(node, "expected")
            error_result = (node.get("errorResult") or "").strip() in ("true", "1")
            case.results.append(ResultNode(
                name=node.get("name"),
                expected=parse_value(expected[0]) if expected else None,
                has_expected=bool(expected),
                error_result=error_result,
                namespace=node.get("namespace"),
            ))
    except (TckFileError, ValueError, LookupError) as exc:
        case.problem = f"bad test value: {exc}"
    return case


def parse_test_file(path: str | os.PathLike) -> TestFile:
    """Read a TCK ``*-test-NN.xml`` file. Raises on a file that is not XML; a case whose values
    cannot be read keeps its ``problem`` so that it becomes an ERROR row."""
    path = Path(path)
    root = _parse_xml(path.read_bytes(), str(path))
    if _local(root.tag) != "testCases":
        raise TckFileError(f"{path.name}: root element is <{_local(root.tag)}>, not <testCases>")
    names = _children(root, "modelName")
    model_name = (names[0].text or "").strip() if names else None
    test_file = TestFile(path=path, model_name=model_name or None)
    for index, elem in enumerate(_children(root, "testCase")):
        test_file.cases.append(_parse_case(elem, index))
    return test_file


# --- comparison ---------------------------------------------------------------------------------


def _show(value) -> str:
    try:
        from .feel.text import to_feel_text

        text = to_feel_text(value)
    except Exception:  # noqa: BLE001 - only for a message
        text = repr(value)
    if len(text) > 120:
        text = text[:117] + "..."
    return text


#: an expected number with at least this many decimals is taken as the rendering of a result that
#: has no finite decimal form, computed by the test's authors in binary floating point
ROUNDED_RENDERING_DECIMALS = 8
#: how far such a rendering may be from FEEL's 34-digit result (double arithmetic drifts by up to
#: about 1E-13 over a loan-payment formula)
ROUNDED_RENDERING_TOLERANCE = Decimal("1E-12")


def _rounded_rendering_matches(expected: Decimal, actual: Decimal) -> bool:
    """The TCK writes non-terminating results (1/3, exp(4), a loan payment) as a double's text or
    rounded to some decimals: ``2778.69354943277``, ``54.59815003``. FEEL computes them to 34
    digits. Such an expected value, with ``k >= ROUNDED_RENDERING_DECIMALS`` decimals, matches when
    the actual value rounded half-even to ``k`` decimals equals it, or when the two differ relatively
    by less than ``ROUNDED_RENDERING_TOLERANCE``. Every other number must be equal exactly."""
    if not (expected.is_finite() and actual.is_finite()) or expected.is_zero():
        return False
    decimals = -expected.as_tuple().exponent
    if decimals < ROUNDED_RENDERING_DECIMALS:
        return False
    with localcontext() as ctx:
        ctx.prec = 60
        ctx.rounding = ROUND_HALF_EVEN
        if actual.quantize(Decimal(1).scaleb(-decimals)) == expected:
            return True
        return abs((actual - expected) / expected) < ROUNDED_RENDERING_TOLERANCE


def _digits_note(expected: Decimal, actual: Decimal) -> str:
    """Point out a tiny relative difference: the TCK gives some results as binary doubles (15-17
    digits, sometimes off in the last ones) while FEEL computes with 34 digits. Exactness stays the
    rule; this only makes such failures easy to tell from real ones."""
    if not (expected.is_finite() and actual.is_finite()) or expected == 0:
        return ""
    with localcontext() as ctx:
        ctx.prec = 34
        relative = abs((actual - expected) / expected)
        if relative >= Decimal("1E-9"):
            return ""
        return f" (relative difference {relative:.1E})"


def _zone_key(tz) -> str | None:
    return getattr(tz, "key", None)


def _same_zone(expected, actual) -> bool:
    """Zoned temporals: both naive or both aware, same offset, same IANA zone when one has one."""
    if (expected.tzinfo is None) != (actual.tzinfo is None):
        return False
    if expected.tzinfo is None:
        return True
    if expected.utcoffset() != actual.utcoffset():
        return False
    e_key, a_key = _zone_key(expected.tzinfo), _zone_key(actual.tzinfo)
    return (e_key is None and a_key is None) or e_key == a_key


def compare(expected, actual, path: str = "") -> str | None:
    """``None`` when ``actual`` matches ``expected``, else a short description of the first difference."""
    where = f" at {path}" if path else ""
    if expected is None:
        return None if actual is None else f"expected null{where}, got {_show(actual)}"
    if actual is None:
        return f"expected {_show(expected)}{where}, got null"
    if isinstance(expected, bool):
        if isinstance(actual, bool) and actual == expected:
            return None
    elif isinstance(expected, Decimal):
        if type(actual) is Decimal:
            if actual == expected or _rounded_rendering_matches(expected, actual):
                return None
            return f"expected {_show(expected)}{where}, got {_show(actual)}{_digits_note(expected, actual)}"
    elif isinstance(expected, str):
        if isinstance(actual, str) and actual == expected:
            return None
    elif isinstance(expected, _dt.datetime):
        if isinstance(actual, _dt.datetime) and _same_zone(expected, actual) and actual == expected:
            return None
    elif isinstance(expected, _dt.date):
        if type(actual) is _dt.date and actual == expected:
            return None
    elif isinstance(expected, _dt.time):
        if isinstance(actual, _dt.time) and _same_zone(expected, actual) and actual == expected:
            return None
    elif isinstance(expected, (DayTimeDuration, YearMonthDuration, Range)):
        if type(actual) is type(expected) and actual == expected:
            return None
    elif isinstance(expected, list):
        if not isinstance(actual, list):
            return f"expected a list{where}, got {_show(actual)}"
        if len(actual) != len(expected):
            return f"expected {len(expected)} items{where}, got {len(actual)}: {_show(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            problem = compare(e, a, f"{path}[{i + 1}]")
            if problem:
                return problem
        return None
    elif isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"expected a context{where}, got {_show(actual)}"
        missing = [k for k in expected if k not in actual]
        extra = [k for k in actual if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append("missing " + ", ".join(missing))
            if extra:
                parts.append("unexpected " + ", ".join(str(k) for k in extra))
            return f"context keys differ{where}: {'; '.join(parts)}"
        for key, e in expected.items():
            problem = compare(e, actual[key], f"{path}.{key}" if path else key)
            if problem:
                return problem
        return None
    return f"expected {_show(expected)}{where}, got {_show(actual)}"


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
    from . import DmnError, EvaluationError, load

    return load, DmnError, EvaluationError


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


if __name__ == "__main__":
    sys.exit(main())
