"""The regression cases of decisions/tests/*.yaml, one pytest item per case, and rule coverage.

The cases are the rule authors' own: what a case expects was worked out from shared/RULES.md, not
taken from the engine. Run one file's cases with ``decisions test decisions/tests/rate.yaml``.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from service import cases as C
from service.dmn import load

DECISIONS = Path(__file__).parents[1] / "decisions"
CASES = [case for f in C.case_files(None, str(DECISIONS)) for case in C.load_cases(f)]


@pytest.fixture(scope="module")
def models():
    return load(DECISIONS)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case, models):
    C.check_case(case, models)


def test_every_rule_of_every_table_is_hit(models):
    outcomes = [C.evaluate_case(c, models) for c in CASES]
    hits = C.coverage(outcomes, models)
    assert hits, "no decision table found"
    never = [f"{file} {dec} rule {n}" for (file, dec), counts in sorted(hits.items())
             for n, count in enumerate(counts, 1) if count == 0]
    assert not never, "rules no case hits:\n" + "\n".join(never)


def test_every_table_and_top_decision_has_a_case_file(models):
    files = {Path(f).stem for f in C.case_files(None, str(DECISIONS))}
    wanted = {dec for _file, dec in C.coverage([], models)} | {"inamiBenefit", "ossomAllowance"}
    assert not wanted - files, f"decisions without decisions/tests/<id>.yaml: {sorted(wanted - files)}"


def test_numbers_are_read_as_decimals(tmp_path):
    f = tmp_path / "n.yaml"
    f.write_text("decision: d\nmodel: m.dmn\ncases:\n  - name: n\n    inputs: {a: 0.1, b: 3}\n"
                 "    expected: 1160.02\n")
    (case,) = C.load_cases(str(f))
    assert case.inputs == {"a": Decimal("0.1"), "b": Decimal("3")}
    assert type(case.inputs["a"]) is Decimal and str(case.inputs["a"]) == "0.1"
    assert case.expected == Decimal("1160.02")


def test_a_failing_case_is_reported_with_its_matched_rules(tmp_path):
    f = tmp_path / "rate.yaml"
    f.write_text("decision: rate\nmodel: inami-benefit.dmn\ncases:\n  - name: wrong on purpose\n"
                 "    inputs: {phase: invalidity, category: isolated}\n    expected: 0.56\n")
    out = io.StringIO()
    assert C.run(str(f), str(DECISIONS), coverage=True, out=out) == 1
    text = out.getvalue()
    assert "FAIL rate.yaml::wrong on purpose" in text
    assert "expected: 0.56" in text and "got:      0.55" in text
    assert "rate: rule 3 (S1, 2022-01-01" in text
    assert "never hit" in text


def test_an_expected_error_passes_only_on_that_error(tmp_path):
    f = tmp_path / "pensionRetentionThreshold.yaml"
    f.write_text("decision: pensionRetentionThreshold\nmodel: inami-benefit.dmn\ncases:\n"
                 "  - name: before 2022\n    inputs: {day: 2021-12-31}\n"
                 "    expected_error: no rule\n"
                 "  - name: a value where an error is expected\n"
                 "    inputs: {day: 2026-03-02}\n"
                 "    expected_error: no rule\n")
    out = io.StringIO()
    assert C.run(str(f), str(DECISIONS), coverage=False, out=out) == 1
    assert "1 passed, 1 failed" in out.getvalue()


def test_a_bkm_case_gives_its_parameters_and_counts_its_table_rules(tmp_path, models):
    """A case may name a BKM whose logic is a table (the tables a paid day invokes): its inputs are the BKM's
    parameters, and the rules it matches count for that table, as they do inside the decisions invoking it."""
    f = tmp_path / "rate.yaml"
    f.write_text("decision: rate\nmodel: inami-benefit.dmn\ncases:\n  - name: invalidity, cohabitant\n"
                 "    inputs: {phase: invalidity, category: cohabitant}\n    expected: 0.40\n")
    (case,) = C.load_cases(str(f))
    outcome = C.evaluate_case(case, models)
    assert outcome.ok and outcome.got == Decimal("0.40")
    hits = C.coverage([outcome], models)
    assert hits[("inami-benefit.dmn", "rate")] == [0, 0, 0, 1]
