"""The files of the DMN TCK: test cases and their typed values read into FEEL values, and the comparison
of an expected value with the engine's (see ``runner`` for how results are judged)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, InvalidOperation, localcontext
from pathlib import Path

from ..feel.calendar import is_date, is_date_time, is_time
from ..feel.values import DayTimeDuration, Range, YearMonthDuration

__all__ = ["ResultNode", "TckFileError", "TestCase", "TestFile", "compare", "parse_test_file", "parse_value"]

XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XSI_TYPE = f"{{{XSI}}}type"
_XSI_NIL = f"{{{XSI}}}nil"

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
    from ..feel import temporal

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
    rounded or cut to some decimals: ``2778.69354943277``, ``54.59815003``. FEEL computes them to 34
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
        # cut rather than rounded (0076's cos(123) = -0.88796890669... is written -0.88796890)
        if actual.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN) == expected:
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
    elif is_date_time(expected):
        if is_date_time(actual) and _same_zone(expected, actual) and actual == expected:
            return None
    elif is_date(expected):
        if is_date(actual) and actual == expected:
            return None
    elif is_time(expected):
        if is_time(actual) and _same_zone(expected, actual) and actual == expected:
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
