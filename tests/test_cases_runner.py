"""``decisions test`` on a small model of its own: rules no case hits, unknown input names, rules named by id."""

from __future__ import annotations

import io

from service import cases as C

DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/"

MODEL = f"""<definitions xmlns="{DMN13}" id="defs" name="Ages" namespace="http://ages">
  <itemDefinition name="tPerson">
    <itemComponent name="age"><typeRef>number</typeRef></itemComponent>
    <itemComponent name="member"><typeRef>boolean</typeRef></itemComponent>
  </itemDefinition>
  <inputData id="person" name="person"><variable name="person" typeRef="tPerson"/></inputData>
  <decision id="ageGroup" name="Age group">
    <variable name="Age group" typeRef="string"/>
    <informationRequirement><requiredInput href="#person"/></informationRequirement>
    <decisionTable id="t">
      <input label="Age"><inputExpression typeRef="number"><text>person.age</text></inputExpression></input>
      <output typeRef="string"/>
      <rule id="ageGroup_minor"><inputEntry><text>&lt; 18</text></inputEntry>
        <outputEntry><text>"minor"</text></outputEntry></rule>
      <rule id="ageGroup_adult"><inputEntry><text>[18..65)</text></inputEntry>
        <outputEntry><text>"adult"</text></outputEntry></rule>
      <rule id="ageGroup_senior"><inputEntry><text>&gt;= 65</text></inputEntry>
        <outputEntry><text>"senior"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
"""


def setup(tmp_path, cases: str):
    (tmp_path / "ages.dmn").write_text(MODEL, encoding="utf-8")
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "ageGroup.yaml").write_text("decision: ageGroup\nmodel: ages.dmn\ncases:\n" + cases, encoding="utf-8")
    out = io.StringIO()
    status = C.run(None, str(tmp_path), out=out)
    return status, out.getvalue()


ALL_THREE = """  - name: a child
    inputs: {person: {age: 10}}
    expected: minor
  - name: an adult
    inputs: {person: {age: 30}}
    expected: adult
  - name: a senior
    inputs: {person: {age: 65}}
    expected: senior
"""


def test_every_rule_hit_passes(tmp_path):
    status, text = setup(tmp_path, ALL_THREE)
    assert status == 0, text
    assert "never hit" not in text


def test_a_rule_no_case_hits_fails_the_run_and_is_named_as_the_linter_names_it(tmp_path):
    status, text = setup(tmp_path, ALL_THREE.split("  - name: a senior")[0])
    assert status == 1
    assert "never hit: ages.dmn › Age group › rule 3 (ageGroup_senior)" in text
    assert "2 passed, 0 failed" in text


def test_an_unknown_input_name_is_rejected_with_a_did_you_mean(tmp_path):
    status, text = setup(tmp_path, ALL_THREE + """  - name: misspelt
    inputs: {persn: {age: 30}}
    expected: adult
  - name: misspelt field
    inputs: {person: {agee: 30}}
    expected: adult
""")
    assert status == 1
    assert "input persn: ages.dmn has no input data or decision of that name; did you mean 'person'?" in text
    assert "input person.agee: not a field of tPerson; did you mean 'age'?" in text
    assert "3 passed, 2 failed" in text


def test_a_case_names_the_rule_it_expects_by_id_or_number(tmp_path):
    status, text = setup(tmp_path, ALL_THREE.replace("expected: adult", "expected: adult\n    rule: ageGroup_adult")
                         + """  - name: the wrong rule
    inputs: {person: {age: 64}}
    expected: adult
    rule: ageGroup_senior
  - name: by number
    inputs: {person: {age: 64}}
    expected: adult
    rule: 2
  - name: a rule the table does not have
    inputs: {person: {age: 64}}
    expected: adult
    rule: ageGroup_adlt
""")
    assert status == 1
    assert "expected rule ageGroup_senior to match; matched: ageGroup_adult" in text
    assert "rule ageGroup_adlt: the table 'Age group' has no such rule; did you mean 'ageGroup_adult'?" in text
    assert "4 passed, 2 failed" in text
