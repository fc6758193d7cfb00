"""The DMN reader: safe parsing, DMN 1.1-1.5, every expression kind, structural problems.

Expected values are read off the model files by hand (line numbers, texts, counts), not copied from
the reader's output.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from service.dmn import model
from service.dmn.errors import LoadError
from service.dmn.reader import MAX_BYTES, parse_xml, read_definitions, read_file

SHARED = Path("/work/shared")
TCK = SHARED / "dmn-tck"
FIXTURES = SHARED / "tools" / "dmn-check" / "fixtures"
LEVEL3 = TCK / "compliance-level-3"

TCK_MODELS = sorted(TCK.glob("compliance-level-*/**/*.dmn"))

needs_tck = pytest.mark.skipif(not TCK.is_dir(), reason="the DMN TCK is not in /work/shared")
needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason="dmn-check fixtures are missing")

DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/"
DMN11 = "http://www.omg.org/spec/DMN/20151101/dmn.xsd"


def dmn13(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<definitions xmlns="{DMN13}" id="defs" name="T" namespace="http://t">\n{body}\n</definitions>\n'
            ).encode()


def load_error(data: bytes, file: str = "t.dmn") -> LoadError:
    with pytest.raises(LoadError) as info:
        read_definitions(data, file)
    return info.value


def decision(defs: model.Definitions, name: str) -> model.Decision:
    return next(d for d in defs.decisions if d.name == name)


# --- the whole TCK ------------------------------------------------------------------------------


@needs_tck
def test_the_tck_has_models_at_both_levels():
    assert any("compliance-level-2" in str(p) for p in TCK_MODELS)
    assert any("compliance-level-3" in str(p) for p in TCK_MODELS)


@needs_tck
@pytest.mark.parametrize("path", TCK_MODELS, ids=lambda p: f"{p.parent.parent.name[-7:]}/{p.name}")
def test_every_tck_model_reads(path):
    # No TCK model is expected to raise LoadError: they are all well-formed, valid DMN.
    defs = read_file(path)
    assert defs.dmn_version in ("1.2", "1.3", "1.4", "1.5")
    assert defs.file == str(path)
    assert defs.decisions or defs.bkms or defs.item_definitions or defs.input_data


# --- a decision table: compliance-level-2/0004-simpletable-U --------------------------------------


@needs_tck
def test_simple_unique_table():
    defs = read_file(TCK / "compliance-level-2" / "0004-simpletable-U" / "0004-simpletable-U.dmn")
    assert defs.dmn_version == "1.5"
    assert defs.name == "0004-simpletable-U"
    assert defs.namespace == "http://www.trisotech.com/definitions/_edbd2d8e-a5a8-4660-9bb9-adaa792d900c"
    assert [(i.name, i.type_ref, i.line) for i in defs.input_data] == [
        ("Age", "number", 96), ("RiskCategory", "string", 99), ("isAffordable", "boolean", 102)]

    (dec,) = defs.decisions
    assert (dec.id, dec.name, dec.type_ref, dec.line) == (
        "_3b2953a3-745f-4d2e-b55d-75c8c5ae653c", "Approval Status", "string", 3)
    assert [(r.kind, r.href, r.line) for r in dec.requirements] == [
        ("input", "#_5a4bdb64-f0ef-4978-9e03-6f1ae64a1f17", 6),
        ("input", "#_41effb45-b3c4-46ac-b1da-122b3e428a98", 9),
        ("input", "#_8ff18665-84e9-49f2-a8df-8981b1844549", 12),
    ]

    table = dec.expression
    assert isinstance(table, model.DecisionTable)
    assert table.line == 14
    assert table.hit_policy == "UNIQUE"
    assert table.aggregation is None
    assert table.output_label == "Approval Status"
    assert [(i.label, i.text, i.type_ref) for i in table.inputs] == [
        ("Age", "Age", "number"), ("RiskCategory", "RiskCategory", "string"),
        ("isAffordable", "isAffordable", "boolean")]
    assert [i.input_values for i in table.inputs] == [None, '"High", "Low", "Medium"', None]
    assert table.inputs[0].id == "_bf7fc56f-ea82-464e-a541-f3221dc07e78"
    (out,) = table.outputs
    assert (out.name, out.type_ref, out.output_values, out.default) == (
        None, None, '"Approved", "Declined"', None)

    assert len(table.rules) == 4
    assert [(r.input_entries, r.output_entries) for r in table.rules] == [
        ([">=18", '"Medium","Low"', "true"], ['"Approved"']),
        (["<18", '"Medium","Low"', "true"], ['"Declined"']),
        (["-", '"High"', "true"], ['"Declined"']),
        (["-", "-", "false"], ['"Declined"']),
    ]
    first = table.rules[0]
    assert first.id == "_7f03803d-2636-40ab-8346-7fd7f38ab695"
    assert first.line == 38
    assert first.input_lines == [39, 42, 45]
    assert first.output_lines == [48]
    assert first.annotations == []


# --- other expression kinds from the TCK --------------------------------------------------------


@needs_tck
def test_boxed_conditional_15():
    defs = read_file(LEVEL3 / "1150-boxed-conditional" / "1150-boxed-conditional.dmn")
    dec = decision(defs, "decision001")
    assert dec.id == "_decision001" and dec.type_ref is None
    cond = dec.expression
    assert isinstance(cond, model.Conditional)
    assert cond.line == 14
    assert [(type(e).__name__, e.text) for e in (cond.if_, cond.then, cond.else_)] == [
        ("LiteralExpression", "true"), ("LiteralExpression", '"then"'), ("LiteralExpression", '"else"')]
    assert decision(defs, "decision003").expression.if_.text == '"abc"'


@needs_tck
def test_boxed_filter_for_every():
    filt = read_file(LEVEL3 / "1151-boxed-filter" / "1151-boxed-filter.dmn").decisions[0].expression
    assert isinstance(filt, model.Filter)
    assert (filt.in_.text, filt.match.text) == ("[1,2,3,4,5]", "item >= 3")

    loop = read_file(LEVEL3 / "1152-boxed-for" / "1152-boxed-for.dmn").decisions[0].expression
    assert isinstance(loop, model.Iterator)
    assert (loop.variable, loop.in_.text, loop.body.text) == ("element", "[1,2,3,4,5]", "element * 2")

    every = read_file(LEVEL3 / "1154-boxed-every" / "1154-boxed-every.dmn").decisions[0].expression
    assert isinstance(every, model.Quantified)
    assert (every.kind, every.variable, every.in_.text, every.body.text) == (
        "every", "element", "[1,2,3,4,5]", "element > 0")


@needs_tck
def test_relation_and_list():
    defs = read_file(LEVEL3 / "0016-some-every" / "0016-some-every.dmn")
    rel = decision(defs, "priceTable1").expression
    assert isinstance(rel, model.Relation)
    assert rel.line == 19
    assert rel.columns == [("itemName", None), ("price", None)]
    assert [[cell.text for cell in row] for row in rel.rows][:3] == [
        ['"widget"', "25"], ['"sprocket"', "15"], ['"trinket"', "1.5"]]

    defs = read_file(LEVEL3 / "1161-boxed-list-expression" / "1161-boxed-list-expression.dmn")
    assert defs.item_definitions[0].name == "stringList"
    assert defs.item_definitions[0].is_collection
    assert defs.item_definitions[0].type_ref == "string"
    lst = decision(defs, "BList").expression
    assert isinstance(lst, model.ListExpr)
    assert (lst.id, lst.type_ref) == ("_D20690B7-C133-41B0-81A1-50532E5EE167", "stringList")
    assert [(i.text, i.type_ref) for i in lst.items] == [
        ("string(A)", "string"), ("string(B)", "string"), ("C", "string")]


@needs_tck
def test_bkms_and_function_items():
    defs = read_file(LEVEL3 / "0092-feel-lambda" / "0092-feel-lambda.dmn")
    lam = next(i for i in defs.item_definitions if i.name == "lambda_number_number_returns_number")
    assert lam.function_params == [("n1", "number"), ("n2", "number")]
    assert lam.function_output == "number"
    bkm = next(b for b in defs.bkms if b.name == "bkm_004_1")
    assert bkm.logic.params == []
    inner = bkm.logic.body  # the BKM returns a function
    assert isinstance(inner, model.FunctionDefinition)
    assert inner.params == [("a", "number")] and inner.body.text == "1 + a" and inner.kind == "FEEL"
    bkm5 = next(b for b in defs.bkms if b.name == "bkm_005_1")
    assert bkm5.logic.params == [("a", "number")]
    assert bkm5.logic.body.text == "function (b: number) a * b"


@needs_tck
def test_java_function_in_a_context():
    defs = read_file(LEVEL3 / "0076-feel-external-java" / "0076-feel-external-java.dmn")
    ctx = defs.decisions[0].expression
    assert isinstance(ctx, model.ContextExpr)
    entry = ctx.entries[0]
    assert entry.name == "maxDouble"
    fn = entry.expression
    assert isinstance(fn, model.FunctionDefinition)
    assert fn.kind == "Java"
    assert fn.params == [("d1", "number"), ("d2", "number")]
    assert [e.name for e in fn.body.entries][:2] == ["class", "method signature"]
    assert fn.body.entries[0].expression.text == '"java.lang.Math"'


@needs_tck
def test_invocation_of_a_bkm():
    defs = read_file(LEVEL3 / "0038-dt-on-bkm-explicit-params" / "0038-dt-on-bkm-explicit-params.dmn")
    inv = next(d.expression for d in defs.decisions if isinstance(d.expression, model.Invocation))
    assert inv.callee.text == "Description"
    assert [(name, expr.text) for name, expr in inv.bindings] == [("Person", "Person")]


@needs_tck
def test_decision_services():
    defs = read_file(LEVEL3 / "0085-decision-services" / "0085-decision-services.dmn")
    services = {s.name: s for s in defs.decision_services}
    s3 = services["decisionService_003"]
    assert (s3.id, s3.line) == ("_decisionService_003", 51)
    assert s3.output_decisions == ["#_decision_003"]
    assert s3.input_decisions == ["#_decision_003_input_1", "#_decision_003_input_2"]
    assert s3.input_data == ["#_inputData_003"]
    assert s3.encapsulated_decisions == []
    assert services["decisionService_001"].input_decisions == []


@needs_tck
def test_imports_and_prefixed_root():
    defs = read_file(LEVEL3 / "0086-import" / "0086-import.dmn")
    (imp,) = defs.imports
    assert (imp.name, imp.namespace, imp.line) == (
        "myimport", "http://www.trisotech.com/definitions/_f27bb64b-6fc7-4e1f-9848-11ba35e0df36", 18)
    assert imp.import_type == "https://www.omg.org/spec/DMN/20230324/MODEL/"
    dec = defs.decisions[0]
    assert dec.requirements[1].kind == "knowledge"
    assert dec.requirements[1].href == (
        "http://www.trisotech.com/definitions/_f27bb64b-6fc7-4e1f-9848-11ba35e0df36"
        "#_32543811-b499-4608-b784-6c6f294b1c58")

    # the root written as <dmn:definitions> with another default namespace
    defs = read_file(LEVEL3 / "0070-feel-instance-of" / "0070-feel-instance-of.dmn")
    assert defs.dmn_version == "1.5"
    assert defs.item_definitions[0].name == "t_context_013"
    assert [(c.name, c.type_ref) for c in defs.item_definitions[0].components] == [
        ("a", "string"), ("b", "string")]


# --- DMN 1.1 ------------------------------------------------------------------------------------

DMN11_MODEL = f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="{DMN11}" xmlns:feel="http://www.omg.org/spec/FEEL/20140401"
             xmlns:tns="http://example.com/m11" xmlns:other="http://other"
             id="m11" name="Model 11" namespace="http://example.com/m11">
  <itemDefinition id="tPerson" name="tPerson">
    <itemComponent id="c1" name="name"><typeRef>feel:string</typeRef></itemComponent>
    <itemComponent id="c2" name="age"><typeRef>feel:number</typeRef>
      <allowedValues><text>[0..150]</text></allowedValues></itemComponent>
  </itemDefinition>
  <itemDefinition name="tPeople" isCollection="true"><typeRef>tns:tPerson</typeRef></itemDefinition>
  <inputData id="i1" name="Person"><variable id="v1" name="Person" typeRef="tns:tPerson"/></inputData>
  <inputData id="i2" name="Other"><variable name="Other" typeRef="other:tThing"/></inputData>
  <inputData id="i3" name="Imported"><variable name="Imported" typeRef="myimport.tPerson"/></inputData>
  <decision id="d1" name="Greeting">
    <variable name="Greeting" typeRef="feel:string"/>
    <informationRequirement><requiredInput href="#i1"/></informationRequirement>
    <knowledgeRequirement><requiredKnowledge href="#b1"/></knowledgeRequirement>
    <authorityRequirement><requiredAuthority href="#ks1"/></authorityRequirement>
    <invocation id="inv1">
      <literalExpression><text>Greet</text></literalExpression>
      <binding><parameter name="who"/><literalExpression><text>Person.name</text></literalExpression>
      </binding>
      <binding><parameter name="unused"/></binding>
    </invocation>
  </decision>
  <decision id="d2" name="Band">
    <variable name="Band" typeRef="feel:string"/>
    <informationRequirement><requiredInput href="#i1"/></informationRequirement>
    <decisionTable id="dt2" hitPolicy="COLLECT" aggregation="COUNT">
      <input id="in1"><inputExpression typeRef="feel:number"><text>Person.age</text></inputExpression></input>
      <output id="out1" name="band" typeRef="feel:string">
        <defaultOutputEntry><text>"none"</text></defaultOutputEntry></output>
      <rule id="r1"><inputEntry><text>&lt; 18</text></inputEntry>
        <outputEntry><text>"minor"</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <businessKnowledgeModel id="b1" name="Greet">
    <encapsulatedLogic>
      <formalParameter name="who" typeRef="feel:string"/>
      <literalExpression typeRef="feel:string"><text>"Hello " + who</text></literalExpression>
    </encapsulatedLogic>
    <variable name="Greet"/>
  </businessKnowledgeModel>
  <knowledgeSource id="ks1" name="Law"/>
  <textAnnotation id="ta1"><text>note</text></textAnnotation>
  <association id="as1"><sourceRef href="#ta1"/><targetRef href="#d1"/></association>
</definitions>
"""


def test_dmn11_type_refs_are_normalised():
    defs = read_definitions(DMN11_MODEL.encode(), "m11.dmn")
    assert (defs.dmn_version, defs.name, defs.namespace, defs.id) == (
        "1.1", "Model 11", "http://example.com/m11", "m11")
    person, people = defs.item_definitions
    assert [(c.name, c.type_ref) for c in person.components] == [("name", "string"), ("age", "number")]
    assert person.components[1].allowed_values == "[0..150]"
    assert (people.type_ref, people.is_collection) == ("tPerson", True)
    # feel: and tns: (the model's own namespace) are stripped; a foreign prefix and an import name stay
    assert [i.type_ref for i in defs.input_data] == ["tPerson", "other:tThing", "myimport.tPerson"]

    greeting = decision(defs, "Greeting")
    assert greeting.type_ref == "string"
    assert [(r.kind, r.href) for r in greeting.requirements] == [("input", "#i1"), ("knowledge", "#b1")]
    inv = greeting.expression
    assert isinstance(inv, model.Invocation)
    assert inv.callee.text == "Greet"
    assert inv.bindings[0][0] == "who" and inv.bindings[0][1].text == "Person.name"
    assert inv.bindings[1] == ("unused", None)

    table = decision(defs, "Band").expression
    assert (table.hit_policy, table.aggregation) == ("COLLECT", "COUNT")
    assert table.inputs[0].type_ref == "number"
    assert (table.outputs[0].name, table.outputs[0].type_ref, table.outputs[0].default) == (
        "band", "string", '"none"')
    assert table.rules[0].input_entries == ["< 18"]

    (bkm,) = defs.bkms
    assert bkm.logic.params == [("who", "string")]
    assert bkm.logic.body.type_ref == "string"
    assert bkm.logic.body.text == '"Hello " + who'


def test_every_element_keeps_its_line():
    defs = read_definitions(DMN11_MODEL.encode(), "m11.dmn")
    assert defs.line == 4  # libxml2 gives the line where a start tag spanning lines ends
    assert defs.item_definitions[0].line == 5
    assert defs.item_definitions[0].components[1].line == 7
    assert [i.line for i in defs.input_data] == [11, 12, 13]
    assert decision(defs, "Greeting").line == 14
    assert decision(defs, "Greeting").expression.line == 19
    table = decision(defs, "Band").expression
    assert (table.id, table.line) == ("dt2", 29)
    rule = table.rules[0]
    assert (rule.id, rule.line, rule.input_lines, rule.output_lines) == ("r1", 33, [33], [34])


# --- other versions, annotations, defaults ------------------------------------------------------


@needs_fixtures
@pytest.mark.parametrize(("name", "version"), [("ok12.dmn", "1.2"), ("ok13.dmn", "1.3")])
def test_ok_fixtures_read(name, version):
    defs = read_file(FIXTURES / name)
    assert defs.dmn_version == version
    (dec,) = defs.decisions
    assert (dec.id, dec.name) == ("d1", "Dish")
    table = dec.expression
    assert table.inputs[0].text == "season"
    assert table.rules[0].input_entries == ['"Winter"']


def test_dmn14_namespace_and_15_type_constraint():
    data = dmn13('<decision id="d" name="D"><literalExpression><text>1</text></literalExpression></decision>')
    defs = read_definitions(data.replace(DMN13.encode(), b"https://www.omg.org/spec/DMN/20211108/MODEL/"))
    assert defs.dmn_version == "1.4"
    item = ('<itemDefinition name="age"><typeRef>number</typeRef><typeConstraint><text>[0..150]</text>'
            '</typeConstraint></itemDefinition>')
    defs = read_definitions(dmn13(item).replace(DMN13.encode(), b"https://www.omg.org/spec/DMN/20230324/MODEL/"))
    assert defs.dmn_version == "1.5"
    assert defs.item_definitions[0].type_constraint == "[0..150]"
    assert defs.item_definitions[0].allowed_values is None


def test_annotations_default_hit_policy_and_extensions_ignored():
    data = dmn13("""
  <decision id="d" name="D" xmlns:camunda="http://camunda.org/schema/1.0/dmn" camunda:versionTag="1">
    <extensionElements><camunda:foo/></extensionElements>
    <decisionTable id="t">
      <input id="i"><inputExpression><text>x</text></inputExpression></input>
      <output id="o1" name="a"/><output id="o2" name="b" label="B"/>
      <annotation name="Source"/>
      <rule id="r"><description>why</description>
        <inputEntry id="e1"><text><![CDATA[< 5]]></text></inputEntry>
        <outputEntry id="e2"><text>1</text></outputEntry><outputEntry id="e3"><text>2</text></outputEntry>
        <annotationEntry><text>S1, 2023-01-01</text></annotationEntry>
      </rule>
    </decisionTable>
  </decision>
  <camunda:thing xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="d"/>""")
    table = read_definitions(data).decisions[0].expression
    assert table.hit_policy == "UNIQUE"
    assert [(o.name, o.label) for o in table.outputs] == [("a", None), ("b", "B")]
    assert table.annotation_names == ["Source"]
    rule = table.rules[0]
    assert (rule.input_entries, rule.output_entries) == (["< 5"], ["1", "2"])
    # the rule description is what dmn-js and Camunda Modeler show and edit as the annotation: when a model has
    # descriptions, the annotationEntry cells (which those modelers neither show nor update) are not used
    assert rule.annotations == ["why"]
    assert rule.output_lines == [12, 12]


def test_annotation_entries_count_only_in_a_model_without_descriptions():
    def table(rules: str) -> model.DecisionTable:
        data = dmn13(f"""
  <decision id="d" name="D">
    <decisionTable id="t">
      <input id="i"><inputExpression><text>x</text></inputExpression></input>
      <output id="o"/>
      <annotation name="Source"/>
      {rules}
    </decisionTable>
  </decision>""")
        return read_definitions(data).decisions[0].expression

    def rule(rid: str, description: str | None, entry: str | None) -> str:
        parts = [f"<description>{description}</description>" if description is not None else "",
                 "<inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry>",
                 f"<annotationEntry><text>{entry}</text></annotationEntry>" if entry is not None else ""]
        return f'<rule id="{rid}">{"".join(parts)}</rule>'

    # no rule has a description (a model from another modeler): the annotationEntry cells are the annotations
    other = table(rule("r1", None, "S1, 2023") + rule("r2", None, "S2"))
    assert [r.annotations for r in other.rules] == [["S1, 2023"], ["S2"]]
    # one description in the model: descriptions only; a rule without one has no annotation, even a stale entry
    edited = table(rule("r1", "S1, 2024 (edited)", "S1, 2023") + rule("r2", None, "S2"))
    assert [r.annotations for r in edited.rules] == [["S1, 2024 (edited)"], []]


def test_decision_without_logic():
    data = dmn13('<decision id="d" name="D"><variable name="D" typeRef="number"/></decision>')
    defs = read_definitions(data)
    assert defs.decisions[0].expression is None
    assert defs.decisions[0].requirements == []


# --- structural problems ------------------------------------------------------------------------


def test_structural_problems_are_collected_in_one_error():
    data = dmn13("""<inputData id="x" name="X"/>
<decision id="d" name="D">
  <informationRequirement id="ir"><requiredInput href=""/></informationRequirement>
  <decisionTable id="t">
    <input id="i1"><inputExpression><text>a</text></inputExpression></input>
    <input id="i2"><inputExpression><text>b</text></inputExpression></input>
    <output id="o" name="out"/>
    <rule id="r1"><inputEntry><text>1</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
  </decisionTable>
</decision>
<decision id="x" name="Again"/>""")
    err = load_error(data, "s.dmn")
    found = sorted((p.line, p.element_id) for p in err.problems)
    assert found == [(5, "ir"), (10, "r1"), (13, "x")]
    assert all(p.file == "s.dmn" for p in err.problems)
    text = str(err)
    assert "s.dmn:13: duplicated id 'x'" in text
    assert "s.dmn:5: requiredInput with an empty href" in text
    assert "s.dmn:10: rule has 1 input entries for 2 inputs" in text


@needs_fixtures
def test_bad_and_mutated_fixtures():
    err = load_error((FIXTURES / "bad13.dmn").read_bytes(), "bad13.dmn")
    assert [(p.line, p.element_id) for p in err.problems] == [(14, "d1")]
    assert "duplicated id 'd1'" in str(err)
    err = load_error((FIXTURES / "mutated15.dmn").read_bytes(), "mutated15.dmn")
    assert [p.line for p in err.problems] == [14]
    assert "unknown hit policy 'BOGUS'" in str(err)


@pytest.mark.parametrize(("attrs", "message"), [
    ('hitPolicy="FIRST" aggregation="SUM"', "only allowed with hit policy COLLECT"),
    ('hitPolicy="COLLECT" aggregation="AVG"', "unknown aggregation 'AVG'"),
])
def test_bad_aggregation(attrs, message):
    data = dmn13(f'<decision id="d" name="D"><decisionTable id="t" {attrs}>'
                 '<output id="o" name="o"/></decisionTable></decision>')
    assert message in str(load_error(data))


def test_unnamed_outputs_of_a_multi_output_table():
    data = dmn13('<decision id="d" name="D"><decisionTable id="t"><output id="o1"/><output id="o2" name="b"/>'
                 "</decisionTable></decision>")
    err = load_error(data)
    assert [p.element_id for p in err.problems] == ["o1"]


def test_relation_row_of_the_wrong_width():
    data = dmn13('<decision id="d" name="D"><relation><column name="a"/><column name="b"/>'
                 '<row id="row1"><literalExpression><text>1</text></literalExpression></row>'
                 "</relation></decision>")
    err = load_error(data)
    assert [(p.element_id, p.message) for p in err.problems] == [
        ("row1", "relation row has 1 cells for 2 columns")]


# --- hostile and broken input -------------------------------------------------------------------


@needs_fixtures
@pytest.mark.parametrize("name", ["xxe.dmn", "xxe2.dmn"])
def test_external_entities_are_refused(name):
    err = load_error((FIXTURES / name).read_bytes(), name)
    text = str(err)
    assert text.startswith(f"{name}:2: ")
    assert "entit" in text
    hostname = Path("/etc/hostname")
    if hostname.exists() and hostname.read_text().strip():
        assert hostname.read_text().strip() not in text


@needs_fixtures
def test_garbage_is_refused_with_its_place():
    err = load_error((FIXTURES / "garbage.dmn").read_bytes(), "garbage.dmn")
    (problem,) = err.problems
    assert (problem.file, problem.line) == ("garbage.dmn", 1)
    assert problem.message.startswith("not well-formed XML: Start tag expected")


def test_malformed_xml_names_file_and_line():
    data = dmn13('<decision id="d" name="D">\n<variable name="D">\n</decision>')
    (problem,) = load_error(data, "broken.dmn").problems
    assert problem.line == 5
    assert str(problem).startswith("broken.dmn:5: not well-formed XML")


@pytest.mark.parametrize("data", [b"", b"   "])
def test_empty_document(data):
    assert "not well-formed XML" in str(load_error(data))


def billion_laughs(where: str) -> str:
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    body = ('<decision id="d" name="&lol9;"/>' if where == "attribute"
            else '<decision id="d" name="D"><description>&lol9;</description></decision>')
    return (f'<?xml version="1.0"?>\n<!DOCTYPE definitions [\n{chr(10).join(decls)}\n]>\n'
            f'<definitions xmlns="{DMN13}" id="defs" name="B" namespace="http://b">{body}</definitions>')


@pytest.mark.parametrize("where", ["attribute", "content"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_billion_laughs_is_refused_quickly(where, encoding):
    text = billion_laughs(where)
    if encoding == "utf-16":
        text = text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    start = time.perf_counter()
    err = load_error(text.encode(encoding), "lol.dmn")
    assert time.perf_counter() - start < 1.0
    assert "entit" in str(err)


def test_entities_are_refused_even_when_the_prolog_scan_is_fooled():
    # A comment holding "<a" before the DOCTYPE hides it from the byte scan; the parsed DTD is checked too.
    data = (f'<?xml version="1.0"?>\n<!-- <a -->\n<!DOCTYPE definitions [ <!ENTITY e "x"> ]>\n'
            f'<definitions xmlns="{DMN13}" name="E" namespace="http://e">'
            '<decision name="&e;"/></definitions>')
    assert "entit" in str(load_error(data.encode()))


def test_parameter_entities_and_external_dtds_are_refused():
    data = ('<?xml version="1.0"?>\n'
            '<!DOCTYPE definitions [ <!ENTITY % p SYSTEM "file:///etc/passwd"> %p; ]>\n'
            f'<definitions xmlns="{DMN13}" name="P" namespace="http://p"/>')
    assert "entit" in str(load_error(data.encode()))
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE definitions SYSTEM "http://example.invalid/x.dtd">\n'
            f'<definitions xmlns="{DMN13}" name="P" namespace="http://p"/>')
    assert "external DTD" in str(load_error(data.encode()))


def test_a_plain_doctype_is_refused():
    data = f'<!DOCTYPE definitions>\n<definitions xmlns="{DMN13}" name="P" namespace="http://p"/>'
    assert "DOCTYPE" in str(load_error(data.encode()))


@pytest.mark.parametrize("depth", [250, 10_000])
def test_deep_nesting_reads_or_is_refused_cleanly(depth):
    data = dmn13('<decision id="d" name="D">' + "<list>" * depth + "</list>" * depth + "</decision>")
    if depth <= 250:
        expr = read_definitions(data).decisions[0].expression
        for _ in range(depth - 1):
            expr = expr.items[0]
        assert expr.items == []
    else:
        assert "Excessive depth" in str(load_error(data))


def test_oversized_data_is_refused_before_parsing():
    data = b"<" * (MAX_BYTES + 1)  # not XML at all: the size check must come first
    (problem,) = load_error(data, "big.dmn").problems
    assert "limit" in problem.message and str(MAX_BYTES) in problem.message


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.dmn"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing written
    with pytest.raises(LoadError) as info:
        read_file(path)
    assert "limit" in str(info.value)
    assert info.value.problems[0].file == str(path)


def test_missing_file_is_a_load_error(tmp_path):
    with pytest.raises(LoadError) as info:
        read_file(tmp_path / "absent.dmn")
    assert "cannot read the file" in str(info.value)


@pytest.mark.parametrize("data", [
    b'<definitions xmlns="http://example.com/not-dmn" name="x" namespace="y"/>',
    b"<definitions name='x'/>",
    f'<decision xmlns="{DMN13}" name="x"/>'.encode(),
    b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>',
])
def test_non_dmn_roots_are_refused(data):
    err = load_error(data, "other.xml")
    assert "not a DMN model" in str(err)
    assert err.problems[0].line == 1


def test_parse_xml_returns_the_root():
    root = parse_xml(dmn13(""), "x.dmn")
    assert root.tag == f"{{{DMN13}}}definitions"
    assert root.get("name") == "T"
