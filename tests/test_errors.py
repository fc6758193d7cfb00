"""Load errors: every problem names the file, the line and the element, and a FEEL syntax error
shows the text with a caret under the fault. Hostile XML is refused, and no model of the TCK
makes ``load`` raise anything but ``LoadError``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from service.dmn import DmnError, LoadError, load

NS = "https://www.omg.org/spec/DMN/20191111/MODEL/"
FIXTURES = Path("/work/shared/tools/dmn-check/fixtures")
TCK = Path("/work/shared/dmn-tck")


def write(tmp_path, lines: list[str], name: str = "model.dmn") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_error(path) -> LoadError:
    with pytest.raises(LoadError) as info:
        load(path)
    return info.value


# One rule's input entry holds ">= 18 65": the "65" after a complete test (offset 6) is the fault.
BAD_CELL = [
    '<?xml version="1.0" encoding="UTF-8"?>',  # line 1
    f'<definitions xmlns="{NS}" id="defs" name="Bad" namespace="http://example.com/bad">',  # 2
    '<inputData id="age" name="Age"><variable name="Age" typeRef="number"/></inputData>',  # 3
    '<decision id="d" name="Category"><variable name="Category" typeRef="string"/>',  # 4
    '<informationRequirement><requiredInput href="#age"/></informationRequirement>',  # 5
    '<decisionTable id="table" hitPolicy="UNIQUE">',  # 6
    '<input id="i1"><inputExpression typeRef="number"><text>Age</text></inputExpression></input>',  # 7
    '<output id="o1"/>',  # 8
    '<rule id="rule-ok">',  # 9
    "<inputEntry><text>&lt; 18</text></inputEntry>",  # 10
    '<outputEntry><text>"minor"</text></outputEntry>',  # 11
    "</rule>",  # 12
    '<rule id="rule-bad">',  # 13
    "<inputEntry><text>&gt;= 18 65</text></inputEntry>",  # 14
    '<outputEntry><text>"adult"</text></outputEntry>',  # 15
    "</rule>",  # 16
    "</decisionTable>",  # 17
    "</decision>",  # 18
    "</definitions>",  # 19
]


def test_feel_syntax_error_in_a_rule_cell(tmp_path):
    path = write(tmp_path, BAD_CELL, "bad-cell.dmn")
    err = load_error(path)
    assert len(err.problems) == 1
    problem = err.problems[0]
    assert problem.file is not None and Path(problem.file).name == "bad-cell.dmn"
    assert problem.line == 14
    assert problem.element_id == "rule-bad"
    assert problem.feel_text == ">= 18 65"
    assert problem.position == 6
    text = str(problem)
    assert "bad-cell.dmn:14" in text
    assert "rule-bad" in text
    lines = text.splitlines()
    assert lines[-2] == ">= 18 65"
    assert lines[-1] == "      ^"
    # the error as a whole lists the problem too
    assert "bad-cell.dmn:14" in str(err)


def test_feel_syntax_error_in_an_output_cell(tmp_path):
    lines = list(BAD_CELL)
    lines[13] = "<inputEntry><text>&gt; 5</text></inputEntry>"
    lines[14] = '<outputEntry><text>"adult" +</text></outputEntry>'
    err = load_error(write(tmp_path, lines))
    (problem,) = err.problems
    assert problem.line == 15
    assert problem.element_id == "rule-bad"
    assert problem.feel_text == '"adult" +'
    assert problem.position == len('"adult" +')  # the operand is missing at the end


def test_every_faulty_cell_is_reported(tmp_path):
    lines = list(BAD_CELL)
    lines[9] = "<inputEntry><text>&lt; &lt;</text></inputEntry>"
    err = load_error(write(tmp_path, lines))
    assert sorted((p.line, p.element_id) for p in err.problems) == [(10, "rule-ok"), (14, "rule-bad")]


def test_feel_syntax_error_in_a_literal_expression(tmp_path):
    lines = [
        f'<definitions xmlns="{NS}" id="defs" name="Bad" namespace="http://example.com/bad">',  # 1
        '<decision id="lit" name="Literal"><variable name="Literal"/>',  # 2
        "<literalExpression>",  # 3
        "<text>if true then 1</text>",  # 4
        "</literalExpression>",  # 5
        "</decision>",  # 6
        "</definitions>",  # 7
    ]
    (problem,) = load_error(write(tmp_path, lines)).problems
    assert Path(problem.file).name == "model.dmn"
    assert problem.line in (3, 4)
    assert problem.position == len("if true then 1")
    assert str(problem).splitlines()[-2:] == ["if true then 1", " " * len("if true then 1") + "^"]


def test_feel_syntax_error_in_a_literal_expression_names_the_decision(tmp_path):
    lines = [
        f'<definitions xmlns="{NS}" id="defs" name="Bad" namespace="http://example.com/bad">',
        '<decision id="lit" name="Literal"><variable name="Literal"/>',
        "<literalExpression><text>if true then 1</text></literalExpression>",
        "</decision>",
        "</definitions>",
    ]
    (problem,) = load_error(write(tmp_path, lines)).problems
    assert problem.element_id == "lit"


def test_unknown_type_ref(tmp_path):
    lines = [
        f'<definitions xmlns="{NS}" id="defs" name="Types" namespace="http://example.com/types">',  # 1
        '<inputData id="in" name="In">',  # 2
        '<variable name="In" typeRef="tNoSuchType"/>',  # 3
        "</inputData>",  # 4
        '<decision id="d" name="D"><variable name="D"/>',  # 5
        '<informationRequirement><requiredInput href="#in"/></informationRequirement>',  # 6
        "<literalExpression><text>In</text></literalExpression>",  # 7
        "</decision>",  # 8
        "</definitions>",  # 9
    ]
    err = load_error(write(tmp_path, lines, "types.dmn"))
    problems = [p for p in err.problems if "tNoSuchType" in p.message]
    assert problems, str(err)
    problem = problems[0]
    assert Path(problem.file).name == "types.dmn"
    assert problem.element_id == "in"
    assert problem.line in (2, 3)


def test_unknown_type_ref_in_an_item_definition(tmp_path):
    lines = [
        f'<definitions xmlns="{NS}" id="defs" name="Types" namespace="http://example.com/types">',
        '<itemDefinition id="item" name="tThing"><typeRef>tMissing</typeRef></itemDefinition>',
        "</definitions>",
    ]
    err = load_error(write(tmp_path, lines))
    assert any("tMissing" in p.message and p.line == 2 for p in err.problems), str(err)


def test_requirement_to_a_missing_id(tmp_path):
    lines = [
        f'<definitions xmlns="{NS}" id="defs" name="Reqs" namespace="http://example.com/reqs">',  # 1
        '<decision id="d" name="D"><variable name="D"/>',  # 2
        "<informationRequirement>",  # 3
        '<requiredDecision href="#nowhere"/>',  # 4
        "</informationRequirement>",  # 5
        "<literalExpression><text>1</text></literalExpression>",  # 6
        "</decision>",  # 7
        "</definitions>",  # 8
    ]
    err = load_error(write(tmp_path, lines, "reqs.dmn"))
    problems = [p for p in err.problems if "nowhere" in p.message]
    assert problems, str(err)
    problem = problems[0]
    assert Path(problem.file).name == "reqs.dmn"
    assert problem.element_id == "d"
    assert problem.line in (2, 3, 4)


def test_knowledge_requirement_to_a_missing_id(tmp_path):
    lines = [
        f'<definitions xmlns="{NS}" id="defs" name="Reqs" namespace="http://example.com/reqs">',
        '<decision id="d" name="D"><variable name="D"/>',
        '<knowledgeRequirement><requiredKnowledge href="#no-bkm"/></knowledgeRequirement>',
        "<literalExpression><text>1</text></literalExpression>",
        "</decision>",
        "</definitions>",
    ]
    err = load_error(write(tmp_path, lines))
    assert any("no-bkm" in p.message and p.element_id == "d" for p in err.problems), str(err)


def test_problems_of_several_kinds_are_all_reported(tmp_path):
    lines = [
        f'<definitions xmlns="{NS}" id="defs" name="Many" namespace="http://example.com/many">',
        '<inputData id="in" name="In"><variable name="In" typeRef="tNope"/></inputData>',
        '<decision id="d" name="D"><variable name="D"/>',
        '<informationRequirement><requiredDecision href="#gone"/></informationRequirement>',
        "<literalExpression><text>1 +</text></literalExpression>",
        "</decision>",
        "</definitions>",
    ]
    err = load_error(write(tmp_path, lines))
    text = str(err)
    assert "tNope" in text and "gone" in text
    assert len(err.problems) >= 3


# --- hostile and broken XML ---------------------------------------------------------------------------


def test_external_entity_is_refused():
    err = load_error(FIXTURES / "xxe.dmn")
    (problem,) = err.problems
    assert Path(problem.file).name == "xxe.dmn"
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else None
    if hostname:
        assert hostname not in str(err)


def test_external_entity_in_a_description_is_refused():
    load_error(FIXTURES / "xxe2.dmn")


def test_external_entity_in_a_folder_is_refused(tmp_path):
    (tmp_path / "xxe.dmn").write_bytes((FIXTURES / "xxe.dmn").read_bytes())
    load_error(tmp_path)


def test_not_xml(tmp_path):
    path = tmp_path / "garbage.dmn"
    path.write_text("this is not XML <<<", encoding="utf-8")
    (problem,) = load_error(path).problems
    assert Path(problem.file).name == "garbage.dmn"
    assert problem.line == 1


def test_missing_file(tmp_path):
    load_error(tmp_path / "absent.dmn")


def test_folder_without_models(tmp_path):
    load_error(tmp_path)


def test_load_error_is_a_dmn_error():
    assert issubclass(LoadError, DmnError)


# --- every model of the TCK loads or fails with LoadError, never anything else ----------------------

TCK_MODELS = sorted(TCK.rglob("*.dmn"))


@pytest.mark.parametrize("path", TCK_MODELS, ids=[str(p.relative_to(TCK)) for p in TCK_MODELS])
def test_tck_model_loads_or_raises_load_error(path):
    try:
        models = load(path)
    except LoadError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.file, str(problem)
        return
    assert len(models) >= 1


def test_tck_has_models():
    assert len(TCK_MODELS) > 100
