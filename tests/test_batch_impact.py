"""decisions impact: the same cases under two versions of the rules.

The change: the 2026 wage ceiling 178.69 becomes 182.26 and starts on 2025-02-01 instead of 2026-01-01 (rows 2
and 3 of wageCeiling, chosen by the paid day). Every expected figure is worked out by hand from RULES.md v2
(sections in comments).
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from service.batch.bundle import Bundle
from service.batch.evaluate import Job
from service.batch.impact import MONEY_FIELDS, run_impact
from service.batch.impact_report import html_report, report
from service.cli import main
from service.jsonvalues import dumps

HOUSEHOLD = {"livesAlone": True, "dependentChildren": 0}  # isolated (§1 row 2); primary rate 60 % (§2)
CASES = [
    # blue-collar, start Thu 2026-03-05: the mutuality pays from day 15, 2026-03-19 (§8.2); March 2026's paid days
    # are 19-31 without Sundays 22 and 29: 11 days, incapacity month 1, no minimum (§4).
    # Wage 200 capped 178.69 -> 182.26 (§3); daily round(0.60 x 178.69) = 107.21 -> round(109.356) = 109.36 (§5).
    # Gross 11 x 107.21 = 1179.31 -> 11 x 109.36 = 1202.96; withholding 11.11 % in primary incapacity (§8.5):
    # round(131.021341) = 131.02 -> round(133.648856) = 133.65; net 1048.29 -> 1069.31
    {"caseId": "capped-2026", "status": "blue-collar", "incapacityStartDate": "2026-03-05",
     "referenceDate": "2026-03-20", "grossDailyWage": 200, "workedDaysLast12Months": 200, "household": HOUSEHOLD},
    # employee, start 2025-01-15: the mutuality pays from day 31, 2025-02-14 (§8.2), so all of March 2025 is paid:
    # 31 days less 5 Sundays (2, 9, 16, 23, 30) = 26 days, months 2-3, no minimum before 2026 (§4).
    # Its paid days now fall in the moved row: capped 170.69 -> 182.26, daily round(102.414) = 102.41 -> 109.36.
    # Gross 26 x 102.41 = 2662.66 -> 26 x 109.36 = 2843.36 (+180.70); withholding round(295.821526) = 295.82 ->
    # round(315.897296) = 315.90 (+20.08); net 2366.84 -> 2527.46 (+160.62)
    {"caseId": "moved-2025", "status": "employee", "incapacityStartDate": "2025-01-15",
     "referenceDate": "2025-03-20", "grossDailyWage": 200, "workedDaysLast12Months": 200, "household": HOUSEHOLD},
    # wage 150 is under both ceilings: only the ceiling changes, not one amount
    {"caseId": "under-2026", "status": "employee", "incapacityStartDate": "2026-01-15",
     "referenceDate": "2026-03-20", "grossDailyWage": 150, "workedDaysLast12Months": 200, "household": HOUSEHOLD},
    # 2024: row 2 (170.69) before and after
    {"caseId": "same-2024", "status": "employee", "incapacityStartDate": "2024-01-15",
     "referenceDate": "2024-03-20", "grossDailyWage": 200, "workedDaysLast12Months": 200, "household": HOUSEHOLD},
    {"caseId": "bad", "status": "nobody"},
]

#: the one-row change, by element id: row 2 now ends on 2025-01-31, row 3 starts on 2025-02-01 with 182.26
CHANGE = {
    "wageCeiling_rule2_in2": '[date("2022-01-01")..date("2025-01-31")]',
    "wageCeiling_rule3_in2": '>= date("2025-02-01")',
    "wageCeiling_rule3_out1": "182.26",
}


def change_ceiling(data: bytes) -> bytes:
    """The model with CHANGE applied to the text of the entries, whatever the file's layout."""
    root = etree.fromstring(data)
    for entry_id, text in CHANGE.items():
        [entry] = root.xpath("//*[@id=$id]", id=entry_id)
        [element] = [child for child in entry if etree.QName(child).localname == "text"]
        element.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.fixture(scope="module")
def after(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("after")
    for dmn in Path("decisions").glob("*.dmn"):
        shutil.copy(dmn, folder)
    model = folder / "inami-benefit.dmn"
    model.write_bytes(change_ceiling(model.read_bytes()))
    return folder


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cases") / "cases.jsonl"
    path.write_text("".join(dumps(case) + "\n" for case in CASES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def data(after, cases):
    run = run_impact(Bundle.read("decisions"), Bundle.read(after), Job(scheme="inami"), cases, workers=1)
    return run, report(run)


def test_counts_and_fields(data):
    _, rep = data
    assert rep["cases"] == 5 and rep["changed"] == 3 and rep["unchanged"] == 2 and rep["statusChanged"] == 0
    fields = {f["field"]: f["changed"] for f in rep["fields"]}
    assert fields["ceiling"] == 3 and fields["cappedDailyWage"] == 2 and fields["dailyAmount"] == 2
    assert fields["month.gross"] == 2 and fields["period.net"] == 2 and fields["schedule"] == 2
    assert "rate" not in fields and "month.paidDays" not in fields and "outcome" not in fields


def test_the_money_fields_are_the_v2_answers_money():
    assert {"month.gross", "month.withholdingTax", "month.net", "period.gross", "period.withholdingTax",
            "period.pensionRetention", "period.net", "dailyAmount"} <= set(MONEY_FIELDS["inami"])


def test_money_differences(data):
    _, rep = data
    money = {m["field"]: m for m in rep["money"]}
    for name in ("month.gross", "period.gross"):
        gross = money[name]
        # 1202.96 - 1179.31 = 23.65 and 2843.36 - 2662.66 = 180.70
        assert gross["changed"] == 2 and gross["sum"] == Decimal("204.35")
        assert (gross["min"], gross["max"], gross["increases"], gross["decreases"]) == (
            Decimal("23.65"), Decimal("180.70"), 2, 0)
    # 133.65 - 131.02 = 2.63 and 315.90 - 295.82 = 20.08
    assert money["period.withholdingTax"]["sum"] == money["month.withholdingTax"]["sum"] == Decimal("22.71")
    # 1069.31 - 1048.29 = 21.02 and 2527.46 - 2366.84 = 160.62
    assert money["period.net"]["sum"] == money["month.net"]["sum"] == Decimal("181.64")
    assert money["dailyAmount"]["sum"] == Decimal("2.15") + Decimal("6.95")  # 109.36 - 107.21, 109.36 - 102.41
    assert "period.pensionRetention" not in money  # primary incapacity: no retention (§8.5)


def test_largest_changes_name_the_rules(data):
    _, rep = data
    first = rep["largestChanges"][0]
    assert first["caseId"] == "moved-2025"
    assert first["differences"]["period.gross"] == Decimal("180.70")
    assert first["differences"]["period.net"] == Decimal("160.62")
    assert first["before"]["cappedDailyWage"] == Decimal("170.69")
    assert first["after"]["cappedDailyWage"] == Decimal("182.26")
    # the rules of the decisions whose result changed: the ceiling's row, and the daily amount's
    assert "periodDays › wageCeiling_rule2" in first["rulesBefore"]
    assert "periodDays › wageCeiling_rule3" in first["rulesAfter"]
    assert "periodDays › wageCeiling_rule2" not in first["rulesAfter"]
    second = rep["largestChanges"][1]
    assert second["caseId"] == "capped-2026"
    assert second["differences"]["month.withholdingTax"] == Decimal("2.63")
    assert "periodDays › wageCeiling_rule3" in second["rulesBefore"]
    assert "periodDays › wageCeiling_rule3" in second["rulesAfter"]
    assert [c["caseId"] for c in rep["largestChanges"]] == ["moved-2025", "capped-2026", "under-2026"]


def test_table_rules_gaining_and_losing_hits(data):
    _, rep = data
    rules = {r["ruleId"]: (r["hitsBefore"], r["hitsAfter"]) for r in rep["rules"]}
    assert rules["wageCeiling_rule2"] == (2, 1)  # moved-2025 and same-2024, then same-2024 only
    assert rules["wageCeiling_rule3"] == (2, 3)


def test_html_is_self_contained(data):
    run, _ = data
    page = html_report(run)
    assert page.startswith("<!DOCTYPE html>")
    assert "data:image/png;base64," in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "moved-2025" in page and "wageCeiling_rule3" in page and "period.gross" in page
    # the v2 schedule is shown as JSON once, not JSON text quoted again
    assert 'schedule: [{&quot;from&quot;:&quot;2025-03-01' in page and '\\&quot;' not in page


def test_the_command_and_git_revisions(tmp_path, cases, after):
    runner = CliRunner()
    result = runner.invoke(main, ["impact", "--before", "decisions", "--after", str(after), "--workers", "1",
                                  "--json", str(tmp_path / "r.json"), "--html", str(tmp_path / "r.html"),
                                  str(cases)])
    assert result.exit_code == 0, result.output
    assert "5 cases: 3 answers change" in result.output
    assert json.loads((tmp_path / "r.json").read_text())["changed"] == 3
    assert (tmp_path / "r.html").read_text().count("<tr>") > 5
    result = runner.invoke(main, ["impact", "--before", "git:HEAD", "--after", "decisions", "--workers", "1",
                                  str(cases)])
    if "not a git repository" in result.output:
        pytest.skip("not in a git checkout")
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["impact", "--before", "git:no-such-revision", "--after", "decisions",
                                  str(cases)])
    assert result.exit_code == 1 and "git:no-such-revision" in result.output


def test_a_decision_compares_every_number_that_changes(tmp_path, after):
    cases = tmp_path / "reference-day.jsonl"
    cases.write_text("".join(dumps({key: case[key] for key in case if key != "caseId"}) + "\n"
                             for case in CASES if case["caseId"] in ("under-2026", "same-2024"))
                     + dumps({**CASES[2], "grossDailyWage": 200}) + "\n")
    run = run_impact(Bundle.read("decisions"), Bundle.read(after), Job(decision="referenceDay"), cases,
                     workers=1)
    rep = report(run)
    assert rep["decision"] == "referenceDay" and rep["changed"] == 2  # the 2026 cases, not 2024
    money = {m["field"]: (m["changed"], m["sum"]) for m in rep["money"]}
    # line 1, wage 150: only the ceiling, 182.26 - 178.69 = 3.57; line 3, wage 200: the ceiling, the capped wage
    # (3.57) and the amount, round(0.60 x 182.26) - round(0.60 x 178.69) = 109.36 - 107.21 = 2.15
    assert money == {"result.ceiling": (2, Decimal("7.14")), "result.cappedWage": (1, Decimal("3.57")),
                     "result.amount": (1, Decimal("2.15"))}
    # both change by at most 3.57: between equal changes, the earlier line first
    assert [c["line"] for c in rep["largestChanges"]] == [1, 3]


def test_fields_that_change_are_those_of_the_whole_documents(data, after, cases):
    """Only the fields whose values differ are written for a changed case: the fields reported are those that
    differ between the endpoint's whole documents (evaluatedDecisions, model and messages left out)."""
    from service.api import Registry
    from service.api.domain import evaluate_document
    from service.batch.impact import flatten

    run, rep = data
    registries = [Registry(Bundle.read(folder).load()) for folder in ("decisions", after)]
    expected: dict = {}
    for case in CASES:
        body = {k: v for k, v in case.items() if k != "caseId"}
        (s1, d1), (s2, d2) = (evaluate_document("inami", body, registry) for registry in registries)
        if s1 == s2 == 200:
            f1, f2 = flatten(d1), flatten(d2)
            for path in f1.keys() | f2.keys():
                if f1.get(path, ...) != f2.get(path, ...):
                    expected[path] = expected.get(path, 0) + 1
    assert {f["field"]: f["changed"] for f in rep["fields"]} == expected


def test_values_written_alike():
    from datetime import UTC, date, datetime

    from service.batch.impact import _same

    value = {"a": Decimal("1.5"), "b": [date(2026, 1, 1), None]}
    assert _same(value, {"a": Decimal("1.5"), "b": [date(2026, 1, 1), None]})
    assert not _same(Decimal("1.0"), Decimal("1"))  # written 1.0 and 1
    assert not _same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # the keys in another order
    assert not _same(True, Decimal(1)) and not _same([Decimal(1)], [True])
    assert not _same([1, 2], [1, 2, 3]) and not _same("a", "b")
    instant = datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert not _same(instant, instant)  # a date and time is always written and compared
