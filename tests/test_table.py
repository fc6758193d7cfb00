"""Decision tables (DMN 1.5 chapter 8): every hit policy, aggregations, several outputs, default
output entries, strict evaluation, matched rules in the trace and output type conversion.

Each model is a small DMN 1.3 file written by ``table_model`` from a compact description; the
expected results are worked out from the hit-policy rules of 8.2.11 and 8.3.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal as D
from xml.sax.saxutils import escape, quoteattr

import pytest

from service.dmn import EvaluationError, MatchedRule, NoRuleMatched, load

DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/"


@pytest.fixture(autouse=True, params=["generated", "generated-bisect", "generated-chain", "generic", "large"])
def matcher(request, monkeypatch):
    """Every test runs five times: tables matched by their generated function (a column with few interval
    ends compares its value with each, more are bisected), with every such column bisected, with every one
    compared end by end, by the generic loop the generated function replaces, and as a large table (rule sets
    kept as rule positions)."""
    if request.param == "large":
        monkeypatch.setattr("service.dmn.table_index.LARGE_TABLE", 0)
        monkeypatch.setattr("service.dmn.table.LARGE_TABLE", 0)
    elif request.param == "generic":
        monkeypatch.setattr("service.dmn.table.table_matcher", lambda *args: None)
    elif request.param == "generated-bisect":
        monkeypatch.setattr("service.dmn.generated._FEW_POINTS", 0)
    elif request.param == "generated-chain":
        monkeypatch.setattr("service.dmn.generated._FEW_POINTS", 10_000)
    return request.param


@dataclass
class Out:
    """An output column: name, typeRef, output values (priority order) and default output entry."""

    name: str
    type_ref: str | None = None
    values: str | None = None
    default: str | None = None


def table_model(
    tmp_path,
    rules,
    *,
    hit="UNIQUE",
    aggregation=None,
    inputs=(("Age", "number"),),
    outputs=None,
    annotated=False,
    decision_type=None,
    file_name="table.dmn",
):
    """Write a one-decision DMN 1.3 model and load it.

    ``inputs``: (input data name, typeRef) pairs, each also the input expression of a column.
    ``rules``: tuples of cells, the input entries then the output entries, then an annotation
    when ``annotated``. Rule k (from 1) has id ``rule-k``; the table has id ``table-1`` and the
    decision is named ``Decision``.
    """
    outputs = outputs or [Out("result", "string")]
    x = [f'<definitions xmlns="{DMN13}" id="defs" name="Tables" namespace="http://example.com/tables">']
    for name, type_ref in inputs:
        x.append(
            f'<inputData id="in-{name}" name={quoteattr(name)}>'
            f"<variable name={quoteattr(name)} typeRef={quoteattr(type_ref)}/></inputData>"
        )
    type_attr = f" typeRef={quoteattr(decision_type)}" if decision_type else ""
    x.append(f'<decision id="decision-1" name="Decision"><variable name="Decision"{type_attr}/>')
    for name, _ in inputs:
        x.append(f'<informationRequirement><requiredInput href="#in-{name}"/></informationRequirement>')
    agg = f' aggregation="{aggregation}"' if aggregation else ""
    x.append(f'<decisionTable id="table-1" hitPolicy="{hit}"{agg}>')
    for k, (name, type_ref) in enumerate(inputs, start=1):
        x.append(
            f'<input id="input-{k}" label={quoteattr(name)}>'
            f"<inputExpression typeRef={quoteattr(type_ref)}><text>{escape(name)}</text></inputExpression></input>"
        )
    for k, o in enumerate(outputs, start=1):
        attrs = f' name="{o.name}"' if len(outputs) > 1 else ""
        attrs += f" typeRef={quoteattr(o.type_ref)}" if o.type_ref else ""
        x.append(f'<output id="output-{k}"{attrs}>')
        if o.values:
            x.append(f"<outputValues><text>{escape(o.values)}</text></outputValues>")
        if o.default:
            x.append(f"<defaultOutputEntry><text>{escape(o.default)}</text></defaultOutputEntry>")
        x.append("</output>")
    if annotated:
        x.append('<annotation name="Note"/>')
    for k, cells in enumerate(rules, start=1):
        n_in, n_out = len(inputs), len(outputs)
        assert len(cells) == n_in + n_out + (1 if annotated else 0), cells
        x.append(f'<rule id="rule-{k}">')
        x.extend(f"<inputEntry><text>{escape(c)}</text></inputEntry>" for c in cells[:n_in])
        x.extend(f"<outputEntry><text>{escape(c)}</text></outputEntry>" for c in cells[n_in : n_in + n_out])
        if annotated:
            x.append(f"<annotationEntry><text>{escape(cells[-1])}</text></annotationEntry>")
        x.append("</rule>")
    x.append("</decisionTable></decision></definitions>")
    path = tmp_path / file_name
    path.write_text("\n".join(x), encoding="utf-8")
    return load(path).by_file(file_name)


def run(model, strict=False, **inputs):
    return model.evaluate("Decision", inputs, strict=strict)


def value(model, **inputs):
    return run(model, **inputs).value


# --- UNIQUE (8.2.11: exactly one rule may match; overlapping rules are an error) -------------------

AGE_RULES = [("<18", '"minor"'), ("[18..65)", '"adult"'), (">=65", '"senior"')]


@pytest.mark.parametrize("age, expected", [(0, "minor"), (17, "minor"), (18, "adult"), (64, "adult"), (65, "senior")])
def test_unique(tmp_path, age, expected):
    assert value(table_model(tmp_path, AGE_RULES), Age=D(age)) == expected


def test_unique_with_two_matching_rules_names_both(tmp_path):
    model = table_model(tmp_path, [(">100", '"big"'), ("<=18", '"minor"'), (">=18", '"adult"')])
    assert value(model, Age=D(10)) == "minor"
    with pytest.raises(EvaluationError) as info:
        run(model, Age=D(18))
    err = info.value
    text = str(err)
    assert re.search(r"\b2\b", text) and re.search(r"\b3\b", text), text
    assert "rule-2" in text and "rule-3" in text
    assert err.decision_name == "Decision"
    assert err.table_id == "table-1"


def test_unique_with_several_inputs(tmp_path):
    model = table_model(
        tmp_path,
        [("<18", "-", '"refused"'), (">=18", '"gold"', '"premium"'), (">=18", 'not("gold")', '"standard"')],
        inputs=(("Age", "number"), ("Level", "string")),
    )
    assert value(model, Age=D(30), Level="gold") == "premium"
    assert value(model, Age=D(30), Level="silver") == "standard"
    assert value(model, Age=D(10), Level="gold") == "refused"


# --- ANY (8.2.11: several rules may match if their outputs are equal) ------------------------------


def test_any_with_equal_outputs(tmp_path):
    model = table_model(tmp_path, [(">=10", '"yes"'), (">=20", '"yes"'), ("<10", '"no"')], hit="ANY")
    assert value(model, Age=D(25)) == "yes"
    assert value(model, Age=D(5)) == "no"


def test_any_with_different_outputs_is_an_error(tmp_path):
    model = table_model(tmp_path, [(">=10", '"yes"'), (">=20", '"no"')], hit="ANY")
    assert value(model, Age=D(15)) == "yes"
    with pytest.raises(EvaluationError):
        run(model, Age=D(25))


# --- PRIORITY (8.2.11: the output values list gives the priority, first is highest) ----------------


def test_priority(tmp_path):
    model = table_model(
        tmp_path,
        [(">=0", '"low"'), (">=50", '"medium"'), (">=90", '"high"')],
        hit="PRIORITY",
        outputs=[Out("result", "string", values='"high", "medium", "low"')],
    )
    assert value(model, Age=D(10)) == "low"
    assert value(model, Age=D(60)) == "medium"
    assert value(model, Age=D(95)) == "high"


def test_priority_follows_output_values_not_rule_order(tmp_path):
    model = table_model(
        tmp_path,
        [(">=90", '"low"'), (">=0", '"high"')],
        hit="PRIORITY",
        outputs=[Out("result", "string", values='"high", "low"')],
    )
    assert value(model, Age=D(95)) == "high"


# --- FIRST (8.2.11: the first matching rule in rule order) -----------------------------------------


def test_first(tmp_path):
    model = table_model(tmp_path, [(">=90", '"A"'), (">=50", '"B"'), ("-", '"C"')], hit="FIRST")
    assert value(model, Age=D(95)) == "A"
    assert value(model, Age=D(60)) == "B"
    assert value(model, Age=D(10)) == "C"


def test_first_traces_only_the_rule_that_gave_the_value(tmp_path):
    model = table_model(tmp_path, [(">=90", '"A"'), (">=50", '"B"'), ("-", '"C"')], hit="FIRST")
    assert run(model, Age=D(60)).trace[-1].matched_rules == [MatchedRule(2, "rule-2", None)]


# --- RULE ORDER and OUTPUT ORDER (8.2.11: lists of the matching rules' outputs) --------------------


def test_rule_order(tmp_path):
    model = table_model(tmp_path, [(">=0", '"c"'), (">=50", '"a"'), (">=90", '"b"')], hit="RULE ORDER")
    assert value(model, Age=D(95)) == ["c", "a", "b"]
    assert value(model, Age=D(60)) == ["c", "a"]
    assert value(model, Age=D(-1)) == []


def test_output_order_sorts_by_output_values(tmp_path):
    model = table_model(
        tmp_path,
        [(">=0", '"low"'), (">=90", '"high"'), (">=50", '"medium"')],
        hit="OUTPUT ORDER",
        outputs=[Out("result", "string", values='"high", "medium", "low"')],
    )
    assert value(model, Age=D(95)) == ["high", "medium", "low"]
    assert value(model, Age=D(60)) == ["medium", "low"]


# --- COLLECT and its aggregations (8.2.11, 8.3.1) --------------------------------------------------

COLLECT_RULES = [(">=0", "10"), (">=50", "5"), (">=90", "30"), ("<0", "1")]


def test_collect(tmp_path):
    model = table_model(tmp_path, COLLECT_RULES, hit="COLLECT", outputs=[Out("result", "number")])
    # the order of a collect list is not specified: compare as a multiset
    assert sorted(value(model, Age=D(95))) == [D(5), D(10), D(30)]
    assert value(model, Age=D(10)) == [D(10)]


@pytest.mark.parametrize(
    "aggregation, age, expected",
    [
        ("SUM", 95, D(45)),
        ("SUM", 60, D(15)),
        ("MIN", 95, D(5)),
        ("MIN", 10, D(10)),
        ("MAX", 95, D(30)),
        ("MAX", 60, D(10)),
        ("COUNT", 95, D(3)),
        ("COUNT", 60, D(2)),
        ("COUNT", -5, D(1)),
    ],
)
def test_collect_aggregations(tmp_path, aggregation, age, expected):
    model = table_model(
        tmp_path, COLLECT_RULES, hit="COLLECT", aggregation=aggregation, outputs=[Out("result", "number")]
    )
    assert value(model, Age=D(age)) == expected


@pytest.mark.parametrize("aggregation", ["SUM", "MIN"])
def test_collect_aggregation_with_a_null_output_is_null(tmp_path, aggregation):
    model = table_model(
        tmp_path,
        [("-", "null"), ("-", "3")],
        hit="COLLECT",
        aggregation=aggregation,
        outputs=[Out("result", "number")],
    )
    assert value(model, Age=D(1)) is None


def test_collect_count_counts_null_outputs(tmp_path):
    # count([null, 3]) = 2
    model = table_model(tmp_path, [("-", "null"), ("-", "3")], hit="COLLECT", aggregation="COUNT")
    assert value(model, Age=D(1)) == D(2)


def test_collect_max_of_dates(tmp_path):
    model = table_model(
        tmp_path,
        [("-", 'date("2025-06-01")'), ("-", 'date("2026-01-01")'), (">5", 'date("2027-01-01")')],
        hit="COLLECT",
        aggregation="MAX",
        outputs=[Out("result", "date")],
    )
    assert value(model, Age=D(1)) == dt.date(2026, 1, 1)


def test_collect_sum_of_strings_is_null(tmp_path):
    # sum() takes numbers only
    model = table_model(tmp_path, [("-", '"a"'), ("-", '"b"')], hit="COLLECT", aggregation="SUM")
    assert value(model, Age=D(1)) is None


def test_collect_count_is_zero_when_no_rule_matches(tmp_path):
    model = table_model(tmp_path, [(">=50", '"x"'), (">=90", '"y"')], hit="COLLECT", aggregation="COUNT")
    assert value(model, Age=D(1)) == D(0)


def test_collect_count_counts_equal_outputs(tmp_path):
    # 8.2.11: C# is count() of the outputs
    model = table_model(tmp_path, [(">=0", '"x"'), (">=0", '"x"')], hit="COLLECT", aggregation="COUNT")
    assert value(model, Age=D(1)) == D(2)


def test_collect_min_of_strings(tmp_path):
    model = table_model(tmp_path, [("-", '"pear"'), ("-", '"apple"')], hit="COLLECT", aggregation="MIN")
    assert value(model, Age=D(1)) == "apple"


def test_collect_without_match_is_an_empty_list(tmp_path):
    model = table_model(tmp_path, [(">=50", '"x"')], hit="COLLECT")
    assert value(model, Age=D(1)) == []


# --- several outputs: one context per rule (8.2.12) ------------------------------------------------


def test_several_outputs_give_a_context(tmp_path):
    model = table_model(
        tmp_path,
        [("<18", '"minor"', "0"), (">=18", '"adult"', "Age * 2")],
        outputs=[Out("label", "string"), Out("score", "number")],
    )
    assert value(model, Age=D(10)) == {"label": "minor", "score": D(0)}
    assert value(model, Age=D(20)) == {"label": "adult", "score": D(40)}


def test_several_outputs_with_rule_order_give_a_list_of_contexts(tmp_path):
    model = table_model(
        tmp_path,
        [(">=0", '"a"', "1"), (">=10", '"b"', "2")],
        hit="RULE ORDER",
        outputs=[Out("label", "string"), Out("score", "number")],
    )
    assert value(model, Age=D(20)) == [{"label": "a", "score": D(1)}, {"label": "b", "score": D(2)}]


def test_several_outputs_with_priority_compare_column_by_column(tmp_path):
    model = table_model(
        tmp_path,
        [(">=0", '"low"', '"x"'), (">=0", '"high"', '"y"'), (">=0", '"high"', '"x"')],
        hit="PRIORITY",
        outputs=[Out("level", "string", values='"high", "low"'), Out("code", "string", values='"x", "y"')],
    )
    assert value(model, Age=D(1)) == {"level": "high", "code": "x"}


# --- default output entry and no match -------------------------------------------------------------


def test_default_output_entry_when_no_rule_matches(tmp_path):
    model = table_model(tmp_path, [("<18", '"minor"')], outputs=[Out("result", "string", default='"unknown"')])
    assert value(model, Age=D(10)) == "minor"
    assert value(model, Age=D(30)) == "unknown"


def test_default_output_entries_of_several_outputs(tmp_path):
    model = table_model(
        tmp_path,
        [("<18", '"minor"', "1")],
        outputs=[Out("label", "string", default='"none"'), Out("score", "number", default="-1")],
    )
    assert value(model, Age=D(30)) == {"label": "none", "score": D(-1)}


def test_default_output_entry_in_strict_mode_is_no_error(tmp_path):
    model = table_model(tmp_path, [("<18", '"minor"')], outputs=[Out("result", "string", default='"unknown"')])
    assert run(model, strict=True, Age=D(30)).value == "unknown"


def test_no_match_is_null(tmp_path):
    model = table_model(tmp_path, [("<18", '"minor"')])
    r = run(model, Age=D(30))
    assert r.value is None
    assert r.trace[-1].matched_rules == []


def test_null_input_matches_only_dash_and_null_tests(tmp_path):
    model = table_model(tmp_path, [("<18", '"minor"'), ("null", '"unknown"'), ("-", '"any"')], hit="RULE ORDER")
    assert value(model, Age=None) == ["unknown", "any"]
    assert value(model) == ["unknown", "any"]  # a missing input is null


# --- strict evaluation: no rule matched is an error ------------------------------------------------


@pytest.mark.parametrize("hit", ["UNIQUE", "FIRST", "ANY", "PRIORITY"])
def test_strict_no_match_raises(tmp_path, hit):
    model = table_model(
        tmp_path,
        [("<18", '"A"', '"minor"'), (">=65", '"B"', '"senior"')],
        hit=hit,
        inputs=(("Age", "number"), ("Category", "string")),
        outputs=[Out("result", "string", values='"minor", "senior"')],
    )
    with pytest.raises(NoRuleMatched) as info:
        run(model, strict=True, Age=D(30), Category="Z")
    err = info.value
    text = str(err)
    assert "table-1" in text
    assert "Decision" in text
    assert "Age = 30" in text and "Category = " in text and "Z" in text
    assert err.inputs == {"Age": D(30), "Category": "Z"}
    assert isinstance(err, EvaluationError)


def test_strict_with_a_match_is_no_error(tmp_path):
    model = table_model(tmp_path, AGE_RULES)
    assert run(model, strict=True, Age=D(30)).value == "adult"


NULL_RULES = [("not(3)", "-", '"r1"'), ("null", "null", '"r2"'), (">3", "-", '"r3"'), ("[1..5]", '"a","b"', '"r4"'),
              ("not(null)", "-", '"r5"'), ("-", 'not("a")', '"r6"')]


@pytest.mark.parametrize("x, y, expected", [
    (None, None, ["r1", "r2", "r6"]),  # null = 3 is false, so not(3) passes; null > 3 and null in [1..5] are null
    (None, "a", ["r1"]),
    (D(4), None, ["r1", "r3", "r5", "r6"]),  # not("a") passes null: null = "a" is false
    (D(3), "b", ["r4", "r5", "r6"]),
])
def test_null_inputs_pass_the_tests_that_hold_for_null(tmp_path, x, y, expected):
    """DMN 1.5 §8.3.3 and §10.3.2.9: a null input matches ``-``, ``null`` and the negation of a test it fails;
    a comparison or range with null is null, which does not match. Answered twice: the same each time."""
    model = table_model(tmp_path, NULL_RULES, hit="RULE ORDER", inputs=(("X", "number"), ("Y", "string")))
    for _ in range(2):
        result = run(model, X=x, Y=y)
        assert result.value == expected
        assert [r.id for r in result.trace[0].matched_rules] == [f"rule-{e[1:]}" for e in expected]


def test_a_test_that_spends_items_on_null_spends_them_in_each_evaluation(tmp_path):
    """A null input's rules are found once at load only where the tests cost nothing there: a test that makes a
    1,000-item list still charges each evaluation's budget (DMN says nothing of budgets; ours counts every item
    an evaluation makes)."""
    from service.dmn.budget import Budget, BudgetExceeded

    model = table_model(tmp_path, [("count(for i in 1..1000 return i) > ?", '"big"'), ("-", '"any"')],
                        hit="RULE ORDER")
    assert value(model) == ["any"]  # 1000 > null is null: no match
    with pytest.raises(BudgetExceeded):
        model.evaluate("Decision", {"Age": None}, budget=Budget(5, 500))


def test_not_strict_no_match_is_null(tmp_path):
    model = table_model(tmp_path, [("<18", '"minor"')])
    assert run(model, strict=False, Age=D(30)).value is None


def test_strict_multi_hit_without_match_is_an_empty_list(tmp_path):
    model = table_model(tmp_path, [("<18", '"minor"')], hit="RULE ORDER")
    assert run(model, strict=True, Age=D(30)).value == []


# --- matched rules in the trace: 1-based index, id, annotation -------------------------------------


def test_matched_rules_in_the_trace(tmp_path):
    model = table_model(
        tmp_path,
        [("<18", '"minor"', "under age"), (">=18", '"adult"', "of age"), (">=65", '"senior"', "")],
        hit="RULE ORDER",
        annotated=True,
    )
    r = run(model, Age=D(70))
    entry = r.trace[-1]
    assert entry.decision_name == "Decision"
    assert entry.decision_id == "decision-1"
    assert entry.result == ["adult", "senior"]
    assert entry.matched_rules == [MatchedRule(2, "rule-2", "of age"), MatchedRule(3, "rule-3", None)]
    assert entry.inputs == {"Age": D(70)}


def test_matched_rule_of_a_unique_table(tmp_path):
    r = run(table_model(tmp_path, AGE_RULES), Age=D(70))
    assert r.trace[-1].matched_rules == [MatchedRule(3, "rule-3", None)]


# --- output typeRef: values are converted to, or checked against, the column's type ----------------


def test_output_of_another_type_is_null(tmp_path):
    model = table_model(tmp_path, [("<18", '"minor"'), (">=18", "18")], outputs=[Out("result", "string")])
    assert value(model, Age=D(10)) == "minor"
    assert value(model, Age=D(20)) is None  # a number where a string is declared


def test_output_singleton_list_becomes_its_item(tmp_path):
    # 10.3.2.9.4: a list of one item converts to the item when the type is not a list
    model = table_model(tmp_path, [("-", "[42]")], outputs=[Out("result", "number")])
    assert value(model, Age=D(1)) == D(42)


def test_output_item_becomes_a_singleton_list(tmp_path):
    # 10.3.2.9.4: an item converts to a list of one item when the type is a list
    model = table_model(tmp_path, [("-", "42")], outputs=[Out("result", "list<number>")])
    assert value(model, Age=D(1)) == [D(42)]


def test_decision_type_applies_to_the_table_result(tmp_path):
    model = table_model(tmp_path, [("-", '"x"')], decision_type="number")
    assert value(model, Age=D(1)) is None


def test_output_number_type_keeps_numbers(tmp_path):
    model = table_model(tmp_path, [("-", "Age / 4")], outputs=[Out("result", "number")])
    assert value(model, Age=D(10)) == D("2.5")


def test_input_entries_use_other_inputs(tmp_path):
    model = table_model(
        tmp_path,
        [("< Limit", "-", '"under"'), (">= Limit", "-", '"over"')],
        inputs=(("Age", "number"), ("Limit", "number")),
    )
    assert value(model, Age=D(10), Limit=D(18)) == "under"
    assert value(model, Age=D(18), Limit=D(18)) == "over"


# --- input values: the domain of an input column --------------------------------------------------


def input_values_model(tmp_path):
    path = tmp_path / "levels.dmn"
    path.write_text(
        f'<definitions xmlns="{DMN13}" id="defs" name="Levels" namespace="http://example.com/levels">'
        '<inputData id="in-Level" name="Level"><variable name="Level" typeRef="string"/></inputData>'
        '<decision id="decision-1" name="Decision"><variable name="Decision" typeRef="string"/>'
        '<informationRequirement><requiredInput href="#in-Level"/></informationRequirement>'
        '<decisionTable id="table-1" hitPolicy="FIRST"><input id="input-1" label="Level">'
        '<inputExpression typeRef="string"><text>Level</text></inputExpression>'
        '<inputValues><text>"gold", "silver"</text></inputValues></input><output id="output-1"/>'
        '<rule id="rule-1"><inputEntry><text>"gold"</text></inputEntry><outputEntry><text>"G"</text></outputEntry>'
        "</rule>"
        '<rule id="rule-2"><inputEntry><text>-</text></inputEntry><outputEntry><text>"other"</text></outputEntry>'
        "</rule></decisionTable></decision></definitions>",
        encoding="utf-8",
    )
    return load(path).by_file("levels.dmn")


def test_input_within_its_input_values(tmp_path):
    model = input_values_model(tmp_path)
    for strict in (False, True):
        r = model.evaluate("Decision", {"Level": "gold"}, strict=strict)
        assert r.value == "G"
        assert r.messages == []
        assert model.evaluate("Decision", {"Level": "silver"}, strict=strict).value == "other"


def test_input_outside_its_input_values(tmp_path):
    model = input_values_model(tmp_path)
    r = model.evaluate("Decision", {"Level": "bronze"})
    assert r.value == "other"  # the rules still apply
    assert any(m.severity == "warning" and "Level" in m.text for m in r.messages)
    with pytest.raises(EvaluationError) as info:
        model.evaluate("Decision", {"Level": "bronze"}, strict=True)
    assert "Level" in str(info.value)


def test_each_input_outside_its_input_values_is_reported_once(tmp_path):
    path = tmp_path / "checked.dmn"
    path.write_text(
        f'<definitions xmlns="{DMN13}" id="defs" name="Checked" namespace="http://example.com/checked">'
        '<inputData id="in-Level" name="Level"><variable name="Level" typeRef="string"/></inputData>'
        '<inputData id="in-Score" name="Score"><variable name="Score" typeRef="number"/></inputData>'
        '<decision id="decision-1" name="Decision"><variable name="Decision" typeRef="string"/>'
        '<informationRequirement><requiredInput href="#in-Level"/></informationRequirement>'
        '<informationRequirement><requiredInput href="#in-Score"/></informationRequirement>'
        '<decisionTable id="table-1" hitPolicy="FIRST">'
        '<input id="input-1" label="Level"><inputExpression typeRef="string"><text>Level</text></inputExpression>'
        '<inputValues><text>"gold", "silver"</text></inputValues></input>'
        '<input id="input-2" label="Score"><inputExpression typeRef="number"><text>Score</text></inputExpression>'
        "<inputValues><text>[0..100]</text></inputValues></input><output id=\"output-1\"/>"
        '<rule id="rule-1"><inputEntry><text>-</text></inputEntry><inputEntry><text>-</text></inputEntry>'
        '<outputEntry><text>"any"</text></outputEntry></rule></decisionTable></decision></definitions>',
        encoding="utf-8",
    )
    model = load(path).by_file("checked.dmn")

    def warned(**inputs):
        r = model.evaluate("Decision", inputs)
        assert r.value == "any"
        return sorted(m.text.split("'")[1] for m in r.messages)

    assert warned(Level="gold", Score=D(100)) == []
    assert warned(Level=None, Score=None) == []  # null is never checked
    assert warned(Level="bronze", Score=D(50)) == ["Level"]
    assert warned(Level="silver", Score=D(101)) == ["Score"]
    assert warned(Level="bronze", Score=D(-1)) == ["Level", "Score"]


# --- rules found by column (a value looked up, or placed among the cells' interval ends) ----------
# A table finds the rules whose cells hold constant tests by column: a literal list is a lookup, ranges and
# comparisons with constants become intervals on a line searched by bisection. Each table below is
# evaluated over a grid of values and its matched rules compared with the cells' meaning written out in
# plain Python (DMN 1.5 8.3.3 and 10.3.2.9: comparisons and ranges; a value of another type or null is
# in no range and equal to no literal).

NUMBER_CELLS = [
    ("< 10", lambda x: x < 10), ("<= 10", lambda x: x <= 10), ("> 20", lambda x: x > 20),
    (">= 20", lambda x: x >= 20), ("[10..20]", lambda x: 10 <= x <= 20), ("(10..20)", lambda x: 10 < x < 20),
    ("[10..20)", lambda x: 10 <= x < 20), ("(10..20]", lambda x: 10 < x <= 20), ("15", lambda x: x == 15),
    ("= 15", lambda x: x == 15), ("10, 20, 30", lambda x: x in (10, 20, 30)),
    ("[1..3], [7..9]", lambda x: 1 <= x <= 3 or 7 <= x <= 9), ("> 33, < 2", lambda x: x > 33 or x < 2),
    ("-", lambda x: True),
]
STRING_CELLS = [
    ('"b"', lambda s: s == "b"), ('< "m"', lambda s: s < "m"), ('["c".."f"]', lambda s: "c" <= s <= "f"),
    ('"a", "z"', lambda s: s in ("a", "z")), ('>= "x"', lambda s: s >= "x"), ("-", lambda s: True),
]
DATE_CELLS = [
    ('[date("2020-01-01")..date("2021-01-01"))', lambda d: dt.date(2020, 1, 1) <= d < dt.date(2021, 1, 1)),
    ('< date("2020-06-01")', lambda d: d < dt.date(2020, 6, 1)),
    ('>= date("2020-12-31")', lambda d: d >= dt.date(2020, 12, 31)),
    ('date("2020-03-01")', lambda d: d == dt.date(2020, 3, 1)),
    ('(date("2019-12-31")..date("2020-01-02"))', lambda d: d == dt.date(2020, 1, 1)),
]


def _matched_rules(model, value):
    return [int(r) for r in run(model, x=value).value]


def _collect_model(tmp_path, cells, name):
    rules = [(text, str(k)) for k, (text, _) in enumerate(cells, start=1)]
    return table_model(tmp_path, rules, hit="COLLECT", inputs=(("x", "Any"),),
                       outputs=[Out("result", "number")], file_name=name)


def test_number_cells_by_column(tmp_path):
    model = _collect_model(tmp_path, NUMBER_CELLS, "numbers.dmn")
    for tenths in range(-20, 400, 5):
        x = D(tenths) / 10
        expected = [k for k, (_, holds) in enumerate(NUMBER_CELLS, start=1) if holds(x)]
        assert _matched_rules(model, x) == expected, x
    only_dash = [len(NUMBER_CELLS)]
    for other in ["15", True, dt.date(2020, 1, 1), None, [D(15)]]:
        assert _matched_rules(model, other) == only_dash, other


def test_string_cells_by_column(tmp_path):
    model = _collect_model(tmp_path, STRING_CELLS, "strings.dmn")
    for s in ["", "a", "aa", "b", "c", "d", "f", "fa", "g", "m", "ma", "x", "y", "z", "zz", "é"]:
        expected = [k for k, (_, holds) in enumerate(STRING_CELLS, start=1) if holds(s)]
        assert _matched_rules(model, s) == expected, s
    assert _matched_rules(model, D(1)) == [len(STRING_CELLS)]


def test_date_cells_by_column(tmp_path):
    model = _collect_model(tmp_path, DATE_CELLS, "dates.dmn")
    day = dt.date(2019, 12, 25)
    while day < dt.date(2021, 1, 10):
        expected = [k for k, (_, holds) in enumerate(DATE_CELLS, start=1) if holds(day)]
        assert _matched_rules(model, day) == expected, day
        day += dt.timedelta(days=1)
    # a date and time is not a date: compared with date endpoints it is in no range
    assert _matched_rules(model, dt.datetime(2020, 3, 1, tzinfo=dt.UTC)) == []


def test_mixed_and_scope_dependent_cells(tmp_path):
    """A column mixing pure tests with a test on another input runs the latter rule by rule; the first
    matching rule wins under FIRST."""
    rules = [("< 10", "-", '"low"'), ("< y", "-", '"below y"'), ("not(15)", '"a"', '"not 15 and a"'),
             ("15", '"a", "b"', '"15 with a or b"'), ("-", "-", '"other"')]
    model = table_model(tmp_path, rules, hit="FIRST", inputs=(("x", "number"), ("y", "string")),
                        file_name="mixed.dmn")
    assert value(model, x=D(5), y="a") == "low"
    assert value(model, x=D(12), y="a") == "not 15 and a"  # 12 < "a" is null: rule 2 does not match
    assert value(model, x=D(15), y="a") == "15 with a or b"
    assert value(model, x=D(15), y="c") == "other"
    model = table_model(tmp_path, [("< y", "-", '"below y"'), ("-", "-", '"other"')], hit="FIRST",
                        inputs=(("x", "number"), ("y", "number")), file_name="scope.dmn")
    assert value(model, x=D(3), y=D(5)) == "below y"
    assert value(model, x=D(7), y=D(5)) == "other"


def test_comparisons_with_negative_constants_are_matched_by_column(tmp_path):
    """`< -5` is a negation of a literal: a constant all the same, so its column is an interval lookup."""
    from service.dmn.feel.compiler import Compiler
    from service.dmn.feel.parser import Names
    from service.dmn.feel.unary import is_pure

    assert is_pure(Compiler(Names([])).unary_tests("< -5"))
    model = table_model(tmp_path, [("< -5", '"low"'), ("[-5..5]", '"mid"'), ("> 5", '"high"')])
    for age, expected in [(-6, "low"), (-5, "mid"), (5, "mid"), (D("5.5"), "high")]:
        assert value(model, Age=D(age)) == expected


def test_many_overlapping_intervals_by_column(tmp_path):
    """Sixty cells of random bounds, open or closed, one or two intervals, overlapping each other: the rules
    found by column are those whose cell holds the value (8.3.3, 10.3.2.9)."""
    import random

    rng = random.Random(20261206)
    cells = []
    for _ in range(60):
        spans, holds = [], []
        for _ in range(rng.choice((1, 1, 2))):
            lo, hi = sorted(rng.sample(range(0, 40), 2))
            kind = rng.choice(("[]", "()", "[)", "(]", "<", "<=", ">", ">="))
            if kind[0] in "[(":
                spans.append(f"{kind[0]}{lo}..{hi}{kind[1]}")
                holds.append(lambda x, lo=lo, hi=hi, k=kind: (lo < x or (k[0] == "[" and x == lo))
                             and (x < hi or (k[1] == "]" and x == hi)))
            else:
                spans.append(f"{kind} {lo}")
                holds.append({"<": lambda x, b=lo: x < b, "<=": lambda x, b=lo: x <= b,
                              ">": lambda x, b=lo: x > b, ">=": lambda x, b=lo: x >= b}[kind])
        cells.append((", ".join(spans), lambda x, hs=tuple(holds): any(h(x) for h in hs)))
    model = _collect_model(tmp_path, cells, "overlapping.dmn")
    for halves in range(-4, 86):
        x = D(halves) / 2
        expected = [k for k, (_, holds) in enumerate(cells, start=1) if holds(x)]
        assert _matched_rules(model, x) == expected, x


def test_each_distinct_cell_text_is_compiled_once_per_column(tmp_path, monkeypatch):
    from service.dmn.boxed import ExpressionCompiler

    compiled = []
    tests, text = ExpressionCompiler.tests, ExpressionCompiler.text
    monkeypatch.setattr(ExpressionCompiler, "tests", lambda self, t, *a: compiled.append(("test", t))
                        or tests(self, t, *a))
    monkeypatch.setattr(ExpressionCompiler, "text", lambda self, t, *a: compiled.append(("expr", t))
                        or text(self, t, *a))
    rules = [("< 10", '"a"', '"low"'), ("< 10", '"b"', '"low"'), ("[10..20]", '"a"', '"mid"'),
             ("[10..20]", '"b"', '"mid"'), ("> 20", '"a"', '"high"'), ("> 20", '"b"', '"high"')]
    model = table_model(tmp_path, rules, hit="FIRST", inputs=(("x", "number"), ("y", "string")))
    cells = [c for c in compiled if c[1] not in ("x", "y")]  # the input expressions
    assert sorted(cells) == sorted({("test", "< 10"), ("test", "[10..20]"), ("test", "> 20"), ("test", '"a"'),
                                    ("test", '"b"'), ("expr", '"low"'), ("expr", '"mid"'), ("expr", '"high"')})
    assert value(model, x=D(15), y="b") == "mid"


# --- input and output values restrict a column's values (DMN 1.5 §8.3.3): a value outside them is null ---


def restricted_model(tmp_path, input_values: str, output_values: str, entries: list[tuple[str, str]]):
    rules = "".join(f"<rule><inputEntry><text>{escape(i)}</text></inputEntry>"
                    f"<outputEntry><text>{escape(o)}</text></outputEntry></rule>" for i, o in entries)
    path = tmp_path / "restricted.dmn"
    path.write_text(
        f'<definitions xmlns="{DMN13}" id="defs" name="Restricted" namespace="http://example.com/restricted">'
        '<inputData id="in-X" name="X"><variable name="X"/></inputData>'
        '<decision id="d" name="Decision"><variable name="Decision"/>'
        '<informationRequirement><requiredInput href="#in-X"/></informationRequirement>'
        '<decisionTable hitPolicy="FIRST"><input><inputExpression><text>X</text></inputExpression>'
        f"<inputValues><text>{escape(input_values)}</text></inputValues></input>"
        f"<output><outputValues><text>{escape(output_values)}</text></outputValues></output>{rules}"
        "</decisionTable></decision></definitions>", encoding="utf-8")
    return load(path).by_file("restricted.dmn")


def test_an_input_outside_its_input_values_is_null_for_the_rules(tmp_path):
    model = restricted_model(tmp_path, "[1..10]", "-", [("null", '"none"'), ("5", '"five"'), ("-", '"other"')])
    assert value(model, X=D(5)) == "five"
    assert value(model, X=D(50)) == "none"  # 50 is not in [1..10]: the rules see null
    assert value(model, X=None) == "none"


def test_input_values_with_the_input_symbol(tmp_path):
    model = restricted_model(tmp_path, "string length(?) = 3", "", [("null", '"none"'), ("-", '"ok"')])
    assert value(model, X="abc") == "ok"
    assert value(model, X="abcd") == "none"


def test_an_output_outside_its_output_values_is_null(tmp_path):
    model = restricted_model(tmp_path, "-", '"low", "high"', [("< 5", '"low"'), ("< 10", '"mid"'), ("-", "X")])
    assert value(model, X=D(1)) == "low"
    r = model.evaluate("Decision", {"X": D(7)})
    assert r.value is None  # "mid" is not among the output values
    assert any("output values" in m.text for m in r.messages)
    assert value(model, X=D(70)) is None


def test_output_values_with_the_input_symbol(tmp_path):
    model = restricted_model(tmp_path, "-", "string length(?) >= 3", [("-", "X")])
    assert value(model, X="abc") == "abc"
    assert value(model, X="ab") is None
