"""decisions batch in process: one output row per input row, each the HTTP endpoint's own answer or problem."""

from __future__ import annotations

import json
from decimal import Decimal

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from service.app import create_app
from service.batch.bundle import Bundle
from service.batch.evaluate import Job
from service.batch.output import arrow_schema, done_keys
from service.batch.rows import cell_value, json_row, nest, read_rows
from service.batch.run import run_batch
from service.batch.sample import write_sample
from service.cli import main
from service.jsonvalues import dumps, loads

EMPLOYEE = {"status": "employee", "incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20",
            "grossDailyWage": 150, "workedDaysLast12Months": 200,
            "household": {"livesAlone": True, "dependentChildren": 0}}


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


@pytest.fixture(scope="module")
def bundle():
    return Bundle.read("decisions")


def http(client, path, body: bytes):
    response = client.post(path, data=body, content_type="application/json")
    return response.status_code, loads(response.data)


def read_jsonl(path):
    return [loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_row_is_the_endpoints_answer_or_problem(tmp_path, client, bundle):
    lines = [
        dumps({"caseId": "a", **EMPLOYEE}),
        "",  # a blank line is no row
        '{"caseId": "b", "status": "employee",',  # malformed JSON: keyed by its line
        dumps({"caseId": "c", **EMPLOYEE, "household": {"livesAlone": True, "dependentChildren": -1}}),
        dumps({**EMPLOYEE, "referenceDate": "2021-06-01", "incapacityStartDate": "2021-05-01"}),  # no caseId
        "[1, 2]",
    ]
    source = tmp_path / "cases.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run_batch(bundle, Job(scheme="inami"), source, tmp_path / "out.jsonl", workers=1, progress=False)
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert [(r["caseId"], r["line"]) for r in rows] == [("a", 1), (None, 3), ("c", 4), (None, 5), (None, 6)]
    assert summary.rows == 5 and summary.problems == 3
    sha256 = http(client, "/benefits/inami", dumps(EMPLOYEE).encode())[1]["model"]["sha256"]
    for row, line in zip(rows, [lines[0], lines[2], lines[3], lines[4], lines[5]], strict=True):
        body = line.encode()
        if row["caseId"] is not None:
            body = dumps({k: v for k, v in loads(body).items() if k != "caseId"}).encode()
        status, document = http(client, "/benefits/inami", body)
        assert row["status"] == status
        assert row["modelSha256"] == sha256
        if status == 200:
            assert row["outcome"] == document["outcome"] and row["problem"] is None
            assert row["answer"] == {k: v for k, v in document.items() if k != "evaluatedDecisions"}
        else:
            assert row["outcome"] == "problem" and row["answer"] is None
            assert row["problem"] == document
    # README's example: 0.60 x 150, March 2026 has 26 benefit days
    assert rows[0]["answer"]["dailyAmount"] == Decimal("90.00") and rows[0]["answer"]["month"]["gross"] == 2340
    assert rows[1]["status"] == 400 and rows[1]["problem"]["type"] == "/problems/malformed-json"
    assert rows[2]["problem"]["errors"] == [
        {"path": "household.dependentChildren", "message": "Must be between 0 and 30."}]
    # RULES.md §3 v2: an incapacity that began before 2022 has no ceiling row: a manual review, not a 422
    assert rows[3]["status"] == 200 and rows[3]["outcome"] == "manual-review"
    assert [r["code"] for r in rows[3]["answer"]["manualReview"]] == ["no-ceiling-before-2022"]


def test_trace_keeps_the_evaluated_decisions(tmp_path, bundle):
    source = tmp_path / "cases.jsonl"
    source.write_text(dumps(EMPLOYEE) + "\n", encoding="utf-8")
    run_batch(bundle, Job(scheme="inami", trace=True), source, tmp_path / "out.jsonl", workers=1, progress=False)
    [row] = read_jsonl(tmp_path / "out.jsonl")
    assert row["caseId"] is None and row["line"] == 1
    assert {"coverage", "incapacityMonth", "inamiBenefit"} <= {
        step["decisionId"] for step in row["answer"]["evaluatedDecisions"]}


def test_a_decision_is_answered_as_the_generic_endpoint_answers(tmp_path, client, bundle):
    cases = [{"caseId": 1, "referenceDate": "2026-03-01", "household": {"livesAlone": True, "dependentChildren": 0}},
             {"caseId": 2, "referenceDate": "2026-03-01", "nope": 1}]
    source = tmp_path / "cases.jsonl"
    source.write_text("".join(dumps(c) + "\n" for c in cases), encoding="utf-8")
    run_batch(bundle, Job(decision="familyCategory", trace=True), source, tmp_path / "out.jsonl", workers=1,
              progress=False)
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert [r["caseId"] for r in rows] == ["1", "2"]
    assert rows[0]["answer"]["result"] == "isolated"  # RULES.md section 1 row 2: lives alone
    for row, case in zip(rows, cases, strict=True):
        body = dumps({k: v for k, v in case.items() if k != "caseId"}).encode()
        status, document = http(client, "/decisions/familyCategory/evaluate", body)
        assert row["status"] == status
        assert (row["answer"] if status == 200 else row["problem"]) == document


def test_csv_and_parquet_inputs_give_the_jsonl_answers(tmp_path, bundle):
    answers = {}
    for ext in ("jsonl", "csv", "parquet"):
        write_sample("inami", 300, 5, tmp_path / f"cases.{ext}")
        run_batch(bundle, Job(scheme="inami"), tmp_path / f"cases.{ext}", tmp_path / f"{ext}.jsonl", workers=1,
                  progress=False)
        answers[ext] = read_jsonl(tmp_path / f"{ext}.jsonl")
    assert len(answers["jsonl"]) == 300
    assert answers["csv"] == answers["jsonl"]
    assert answers["parquet"] == answers["jsonl"]


def test_parquet_output_has_the_explicit_schema_and_the_same_rows(tmp_path, bundle):
    write_sample("ossom", 200, 2, tmp_path / "cases.jsonl")
    run_batch(bundle, Job(scheme="ossom"), tmp_path / "cases.jsonl", tmp_path / "out.jsonl", workers=1,
              progress=False)
    run_batch(bundle, Job(scheme="ossom"), tmp_path / "cases.jsonl", tmp_path / "out.parquet", workers=1,
              progress=False)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.equals(arrow_schema())
    expected = read_jsonl(tmp_path / "out.jsonl")
    got = [{**r, "answer": loads(r["answer"]) if r["answer"] else None,
            "problem": loads(r["problem"]) if r["problem"] else None} for r in table.to_pylist()]
    assert got == expected


def test_the_pool_gives_what_one_process_gives(tmp_path, bundle):
    write_sample("inami", 1200, 9, tmp_path / "cases.jsonl")
    run_batch(bundle, Job(scheme="inami"), tmp_path / "cases.jsonl", tmp_path / "one.jsonl", workers=1,
              progress=False)
    run_batch(bundle, Job(scheme="inami"), tmp_path / "cases.jsonl", tmp_path / "two.jsonl", workers=2,
              progress=False)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


@pytest.mark.parametrize("ext", ["jsonl", "parquet"])
def test_resume_answers_only_what_is_missing(tmp_path, bundle, ext):
    write_sample("inami", 400, 4, tmp_path / "cases.jsonl")
    full, partial = tmp_path / f"full.{ext}", tmp_path / f"partial.{ext}"
    run_batch(bundle, Job(scheme="inami"), tmp_path / "cases.jsonl", full, workers=1, progress=False)
    head = tmp_path / "head.jsonl"
    head.write_text("".join((tmp_path / "cases.jsonl").read_text().splitlines(keepends=True)[:150]))
    run_batch(bundle, Job(scheme="inami"), head, partial, workers=1, progress=False)
    if ext == "jsonl":  # an interrupted run leaves half a line
        with partial.open("a") as handle:
            handle.write('{"caseId":"inami-4-000151","li')
    summary = run_batch(bundle, Job(scheme="inami"), tmp_path / "cases.jsonl", partial, resume=True, workers=1,
                        progress=False)
    assert summary.skipped == 150 and summary.rows == 250
    assert done_keys(partial) == done_keys(full) and len(done_keys(full)) == 400
    if ext == "jsonl":
        assert partial.read_bytes() == full.read_bytes()


def test_cells_and_values():
    assert cell_value("") is ... and cell_value("true") is True and cell_value("null") is None
    assert cell_value("150.10") == "150.10"  # the schema reads numeric text exactly
    assert cell_value("[1, 2.5]") == [1, Decimal("2.5")]
    assert nest({"a": 1, "h.x": True, "h.y": ..., "z.w": ...}) == {"a": 1, "h": {"x": True}}
    assert json_row({"w": 0.1, "d": None, "l": [1.5]}) == {"w": Decimal("0.1"), "l": [Decimal("1.5")]}


def test_jsonl_line_numbers_count_blank_lines(tmp_path):
    source = tmp_path / "x.jsonl"
    source.write_bytes(b'{"a": 1}\n\n  \n{"b": 2}\n')
    assert [line for line, _ in read_rows(source)] == [1, 4]


def test_the_command(tmp_path):
    runner = CliRunner()
    source = tmp_path / "cases.csv"
    result = runner.invoke(main, ["sample", "--scheme", "inami", "--count", "50", "--seed", "3", str(source)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["batch", "--scheme", "inami", "--workers", "1", str(source),
                                  str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    assert "50 cases answered" in result.output
    assert len(read_jsonl(tmp_path / "out.jsonl")) == 50
    result = runner.invoke(main, ["batch", str(source), str(tmp_path / "x.jsonl")])
    assert result.exit_code == 2 and "--scheme" in result.output
    result = runner.invoke(main, ["batch", "--decision", "nothing", str(source), str(tmp_path / "x.jsonl")])
    assert result.exit_code == 1 and "No decision 'nothing'" in result.output
    result = runner.invoke(main, ["batch", "--scheme", "inami", str(tmp_path / "missing.jsonl"),
                                  str(tmp_path / "x.jsonl")])
    assert result.exit_code == 1 and "no such file" in result.output
    result = runner.invoke(main, ["batch", "--scheme", "inami", str(source), str(tmp_path / "x.csv")])
    assert result.exit_code == 1 and ".jsonl or .parquet" in result.output


def test_json_text_of_a_row_is_valid_json(tmp_path, bundle):
    source = tmp_path / "cases.jsonl"
    source.write_text(dumps({"caseId": "x\"y", **EMPLOYEE}) + "\n", encoding="utf-8")
    run_batch(bundle, Job(scheme="inami"), source, tmp_path / "out.jsonl", workers=1, progress=False)
    assert json.loads((tmp_path / "out.jsonl").read_text())["caseId"] == 'x"y'


def test_workers_are_never_forked_from_a_process_running_threads():
    import threading

    from service.batch import pool

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)  # a progress bar's thread, say
    thread.start()
    try:
        assert pool._context().get_start_method() != "fork"
    finally:
        stop.set()
        thread.join()
