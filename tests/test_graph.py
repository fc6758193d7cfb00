"""The decision requirement graph (DMN 1.5 chapters 6 and 10.4): requirements, lazy evaluation,
business knowledge models, decision services, overriding decisions, input data types, imports,
the model's description of its decisions and cycles.

The models are written into tmp_path; expected values are computed by hand from their FEEL.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from service.dmn import EvaluationError, LoadError, load

NS = "https://www.omg.org/spec/DMN/20191111/MODEL/"


def definitions(body: str, *, name="Graph", namespace="http://example.com/graph", extra_ns="") -> str:
    return f'<definitions xmlns="{NS}"{extra_ns} id="defs" name="{name}" namespace="{namespace}">{body}</definitions>'


def write_and_load(tmp_path, text: str, file_name: str = "model.dmn"):
    path = tmp_path / file_name
    path.write_text(text, encoding="utf-8")
    return load(path).by_file(file_name)


def literal(text: str) -> str:
    return f"<literalExpression><text>{text}</text></literalExpression>"


def needs(*ids: str, kind: str = "requiredDecision") -> str:
    return "".join(f'<informationRequirement><{kind} href="#{i}"/></informationRequirement>' for i in ids)


def inputs(*ids: str) -> str:
    return needs(*ids, kind="requiredInput")


def knows(*ids: str) -> str:
    return "".join(f'<knowledgeRequirement><requiredKnowledge href="#{i}"/></knowledgeRequirement>' for i in ids)


# Monthly Salary -> Yearly Income (via BKM Annual) -> Bonus Amount (boxed invocation of BKM Bonus) -> Total
# Rate -> Unused; Applicant -> Is Adult, Email Missing; Income Service and Bonus Service wrap the chain.
GRAPH = definitions(f"""
<itemDefinition name="tApplicant">
  <itemComponent name="name"><typeRef>string</typeRef></itemComponent>
  <itemComponent name="age"><typeRef>number</typeRef></itemComponent>
  <itemComponent name="email"><typeRef>string</typeRef></itemComponent>
</itemDefinition>
<inputData id="salary" name="Monthly Salary"><variable name="Monthly Salary" typeRef="number"/></inputData>
<inputData id="rate" name="Rate"><variable name="Rate" typeRef="number"/></inputData>
<inputData id="applicant" name="Applicant"><variable name="Applicant" typeRef="tApplicant"/></inputData>
<businessKnowledgeModel id="bkm-annual" name="Annual">
  <variable name="Annual"/>
  <encapsulatedLogic><formalParameter name="salary" typeRef="number"/>{literal("salary * 12")}</encapsulatedLogic>
</businessKnowledgeModel>
<businessKnowledgeModel id="bkm-bonus" name="Bonus">
  <variable name="Bonus"/>
  <encapsulatedLogic>
    <formalParameter name="base" typeRef="number"/><formalParameter name="percent" typeRef="number"/>
    {literal("base * percent / 100")}
  </encapsulatedLogic>
</businessKnowledgeModel>
<decision id="yearly" name="Yearly Income">
  <variable name="Yearly Income" typeRef="number"/>
  {inputs("salary")}{knows("bkm-annual")}
  {literal("Annual(Monthly Salary)")}
</decision>
<decision id="bonus" name="Bonus Amount">
  <variable name="Bonus Amount" typeRef="number"/>
  {needs("yearly")}{knows("bkm-bonus")}
  <invocation>
    <literalExpression><text>Bonus</text></literalExpression>
    <binding><parameter name="base"/>{literal("Yearly Income")}</binding>
    <binding><parameter name="percent"/>{literal("10")}</binding>
  </invocation>
</decision>
<decision id="total" name="Total">
  <variable name="Total" typeRef="number"/>
  {needs("yearly", "bonus")}
  {literal("Yearly Income + Bonus Amount")}
</decision>
<decision id="unused" name="Unused">
  <variable name="Unused" typeRef="number"/>
  {inputs("rate")}
  {literal("Rate * 2")}
</decision>
<decision id="lazy" name="Lazy Choice">
  <variable name="Lazy Choice" typeRef="number"/>
  {inputs("salary")}{needs("yearly", "unused")}
  {literal("if Monthly Salary > 0 then Yearly Income else Unused")}
</decision>
<decision id="adult" name="Is Adult">
  <variable name="Is Adult" typeRef="boolean"/>
  {inputs("applicant")}
  {literal("Applicant.age >= 18")}
</decision>
<decision id="email" name="Email Missing">
  <variable name="Email Missing" typeRef="boolean"/>
  {inputs("applicant")}
  {literal("Applicant.email = null")}
</decision>
<decisionService id="svc-income" name="Income Service">
  <variable name="Income Service"/>
  <outputDecision href="#total"/>
  <encapsulatedDecision href="#yearly"/><encapsulatedDecision href="#bonus"/>
  <inputData href="#salary"/>
</decisionService>
<decisionService id="svc-bonus" name="Bonus Service">
  <variable name="Bonus Service"/>
  <outputDecision href="#bonus"/>
  <inputDecision href="#yearly"/>
</decisionService>
<decisionService id="svc-both" name="Both Service">
  <variable name="Both Service"/>
  <outputDecision href="#yearly"/><outputDecision href="#total"/>
  <encapsulatedDecision href="#bonus"/>
  <inputData href="#salary"/>
</decisionService>
<decision id="via-service" name="Via Service">
  <variable name="Via Service" typeRef="number"/>
  {knows("svc-income")}
  {literal("Income Service(1000) + Income Service(Monthly Salary: 2000)")}
</decision>
<decision id="via-service-both" name="Via Both">
  <variable name="Via Both"/>
  {knows("svc-both")}
  {literal("Both Service(100)")}
</decision>
""")


@pytest.fixture(scope="module", params=["generated", "generic"])
def model(request, tmp_path_factory):
    """The model, its evaluation scope made by its generated function, then by the generic loop."""
    m = write_and_load(tmp_path_factory.mktemp("graph"), GRAPH)
    if request.param == "generic":
        m._fill_scope = m._target_scopes = None
    return m


# --- requirements: values, trace order and trace inputs --------------------------------------------


def test_chain_of_decisions(model):
    # Yearly Income = 1000 * 12 = 12000; Bonus = 12000 * 10 / 100 = 1200; Total = 13200
    r = model.evaluate("Total", {"Monthly Salary": D(1000)})
    assert r.value == D(13200)


def test_trace_lists_requirements_before_the_decisions_needing_them(model):
    r = model.evaluate("Total", {"Monthly Salary": D(1000)})
    names = [t.decision_name for t in r.trace]
    assert names == ["Yearly Income", "Bonus Amount", "Total"]
    by_name = {t.decision_name: t for t in r.trace}
    assert by_name["Yearly Income"].inputs == {"Monthly Salary": D(1000)}
    assert by_name["Yearly Income"].result == D(12000)
    assert by_name["Bonus Amount"].inputs == {"Yearly Income": D(12000)}
    assert by_name["Bonus Amount"].result == D(1200)
    assert by_name["Total"].inputs == {"Yearly Income": D(12000), "Bonus Amount": D(1200)}
    assert by_name["Total"].result == D(13200)
    assert by_name["Total"].decision_id == "total"


def test_a_decision_is_evaluated_once_per_evaluation(model):
    # Yearly Income is required by both Bonus Amount and Total: it appears once in the trace
    r = model.evaluate("Total", {"Monthly Salary": D(1000)})
    assert [t.decision_id for t in r.trace].count("yearly") == 1


def test_decision_by_id(model):
    assert model.evaluate("total", {"Monthly Salary": D(1)}).value == D("13.2")


def test_missing_input_is_null(model):
    r = model.evaluate("Total", {})
    assert r.value is None


# --- lazy evaluation: decisions not needed are not evaluated -----------------------------------------


def test_unreferenced_decisions_are_not_evaluated(model):
    r = model.evaluate("Yearly Income", {"Monthly Salary": D(1000), "Rate": D(3)})
    assert [t.decision_name for t in r.trace] == ["Yearly Income"]


def test_branch_not_taken_is_not_evaluated(model):
    r = model.evaluate("Lazy Choice", {"Monthly Salary": D(1000), "Rate": D(3)})
    assert r.value == D(12000)
    names = [t.decision_name for t in r.trace]
    assert "Unused" not in names
    assert names == ["Yearly Income", "Lazy Choice"]
    r = model.evaluate("Lazy Choice", {"Monthly Salary": D(0), "Rate": D(3)})
    assert r.value == D(6)
    assert [t.decision_name for t in r.trace] == ["Unused", "Lazy Choice"]
    # a requirement that was not evaluated is not among the traced inputs
    assert r.trace[-1].inputs == {"Monthly Salary": D(0), "Unused": D(6)}


def test_traced_inputs_are_the_requirements_evaluated_before(tmp_path):
    """A trace entry's inputs: its input data and the required decisions evaluated before it, not those the
    evaluation reaches only later (here C, required by A but only used by Top, after A)."""
    m = write_and_load(tmp_path, definitions(f"""
<inputData id="x" name="X"><variable name="X" typeRef="number"/></inputData>
<decision id="b" name="B"><variable name="B"/>{inputs("x")}{literal("X + 1")}</decision>
<decision id="c" name="C"><variable name="C"/>{literal("3")}</decision>
<decision id="a" name="A"><variable name="A"/>{needs("b", "c")}{literal("B * 2")}</decision>
<decision id="top" name="Top"><variable name="Top"/>{needs("a", "c")}{literal("A + C")}</decision>
"""))
    r = m.evaluate("Top", {"X": D(1)})
    assert r.value == D(7)
    by_name = {t.decision_name: t for t in r.trace}
    assert [t.decision_name for t in r.trace] == ["B", "A", "C", "Top"]
    assert by_name["B"].inputs == {"X": D(1)}
    assert by_name["A"].inputs == {"B": D(2)}
    assert by_name["Top"].inputs == {"A": D(4), "C": D(3)}
    # a decision given in the inputs is shown as given; a requirement the logic does not read (A requires C
    # but reads only B) is not among the inputs: the trace shows the values a decision's logic read
    r = m.evaluate("Top", {"X": D(1), "C": D(10)})
    assert r.value == D(14)
    traced = {t.decision_name: t.inputs for t in r.trace}
    assert traced["A"] == {"B": D(2)}
    assert traced["Top"] == {"A": D(4), "C": D(10)}


# --- business knowledge models --------------------------------------------------------------------


def test_bkm_called_from_feel(model):
    assert model.evaluate("Yearly Income", {"Monthly Salary": D("2.5")}).value == D(30)


def test_bkm_through_a_boxed_invocation(model):
    # given Yearly Income directly: Bonus = 500 * 10 / 100
    assert model.evaluate("Bonus Amount", {"Yearly Income": D(500)}).value == D(50)


def test_invoke_a_bkm_directly(model):
    assert model.invoke("Annual", [D(10)]).value == D(120)
    assert model.invoke("Bonus", {"base": D(200), "percent": D(5)}).value == D(10)


def test_bkm_parameter_of_the_wrong_type_gives_null(model):
    assert model.invoke("Annual", ["ten"]).value is None


def test_bkms_are_not_traced_as_decisions(model):
    r = model.evaluate("Yearly Income", {"Monthly Salary": D(1)})
    assert [t.decision_id for t in r.trace] == ["yearly"]


# --- decision services -------------------------------------------------------------------------------


def test_evaluate_service(model):
    assert model.evaluate_service("Income Service", {"Monthly Salary": D(1000)}).value == D(13200)


def test_service_with_an_input_decision(model):
    # Yearly Income is an input of the service, not evaluated from Monthly Salary
    r = model.evaluate_service("Bonus Service", {"Yearly Income": D(50000), "Monthly Salary": D(1)})
    assert r.value == D(5000)
    assert "Yearly Income" not in [t.decision_name for t in r.trace]


def test_service_with_two_outputs_gives_a_context(model):
    r = model.evaluate_service("Both Service", {"Monthly Salary": D(100)})
    assert r.value == {"Yearly Income": D(1200), "Total": D(1320)}


def test_service_called_as_a_function_from_feel(model):
    # positional: 1000 -> 13200; named: 2000 -> 24000 + 2400 = 26400
    assert model.evaluate("Via Service", {}).value == D(13200) + D(26400)


def test_service_with_two_outputs_called_from_feel(model):
    assert model.evaluate("Via Both", {}).value == {"Yearly Income": D(1200), "Total": D(1320)}


def test_service_with_an_argument_of_the_wrong_type_is_null(model):
    assert model.evaluate_service("Income Service", {"Monthly Salary": "lots"}).value is None


# --- function values kept after their evaluation ----------------------------------------------------

KEPT = definitions(f"""
<inputData id="salary" name="Monthly Salary"><variable name="Monthly Salary" typeRef="number"/></inputData>
<decision id="yearly" name="Yearly Income">
  <variable name="Yearly Income" typeRef="number"/>
  {inputs("salary")}
  {literal("Monthly Salary * 12")}
</decision>
<decision id="plus" name="Plus Yearly">
  <variable name="Plus Yearly"/>
  {needs("yearly")}
  {literal("function(x) Yearly Income + x")}
</decision>
<decisionService id="svc" name="Yearly Service">
  <variable name="Yearly Service"/>
  <outputDecision href="#yearly"/>
  <inputData href="#salary"/>
</decisionService>
<decision id="service-value" name="Service Value">
  <variable name="Service Value"/>
  {knows("svc")}
  {literal("Yearly Service")}
</decision>
""")


def test_a_function_value_called_after_its_evaluation_computes_in_it(tmp_path):
    # the function's body reads Yearly Income, not evaluated yet: 1000 * 12 + 5 = 12005, traced in its result
    m = write_and_load(tmp_path, KEPT)
    r = m.evaluate("Plus Yearly", {"Monthly Salary": D(1000)})
    assert [t.decision_name for t in r.trace] == ["Plus Yearly"]
    assert r.value.call([D(5)]) == D(12005)
    assert [t.decision_name for t in r.trace] == ["Plus Yearly"]  # the trace was read before the call
    assert [entry[0].name for entry in r.raw_trace] == ["Plus Yearly", "Yearly Income"]
    assert m.evaluate("Plus Yearly", {"Monthly Salary": D(2)}).value.call([D(1)]) == D(25)


def test_a_service_value_called_outside_an_evaluation(tmp_path):
    # Yearly Service(300) = 300 * 12 = 3600
    m = write_and_load(tmp_path, KEPT)
    assert m.evaluate("Service Value", {}).value.call([D(300)]) == D(3600)


# --- matched rules of tables below a decision's top --------------------------------------------------

GRADE_TABLE = """
<decisionTable id="{id}" hitPolicy="UNIQUE">
  <input id="{id}-in"><inputExpression typeRef="number"><text>{expr}</text></inputExpression></input>
  <output id="{id}-out" name="grade" typeRef="string"/>
  <rule id="{id}-low"><inputEntry><text>&lt; 10</text></inputEntry><outputEntry><text>"low"</text></outputEntry></rule>
  <rule id="{id}-high"><inputEntry><text>&gt;= 10</text></inputEntry>
    <outputEntry><text>"high " + string({expr})</text></outputEntry></rule>
</decisionTable>"""

NESTED_TABLES = definitions(f"""
<inputData id="score" name="Score"><variable name="Score" typeRef="number"/></inputData>
<businessKnowledgeModel id="bkm-grade" name="Grade">
  <variable name="Grade"/>
  <encapsulatedLogic><formalParameter name="x" typeRef="number"/>{GRADE_TABLE.format(id="bkm", expr="x")}
  </encapsulatedLogic>
</businessKnowledgeModel>
<decision id="via-bkm" name="Via BKM">
  <variable name="Via BKM" typeRef="string"/>
  {inputs("score")}{knows("bkm-grade")}
  {literal("Grade(Score)")}
</decision>
<decision id="in-context" name="In Context">
  <variable name="In Context"/>
  {inputs("score")}
  <context>
    <contextEntry><variable name="twice"/>{literal("Score * 2")}</contextEntry>
    <contextEntry><variable name="grade"/>{GRADE_TABLE.format(id="ctx", expr="twice")}</contextEntry>
  </context>
</decision>
""")


@pytest.mark.parametrize("scope", ["generated", "generic"])
def test_rules_matched_by_a_table_in_a_bkm_or_a_context_are_its_decisions(tmp_path, scope):
    from service.dmn import MatchedRule

    m = write_and_load(tmp_path, NESTED_TABLES)
    if scope == "generic":
        m._fill_scope = m._target_scopes = None
    # Grade(12): 12 >= 10, rule 2 (an output computed after matching); twice = 2 * 6 = 12, rule 2;
    # Grade(3): rule 1 (a constant output, returned as soon as the rule is found)
    r = m.evaluate("Via BKM", {"Score": D(12)})
    assert r.value == "high 12"
    assert r.trace[-1].matched_rules == [MatchedRule(2, "bkm-high", None)]
    r = m.evaluate("In Context", {"Score": D(6)})
    assert r.value == {"twice": D(12), "grade": "high 12"}
    assert r.trace[-1].matched_rules == [MatchedRule(2, "ctx-high", None)]
    r = m.evaluate("Via BKM", {"Score": D(3)})
    assert r.value == "low"
    assert r.trace[-1].matched_rules == [MatchedRule(1, "bkm-low", None)]


# --- a decision's value given in the inputs overrides it ------------------------------------------


def test_decision_value_in_inputs_is_not_evaluated(model):
    r = model.evaluate("Total", {"Monthly Salary": D(1000), "Yearly Income": D(100)})
    # Bonus = 100 * 10 / 100 = 10; Total = 110
    assert r.value == D(110)
    names = [t.decision_name for t in r.trace]
    assert "Yearly Income" not in names
    assert names == ["Bonus Amount", "Total"]
    assert r.trace[-1].inputs == {"Yearly Income": D(100), "Bonus Amount": D(10)}


# --- input data types ---------------------------------------------------------------------------------


def test_structure_missing_a_component_gets_null_for_it(model):
    applicant = {"name": "Ann", "age": D(30)}
    assert model.evaluate("Is Adult", {"Applicant": applicant}).value is True
    assert model.evaluate("Email Missing", {"Applicant": applicant}).value is True


def test_structure_with_every_component(model):
    applicant = {"name": "Ann", "age": D(12), "email": "ann@example.com"}
    assert model.evaluate("Is Adult", {"Applicant": applicant}).value is False
    assert model.evaluate("Email Missing", {"Applicant": applicant}).value is False


def test_input_not_conforming_to_its_type_is_null_with_a_warning(model):
    r = model.evaluate("Is Adult", {"Applicant": {"name": "Ann", "age": "thirty"}})
    assert r.value is None
    assert r.trace[-1].inputs == {"Applicant": None}
    assert any(m.severity == "warning" and "Applicant" in m.text for m in r.messages)


def test_number_input_given_a_string_is_null(model):
    r = model.evaluate("Yearly Income", {"Monthly Salary": "1000"})
    assert r.value is None
    assert r.messages


# --- the model's description of its decisions ------------------------------------------------------


def test_decisions_kinds_and_transitive_inputs(model):
    info = {d.name: d for d in model.decisions}
    assert info["Total"].id == "total"
    assert info["Total"].kind == "literal"
    assert info["Bonus Amount"].kind == "invocation"
    assert info["Total"].output_type == "number"
    # Total requires Yearly Income and Bonus Amount, which require Monthly Salary
    assert info["Total"].inputs == [("Monthly Salary", "number")]
    assert info["Unused"].inputs == [("Rate", "number")]
    assert sorted(info["Lazy Choice"].inputs) == [("Monthly Salary", "number"), ("Rate", "number")]
    assert info["Is Adult"].inputs == [("Applicant", "tApplicant")]
    assert set(info) == {
        "Yearly Income",
        "Bonus Amount",
        "Total",
        "Unused",
        "Lazy Choice",
        "Is Adult",
        "Email Missing",
        "Via Service",
        "Via Both",
    }


def test_table_kind(tmp_path):
    body = (
        '<decision id="d" name="D"><variable name="D"/><decisionTable id="t">'
        '<input id="i"><inputExpression typeRef="number"><text>1</text></inputExpression></input>'
        '<output id="o"/><rule id="r"><inputEntry><text>-</text></inputEntry>'
        "<outputEntry><text>1</text></outputEntry></rule></decisionTable></decision>"
        f'<decision id="c" name="C"><variable name="C"/><context><contextEntry><variable name="a"/>'
        f"{literal('1')}</contextEntry></context></decision>"
    )
    m = write_and_load(tmp_path, definitions(body))
    assert {d.name: d.kind for d in m.decisions} == {"D": "table", "C": "context"}


def test_unknown_decision_name(model):
    with pytest.raises(LookupError):
        model.evaluate("No Such Decision", {})


# --- imports between two files of one folder ---------------------------------------------------------

LIB = definitions(
    f"""
<itemDefinition name="tPerson">
  <itemComponent name="name"><typeRef>string</typeRef></itemComponent>
  <itemComponent name="age"><typeRef>number</typeRef></itemComponent>
</itemDefinition>
<businessKnowledgeModel id="bkm-greet" name="Greeting">
  <variable name="Greeting"/>
  <encapsulatedLogic><formalParameter name="p" typeRef="tPerson"/>{literal('"Hello " + p.name')}</encapsulatedLogic>
</businessKnowledgeModel>
""",
    name="Lib",
    namespace="http://example.com/lib",
)

MAIN = definitions(
    f"""
<import name="lib" namespace="http://example.com/lib" importType="https://www.omg.org/spec/DMN/20191111/MODEL/"
        locationURI="lib.dmn"/>
<inputData id="person" name="Person"><variable name="Person" typeRef="lib.tPerson"/></inputData>
<decision id="greet" name="Greet">
  <variable name="Greet" typeRef="string"/>
  {inputs("person")}
  <knowledgeRequirement><requiredKnowledge href="http://example.com/lib#bkm-greet"/></knowledgeRequirement>
  {literal("lib.Greeting(Person)")}
</decision>
<decision id="age-next" name="Age Next Year">
  <variable name="Age Next Year" typeRef="number"/>
  {inputs("person")}
  {literal("Person.age + 1")}
</decision>
""",
    name="Main",
    namespace="http://example.com/main",
)


@pytest.fixture
def imported(tmp_path):
    (tmp_path / "lib.dmn").write_text(LIB, encoding="utf-8")
    (tmp_path / "main.dmn").write_text(MAIN, encoding="utf-8")
    return tmp_path


def test_imported_bkm_and_type_from_a_folder(imported):
    models = load(imported)
    assert {m.name for m in models.all()} == {"Lib", "Main"}
    main = models.by_file("main.dmn")
    r = main.evaluate("Greet", {"Person": {"name": "Ann", "age": D(40)}})
    assert r.value == "Hello Ann"
    assert main.evaluate("Age Next Year", {"Person": {"name": "Ann", "age": D(40)}}).value == D(41)


def test_imported_type_checks_the_input(imported):
    main = load(imported).by_file("main.dmn")
    # age is not a number: the input does not conform to lib.tPerson and is null
    r = main.evaluate("Age Next Year", {"Person": {"name": "Ann", "age": "forty"}})
    assert r.value is None


def test_loading_one_file_brings_its_imports_from_the_folder(imported):
    main = load(imported / "main.dmn").by_file("main.dmn")
    assert main.evaluate("Greet", {"Person": {"name": "Bo", "age": D(1)}}).value == "Hello Bo"


def test_import_missing_from_the_folder_is_a_load_error(imported):
    (imported / "lib.dmn").unlink()
    with pytest.raises(LoadError) as info:
        load(imported / "main.dmn")
    assert any("http://example.com/lib" in p.message for p in info.value.problems)


# --- cycles --------------------------------------------------------------------------------------------


def test_cycle_between_decisions_is_a_load_error(tmp_path):
    body = (
        f'<decision id="a" name="A"><variable name="A"/>{needs("b")}{literal("B + 1")}</decision>'
        f'<decision id="b" name="B"><variable name="B"/>{needs("a")}{literal("A + 1")}</decision>'
    )
    with pytest.raises(LoadError) as info:
        write_and_load(tmp_path, definitions(body))
    problems = info.value.problems
    assert problems
    assert all(p.file and p.file.endswith("model.dmn") for p in problems)
    assert {p.element_id for p in problems} <= {"a", "b"}
    assert any(p.element_id in ("a", "b") for p in problems)


def test_three_decision_cycle_is_a_load_error(tmp_path):
    body = (
        f'<decision id="a" name="A"><variable name="A"/>{needs("c")}{literal("C")}</decision>'
        f'<decision id="b" name="B"><variable name="B"/>{needs("a")}{literal("A")}</decision>'
        f'<decision id="c" name="C"><variable name="C"/>{needs("b")}{literal("B")}</decision>'
    )
    with pytest.raises(LoadError):
        write_and_load(tmp_path, definitions(body))


def test_self_requirement_is_a_load_error(tmp_path):
    body = f'<decision id="a" name="A"><variable name="A"/>{needs("a")}{literal("1")}</decision>'
    with pytest.raises(LoadError):
        write_and_load(tmp_path, definitions(body))


def test_a_decision_named_without_a_requirement_is_still_in_scope(tmp_path):
    # an evaluation's scope holds the decisions the target may reach by name, declared or not:
    # C = B.amount + A = 5 + 1; B = {amount: A * 5}; D (reached by nobody) fails if ever evaluated
    body = (
        f'<decision id="a" name="A"><variable name="A"/>{literal("1")}</decision>'
        f'<decision id="b" name="B"><variable name="B"/>{literal("{amount: A * 5}")}</decision>'
        f'<decision id="c" name="C"><variable name="C"/>{literal("B.amount + A")}</decision>'
        f'<decision id="d" name="D"><variable name="D"/>{literal("C / 0")}</decision>'
    )
    m = write_and_load(tmp_path, definitions(body))
    r = m.evaluate("C", {})
    assert r.value == D(6)
    assert [t.decision_name for t in r.trace] == ["A", "B", "C"]  # in the order they were done: A within B
    assert m.evaluate("B", {}).value == {"amount": D(5)}
    assert m.evaluate("D", {}).value is None  # 6 / 0: null


def test_decisions_naming_each_other_without_requirements_give_null_at_run_time(tmp_path):
    # no requirement is declared, so the load-time check sees no cycle: A = B + 1 where B = A read while A
    # is computed, which is null; null + 1 is null
    body = (
        f'<decision id="a" name="A"><variable name="A"/>{literal("B + 1")}</decision>'
        f'<decision id="b" name="B"><variable name="B"/>{literal("A")}</decision>'
    )
    m = write_and_load(tmp_path, definitions(body))
    for target, order in (("A", ["B", "A"]), ("B", ["A", "B"])):
        r = m.evaluate(target, {})
        assert r.value is None
        assert [(t.decision_name, t.result) for t in r.trace] == [(name, None) for name in order]


def test_a_lazy_value_read_while_it_computes_is_null_and_a_failed_one_is_tried_again():
    # the run-time guard behind the load-time check: a value that needs itself gets null for itself
    from service.dmn.feel.scope import Lazy

    calls = []

    def compute():
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("first attempt fails")
        return ("again", lazy.get())

    lazy = Lazy(compute)
    with pytest.raises(ValueError):
        lazy.get()
    assert lazy.get() == ("again", None)
    assert lazy.get() == ("again", None) and len(calls) == 2


def test_diamond_is_no_cycle(tmp_path):
    body = (
        f'<decision id="a" name="A"><variable name="A"/>{literal("1")}</decision>'
        f'<decision id="b" name="B"><variable name="B"/>{needs("a")}{literal("A + 1")}</decision>'
        f'<decision id="c" name="C"><variable name="C"/>{needs("a")}{literal("A + 2")}</decision>'
        f'<decision id="d" name="D"><variable name="D"/>{needs("b", "c")}{literal("B * C")}</decision>'
    )
    m = write_and_load(tmp_path, definitions(body))
    r = m.evaluate("D", {})
    assert r.value == D(6)
    assert [t.decision_id for t in r.trace].count("a") == 1


def test_an_evaluation_whose_decisions_all_ran_leaves_no_reference_cycle(tmp_path):
    # its objects are freed when the result is dropped, without waiting for the cycle collector
    import gc

    body = (
        f'<decision id="a" name="A"><variable name="A"/>{literal("1")}</decision>'
        f'<decision id="b" name="B"><variable name="B"/>{needs("a")}{literal("A + 1")}</decision>'
    )
    m = write_and_load(tmp_path, definitions(body))
    gc.collect()
    gc.disable()
    try:
        for _ in range(50):
            r = m.evaluate("B", {})
            assert r.value == D(2) and [t.decision_id for t in r.trace] == ["a", "b"]
        del r
        assert gc.collect() == 0
    finally:
        gc.enable()


# --- evaluation errors carry the decision that failed and the trace before it ----------------------

FAILING = definitions(
    f"""
<inputData id="x" name="X"><variable name="X" typeRef="number"/></inputData>
<decision id="base" name="Base"><variable name="Base" typeRef="number"/>{inputs("x")}{literal("X * 2")}</decision>
<decision id="band" name="Band">
  <variable name="Band" typeRef="string"/>{needs("base")}
  <decisionTable id="band-table" hitPolicy="UNIQUE">
    <input id="bi"><inputExpression typeRef="number"><text>Base</text></inputExpression></input>
    <output id="bo"/>
    <rule id="low"><inputEntry><text>&lt;= 10</text></inputEntry><outputEntry><text>"low"</text></outputEntry></rule>
    <rule id="high"><inputEntry><text>&gt;= 10</text></inputEntry><outputEntry><text>"high"</text></outputEntry></rule>
  </decisionTable>
</decision>
<decision id="report" name="Report">
  <variable name="Report" typeRef="string"/>{needs("band")}{literal('"band: " + Band')}
</decision>
<decision id="typed" name="Typed">
  <variable name="Typed" typeRef="number"/>{literal('"not a number"')}
</decision>
"""
)


@pytest.fixture(scope="module")
def failing(tmp_path_factory):
    return write_and_load(tmp_path_factory.mktemp("failing"), FAILING)


def test_error_in_a_required_decision(failing):
    assert failing.evaluate("Report", {"X": D(2)}).value == "band: low"
    with pytest.raises(EvaluationError) as info:
        failing.evaluate("Report", {"X": D(5)})  # Base = 10 matches both rules
    err = info.value
    assert err.decision_id == "band"
    assert err.decision_name == "Band"
    assert err.table_id == "band-table"
    # the decisions evaluated before the failure are in the error's trace
    assert [(t.decision_id, t.result) for t in err.trace] == [("base", D(10))]


def test_result_not_conforming_to_the_decision_type_is_null_with_a_warning(failing):
    r = failing.evaluate("Typed", {})
    assert r.value is None
    assert r.trace[-1].result is None
    assert any(m.severity == "warning" and m.decision_id == "typed" for m in r.messages)


# --- an imported decision and its imported input data -------------------------------------------------

RATES = definitions(
    """
<inputData id="rate" name="Rate"><variable name="Rate" typeRef="number"/></inputData>
<decision id="dbl" name="Double Rate"><variable name="Double Rate" typeRef="number"/>
  <informationRequirement><requiredInput href="#rate"/></informationRequirement>
  <literalExpression><text>Rate * 2</text></literalExpression></decision>
<itemDefinition name="tCode"><typeRef>string</typeRef><allowedValues><text>"A", "B"</text></allowedValues>
</itemDefinition>
""",
    name="Rates",
    namespace="http://example.com/rates",
)

USER = definitions(
    f"""
<import name="rates" namespace="http://example.com/rates" importType="https://www.omg.org/spec/DMN/20191111/MODEL/"/>
<inputData id="code" name="Code"><variable name="Code" typeRef="rates.tCode"/></inputData>
<decision id="use" name="Use"><variable name="Use" typeRef="number"/>
  <informationRequirement><requiredDecision href="http://example.com/rates#dbl"/></informationRequirement>
  {literal("rates.Double Rate + 1")}</decision>
<decision id="echo" name="Echo"><variable name="Echo"/>{inputs("code")}{literal("Code")}</decision>
<decision id="spread" name="Spread"><variable name="Spread"/>
  <informationRequirement><requiredDecision href="http://example.com/rates#dbl"/></informationRequirement>
  <context><contextEntry><variable name="kept"/><filter><in>{literal("[rates]")}</in>
    <match>{literal("Double Rate > 5")}</match></filter></contextEntry>
  <contextEntry>{literal("count(kept)")}</contextEntry></context></decision>
<decision id="passed" name="Passed"><variable name="Passed"/>
  <informationRequirement><requiredDecision href="http://example.com/rates#dbl"/></informationRequirement>
  {literal('[{read: function(ns) ns.Double Rate}.read(rates), context put(rates, "extra", 1).Double Rate, '
           '{x: rates}.x.Double Rate, [rates][1].Double Rate, rates instance of context, '
           'get value(rates, "Double Rate"), count(get entries(rates))]')}</decision>
""",
    name="User",
    namespace="http://example.com/user",
)


@pytest.fixture
def rates(tmp_path):
    (tmp_path / "rates.dmn").write_text(RATES, encoding="utf-8")
    (tmp_path / "user.dmn").write_text(USER, encoding="utf-8")
    return load(tmp_path).by_file("user.dmn")


def test_imported_decision_with_an_imported_input(rates):
    # an input of an imported model is keyed {namespace}name; Double Rate = 5 * 2, Use = 11
    r = rates.evaluate("Use", {"{http://example.com/rates}Rate": D(5)})
    assert r.value == D(11)
    assert [t.decision_name for t in r.trace] == ["Double Rate", "Use"]
    assert r.trace[0].inputs == {"Rate": D(5)}


def test_a_filter_item_spreading_an_imported_decision_gives_its_value(rates):
    """The items of a boxed filter over [rates] spread the imported model's names into the match's scope,
    its decisions as lazy values: `Double Rate` there is the decision's value (5 * 2 > 5, 2 * 2 is not)."""
    assert rates.evaluate("Spread", {"{http://example.com/rates}Rate": D(5)}).value == D(1)
    assert rates.evaluate("Spread", {"{http://example.com/rates}Rate": D(2)}).value == D(0)


def test_an_imported_models_names_passed_as_a_value_give_its_decisions_values(rates):
    """`rates` read as a value (a function's argument, copied by context put, kept in a context or a list, given
    to get value and get entries) is a context of the imported model's names: each way of reading `Double
    Rate` from it gives the decision's value, 5 * 2 = 10, and its entries are Rate and Double Rate (2)."""
    r = rates.evaluate("Passed", {"{http://example.com/rates}Rate": D(5)})
    assert r.value == [D(10), D(10), D(10), D(10), True, D(10), D(2)]


def test_imported_type_with_allowed_values(rates):
    assert rates.evaluate("Echo", {"Code": "A"}).value == "A"
    r = rates.evaluate("Echo", {"Code": "Z"})
    assert r.value is None
    assert any(m.severity == "warning" and "Code" in m.text for m in r.messages)


def test_transitive_inputs_through_an_imported_decision(rates):
    info = {d.name: d for d in rates.decisions}
    assert [name for name, _ in info["Use"].inputs if "Rate" in name]


def test_a_decision_without_a_table_traces_its_description_first_line(tmp_path):
    """RULES §12: a decision whose logic is not a table carries its source (its description's first line)."""
    m = write_and_load(tmp_path, definitions("""
<inputData id="x" name="X"><variable name="X" typeRef="number"/></inputData>
<decision id="b" name="B"><description>S2: 6-day system
and more lines</description><variable name="B"/><informationRequirement><requiredInput href="#x"/>
</informationRequirement><literalExpression><text>X + 1</text></literalExpression></decision>
<decision id="c" name="C"><description>not shown for a table</description><variable name="C"/>
<informationRequirement><requiredDecision href="#b"/></informationRequirement>
<decisionTable><input><inputExpression><text>B</text></inputExpression></input><output/>
<rule><inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry></rule></decisionTable>
</decision>
"""))
    trace = {t.decision_name: t for t in m.evaluate("C", {"X": D(1)}).trace}
    assert trace["B"].source == "S2: 6-day system" and trace["B"].inputs == {"X": D(1)}
    assert trace["C"].source is None and trace["C"].inputs == {"B": D(2)}
