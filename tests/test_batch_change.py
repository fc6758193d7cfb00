"""decisions impact of a change of what one rule gives: only the cases that matched the rule are answered again,
and the report is the one worked out by answering every case one by one through POST /benefits/inami.

The change: the 2026 wage ceiling (wageCeiling row 3, RULES.md v2 §3) gives 182.26 instead of 178.69.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from service.app import create_app
from service.batch.bundle import Bundle
from service.batch.change import changed_rules
from service.batch.evaluate import Job
from service.batch.impact import run_impact
from service.batch.impact_report import report
from service.batch.sample import write_sample
from service.jsonvalues import dumps, loads

MONEY = ("month.gross", "month.withholdingTax", "month.net", "dailyAmount", "period.gross", "period.net")
CASES = 160


def _edit(folder: Path, changes: dict[str, str]) -> Path:
    """A copy of decisions/ with the text of the entries ``changes`` names (by element id) replaced."""
    folder.mkdir()
    for dmn in Path("decisions").glob("*.dmn"):
        shutil.copy(dmn, folder)
    model = folder / "inami-benefit.dmn"
    root = etree.fromstring(model.read_bytes())
    for entry_id, text in changes.items():
        [entry] = root.xpath("//*[@id=$id]", id=entry_id)
        [element] = [child for child in entry if etree.QName(child).localname == "text"]
        element.text = text
    model.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return folder


@pytest.fixture(scope="module")
def after(tmp_path_factory) -> Path:
    return _edit(tmp_path_factory.mktemp("change") / "after", {"wageCeiling_rule3_out1": "182.26"})


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cases") / "cases.jsonl"
    write_sample("inami", CASES, 3, path)
    return path


def test_only_rule_outputs_changed_names_the_rules(tmp_path, after):
    before = Bundle.read("decisions")
    assert changed_rules(before, Bundle.read(after)) == {"wageCeiling_rule3"}
    assert changed_rules(before, before) == frozenset()
    second = _edit(tmp_path / "second", {"wageCeiling_rule3_out2": '"a note"'})
    assert changed_rules(before, Bundle.read(second)) == {"wageCeiling_rule3"}
    # an input entry decides which rules match, in any case that reaches the table: every case is answered twice
    moved = _edit(tmp_path / "moved", {"wageCeiling_rule3_in2": '>= date("2025-02-01")'})
    assert changed_rules(before, Bundle.read(moved)) is None
    literal = _edit(tmp_path / "literal", {"periodDays_expression": "null"})
    assert changed_rules(before, Bundle.read(literal)) is None
    only_inami = Bundle({"inami-benefit.dmn": before.files["inami-benefit.dmn"]}, "inami only")
    assert changed_rules(before, only_inami) is None


def test_a_rules_annotation_is_what_it_gives():
    before = Bundle.read("decisions")
    root = etree.fromstring(before.files["inami-benefit.dmn"])
    [description] = root.xpath("//*[@id='wageCeiling_rule3']/*[local-name()='description']")
    description.text = "S3, 2026: the ceiling 182.26"  # the annotation dmn-js shows and the trace gives
    edited = Bundle({**before.files, "inami-benefit.dmn": etree.tostring(root)}, "annotated")
    assert changed_rules(before, edited) == {"wageCeiling_rule3"}
    [model_description] = root.xpath("//*[@id='wageCeiling']/*[local-name()='description']")
    model_description.text = "another text"  # a BKM's description: not a rule's
    assert changed_rules(before, Bundle({**before.files, "inami-benefit.dmn": etree.tostring(root)}, "b")) is None


def test_the_diagram_is_no_change(tmp_path):
    before = Bundle.read("decisions")
    root = etree.fromstring(before.files["inami-benefit.dmn"])
    [bounds] = root.xpath("//*[local-name()='Bounds']")[:1]
    bounds.set("x", str(float(bounds.get("x")) + 40))
    moved = Bundle({**before.files, "inami-benefit.dmn": etree.tostring(root)}, "moved shape")
    assert changed_rules(before, moved) == frozenset()


def _http_answers(folder, cases: Path) -> list[tuple[int, dict]]:
    client = create_app(folder).test_client()
    answers = []
    for line in cases.read_bytes().splitlines():
        body = {k: v for k, v in loads(line).items() if k != "caseId"}  # a row's caseId is no request field
        response = client.post("/benefits/inami", data=dumps(body), content_type="application/json")
        answers.append((response.status_code, json.loads(response.data, parse_float=Decimal)))
    return answers


def _fields(document, prefix=""):
    flat = {}
    for name, value in document.items():
        if not prefix and name in ("model", "evaluatedDecisions", "messages"):
            continue
        if isinstance(value, dict):
            flat.update(_fields(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def _rules(document) -> set:
    return {(step["decisionId"], rule["ruleId"]) for step in document.get("evaluatedDecisions") or ()
            for rule in step["matchedRules"]}


@pytest.fixture(scope="module")
def expected(after, cases):
    """The report's figures, from the answers of POST /benefits/inami under each version, case by case."""
    changed, sums, hits_before, hits_after = 0, Counter(), Counter(), Counter()
    for (status_0, old), (status_1, new) in zip(_http_answers("decisions", cases), _http_answers(after, cases),
                                                strict=True):
        hits_before.update(_rules(old))
        hits_after.update(_rules(new))
        before = _fields(old) if status_0 == 200 else {"type": old["type"]}
        after = _fields(new) if status_1 == 200 else {"type": new["type"]}
        changed += status_0 != status_1 or before != after
        for name in MONEY:
            sums[name] += (after.get(name) or 0) - (before.get(name) or 0)
    rules = {key[1]: (hits_before[key], hits_after[key]) for key in hits_before.keys() | hits_after.keys()
             if hits_before[key] != hits_after[key]}
    return changed, sums, rules


@pytest.mark.parametrize("workers", [1, 2])
def test_the_report_is_the_one_case_by_case_through_http(expected, after, cases, workers):
    run = run_impact(Bundle.read("decisions"), Bundle.read(after), Job(scheme="inami"), cases, workers=workers)
    rep = report(run)
    changed, sums, rules = expected
    assert rep["cases"] == CASES and rep["changed"] == changed
    assert 0 < changed < CASES
    money = {m["field"]: m["sum"] for m in rep["money"]}
    assert {name: money.get(name, 0) for name in MONEY} == dict(sums)
    assert sums["month.gross"] > 0  # a higher ceiling pays more
    assert {r["ruleId"]: (r["hitsBefore"], r["hitsAfter"]) for r in rep["rules"]} == rules
    # the cases that did not match row 3 before were not answered again
    assert 0 < run.tally.reused <= CASES - changed


def test_answering_every_case_twice_gives_the_same_report(after, cases):
    before = Bundle.read("decisions")
    reports = []
    for reuse in (True, False):
        run = run_impact(before, Bundle.read(after), Job(scheme="inami"), cases, workers=1, reuse=reuse)
        assert (run.tally.reused > 0) is reuse
        reports.append({k: v for k, v in report(run).items() if k != "seconds"})
    assert reports[0] == reports[1]
