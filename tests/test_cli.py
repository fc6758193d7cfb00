"""The ``decisions`` command."""

import json
import shutil
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"
TCK = SHARED / "dmn-tck" / "compliance-level-2"
FIXTURES = SHARED / "tools" / "dmn-check" / "fixtures"
APPROVAL = "_3b2953a3-745f-4d2e-b55d-75c8c5ae653c"


@pytest.fixture
def folder(tmp_path):
    shutil.copy(TCK / "0004-simpletable-U" / "0004-simpletable-U.dmn", tmp_path)
    return tmp_path


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def test_check_a_good_folder(folder):
    result = run("check", folder)
    assert result.exit_code == 0, result.output
    assert "0004-simpletable-U.dmn: loaded '0004-simpletable-U', 1 decision(s)" in result.output
    assert result.output.splitlines()[-1] == "0 error(s), 0 warning(s)"


def test_check_prints_every_problem_with_its_path_then_file_and_line(tmp_path):
    for name in ("bad13.dmn", "garbage.dmn"):
        shutil.copy(FIXTURES / name, tmp_path)
    result = run("check", tmp_path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # bad13.dmn repeats the id d1 on line 14
    assert lines[0].startswith("bad13.dmn") and "duplicated id 'd1'" in lines[0]
    assert lines[1].strip() == f"{tmp_path / 'bad13.dmn'}:14 (error: load)"
    assert lines[2].startswith("garbage.dmn: ")
    assert lines[3].strip().startswith(f"{tmp_path / 'garbage.dmn'}:1 ")
    assert lines[-1] == "2 error(s), 0 warning(s)"
    assert "Traceback" not in result.output


def _overlapping(tmp_path):
    data = (TCK / "0004-simpletable-U" / "0004-simpletable-U.dmn").read_text(encoding="utf-8")
    # rule 1 of the TCK table tests Age >= 18: a text "18" in that number column can never match
    bad = data.replace("<text>&gt;=18</text>", '<text>"18"</text>', 1)
    assert bad != data
    (tmp_path / "t.dmn").write_text(bad, encoding="utf-8")
    return tmp_path


def test_check_exits_1_on_a_lint_error_and_speaks_json(tmp_path):
    folder = _overlapping(tmp_path)
    result = run("check", folder)
    assert result.exit_code == 1
    assert '"18" is a string, but the column holds a number' in result.stdout
    result = run("check", folder, "--format", "json")
    assert result.exit_code == 1
    answer = json.loads(result.stdout)
    assert answer["errors"] >= 1
    finding = next(f for f in answer["findings"] if f["code"] == "cell-type")
    assert finding["where"] == "t.dmn › Approval Status › rule 1 › Age"  # the column label in the file
    assert finding["severity"] == "error" and finding["ruleIndex"] == 1 and finding["line"] > 0


def test_serve_refuses_models_with_lint_errors(tmp_path):
    result = run("serve", "--decisions", _overlapping(tmp_path), "--port", "0")
    assert result.exit_code == 1
    assert '"18" is a string, but the column holds a number' in result.stderr


def test_check_a_missing_path(tmp_path):
    result = run("check", tmp_path / "nope")
    assert result.exit_code != 0 and "no such file or folder" in result.output


def test_evaluate_reads_a_file(folder, tmp_path):
    case = tmp_path / "case.json"
    case.write_text('{"Age": 18, "RiskCategory": "Medium", "isAffordable": true}')
    result = run("evaluate", APPROVAL, "--input", case, "--decisions", folder)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["result"] == "Approved"  # TCK 0004 case 001
    assert answer["model"]["name"] == "0004-simpletable-U"


def test_evaluate_reads_stdin_and_decision_names(folder):
    result = run("evaluate", "Approval Status", "--input", "-", "--decisions", folder,
                 input='{"Age": 17, "RiskCategory": "Medium", "isAffordable": true}')
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["result"] == "Declined"  # TCK 0004 case 002


def test_evaluate_bad_input_prints_the_problem(folder):
    result = run("evaluate", APPROVAL, "--input", "-", "--decisions", folder, input='{"Age": "x"}')
    assert result.exit_code == 1
    problem = json.loads(result.stderr)
    assert problem["status"] == 422
    assert problem["errors"] == [{"path": "Age", "message": "Not a valid number."}]


def test_evaluate_strict(folder):
    result = run("evaluate", APPROVAL, "--strict", "--input", "-", "--decisions", folder,
                 input='{"Age": 17, "RiskCategory": "Medium", "isAffordable": null}')
    assert result.exit_code == 1
    assert json.loads(result.stderr)["type"] == "/problems/undecidable"


def test_serve_refuses_broken_models(tmp_path):
    shutil.copy(FIXTURES / "garbage.dmn", tmp_path)
    result = run("serve", "--decisions", tmp_path, "--port", "0")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'garbage.dmn'}:1: ")


def test_serve_refuses_an_empty_folder(tmp_path):
    result = run("serve", "--decisions", tmp_path)
    assert result.exit_code != 0 and "no .dmn file" in result.output


def test_test_and_tck_are_wired(monkeypatch, tmp_path):
    calls = []
    cases = types.ModuleType("service.cases")
    cases.run = lambda path, folder, coverage, out: calls.append(("test", path, folder, coverage)) or 3
    monkeypatch.setitem(sys.modules, "service.cases", cases)
    result = run("test", "decisions/tests/x.yaml", "--coverage", "--decisions", tmp_path)
    assert result.exit_code == 3
    assert calls == [("test", "decisions/tests/x.yaml", str(tmp_path), True)]

    tck = types.ModuleType("service.dmn.tck")
    tck.run_tck = lambda root, csv_path, out: calls.append(("tck", root, csv_path)) or 0
    monkeypatch.setitem(sys.modules, "service.dmn.tck", tck)
    result = run("tck", tmp_path, "--csv", tmp_path / "out.csv")
    assert result.exit_code == 0
    assert calls[-1] == ("tck", str(tmp_path), str(tmp_path / "out.csv"))


def test_evaluate_with_a_scheme_refuses_implausible_inputs():
    """API.md: with --scheme, an implausible number or date is a 422 naming the field, as on the domain
    endpoint; the fields the scheme does not know (here none) and the ones left out are not required."""
    result = run("evaluate", "familyCategory", "--scheme", "inami", "--input", "-",
                 input='{"referenceDate": "1899-12-31", "household": {"livesAlone": true, "dependentChildren": 31}}')
    assert result.exit_code == 1
    problem = json.loads(result.stderr)
    assert problem["status"] == 422
    assert {e["path"] for e in problem["errors"]} == {"referenceDate", "household.dependentChildren"}


def test_evaluate_with_a_scheme_evaluates_plausible_inputs():
    result = run("evaluate", "householdGaps", "--scheme", "inami", "--input", "-",
                 input='{"household": {"livesAlone": false, "dependentChildren": 0}}')
    assert result.exit_code == 0, result.output
    # RULES §1 (v2): both cohabitant incomes are needed and missing
    assert json.loads(result.stdout)["result"] == ["household-cohabitantProfessionalIncome-missing",
                                                   "household-cohabitantReplacementIncome-missing"]
