"""Loading with ``strict=False``: an element with an error becomes a diagnostic attached to it (file, line,
element id and the name of the decision or BKM holding it, FEEL text with a caret); the rest of the model
loads and evaluates, and evaluating what needs the faulty element raises an EvaluationError naming it.
``strict=True`` (the default) refuses the same model listing every problem."""

from __future__ import annotations

from decimal import Decimal

import pytest

from service.dmn import EvaluationError, LoadError, load

NS = "https://www.omg.org/spec/DMN/20191111/MODEL/"

MODEL = f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="{NS}" id="m" name="Lenient" namespace="https://example.org/lenient">
  <inputData id="x" name="X"><variable id="x_v" name="X" typeRef="number"/></inputData>
  <decision id="good" name="Good">
    <informationRequirement id="ir1"><requiredInput href="#x"/></informationRequirement>
    <literalExpression id="good_e"><text>X + 1</text></literalExpression>
  </decision>
  <decision id="bad" name="Bad">
    <informationRequirement id="ir2"><requiredInput href="#x"/></informationRequirement>
    <literalExpression id="bad_e"><text>X + * 2</text></literalExpression>
  </decision>
  <decision id="uses" name="Uses bad">
    <informationRequirement id="ir3"><requiredDecision href="#bad"/></informationRequirement>
    <literalExpression id="uses_e"><text>Bad + 1</text></literalExpression>
  </decision>
  <decision id="table" name="Table">
    <informationRequirement id="ir4"><requiredInput href="#x"/></informationRequirement>
    <decisionTable id="t" hitPolicy="FIRST">
      <input id="i1"><inputExpression id="ie1" typeRef="number"><text>X</text></inputExpression></input>
      <output id="o1" typeRef="string"/>
      <rule id="r1"><inputEntry id="r1i"><text>&lt; 10</text></inputEntry>
        <outputEntry id="r1o"><text>"small"</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="r2i"><text>[10..</text></inputEntry>
        <outputEntry id="r2o"><text>"big"</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="ctx" name="Context">
    <informationRequirement id="ir5"><requiredInput href="#x"/></informationRequirement>
    <knowledgeRequirement id="kr1"><requiredKnowledge href="#bkm"/></knowledgeRequirement>
    <context id="c">
      <contextEntry id="c1"><variable id="c1v" name="a"/><literalExpression id="c1e"><text>X * 2</text>
        </literalExpression></contextEntry>
      <contextEntry id="c2"><variable id="c2v" name="b"/><literalExpression id="c2e"><text>twice(a)</text>
        </literalExpression></contextEntry>
    </context>
  </decision>
  <businessKnowledgeModel id="bkm" name="twice">
    <encapsulatedLogic id="bkm_f"><formalParameter id="p" name="n" typeRef="number"/>
      <literalExpression id="bkm_e"><text>n * </text></literalExpression>
    </encapsulatedLogic>
  </businessKnowledgeModel>
  <decision id="typed" name="Typed">
    <variable id="typed_v" name="Typed" typeRef="no such type"/>
    <literalExpression id="typed_e"><text>1</text></literalExpression>
  </decision>
  <decision id="short" name="Short rule">
    <informationRequirement id="ir6"><requiredInput href="#x"/></informationRequirement>
    <decisionTable id="t2">
      <input id="i2"><inputExpression id="ie2"><text>X</text></inputExpression></input>
      <output id="o2"/>
      <rule id="r3"><outputEntry id="r3o"><text>1</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
"""


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "lenient.dmn"
    p.write_text(MODEL, encoding="utf-8")
    return p


@pytest.fixture
def model(path):
    return load(path, strict=False).by_file("lenient.dmn")


def test_strict_loading_refuses_the_model_listing_every_problem(path):
    with pytest.raises(LoadError) as info:
        load(path)
    # the reader's structural fault comes alone: a model whose structure is wrong is not compiled
    assert [p.message for p in info.value.problems] == ["rule has 0 input entries for 1 inputs"]


def test_diagnostics_name_file_line_element_and_caret(model):
    by_id = {p.element_id: p for p in model.diagnostics}
    assert set(by_id) == {"bad_e", "r2", "bkm_e", "typed", "r3"}
    bad = by_id["bad_e"]
    assert (bad.line, bad.element_name, bad.feel_text, bad.position) == (10, "Bad", "X + * 2", 4)
    assert str(bad).endswith("X + * 2\n    ^")
    assert by_id["r2"].element_name == "Table" and by_id["r2"].feel_text == "[10.."
    assert by_id["bkm_e"].element_name == "twice"
    assert by_id["typed"].message == "unknown type 'no such type'"
    assert by_id["r3"].element_name == "Short rule"


def test_models_list_every_diagnostic(path):
    models = load(path, strict=False)
    assert len(models.diagnostics) == 5


def test_the_rest_of_the_model_evaluates(model):
    assert model.evaluate("Good", {"X": Decimal(1)}).value == Decimal(2)
    # rule 1 matches before the faulty rule 2 is reached (FIRST)
    assert model.evaluate("Table", {"X": Decimal(1)}).value == "small"


@pytest.mark.parametrize("decision, named, text", [
    ("Bad", "Bad", "X + * 2"),
    ("Uses bad", "Bad", "X + * 2"),         # a decision requiring the faulty one
    ("Context", "Context", "n * "),         # through a BKM whose body is faulty
])
def test_evaluating_what_needs_the_faulty_element_names_it(model, decision, named, text):
    with pytest.raises(EvaluationError) as info:
        model.evaluate(decision, {"X": Decimal(1)})
    err = info.value
    assert err.decision_name == named
    assert "cannot be evaluated" in str(err) and text in str(err)


def test_a_faulty_rule_is_an_error_when_reached(model):
    with pytest.raises(EvaluationError, match=r"\[10\.\."):
        model.evaluate("Table", {"X": Decimal(20)})


def test_a_bkm_error_names_the_bkm(model):
    with pytest.raises(EvaluationError, match="business knowledge model 'twice' cannot be evaluated"):
        model.evaluate("Context", {"X": Decimal(1)})


@pytest.mark.parametrize("decision", ["Typed", "Short rule"])
def test_a_decision_with_a_structural_or_type_fault_cannot_be_evaluated(model, decision):
    with pytest.raises(EvaluationError, match="cannot be evaluated"):
        model.evaluate(decision, {"X": Decimal(1)})


def test_a_strict_load_has_no_diagnostics(tmp_path):
    p = tmp_path / "fine.dmn"
    p.write_text(MODEL.replace("X + * 2", "X * 2").replace("[10..", "&gt;= 10").replace("n * ", "n * 2")
                 .replace("no such type", "number")
                 .replace('<rule id="r3">', '<rule id="r3"><inputEntry id="r3i"><text>-</text></inputEntry>'),
                 encoding="utf-8")
    model = load(p).by_file("fine.dmn")
    assert model.diagnostics == []
    assert model.evaluate("Uses bad", {"X": Decimal(1)}).value == Decimal(3)


def test_a_folder_with_a_file_that_is_no_model_loads_the_others(tmp_path, path):
    (tmp_path / "broken.dmn").write_text("<definitions", encoding="utf-8")
    models = load(tmp_path, strict=False)
    assert [m.name for m in models.all()] == ["Lenient"]
    assert any("not well-formed XML" in p.message for p in models.diagnostics)
    with pytest.raises(LoadError):
        load(tmp_path)


def test_a_decision_requiring_a_missing_element_or_itself_cannot_be_evaluated(tmp_path):
    p = tmp_path / "graph.dmn"
    p.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="{NS}" id="g" name="Graph" namespace="https://example.org/graph">
  <decision id="a" name="A"><informationRequirement id="ra"><requiredDecision href="#b"/></informationRequirement>
    <literalExpression id="ae"><text>B</text></literalExpression></decision>
  <decision id="b" name="B"><informationRequirement id="rb"><requiredDecision href="#a"/></informationRequirement>
    <literalExpression id="be"><text>A</text></literalExpression></decision>
  <decision id="c" name="C"><informationRequirement id="rc"><requiredInput href="#gone"/></informationRequirement>
    <literalExpression id="ce"><text>1</text></literalExpression></decision>
  <decision id="d" name="D"><literalExpression id="de"><text>2</text></literalExpression></decision>
</definitions>
""", encoding="utf-8")
    model = load(p, strict=False).by_file("graph.dmn")
    messages = [p.message for p in model.diagnostics]
    assert any("cycle" in m for m in messages) and any("'#gone' names no element" in m for m in messages)
    assert model.evaluate("D", {}).value == Decimal(2)
    with pytest.raises(EvaluationError, match="cannot be evaluated: .*#gone"):
        model.evaluate("C", {})
    with pytest.raises(EvaluationError, match="cycle"):
        model.evaluate("A", {})


def test_faulty_input_and_output_values(tmp_path):
    def table(ident, hit, input_values, output_values):
        return f"""<decision id="{ident}" name="{ident}">
    <informationRequirement id="r{ident}"><requiredInput href="#x"/></informationRequirement>
    <decisionTable id="t{ident}" hitPolicy="{hit}">
      <input id="i{ident}"><inputExpression id="e{ident}"><text>X</text></inputExpression>
        <inputValues id="iv{ident}"><text>{input_values}</text></inputValues></input>
      <output id="o{ident}"><outputValues id="ov{ident}"><text>{output_values}</text></outputValues></output>
      <rule id="ra{ident}"><inputEntry><text>-</text></inputEntry><outputEntry><text>"a"</text></outputEntry></rule>
      <rule id="rb{ident}"><inputEntry><text>-</text></inputEntry><outputEntry><text>"b"</text></outputEntry></rule>
    </decisionTable></decision>"""
    p = tmp_path / "values.dmn"
    p.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="{NS}" id="v" name="Values" namespace="https://example.org/values">
  <inputData id="x" name="X"><variable id="xv" name="X"/></inputData>
  {table("priority", "PRIORITY", "1, 2", '"b", "a')}
  {table("collect", "COLLECT", "1, 2", '"b", "a')}
  {table("inputs", "COLLECT", "[1..", '"a", "b"')}
</definitions>
""", encoding="utf-8")
    model = load(p, strict=False).by_file("values.dmn")
    assert {d.element_id for d in model.diagnostics} == {"opriority", "ocollect", "iinputs"}
    # output values give a PRIORITY table its order: without them it cannot be evaluated (8.2.11)
    with pytest.raises(EvaluationError, match="cannot be evaluated"):
        model.evaluate("priority", {"X": Decimal(1)})
    # any table checks its outputs against them (a value outside them is null, DMN 1.5 §8.3.3)
    with pytest.raises(EvaluationError, match="cannot be evaluated"):
        model.evaluate("collect", {"X": Decimal(1)})
    # an input checked against input values that do not compile
    with pytest.raises(EvaluationError, match=r"\[1\.\."):
        model.evaluate("inputs", {"X": Decimal(1)})
    assert model.evaluate("inputs", {}).value == ["a", "b"]  # null is not checked


def test_a_decision_service_with_a_broken_reference_cannot_be_evaluated(tmp_path):
    p = tmp_path / "service.dmn"
    p.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="{NS}" id="s" name="Services" namespace="https://example.org/services">
  <decision id="d" name="D"><literalExpression id="de"><text>2</text></literalExpression></decision>
  <decisionService id="good" name="Good"><outputDecision href="#d"/></decisionService>
  <decisionService id="bad" name="Bad"><outputDecision href="#d"/><inputData href="#gone"/></decisionService>
</definitions>
""", encoding="utf-8")
    model = load(p, strict=False).by_file("service.dmn")
    assert [d.element_id for d in model.diagnostics] == ["bad"]
    assert model.evaluate_service("Good", {}).value == Decimal(2)
    with pytest.raises(EvaluationError, match="decision service 'Bad' cannot be evaluated: .*#gone"):
        model.evaluate_service("Bad", {})
