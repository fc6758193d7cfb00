"""A BKM whose body is a decision table reading its parameters is called in one generated function
(``generated.function_call`` with the table's ``fuse``): the values, matched rules and warnings are those DMN
1.5 gives, on each of the table's roads (an index, a test that reads another parameter, an output computed
from a parameter, an input outside its input values, an argument of the wrong type), and a table whose input is
an expression keeps the call and the table apart with the same answers.

Expected values are worked out by hand from the tables below."""

from __future__ import annotations

import pytest

from service.dmn import load

NS = "https://www.omg.org/spec/DMN/20191111/MODEL/"


def rule(rule_id: str, entries: tuple[str, ...], output: str) -> str:
    cells = "".join(f"<inputEntry><text>{e}</text></inputEntry>" for e in entries)
    return f'<rule id="{rule_id}">{cells}<outputEntry><text>{output}</text></outputEntry></rule>'


def table_bkm(name: str, params: tuple[str, ...], inputs: tuple[str, ...], rules: str, input_values: str = "") -> str:
    formal = "".join(f'<formalParameter name="{p}" typeRef="number"/>' for p in params)
    columns = "".join(
        f'<input><inputExpression typeRef="number"><text>{text}</text></inputExpression>'
        + (f"<inputValues><text>{input_values}</text></inputValues>" if input_values and i == 0 else "")
        + "</input>" for i, text in enumerate(inputs))
    return (f'<businessKnowledgeModel id="{name}" name="{name}"><variable name="{name}"/><encapsulatedLogic>{formal}'
            f'<decisionTable hitPolicy="UNIQUE">{columns}<output name="out" typeRef="string"/>{rules}'
            f"</decisionTable></encapsulatedLogic></businessKnowledgeModel>")


def decision(name: str, text: str, needs: str) -> str:
    return (f'<decision id="{name}" name="{name}"><variable name="{name}"/>'
            f'<knowledgeRequirement><requiredKnowledge href="#{needs}"/></knowledgeRequirement>'
            f"<literalExpression><text>{text}</text></literalExpression></decision>")


# Level(n): pure tests found by the index; rule 2's output is computed from the parameter
LEVEL = table_bkm("Level", ("n",), ("n",), rule("low", ("&lt; 10",), '"low"')
                  + rule("mid", ("[10..20)",), '"mid " + string(n)') + rule("high", ("&gt;= 20",), '"high"'))
# Grade(score, limit): a test reading the other parameter; score restricted to [0..100]
GRADE = table_bkm("Grade", ("score", "limit"), ("score", "limit"),
                  rule("pass", ("&gt;= limit", "-"), '"pass " + string(score)')
                  + rule("fail", ("&lt; limit", "-"), '"fail"'),
                  input_values="[0..100]")
# Shifted(n): its input is an expression, not a parameter
SHIFTED = table_bkm("Shifted", ("n",), ("n + 1",), rule("a", ("&lt; 10",), '"a"') + rule("b", ("&gt;= 10",), '"b"'))

# Letter(x: tLetter, "A" or "B"): FIRST; a null passes the type and matches rule 3, anything else matches rule 4
LETTER = ('<itemDefinition name="tLetter"><typeRef>string</typeRef><allowedValues><text>"A", "B"</text>'
          '</allowedValues></itemDefinition>'
          '<businessKnowledgeModel id="Letter" name="Letter"><variable name="Letter"/><encapsulatedLogic>'
          '<formalParameter name="x" typeRef="tLetter"/><decisionTable hitPolicy="FIRST">'
          '<input><inputExpression><text>x</text></inputExpression></input><output name="out" typeRef="number"/>'
          + rule("A", ('"A"',), "1") + rule("B", ('"B"',), "2") + rule("none", ("null",), "0")
          + rule("other", ("-",), "9") + "</decisionTable></encapsulatedLogic></businessKnowledgeModel>")

MODEL = f"""<definitions xmlns="{NS}" id="defs" name="Tables" namespace="http://example.com/tables">
{LETTER}{LEVEL}{GRADE}{SHIFTED}
{decision("Letters", '[Letter("A"), Letter("B"), Letter(null), Letter("C"), Letter(1)]', "Letter")}
{decision("Levels", '[Level(5), Level(15), Level(25), Level(null), Level("x"), Level(15, 1)]', "Level")}
{decision("Grades", "[Grade(70, 50), Grade(30, 50), Grade(150, 50)]", "Grade")}
{decision("Shifts", "[Shifted(3), Shifted(9)]", "Shifted")}
</definitions>"""


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "tables.dmn"
    path.write_text(MODEL, encoding="utf-8")
    return load(path).by_file("tables.dmn")


def matched(result) -> list[str]:
    return [r.id for step in result.trace for r in step.matched_rules]


def called(model, name: str):
    """The BKM's call function (under its memory, when it is remembered)."""
    call = model._static[name].call
    return getattr(call, "call", call)


def test_a_table_bkm_reading_its_parameters_is_one_function(model):
    for name in ("Level", "Grade", "Letter"):
        code = called(model, name).__code__
        assert code.co_name == "call" and "matched_rules" in code.co_varnames  # the table's code is in the call
    assert "matched_rules" not in called(model, "Shifted").__code__.co_varnames  # an input expression: two


def test_the_index_and_a_computed_output(model):
    result = model.evaluate("Levels", {})
    # 5 < 10: low; 15 in [10..20): "mid 15"; 25 >= 20: high; null passes no test: no rule, null (UNIQUE);
    # "x" is no number: the invocation is null (DMN 1.5 §10.3.2.13.2); two arguments for one parameter: null
    assert result.value == ["low", "mid 15", "high", None, None, None]
    assert matched(result) == ["low", "mid", "high"]


def test_a_test_reading_another_parameter_and_the_input_values(model):
    result = model.evaluate("Grades", {})
    # 70 >= 50: pass, its output "pass 70"; 30 < 50: fail; 150 is outside [0..100]: null for the rules
    # (DMN 1.5 §8.3.3), so neither test holds and no rule matches: null, with a warning naming the input
    assert result.value == ["pass 70", "fail", None]
    assert matched(result) == ["pass", "fail"]
    assert any("150" in m.text and "input values" in m.text for m in result.messages)


def test_a_table_whose_input_is_an_expression(model):
    result = model.evaluate("Shifts", {})
    assert result.value == ["a", "b"]  # 3 + 1 < 10; 9 + 1 >= 10
    assert matched(result) == ["a", "b"]


def test_an_argument_outside_its_enumeration(model):
    result = model.evaluate("Letters", {})
    # "A" and "B" are tLetter's values; null conforms to any type (rule 3); "C" and 1 do not conform to tLetter,
    # so those invocations are null (DMN 1.5 §10.3.2.13.2) and no rule matches, not even rule 4's "-"
    assert result.value == [1, 2, 0, None, None]
    assert matched(result) == ["A", "B", "none"]
