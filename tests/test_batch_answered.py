"""``Evaluator.answered``: a row answered with its answer document written only when read. The matched rules it
reads from the engine's trace are the ones the endpoint's document lists, and the row it writes is the row
``Evaluator.row`` gives; ``decisions impact`` writes no document for a case that matched none of the changed
rules."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from service.api.domain import DecidedCase
from service.app import create_app
from service.batch.bundle import Bundle
from service.batch.change import changed_rules
from service.batch.evaluate import Evaluator, Job, document_rules
from service.batch.impact import compare_chunk
from service.batch.sample import cases as sample_cases
from service.jsonvalues import dumps, loads

CASES = 40


@pytest.fixture(scope="module")
def rows():
    cases = [loads(dumps(case)) for case in sample_cases("inami", CASES, 5)]  # as a JSON Lines row gives it
    # a case the request schema refuses, and one the rules cannot decide or the schema refuses (a 422 either way)
    cases.append({"caseId": "bad", "status": "nobody"})
    cases.append({**cases[0], "caseId": "early", "referenceDate": "1990-01-01"})
    return list(enumerate(cases, start=1))


@pytest.fixture(scope="module")
def evaluator():
    return Evaluator(Bundle.read("decisions"), Job(scheme="inami", trace=True))


def test_the_rules_read_from_the_trace_are_the_documents(evaluator, rows):
    client = create_app("decisions").test_client()
    statuses = set()
    for line, case in rows:
        answered = evaluator.answered(line, case)
        rules = answered.matched_rules()
        body = {k: v for k, v in case.items() if k != "caseId"}
        response = client.post("/benefits/inami", data=dumps(body), content_type="application/json")
        document = json.loads(response.data, parse_float=Decimal)
        assert answered.status == response.status_code
        statuses.add(answered.status)
        assert rules == document_rules(document)
        if answered.status == 200:
            assert rules  # every answer matches table rules
        assert answered.row() == evaluator.row(line, case)
    assert 200 in statuses and 422 in statuses


def test_impact_writes_no_answer_for_a_case_the_change_leaves(evaluator, rows, tmp_path, monkeypatch):
    after_folder = tmp_path / "after"
    after_folder.mkdir()
    for name, data in Bundle.read("decisions").files.items():
        (after_folder / name).write_bytes(data)
    model = after_folder / "inami-benefit.dmn"  # the 2026 wage ceiling (wageCeiling row 3) gives 182.26
    model.write_bytes(model.read_bytes().replace(b"<text>178.69</text>", b"<text>182.26</text>", 1))
    after = Evaluator(Bundle.read(after_folder), Job(scheme="inami", trace=True))
    changed = changed_rules(Bundle.read("decisions"), Bundle.read(after_folder))
    assert changed == frozenset({"wageCeiling_rule3"})

    written, dumped = [], set()  # the answers, and those of which some of the document was written
    original, members, dump = Evaluator.answered, DecidedCase.members, DecidedCase._dump

    def answered(self, line, payload, like=None):
        result = original(self, line, payload, like)
        written.append(result)
        return result

    def members_noted(self, names):
        dumped.add(id(self))
        return members(self, names)

    def dump_noted(self, trace):
        dumped.add(id(self))
        return dump(self, trace)

    monkeypatch.setattr(Evaluator, "answered", answered)
    monkeypatch.setattr(DecidedCase, "members", members_noted)
    monkeypatch.setattr(DecidedCase, "_dump", dump_noted)
    tally = compare_chunk(evaluator, after, rows, ("month.gross",), 5, changed)
    assert tally.cases == len(rows) and 0 < tally.reused < len(rows)
    answers = [a for a in written if a.evaluator is evaluator and a.status == 200]
    left = [a for a in answers if id(a.answer) not in dumped]
    assert len(left) == tally.reused  # the reused cases: nothing of their answer documents written
    assert all(a.answer._document is None for a in answers)  # the changed cases: only the fields that differ


def test_a_row_without_the_trace_is_the_document_without_it(rows):
    """A row without ``evaluatedDecisions`` (``decisions batch`` without ``--trace``, ``impact``): the document
    written without the trace's JSON is the endpoint's document less that member, its keys in the same order."""
    untraced = Evaluator(Bundle.read("decisions"), Job(scheme="inami"))
    answers = 0
    for line, case in rows:
        answered = untraced.answered(line, case)
        row = answered.row()
        if answered.status != 200:
            assert row["problem"] == answered.document()
            continue
        answers += 1
        assert answered.answer._document is None  # the whole document was not written for the row
        whole = answered.document()
        assert "evaluatedDecisions" in whole and "evaluatedDecisions" not in row["answer"]
        assert list(row["answer"].items()) == [(k, v) for k, v in whole.items() if k != "evaluatedDecisions"]
    assert answers > 0
