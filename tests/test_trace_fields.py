"""RULES §12: each evaluated decision in the trace carries the input values its logic read. Of a context it
requires and only ever reads as ``X.a``, its trace entry shows the fields read (in the context's order); of a
context it reads whole, or where something else may answer to the name (a name bound in its logic, a filter
item's key), the whole value; a value that is no context, whole.

The models are written into tmp_path; the expected inputs are read off their FEEL by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from service.dmn import load

NS = "https://www.omg.org/spec/DMN/20191111/MODEL/"


def literal(text: str) -> str:
    return f"<literalExpression><text>{text}</text></literalExpression>"


def needs(*ids: str, kind: str = "requiredDecision") -> str:
    return "".join(f'<informationRequirement><{kind} href="#{i}"/></informationRequirement>' for i in ids)


def decision(id_: str, name: str, requirements: str, logic: str) -> str:
    return f'<decision id="{id_}" name="{name}"><variable name="{name}"/>{requirements}{logic}</decision>'


def entry(name: str, text: str) -> str:
    return f'<contextEntry><variable name="{name}"/>{literal(text)}</contextEntry>'


# R is the context {a: 1, b: 2, c: 3}; N is a date, Applicant an input data of a structured type
MODEL = f"""<definitions xmlns="{NS}" id="defs" name="Fields" namespace="http://example.com/fields">
<inputData id="applicant" name="Applicant"><variable name="Applicant"/></inputData>
{decision("r", "R", "", literal("{a: 1, b: 2, c: 3}"))}
{decision("n", "N", "", literal('date("2024-05-17")'))}
{decision("d", "D", needs("r"), literal("R.b * 10 + R.a"))}
{decision("whole", "Whole", needs("r"), literal("count(get entries(R)) + R.a"))}
{decision("deep", "Deep", needs("r"), literal("{x: {y: R}}.x.y.c"))}
{decision("for", "Shadowed by for", needs("r"), literal("(for R in [{c: 30}] return R.c)[1] + R.b"))}
{decision("ctx", "Shadowed by a context key", needs("r"), literal("{R: {c: 30}, v: R.c}.v + R.a"))}
{decision("filter", "In a filter", needs("r"), literal("count([{R: {c: 30}}][R.c = 30]) + R.a"))}
{decision("boxed", "Shadowed by a boxed entry", needs("r"),
          "<context>" + entry("w", "R.a") + entry("R", "{c: 30}") + entry("v", "R.c")
          + f"<contextEntry>{literal('w + v')}</contextEntry></context>")}
{decision("boxed filter", "In a boxed filter", needs("r"),
          "<context><contextEntry><variable name='n'/><filter><in>" + literal("[{R: {c: 30}}]") + "</in><match>"
          + literal("R.c = 30") + "</match></filter></contextEntry>" + entry("w", "R.a")
          + f"<contextEntry>{literal('count(n) + w')}</contextEntry></context>")}
{decision("date", "Date", needs("n"), literal("N.year"))}
{decision("table", "Table", needs("r") + needs("applicant", kind="requiredInput"), '''
<decisionTable hitPolicy="FIRST">
  <input><inputExpression><text>R.c</text></inputExpression></input>
  <input><inputExpression><text>Applicant.age</text></inputExpression></input>
  <output name="o"/>
  <rule><inputEntry><text>3</text></inputEntry><inputEntry><text>&gt;= 18</text></inputEntry>
    <outputEntry><text>Applicant.name</text></outputEntry></rule>
  <rule><inputEntry><text>-</text></inputEntry><inputEntry><text>-</text></inputEntry>
    <outputEntry><text>"minor"</text></outputEntry></rule>
</decisionTable>''')}
</definitions>"""

APPLICANT = {"name": "Ann", "email": "ann@example.com", "age": D(40)}


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("fields") / "fields.dmn"
    path.write_text(MODEL, encoding="utf-8")
    return load(path).by_file("fields.dmn")


def traced(model, name: str, inputs=None) -> tuple:
    r = model.evaluate(name, inputs or {})
    return r.value, r.trace[-1].inputs


def test_a_context_read_as_paths_shows_the_fields_read_in_its_order(model):
    value, inputs = traced(model, "D")
    assert value == D(21)  # 2 * 10 + 1: the value is that of the whole context
    assert inputs == {"R": {"a": D(1), "b": D(2)}}
    assert list(inputs["R"]) == ["a", "b"]  # R's order, not the order the logic reads them in


def test_a_context_also_used_bare_shows_whole(model):
    value, inputs = traced(model, "Whole")
    assert value == D(4)  # three entries + R.a
    assert inputs == {"R": {"a": D(1), "b": D(2), "c": D(3)}}


def test_a_context_passed_into_another_shows_whole(model):
    assert traced(model, "Deep") == (D(3), {"R": {"a": D(1), "b": D(2), "c": D(3)}})


@pytest.mark.parametrize("name, value", [
    ("Shadowed by for", D(32)),  # 30 from the for's own R, 2 from the decision R
    ("Shadowed by a context key", D(31)),  # 30 from the context's own R, 1 from the decision R
    ("In a filter", D(2)),  # one item whose R.c is 30, + R.a
    ("Shadowed by a boxed entry", D(31)),  # w: R.a of the decision R (1), v: R.c of the entry R (30)
    ("In a boxed filter", D(2)),  # one item whose R.c is 30, + R.a
])
def test_a_path_through_a_name_bound_in_the_logic_does_not_count(model, name, value):
    """Where a name of the logic (or a filter item's key) may answer to R, ``R.c`` is no proof that the
    decision R's field c is what was read: R shows whole, never R with c (as if read from it)."""
    v, inputs = traced(model, name)
    assert v == value
    assert inputs == {"R": {"a": D(1), "b": D(2), "c": D(3)}}


def test_a_value_that_is_no_context_shows_whole(model):
    assert traced(model, "Date") == (D(2024), {"N": dt.date(2024, 5, 17)})


def test_a_table_reading_fields_of_a_decision_and_of_an_input(model):
    value, inputs = traced(model, "Table", {"Applicant": APPLICANT})
    assert value == "Ann"
    assert inputs == {"R": {"c": D(3)}, "Applicant": {"name": "Ann", "age": D(40)}}
    assert list(inputs["Applicant"]) == ["name", "age"]  # the order of the value given


def test_an_input_that_is_no_context_shows_whole(model):
    value, inputs = traced(model, "Table", {"Applicant": "nobody"})
    assert value == "minor"  # "nobody".age is null: the first rule does not match
    assert inputs == {"R": {"c": D(3)}, "Applicant": "nobody"}
