"""The TCK runner's own logic: reading test values, comparing results, judging error results.

No engine needed: a small stand-in model plays the engine's part.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from service.dmn.feel.values import DayTimeDuration, YearMonthDuration
from service.dmn.tck import runner as tck

NS = 'xmlns="http://www.omg.org/spec/DMN/20160719/testcase" ' \
     'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"'


def value_of(inner: str):
    elem = etree.fromstring(f"<inputNode {NS} name='x'>{inner}</inputNode>")
    return tck.parse_value(elem)


# --- values -------------------------------------------------------------------------------------


@pytest.mark.parametrize("xsd_type", ["decimal", "double", "integer"])
def test_numbers_are_decimals_from_the_text(xsd_type):
    value = value_of(f'<value xsi:type="xsd:{xsd_type}">0.1</value>')
    assert type(value) is Decimal
    assert value == Decimal("0.1")
    assert str(value) == "0.1"


def test_exponent_and_long_numbers_stay_exact():
    assert value_of('<value xsi:type="xsd:double">1.0E-4</value>') == Decimal("0.0001")
    long = "3.333333333333333333333333333333333"
    assert str(value_of(f'<value xsi:type="xsd:decimal">{long}</value>')) == long


def test_strings_keep_their_text_and_empty_is_empty():
    assert value_of('<value xsi:type="xsd:string"> a b </value>') == " a b "
    assert value_of('<value xsi:type="xsd:string"/>') == ""
    assert value_of("<value>plain</value>") == "plain"


def test_booleans():
    assert value_of('<value xsi:type="xsd:boolean">true</value>') is True
    assert value_of('<value xsi:type="xsd:boolean">false</value>') is False
    with pytest.raises(tck.TckFileError):
        value_of('<value xsi:type="xsd:boolean">yes</value>')


def test_xsi_type_prefix_does_not_matter():
    elem = etree.fromstring(
        '<inputNode xmlns="http://www.omg.org/spec/DMN/20160719/testcase" '
        'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" name="x">'
        '<value i:type="xs:decimal">5</value></inputNode>'
    )
    assert tck.parse_value(elem) == Decimal(5)


def test_nil_values_lists_and_components():
    assert value_of('<value xsi:nil="true"/>') is None
    assert value_of("") is None
    assert value_of('<list xsi:nil="true"/>') is None
    assert value_of("<list/>") == []
    assert value_of(
        '<list><item><value xsi:type="xsd:decimal">1</value></item>'
        '<item><value xsi:nil="true"/></item>'
        '<item><list><item><value xsi:type="xsd:string">a</value></item></list></item></list>'
    ) == [Decimal(1), None, ["a"]]
    ctx = value_of(
        '<component name="Name"><value xsi:type="xsd:string">Ann</value></component>'
        '<component name="Tags"><list><item><value xsi:type="xsd:string">x</value></item></list></component>'
        '<component name="Address"><component name="City"><value>Gent</value></component></component>'
        '<component name="Empty" xsi:nil="true"/>'
    )
    assert ctx == {"Name": "Ann", "Tags": ["x"], "Address": {"City": "Gent"}, "Empty": None}
    assert list(ctx) == ["Name", "Tags", "Address", "Empty"]


def test_temporals():
    assert value_of('<value xsi:type="xsd:date">2017-01-02</value>') == dt.date(2017, 1, 2)
    assert type(value_of('<value xsi:type="xsd:date">2017-01-02</value>')) is dt.date
    t = value_of('<value xsi:type="xsd:time">10:20:00+01:00</value>')
    assert t.replace(tzinfo=None) == dt.time(10, 20) and t.utcoffset() == dt.timedelta(hours=1)
    assert value_of('<value xsi:type="xsd:time">10:20:00</value>') == dt.time(10, 20)
    d = value_of('<value xsi:type="xsd:dateTime">2018-12-08T10:30:11Z</value>')
    assert isinstance(d, dt.datetime) and d.utcoffset() == dt.timedelta(0)
    assert value_of('<value xsi:type="xsd:duration">P1Y2M</value>') == YearMonthDuration(14)
    assert value_of('<value xsi:type="xsd:duration">-PT1H</value>') == DayTimeDuration(Decimal(-3600))


def test_bad_values_are_reported():
    with pytest.raises(tck.TckFileError):
        value_of('<value xsi:type="xsd:decimal">abc</value>')
    with pytest.raises(tck.TckFileError):
        value_of('<value xsi:type="xsd:decimal">NaN</value>')
    with pytest.raises(tck.TckFileError):
        value_of('<value xsi:type="xsd:date">2017-13-45</value>')
    with pytest.raises(tck.TckFileError):
        value_of('<value xsi:type="xsd:hexBinary">00</value>')


# --- comparison ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        (Decimal("1"), Decimal("1.00")),
        (Decimal("0.1"), Decimal("1E-1")),
        ("a", "a"),
        (True, True),
        (None, None),
        ([Decimal(1), "b"], [Decimal("1.0"), "b"]),
        ({"a": Decimal(1), "b": [None]}, {"b": [None], "a": Decimal("1.0")}),
        (dt.date(2020, 1, 1), dt.date(2020, 1, 1)),
        (dt.time(1, 2, 3), dt.time(1, 2, 3)),
        (YearMonthDuration(14), YearMonthDuration(14)),
        (DayTimeDuration(Decimal(60)), DayTimeDuration(Decimal("60.0"))),
    ],
)
def test_equal_values_match(expected, actual):
    assert tck.compare(expected, actual) is None


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        (Decimal("1"), Decimal("1.0000000000000000000000000000000001")),
        (Decimal("1"), True),  # Decimal(1) == True in Python; not in FEEL
        (True, Decimal("1")),
        (Decimal("1"), "1"),
        (Decimal("1"), 1.0),
        ("a", "A"),
        (None, ""),
        ("", None),
        (None, []),
        ([Decimal(1)], Decimal(1)),
        ([Decimal(1)], [Decimal(1), Decimal(2)]),
        ([Decimal(1), Decimal(2)], [Decimal(2), Decimal(1)]),
        ({"a": Decimal(1)}, {"a": Decimal(1), "b": None}),
        ({"a": Decimal(1), "b": None}, {"a": Decimal(1)}),
        ({"a": Decimal(1)}, {"a": Decimal(2)}),
        (dt.date(2020, 1, 1), dt.datetime(2020, 1, 1)),
        (dt.datetime(2020, 1, 1), dt.date(2020, 1, 1)),
        (YearMonthDuration(12), DayTimeDuration(Decimal(365 * 86400))),
        (DayTimeDuration(Decimal(0)), YearMonthDuration(0)),
    ],
)
def test_different_values_do_not_match(expected, actual):
    message = tck.compare(expected, actual)
    assert isinstance(message, str) and message


def test_zoned_temporals_keep_their_offset():
    plus1 = dt.timezone(dt.timedelta(hours=1))
    utc = dt.UTC
    a = dt.datetime(2020, 1, 1, 10, tzinfo=plus1)
    same_instant_utc = dt.datetime(2020, 1, 1, 9, tzinfo=utc)
    assert a == same_instant_utc  # Python says equal...
    assert tck.compare(a, same_instant_utc)  # ...but the result must keep its offset
    assert tck.compare(a, a.replace(tzinfo=None))
    assert tck.compare(dt.time(10, tzinfo=plus1), dt.time(10))
    other_plus1 = dt.timezone(dt.timedelta(hours=1))
    assert tck.compare(dt.time(10, tzinfo=plus1), dt.time(10, tzinfo=other_plus1)) is None


def test_a_tiny_numeric_difference_on_an_exact_value_fails_but_is_pointed_out():
    # 1.1 has one decimal: an exact expectation, so a difference of 1E-20 is a failure
    message = tck.compare(Decimal("1.1"), Decimal("1.10000000000000000001"))
    assert message and "relative difference 9.1E-21" in message
    assert "relative" not in tck.compare(Decimal("1"), Decimal("2"))


def test_mismatch_message_names_the_place():
    message = tck.compare({"a": [Decimal(1), Decimal(2)]}, {"a": [Decimal(1), Decimal(3)]})
    assert "a[2]" in message


# --- judging test cases -------------------------------------------------------------------------


class FakeError(Exception):
    pass


class FakeEvaluationError(FakeError):
    pass


class FakeResult:
    def __init__(self, value):
        self.value = value


class FakeModel:
    """Decisions are Python callables of the inputs; a callable may raise."""

    def __init__(self, decisions=None, services=None, bkms=None):
        self.decisions = decisions or {}
        self.services = services or {}
        self.bkms = bkms or {}
        self.calls = []

    def evaluate(self, name, inputs):
        self.calls.append(("decision", name, dict(inputs)))
        return FakeResult(self.decisions[name](inputs))

    def evaluate_service(self, name, inputs):
        self.calls.append(("service", name, dict(inputs)))
        return FakeResult(self.services[name](inputs))

    def invoke(self, name, args):
        self.calls.append(("bkm", name, list(args)))
        return FakeResult(self.bkms[name](*args))


def case(*results, inputs=(), type_="decision", invocable=None):
    return tck.TestCase(id="001", type=type_, invocable_name=invocable, inputs=list(inputs),
                        results=list(results))


def node(name, expected, error_result=False):
    return tck.ResultNode(name=name, expected=expected, has_expected=True, error_result=error_result)


def run(model, test_case):
    return tck._run_case(model, test_case, FakeError, FakeEvaluationError)


def _raise(exc):
    raise exc


def test_all_result_nodes_must_match():
    model = FakeModel({"A": lambda i: i["x"] + 1, "B": lambda i: "no"})
    status, message = run(model, case(node("A", Decimal(3)), inputs=[("x", None, Decimal(2))]))
    assert (status, message) == (tck.SUCCESS, "")
    both = case(node("A", Decimal(3)), node("B", "yes"), inputs=[("x", None, Decimal(2))])
    status, message = run(model, both)
    assert status == tck.ERROR and message.startswith("B:") and "yes" in message
    assert model.calls[0] == ("decision", "A", {"x": Decimal(2)})


def test_error_result_accepts_null_or_an_engine_error_only():
    model = FakeModel({
        "null": lambda i: None,
        "raises": lambda i: _raise(FakeError("bad")),
        "bug": lambda i: _raise(ZeroDivisionError("oops")),
        "value": lambda i: Decimal(1),
    })
    assert run(model, case(node("null", None, True)))[0] == tck.SUCCESS
    assert run(model, case(node("raises", None, True)))[0] == tck.SUCCESS
    status, message = run(model, case(node("bug", None, True)))
    assert status == tck.ERROR and "ZeroDivisionError" in message
    assert run(model, case(node("value", None, True)))[0] == tck.ERROR


def test_an_evaluation_error_counts_as_null_but_other_errors_do_not():
    model = FakeModel({
        "eval": lambda i: _raise(FakeEvaluationError("no rule")),
        "other": lambda i: _raise(FakeError("boom")),
    })
    assert run(model, case(node("eval", None)))[0] == tck.SUCCESS
    assert run(model, case(node("eval", "x")))[0] == tck.ERROR
    status, message = run(model, case(node("other", None)))
    assert status == tck.ERROR and "boom" in message


def test_decision_service_outputs():
    model = FakeModel(services={
        "one": lambda i: "foo " + i["p"],
        "two": lambda i: {"d1": Decimal(1), "d2": Decimal(2)},
        "fails": lambda i: _raise(FakeError("missing")),
    })
    ok = case(node("d", "foo bar"), type_="decisionService", invocable="one", inputs=[("p", None, "bar")])
    assert run(model, ok)[0] == tck.SUCCESS
    two = case(node("d1", Decimal(1)), node("d2", Decimal(2)), type_="decisionService", invocable="two")
    assert run(model, two)[0] == tck.SUCCESS
    failing = case(node("d", None, True), type_="decisionService", invocable="fails")
    assert run(model, failing)[0] == tck.SUCCESS
    assert run(model, case(node("d", "x"), type_="decisionService"))[0] == tck.ERROR  # no invocableName


def test_inputs_of_imported_models_are_keyed_by_namespace():
    model = FakeModel({"d": lambda i: i.get("{http://example.org/a}Person name")})
    test_case = case(node("d", "Ann"), inputs=[("Person name", "http://example.org/a", "Ann")])
    assert run(model, test_case)[0] == tck.SUCCESS


def test_bkm_case_passes_inputs_as_arguments_in_order():
    model = FakeModel(bkms={"sub": lambda a, b: a - b})
    test_case = case(node("sub", Decimal(1)), type_="bkm", invocable="sub",
                     inputs=[("a", None, Decimal(3)), ("b", None, Decimal(2))])
    assert run(model, test_case)[0] == tck.SUCCESS


def test_a_case_with_unreadable_values_or_no_results():
    bad = case(node("A", Decimal(1)))
    bad.problem = "bad test value: nope"
    assert run(FakeModel(), bad) == (tck.ERROR, "bad test value: nope")
    assert run(FakeModel(), case())[0] == tck.IGNORED


# --- whole runs over a small folder tree (the real engine, or its absence) ----------------------


TEST_FILE = f"""<?xml version="1.0" encoding="UTF-8"?>
<testCases {NS}>
  <modelName>m.dmn</modelName>
  <!-- <testCase id="commented"/> -->
  <testCase id="001">
    <inputNode name="x"><value xsi:type="xsd:decimal">1</value></inputNode>
    <resultNode name="d"><expected><value xsi:type="xsd:decimal">2</value></expected></resultNode>
  </testCase>
  <testCase id="002">
    <inputNode name="x"><value xsi:type="xsd:date">not a date</value></inputNode>
    <resultNode name="d"><expected><value xsi:nil="true"/></expected></resultNode>
  </testCase>
</testCases>
"""


def make_tree(tmp_path: Path) -> Path:
    root = tmp_path / "tck"
    folder = root / "compliance-level-2" / "0001-x"
    folder.mkdir(parents=True)
    (folder / "0001-x-test-01.xml").write_text(TEST_FILE)
    (folder / "m.dmn").write_text("<definitions>not a usable model</definitions>")
    broken = root / "compliance-level-3" / "0002-y"
    broken.mkdir(parents=True)
    (broken / "0002-y-test-01.xml").write_text("<testCases><unclosed></testCases>")
    return root


def test_run_never_crashes_and_writes_one_row_per_case(tmp_path):
    root = make_tree(tmp_path)
    csv_path = tmp_path / "out.csv"
    out = io.StringIO()
    assert tck.run_tck(str(root), str(csv_path), out=out) == 0
    rows = list(csv.reader(csv_path.open()))
    assert [r[:3] for r in rows] == [
        ["compliance-level-2/0001-x", "0001-x-test-01", "001"],
        ["compliance-level-2/0001-x", "0001-x-test-01", "002"],
        ["compliance-level-3/0002-y", "0002-y-test-01", ""],
    ]
    assert all(r[3] == tck.ERROR and r[4] for r in rows)  # the model cannot load; the XML is broken
    assert rows[1][4]  # a message for every ERROR
    text = out.getvalue()
    assert "compliance-level-2: 0/2 passed" in text
    assert "compliance-level-3: 0/1 passed" in text
    raw = csv_path.read_text().splitlines()[0]
    assert raw.startswith('"compliance-level-2/0001-x","0001-x-test-01","001","ERROR","')


def test_labels_are_relative_to_the_level_folder_even_for_a_sub_root(tmp_path):
    root = make_tree(tmp_path)
    outcomes = list(tck.iter_outcomes(root / "compliance-level-2"))
    assert {o.folder for o in outcomes} == {"compliance-level-2/0001-x"}
    assert tck.summarize(outcomes) == {"compliance-level-2": (0, 2)}


def test_test_files_with_a_doctype_are_refused(tmp_path):
    path = tmp_path / "evil-test-01.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE t [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    f'<testCases {NS}><testCase id="1"/></testCases>')
    with pytest.raises(tck.TckFileError):
        tck.parse_test_file(path)


def test_parse_test_file_reads_the_real_tck_shape(tmp_path):
    path = tmp_path / "a-test-01.xml"
    path.write_text(TEST_FILE)
    test_file = tck.parse_test_file(path)
    assert test_file.model_name == "m.dmn"
    assert [c.id for c in test_file.cases] == ["001", "002"]
    first, second = test_file.cases
    assert first.inputs == [("x", None, Decimal(1))] and first.problem is None
    assert first.results[0].expected == Decimal(2) and not first.results[0].error_result
    assert second.problem and "xsd:date" in second.problem


def test_a_runaway_evaluation_becomes_an_error_row(tmp_path, monkeypatch):
    root = make_tree(tmp_path)

    class Spinning:
        def by_file(self, name):
            return self

        def evaluate(self, name, inputs):
            while True:
                try:
                    sum(range(1000))
                except Exception:  # an engine that swallows everything must still be stopped
                    pass

    monkeypatch.setattr(tck, "_engine", lambda: ((lambda folder: Spinning()), FakeError, FakeEvaluationError))
    outcomes = list(tck.iter_outcomes(root / "compliance-level-2", timeout=0.2))
    assert outcomes[0].status == tck.ERROR and "timed out" in outcomes[0].message
    assert outcomes[1].status == tck.ERROR and "bad test value" in outcomes[1].message


# --- numbers the TCK renders from binary doubles ------------------------------------------------


@pytest.mark.parametrize(("expected", "actual"), [
    # exp(4) = 54.598150033144236..., written to 8 decimals in 0052-feel-exp-function
    ("54.59815003", "54.59815003314423907811026120286088"),
    # 17/3 in 0012-list-functions, written as a double's text
    ("5.66666666666667", "5.666666666666666666666666666666667"),
    # a loan payment computed in doubles drifts in the 14th digit (0008-LX-arithmetic)
    ("562.707359373292", "562.7073593732659271562143285576524"),
])
def test_a_rendering_of_a_non_terminating_result_matches_the_34_digit_value(expected, actual):
    assert tck.compare(Decimal(expected), Decimal(actual)) is None


@pytest.mark.parametrize(("expected", "actual"), [
    ("0.33", "0.333"),  # two decimals: an exact value, compared exactly
    ("10.5", "10.50000001"),
    ("562.707359373292", "562.70735937"),  # relative difference 5.9E-12: beyond double drift
    ("54.59815003", "54.59815004"),
])
def test_other_numbers_must_be_equal_exactly(expected, actual):
    assert tck.compare(Decimal(expected), Decimal(actual)) is not None


LENIENT_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="m" name="m" namespace="https://example.org/m">
  <decision id="good" name="good"><literalExpression><text>1 + 1</text></literalExpression></decision>
  <decision id="bad" name="bad"><literalExpression><text>1 + </text></literalExpression></decision>
</definitions>
"""
LENIENT_TESTS = f"""<testCases {NS}>
  <modelName>m.dmn</modelName>
  <testCase id="good"><resultNode name="good"><expected><value xsi:type="xsd:decimal">2</value></expected>
  </resultNode></testCase>
  <testCase id="bad"><resultNode name="bad" errorResult="true"><expected><value xsi:nil="true"/></expected>
  </resultNode></testCase>
</testCases>
"""


def test_a_model_with_a_faulty_decision_runs_the_others(tmp_path):
    """The runner loads leniently: the faulty decision is the TCK's errorResult, the other one runs."""
    folder = tmp_path / "compliance-level-3" / "0001-lenient"
    folder.mkdir(parents=True)
    (folder / "m.dmn").write_text(LENIENT_MODEL)
    (folder / "0001-lenient-test-01.xml").write_text(LENIENT_TESTS)
    outcomes = list(tck.iter_outcomes(tmp_path))
    assert [(o.case_id, o.status) for o in outcomes] == [("good", tck.SUCCESS), ("bad", tck.SUCCESS)]
