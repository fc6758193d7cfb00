"""The decision-table linter (service.dmn.analysis), on small tables written from the DMN 1.5 spec's hit-policy
definitions (8.2.11): Unique - no two rules may match one input; Any - matching rules must agree on the output;
First - the first matching rule in rule order wins; Priority - the match whose output comes first in the
output values wins. Every expected witness is worked out by hand from the cells below."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from service.dmn.analysis import Finding, lint
from service.dmn.reader import read_definitions

DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/"
FAMILY = '"with-dependants","isolated","cohabitant"'


def model(inputs, rules, hit="UNIQUE", outputs=(("string", None),), default=None, items=(), extra=""):
    """A one-table model ``t.dmn``: ``inputs`` are (name, typeRef) columns, each rule a tuple of cells (the input
    entries then the output entries); ``items`` are (name, base type, allowed values) item definitions."""
    x = [f'<definitions xmlns="{DMN13}" id="defs" name="T" namespace="http://t">']
    for name, base, allowed in items:
        x.append(f'<itemDefinition name="{name}"><typeRef>{base}</typeRef>'
                 f"<allowedValues><text>{escape(allowed)}</text></allowedValues></itemDefinition>")
    for name, type_ref in inputs:
        x.append(f'<inputData id="in-{len(x)}" name={quoteattr(name)}>'
                 f"<variable name={quoteattr(name)} typeRef={quoteattr(type_ref)}/></inputData>")
    x.append(extra)
    x.append(f'<decision id="d" name="D"><decisionTable id="t" hitPolicy="{hit}">')
    for name, type_ref in inputs:
        x.append(f'<input label={quoteattr(name)}><inputExpression typeRef={quoteattr(type_ref)}>'
                 f"<text>{escape(name)}</text></inputExpression></input>")
    for k, (type_ref, values) in enumerate(outputs):
        x.append(f'<output name="o{k}" typeRef="{type_ref}">'
                 + (f"<outputValues><text>{escape(values)}</text></outputValues>" if values else "")
                 + (f"<defaultOutputEntry><text>{escape(default)}</text></defaultOutputEntry>" if default else "")
                 + "</output>")
    for k, cells in enumerate(rules, start=1):
        x.append(f'<rule id="r{k}">')
        x.extend(f"<inputEntry><text>{escape(c)}</text></inputEntry>" for c in cells[:len(inputs)])
        x.extend(f"<outputEntry><text>{escape(c)}</text></outputEntry>" for c in cells[len(inputs):])
        x.append("</rule>")
    x.append("</decisionTable></decision></definitions>")
    return read_definitions("\n".join(x).encode(), "decisions/t.dmn")


def found(defs, code=None) -> list[Finding]:
    return [f for f in lint([defs]) if code is None or f.code == code]


AGE = [("Age", "number")]


# --- Unique ------------------------------------------------------------------------------------


def test_a_unique_table_that_partitions_its_input_has_no_finding():
    defs = model(AGE, [("< 18", '"minor"'), ("[18..65)", '"adult"'), (">= 65", '"senior"')])
    assert found(defs) == []


def test_overlapping_rules_of_a_unique_table_are_an_error_with_a_witness():
    # [18..65] and >= 65 both hold 65, the only common value
    defs = model(AGE, [("< 18", '"minor"'), ("[18..65]", '"adult"'), (">= 65", '"senior"')])
    [f] = found(defs)
    assert (f.severity, f.code, f.rule_index, f.rule_id) == ("error", "overlap", 3, "r3")
    assert f.where == "t.dmn › D › rule 3"
    assert f.message == "rule 3 overlaps rule 2 in a Unique table, e.g. for Age = 65"
    assert f.file == "decisions/t.dmn" and f.line is not None


def test_overlap_over_several_columns_needs_every_column_to_meet():
    inputs = [("Age", "number"), ("Member", "boolean")]
    apart = model(inputs, [("< 18", "true", '"a"'), ("< 18", "false", '"b"'), (">= 18", "-", '"c"')])
    assert found(apart, "overlap") == []
    meet = model(inputs, [("< 18", "-", '"a"'), ("[10..20]", "false", '"b"'), (">= 21", "-", '"c"')])
    [f] = found(meet, "overlap")
    assert f.message == "rule 2 overlaps rule 1 in a Unique table, e.g. for Age = 10, Member = false"


# --- gaps --------------------------------------------------------------------------------------


def test_a_gap_of_a_single_hit_table_is_a_warning_with_a_witness():
    defs = model(AGE, [("< 18", '"minor"'), ("[18..65)", '"adult"')])
    [f] = found(defs)
    assert (f.severity, f.code, f.rule_index) == ("warning", "gap", None)
    assert f.where == "t.dmn › D"
    assert f.message.startswith("no rule matches Age = 65,")


def test_a_table_with_a_default_output_has_no_gap():
    defs = model(AGE, [("< 18", '"minor"')], default='"other"')
    assert found(defs, "gap") == []


def test_gaps_in_discrete_columns():
    # a boolean column: only false is left; an enumeration: only "cohabitant" is left
    inputs = [("Member", "boolean")]
    assert "Member = false" in found(model(inputs, [("true", '"a"')]), "gap")[0].message
    items = [("tFamily", "string", FAMILY)]
    defs = model([("Family", "tFamily")], [('"with-dependants"', '"a"'), ('"isolated"', '"b"')], items=items)
    assert 'Family = "cohabitant"' in found(defs, "gap")[0].message
    # a text column without allowed values: any other text
    assert "Name = any other text" in found(model([("Name", "string")], [('"x"', '"a"')]), "gap")[0].message


def test_dates_are_whole_days():
    # < 2024-01-01 and >= 2024-01-01 leave no day out; up to 2023-12-30 then from 2024-01-01 leave 2023-12-31
    inputs = [("Day", "date")]
    assert found(model(inputs, [('< date("2024-01-01")', '"a"'), ('>= date("2024-01-01")', '"b"')])) == []
    [f] = found(model(inputs, [('<= date("2023-12-30")', '"a"'), ('>= date("2024-01-01")', '"b"')]), "gap")
    assert 'Day = date("2023-12-31")' in f.message


# --- First and Priority ------------------------------------------------------------------------


def test_a_first_rule_covered_by_the_rules_above_it_is_never_hit():
    # rule 3 ([10..20]) is covered by rules 1 and 2 together, though by neither alone
    defs = model(AGE, [("< 18", '"a"'), (">= 18", '"b"'), ("[10..20]", '"c"')], hit="FIRST")
    [f] = found(defs, "unreachable")
    assert (f.severity, f.rule_index) == ("error", 3)
    # an exception above a general rule is fine in a First table
    assert found(model(AGE, [("[10..20]", '"c"'), ("-", '"a"')], hit="FIRST")) == []


def test_a_priority_rule_always_beaten_by_a_higher_output_is_never_hit():
    # output values "high","low": "high" wins; rule 2 ([5..8], low) always meets rule 1 (>= 0, high)
    rules = [(">= 0", '"high"'), ("[5..8]", '"low"'), ("< 0", '"low"')]
    defs = model(AGE, rules, hit="PRIORITY", outputs=(("string", '"high","low"'),))
    assert [(f.code, f.rule_index) for f in found(defs)] == [("unreachable", 2)]


# --- Any, duplicates, subsumed -----------------------------------------------------------------


def test_any_allows_overlaps_with_one_output_only():
    assert found(model(AGE, [("< 18", '"x"'), ("< 20", '"x"'), (">= 20", '"y"')], hit="ANY"), "overlap") == []
    [f] = found(model(AGE, [("< 18", '"x"'), ("< 20", '"y"'), (">= 20", '"y"')], hit="ANY"), "overlap")
    assert f.rule_index == 2 and "Age = 17" in f.message


def test_duplicate_rules_of_a_collect_table():
    # the same inputs and output twice: the output is collected twice; other outputs for the same inputs are fine
    inputs = [("Kind", "string")]
    rules = [('"a"', '"x"'), ('"a"', '"x"'), ('"a"', '"y"')]
    got = [(f.severity, f.code, f.rule_index) for f in found(model(inputs, rules, hit="COLLECT"))]
    assert got == [("warning", "duplicate", 2)]


def test_a_subsumed_rule_of_an_any_table_adds_nothing():
    inputs = [("Kind", "string")]
    rules = [('"a","b"', '"y"'), ('"b"', '"y"'), ("-", '"y"')]
    got = [(f.severity, f.code, f.rule_index) for f in found(model(inputs, rules, hit="ANY"))]
    assert got == [("warning", "subsumed", 1), ("warning", "subsumed", 2)]


# --- dated rows --------------------------------------------------------------------------------


def test_dated_rows_that_leave_a_hole():
    inputs = [("Day", "date"), ("Kind", "string")]
    rules = [('[date("2024-01-01")..date("2024-12-31")]', '"a"', "1"),
             ('[date("2025-02-01")..date("2025-12-31")]', '"a"', "2"),
             ('[date("2024-01-01")..date("2025-12-31")]', '"b"', "3")]
    defs = model(inputs, rules, outputs=(("number", None),), default="0")
    [f] = found(defs)
    assert (f.severity, f.code, f.rule_index, f.column) == ("warning", "dated-hole", 2, "Day")
    assert 'date("2025-01-01") to date("2025-01-31")' in f.message


def test_dated_rows_that_overlap_in_a_first_table():
    inputs = [("Day", "date")]
    rules = [('[date("2024-01-01")..date("2024-12-31")]', "1"), ('>= date("2024-12-01")', "2")]
    [f] = found(model(inputs, rules, hit="FIRST", outputs=(("number", None),), default="0"))
    assert (f.code, f.rule_index) == ("dated-overlap", 2)
    assert 'date("2024-12-01")' in f.message


# --- cells against their column ----------------------------------------------------------------


def test_a_value_outside_the_allowed_values_names_them():
    items = [("tFamily", "string", FAMILY)]
    rules = [('"with-dependants"', '"a"'), ('"isolatd"', '"b"'), ('"cohabitant"', '"c"')]
    defs = model([("Family category", "tFamily")], rules, items=items)
    [f] = found(defs, "not-allowed")
    assert str(f).splitlines()[0] == ('t.dmn › D › rule 2 › Family category: "isolatd" is not one of '
                                      '"with-dependants", "isolated", "cohabitant"')
    assert f.severity == "error" and f.column == "Family category"


def test_an_output_outside_the_output_values():
    defs = model(AGE, [("< 18", '"minr"'), (">= 18", '"adult"')], outputs=(("string", '"minor","adult"'),))
    [f] = found(defs, "not-allowed")
    assert f.rule_index == 1 and f.message == '"minr" is not one of "minor", "adult"'


def test_a_cell_of_the_wrong_type_can_never_match():
    [f] = found(model(AGE, [('"18"', '"a"'), ("-", '"b"')], hit="FIRST"), "cell-type")
    assert (f.severity, f.rule_index) == ("error", 1)
    assert f.message.startswith('"18" is a string, but the column holds a number')
    [f] = found(model([("Day", "date")], [("< 5", '"a"'), ("-", '"b"')], hit="FIRST"), "cell-type")
    assert f.message.startswith("5 is a number, but the column holds a date")


# --- names -------------------------------------------------------------------------------------


def test_a_name_not_in_scope_gets_a_did_you_mean():
    extra = '<inputData id="w" name="Minimum daily amount"><variable name="Minimum daily amount"/></inputData>'
    defs = model(AGE, [("< Agee", "Minimum daily amoun * 2"), (">= 18", '"a"')], extra=extra, hit="FIRST")
    messages = {(f.rule_index, f.message) for f in found(defs, "unknown-name")}
    assert messages == {(1, "'Agee' is not a name in scope; did you mean 'Age'?"),
                        (1, "'Minimum daily amoun' is not a name in scope; did you mean 'Minimum daily amount'?")}
    assert all(f.severity == "error" for f in found(defs, "unknown-name"))


def test_local_names_are_in_scope():
    rules = [("-", "for x in [1, 2] return x + Age"), ]
    assert found(model(AGE, rules, outputs=(("number", None),), hit="FIRST")) == []


def test_findings_as_json():
    [f] = found(model(AGE, [("< 18", '"minor"'), ("[18..65]", '"adult"'), (">= 65", '"senior"')]))
    data = json.loads(json.dumps(f.to_dict()))
    assert data == {"severity": "error", "code": "overlap", "message": f.message, "where": "t.dmn › D › rule 3",
                    "file": "decisions/t.dmn", "line": f.line, "model": "T", "decisionId": "d", "ruleId": "r3",
                    "ruleIndex": 3, "column": None}


def test_a_cell_outside_allowed_ranges_of_a_number_column():
    # tPercent allows [0..100]; the cell > 90 reaches past 100, [10..20] stays inside
    items = [("tPercent", "number", "[0..100]")]
    rules = [("[10..20]", '"a"'), ("> 90", '"b"'), ("-", '"c"')]
    [f] = found(model([("Reduction", "tPercent")], rules, items=items, hit="FIRST"), "not-allowed")
    assert (f.rule_index, f.column) == (2, "Reduction")
    assert f.message == "> 90 holds 101, outside the allowed values [0..100]"


def test_an_allowed_value_without_its_quotes():
    items = [("tFamily", "string", FAMILY)]
    rules = [('"with-dependants"', '"a"'), ("isolatd", '"b"'), ('"cohabitant"', '"c"')]
    [f] = found(model([("Family category", "tFamily")], rules, items=items, hit="FIRST"), "unknown-name")
    assert f.message == "'isolatd' is not a name in scope; did you mean the text \"isolated\" (in quotes)?"


def test_a_table_too_big_to_sweep_is_skipped_with_a_warning(monkeypatch):
    from service.dmn.analysis import sweep

    monkeypatch.setattr(sweep, "MAX_STEPS", 0)
    defs = model([("A", "number"), ("B", "number")], [("< 1", "< 1", '"a"'), (">= 1", ">= 1", '"b"')])
    assert [(f.code, f.severity) for f in found(defs)] == [("too-complex", "warning")]
