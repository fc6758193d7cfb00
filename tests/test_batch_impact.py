"""decisions impact: the same cases under two versions of the rules.

The change: the 2026 wage ceiling 178.69 becomes 182.26 and starts on 2025-02-01 instead of 2026-01-01 (rows 1
and 2 of wageCeiling). Every expected figure is worked out by hand from RULES.md v1 (sections in comments).
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.batch.bundle import Bundle
from service.batch.evaluate import Job
from service.batch.impact import run_impact
from service.batch.impact_report import html_report, report
from service.cli import main
from service.jsonvalues import dumps

HOUSEHOLD = {"livesAlone": True}
CASES = [
    # 2026, wage 200: capped 178.69 -> 182.26; daily 0.60 x = 107.21 -> 109.36 (§3, §5); March 2026 has 26
    # benefit days (§8): gross 2787.46 -> 2843.36, no withholding in primary incapacity
    {"caseId": "capped-2026", "status": "employee", "incapacityStartDate": "2026-01-15",
     "referenceDate": "2026-03-20", "grossDailyWage": 200, "workedDaysLast12Months": 200, "household": HOUSEHOLD},
    # 2025-03-20 now falls in row 2: capped 170.69 -> 182.26, daily 102.41 -> 109.36; March 2025: 31 days,
    # 5 Sundays (2, 9, 16, 23, 30), 26 benefit days: gross 2662.66 -> 2843.36
    {"caseId": "moved-2025", "status": "employee", "incapacityStartDate": "2025-01-15",
     "referenceDate": "2025-03-20", "grossDailyWage": 200, "workedDaysLast12Months": 200, "household": HOUSEHOLD},
    # wage 150 is under both ceilings: only the ceiling changes
    {"caseId": "under-2026", "status": "employee", "incapacityStartDate": "2026-01-15",
     "referenceDate": "2026-03-20", "grossDailyWage": 150, "workedDaysLast12Months": 200, "household": HOUSEHOLD},
    # 2024: row 1 before and after
    {"caseId": "same-2024", "status": "employee", "incapacityStartDate": "2024-01-15",
     "referenceDate": "2024-03-20", "grossDailyWage": 200, "workedDaysLast12Months": 200, "household": HOUSEHOLD},
    {"caseId": "bad", "status": "nobody"},
]


@pytest.fixture(scope="module")
def after(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("after")
    for dmn in Path("decisions").glob("*.dmn"):
        shutil.copy(dmn, folder)
    model = folder / "inami-benefit.dmn"
    text = model.read_text(encoding="utf-8")
    for old, new in [
        ('<text>[date("2022-01-01")..date("2025-12-31")]</text></inputEntry>\n        '
         '<outputEntry id="wageCeiling_rule1_out1">',
         '<text>[date("2022-01-01")..date("2025-01-31")]</text></inputEntry>\n        '
         '<outputEntry id="wageCeiling_rule1_out1">'),
        ('<inputEntry id="wageCeiling_rule2_in2"><text>&gt;= date("2026-01-01")',
         '<inputEntry id="wageCeiling_rule2_in2"><text>&gt;= date("2025-02-01")'),
        ('<outputEntry id="wageCeiling_rule2_out1"><text>178.69',
         '<outputEntry id="wageCeiling_rule2_out1"><text>182.26'),
    ]:
        assert old in text
        text = text.replace(old, new)
    model.write_text(text, encoding="utf-8")
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
    assert fields["month.gross"] == 2 and "rate" not in fields


def test_money_differences(data):
    _, rep = data
    gross = next(m for m in rep["money"] if m["field"] == "month.gross")
    # 2843.36 - 2787.46 = 55.90 and 2843.36 - 2662.66 = 180.70
    assert gross["changed"] == 2 and gross["sum"] == Decimal("236.60")
    assert (gross["min"], gross["max"], gross["increases"], gross["decreases"]) == (
        Decimal("55.90"), Decimal("180.70"), 2, 0)
    daily = next(m for m in rep["money"] if m["field"] == "dailyAmount")
    assert daily["sum"] == Decimal("2.15") + Decimal("6.95")


def test_largest_changes_name_the_rules(data):
    _, rep = data
    first = rep["largestChanges"][0]
    assert first["caseId"] == "moved-2025"
    assert first["differences"]["month.gross"] == Decimal("180.70")
    assert first["before"]["cappedDailyWage"] == Decimal("170.69")
    assert first["after"]["cappedDailyWage"] == Decimal("182.26")
    # the rules of the decisions whose result changed: the ceiling's row, and the daily amount's
    assert "wageCeiling › wageCeiling_rule1" in first["rulesBefore"]
    assert "wageCeiling › wageCeiling_rule2" in first["rulesAfter"]
    assert "wageCeiling › wageCeiling_rule1" not in first["rulesAfter"]
    second = rep["largestChanges"][1]
    assert "wageCeiling › wageCeiling_rule2" in second["rulesBefore"]
    assert "wageCeiling › wageCeiling_rule2" in second["rulesAfter"]
    assert [c["caseId"] for c in rep["largestChanges"]] == ["moved-2025", "capped-2026", "under-2026"]


def test_table_rules_gaining_and_losing_hits(data):
    _, rep = data
    rules = {r["ruleId"]: (r["hitsBefore"], r["hitsAfter"]) for r in rep["rules"]}
    assert rules["wageCeiling_rule1"] == (2, 1)  # moved-2025 and same-2024, then same-2024 only
    assert rules["wageCeiling_rule2"] == (2, 3)


def test_html_is_self_contained(data):
    run, _ = data
    page = html_report(run)
    assert page.startswith("<!DOCTYPE html>")
    assert "data:image/png;base64," in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "moved-2025" in page and "wageCeiling_rule2" in page


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
    cases = tmp_path / "ceiling.jsonl"
    cases.write_text(dumps({"incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20"}) + "\n"
                     + dumps({"incapacityStartDate": "2024-01-15", "referenceDate": "2024-03-20"}) + "\n")
    run = run_impact(Bundle.read("decisions"), Bundle.read(after), Job(decision="wageCeiling"), cases, workers=1)
    rep = report(run)
    assert rep["decision"] == "wageCeiling" and rep["changed"] == 1
    [money] = rep["money"]
    assert money["field"] == "result" and money["sum"] == Decimal("3.57")  # 182.26 - 178.69
    assert rep["largestChanges"][0]["line"] == 1
