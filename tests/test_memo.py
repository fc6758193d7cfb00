"""Repeated invocations of pure BKMs answered from memory (service/dmn/memo.py): the value, the trace's matched
rules, the warnings and the budget are those of an evaluation that computes every invocation.

The models are written into tmp_path; expected values are worked out by hand from their FEEL and tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from service.dmn import Budget, BudgetExceeded, load
from service.dmn.memo import Remembering, key

NS = "https://www.omg.org/spec/DMN/20191111/MODEL/"


def literal(text: str) -> str:
    return f"<literalExpression><text>{text}</text></literalExpression>"


def bkm(name: str, params: list[tuple[str, str | None]], body: str, needs: tuple = ()) -> str:
    formal = "".join(f'<formalParameter name="{p}"' + (f' typeRef="{t}"' if t else "") + "/>" for p, t in params)
    knows = "".join(f'<knowledgeRequirement><requiredKnowledge href="#{n}"/></knowledgeRequirement>' for n in needs)
    return (f'<businessKnowledgeModel id="{name}" name="{name}"><variable name="{name}"/>'
            f"<encapsulatedLogic>{formal}{body}</encapsulatedLogic>{knows}</businessKnowledgeModel>")


def decision(name: str, text: str, needs: tuple = (), inputs: tuple = ()) -> str:
    knows = "".join(f'<knowledgeRequirement><requiredKnowledge href="#{n}"/></knowledgeRequirement>' for n in needs)
    info = "".join(f'<informationRequirement><requiredInput href="#{i}"/></informationRequirement>' for i in inputs)
    return f'<decision id="{name}" name="{name}"><variable name="{name}"/>{info}{knows}{literal(text)}</decision>'


def input_data(name: str, type_ref: str) -> str:
    return f'<inputData id="{name}" name="{name}"><variable name="{name}" typeRef="{type_ref}"/></inputData>'


# Band(n): a table with a computed output (so that it is remembered) and an annotation per rule
BAND = bkm("Band", [("n", "number")], """
<decisionTable hitPolicy="UNIQUE">
  <input><inputExpression typeRef="number"><text>n</text></inputExpression></input>
  <output name="label" typeRef="string"/>
  <annotation name="note"/>
  <rule id="low"><inputEntry><text>&lt; 10</text></inputEntry><outputEntry><text>"low " + string(n)</text></outputEntry>
    <annotationEntry><text>below ten</text></annotationEntry></rule>
  <rule id="high"><inputEntry><text>&gt;= 10</text></inputEntry>
    <outputEntry><text>"high " + string(n)</text></outputEntry>
    <annotationEntry><text>ten or more</text></annotationEntry></rule>
</decisionTable>""")

MODEL = f"""<definitions xmlns="{NS}" id="defs" name="Memo" namespace="http://example.com/memo">
{input_data("x", "number")}
{input_data("s", "string")}
{input_data("size", "number")}
{BAND}
{bkm("Same", [("v", None)], literal("v"))}
{bkm("Items", [("k", "number")], literal("count(for i in 1..k return i)"))}
{bkm("Huge", [("v", "number")], literal("v * 1E+6144 * 10"))}
{bkm("Stamp", [("v", "number")], literal("if today() = null then null else v"))}
{bkm("Via stamp", [("v", "number")], literal("Stamp(v)"), ("Stamp",))}
{decision("Bands", "[Band(x), Band(x + 20), Band(x)]", ("Band",), ("x",))}
{decision("Echo", "Same(x)", ("Same",), ("x",))}
{decision("Echo text", "Same(s)", ("Same",), ("s",))}
{decision("Count", "Items(size)", ("Items",), ("size",))}
{decision("Overflow", "Huge(x)", ("Huge",), ("x",))}
{decision("Overflow twice", "[Huge(x), Huge(x)]", ("Huge",), ("x",))}
{bkm("Deep", [("n", "number")], literal("if n = 0 then 1E+6144 * 10 else Deep(n - 1)"), ("Deep",))}
{decision("Deep overflow", "Deep(x)", ("Deep",), ("x",))}
</definitions>"""


@pytest.fixture()
def model(tmp_path):
    path = tmp_path / "memo.dmn"
    path.write_text(MODEL, encoding="utf-8")
    return load(path).by_file("memo.dmn")


def rules_of(result) -> list[tuple[int, str, str]]:
    return [(r.index, r.id, r.annotation) for step in result.trace for r in step.matched_rules]


def test_a_remembered_invocation_gives_the_value_and_the_matched_rules_again(model):
    first = model.evaluate("Bands", {"x": D(3)})
    again = model.evaluate("Bands", {"x": D(3)})
    # Band(3) is rule 1 ("low 3"), Band(23) rule 2 ("high 23"), Band(3) rule 1 again: each invocation's rule
    expected_rules = [(1, "low", "below ten"), (2, "high", "ten or more"), (1, "low", "below ten")]
    for result in (first, again):
        assert result.value == ["low 3", "high 23", "low 3"]
        assert rules_of(result) == expected_rules
    assert model._static["Band"].call.memory  # it was remembered


def test_numbers_are_remembered_by_their_exact_text_and_kept_apart_from_other_classes(model):
    assert str(model.evaluate("Echo", {"x": D("1.0")}).value) == "1.0"
    assert str(model.evaluate("Echo", {"x": D("1.00")}).value) == "1.00"  # equal to 1.0, not the same text
    assert model.evaluate("Echo text", {"s": "1.0"}).value == "1.0"  # a string, not the number 1.0
    assert key([True], False) != key([D(1)], False)  # true is no number
    assert key([D(1)], False) != key(["1"], False)
    assert key([dt.date(2026, 1, 1)], False) == key([dt.date(2026, 1, 1)], False)
    assert key([D(1)], True) != key([D(1)], False)  # strict evaluation may answer otherwise


def test_a_remembered_invocation_still_spends_its_items(model):
    # Items(5): the range 1..5 becomes 5 elements and the `for` builds 5 (budget.py counts both): 10 items, so
    # a budget of 9 items is exceeded whether or not the invocation is remembered, and one of 10 is not
    assert model.evaluate("Count", {"size": D(5)}, budget=Budget(5, 100)).value == D(5)
    for _ in range(2):
        with pytest.raises(BudgetExceeded):
            model.evaluate("Count", {"size": D(5)}, budget=Budget(5, 9))
    assert model.evaluate("Count", {"size": D(5)}, budget=Budget(5, 10)).value == D(5)


def test_an_invocation_that_warns_warns_each_time(model):
    for _ in range(3):
        result = model.evaluate("Overflow", {"x": D(1)})
        assert result.value is None  # past decimal128: null with a warning (DMN 1.5, 10.3.2.3.1)
        assert any("range" in m.text for m in result.messages)


def test_a_warning_given_already_in_the_evaluation_is_still_given_by_the_next(model):
    # the second Huge(1) finds its warning given already (once per evaluation): it must not be remembered
    # without it, or the next evaluation would get null with no warning
    first = model.evaluate("Overflow twice", {"x": D(1)})
    assert first.value == [None, None]
    assert [m.text for m in first.messages if "range" in m.text] != []
    result = model.evaluate("Overflow", {"x": D(1)})
    assert result.value is None and any("range" in m.text for m in result.messages)


def test_a_deep_recursion_that_warns_is_computed_once_per_level(model):
    # Deep(40) calls Deep(39) ... Deep(0), whose value is out of range: null and one warning; were each level
    # computed twice the evaluation would take 2**40 calls
    result = model.evaluate("Deep overflow", {"x": D(40)}, budget=Budget(5, 1000))
    assert result.value is None
    assert len([m for m in result.messages if "range" in m.text]) == 1


def test_bkms_reading_the_clock_are_not_remembered(model):
    assert not isinstance(model._static["Stamp"].call, Remembering)  # today() changes from day to day
    assert not isinstance(model._static["Via stamp"].call, Remembering)  # it calls one that reads the clock
    assert isinstance(model._static["Same"].call, Remembering)


def test_a_bkm_whose_arguments_never_repeat_stops_remembering(model):
    from service.dmn import memo

    for i in range(memo.WINDOW + 1):
        assert model.evaluate("Echo", {"x": D(i)}).value == D(i)
    assert not isinstance(model._static["Same"].call, Remembering)  # its calls go straight to its body
    assert model.evaluate("Echo", {"x": D(7)}).value == D(7)
