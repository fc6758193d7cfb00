"""One loaded model evaluated by many threads at once: every answer, trace and error belongs to the
evaluation that produced it.

The model is TCK compliance-level-2/0004-simpletable-U, a UNIQUE table "Approval Status" over Age
(number), RiskCategory (string) and isAffordable (boolean). Read from its rules:

    1. Age >= 18, RiskCategory in ("Medium", "Low"), isAffordable = true  -> "Approved"
    2. Age <  18, RiskCategory in ("Medium", "Low"), isAffordable = true  -> "Declined"
    3. any Age,   RiskCategory = "High",             isAffordable = true  -> "Declined"
    4. any Age,   any RiskCategory,                  isAffordable = false -> "Declined"

No rule matches when isAffordable is null, when RiskCategory is another string or null (with
isAffordable true), or when Age is null for a Medium/Low risk (a null comparison is not true).

RiskCategory also has input values "High", "Low", "Medium": another (non-null) string is outside
the column's domain, a warning in lenient evaluation and an ``EvaluationError`` in strict evaluation.
"""

from __future__ import annotations

import random
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal as D
from pathlib import Path

import pytest

from service.dmn import EvaluationError, MatchedRule, NoRuleMatched, load

MODEL = Path("/work/shared/dmn-tck/compliance-level-2/0004-simpletable-U/0004-simpletable-U.dmn")
DECISION = "Approval Status"
DECISION_ID = "_3b2953a3-745f-4d2e-b55d-75c8c5ae653c"
RULE_IDS = {
    1: "_7f03803d-2636-40ab-8346-7fd7f38ab695",
    2: "_887acecd-40fc-42da-9443-eeba476f5516",
    3: "_18058414-a571-4375-991f-77b9ea7fc699",
    4: "_ede3e62a-43f3-49d3-90a4-ffaf1f698f54",
}
THREADS = 8
PER_THREAD = 1000

AGES = [None, D(0), D(17), D("17.99"), D(18), D(19), D(65), D(120), D(-1)]
RISKS = [None, "High", "Medium", "Low", "Other", "low", ""]
AFFORDABLE = [None, True, False]


def expected(age, risk, affordable):
    """(value, index of the matching rule or None), from the table's rules above."""
    if affordable is False:
        return "Declined", 4
    if affordable is not True:
        return None, None
    if risk == "High":
        return "Declined", 3
    if risk in ("Medium", "Low"):
        if age is None:
            return None, None
        return ("Approved", 1) if age >= 18 else ("Declined", 2)
    return None, None


@pytest.fixture(scope="module")
def model():
    return load(MODEL).all()[0]


@pytest.fixture(autouse=True)
def frequent_switches():
    """Switch threads often so that evaluations interleave as much as possible."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(old)


def inputs_of(age, risk, affordable) -> dict:
    return {"Age": age, "RiskCategory": risk, "isAffordable": affordable}


def test_expected_values_on_single_thread(model):
    # the hand-worked table agrees with the TCK's own test cases for this model
    assert model.evaluate(DECISION, inputs_of(D(18), "Medium", True)).value == "Approved"
    assert model.evaluate(DECISION, inputs_of(D(17), "Medium", True)).value == "Declined"
    assert model.evaluate(DECISION, inputs_of(D(30), "High", True)).value == "Declined"
    assert model.evaluate(DECISION, inputs_of(D(30), "Low", False)).value == "Declined"
    assert model.evaluate(DECISION, inputs_of(D(30), "Other", True)).value is None


def outside_input_values(risk) -> bool:
    return risk is not None and risk not in ("High", "Low", "Medium")


def check_result(r, age, risk, affordable):
    value, rule = expected(age, risk, affordable)
    assert r.value == value
    # a warning for a value outside the input values, and only for this evaluation's input
    warnings = [m.text for m in r.messages if m.severity == "warning"]
    if outside_input_values(risk):
        assert len(warnings) == 1 and "RiskCategory" in warnings[0], warnings
    else:
        assert warnings == []
    (entry,) = r.trace
    assert entry.decision_id == DECISION_ID
    assert entry.decision_name == DECISION
    assert entry.inputs == inputs_of(age, risk, affordable)
    assert entry.result == value
    if rule is None:
        assert entry.matched_rules == []
    else:
        assert entry.matched_rules == [MatchedRule(rule, RULE_IDS[rule], None)]


def worker(model, seed: int, barrier: threading.Barrier, strict_every: int | None):
    """Evaluate PER_THREAD random cases; return (successes, errors) after checking each one."""
    rng = random.Random(seed)
    barrier.wait()
    ok = errors = 0
    for n in range(PER_THREAD):
        age, risk, affordable = rng.choice(AGES), rng.choice(RISKS), rng.choice(AFFORDABLE)
        strict = strict_every is not None and n % strict_every == 0
        value, _ = expected(age, risk, affordable)
        if strict and outside_input_values(risk):
            with pytest.raises(EvaluationError) as info:
                model.evaluate(DECISION, inputs_of(age, risk, affordable), strict=True)
            err = info.value
            assert not isinstance(err, NoRuleMatched)
            assert "RiskCategory" in str(err)
            assert err.decision_id == DECISION_ID
            assert err.trace == []
            errors += 1
        elif strict and value is None:
            with pytest.raises(NoRuleMatched) as info:
                model.evaluate(DECISION, inputs_of(age, risk, affordable), strict=True)
            err = info.value
            # the error names this evaluation's inputs (by column label) and no other decision's trace
            assert err.inputs == {"Age": age, "RiskCategory": risk, "isAffordable": affordable}
            assert err.decision_id == DECISION_ID
            assert err.trace == []
            errors += 1
        else:
            r = model.evaluate(DECISION, inputs_of(age, risk, affordable), strict=strict)
            check_result(r, age, risk, affordable)
            ok += 1
    return ok, errors


def run_threads(model, strict_every_by_thread):
    barrier = threading.Barrier(THREADS)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(worker, model, 1000 + k, barrier, strict_every_by_thread[k]) for k in range(THREADS)]
        return [f.result(timeout=120) for f in futures]


def test_eight_threads_get_their_own_answers(model):
    results = run_threads(model, [None] * THREADS)
    assert sum(ok for ok, _ in results) == THREADS * PER_THREAD
    assert all(errors == 0 for _, errors in results)


def test_strict_errors_in_some_threads_while_others_succeed(model):
    # threads 0-3 evaluate strictly every other time (raising on no match), threads 4-7 never do
    results = run_threads(model, [2, 2, 2, 2, None, None, None, None])
    assert sum(ok for ok, _ in results) + sum(e for _, e in results) == THREADS * PER_THREAD
    assert all(errors > 0 for _, errors in results[:4])
    assert all(errors == 0 for _, errors in results[4:])


def test_all_strict_threads_mixed_with_lenient_ones_on_the_same_inputs(model):
    """Half the threads evaluate strictly, half leniently, all on inputs that match no rule."""
    barrier = threading.Barrier(THREADS)
    no_match = inputs_of(D(30), "Medium", None)

    def strict_thread():
        barrier.wait()
        for _ in range(PER_THREAD // 2):
            with pytest.raises(NoRuleMatched):
                model.evaluate(DECISION, no_match, strict=True)
        return "strict"

    def lenient_thread():
        barrier.wait()
        for _ in range(PER_THREAD // 2):
            r = model.evaluate(DECISION, no_match, strict=False)
            assert r.value is None
            assert r.trace[0].matched_rules == []
        return "lenient"

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(strict_thread if k % 2 == 0 else lenient_thread) for k in range(THREADS)]
        kinds = [f.result(timeout=120) for f in futures]
    assert kinds.count("strict") == kinds.count("lenient") == THREADS // 2


CHAIN = """<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="defs" name="Chain"
    namespace="http://example.com/chain">
  <inputData id="x" name="X"><variable name="X" typeRef="number"/></inputData>
  <businessKnowledgeModel id="twice" name="Twice"><variable name="Twice"/>
    <encapsulatedLogic><formalParameter name="n" typeRef="number"/>
      <literalExpression><text>n * 2</text></literalExpression></encapsulatedLogic>
  </businessKnowledgeModel>
  <decision id="a" name="A"><variable name="A" typeRef="number"/>
    <informationRequirement><requiredInput href="#x"/></informationRequirement>
    <knowledgeRequirement><requiredKnowledge href="#twice"/></knowledgeRequirement>
    <literalExpression><text>Twice(X)</text></literalExpression></decision>
  <decision id="b" name="B"><variable name="B" typeRef="number"/>
    <informationRequirement><requiredDecision href="#a"/></informationRequirement>
    <literalExpression><text>A + 1</text></literalExpression></decision>
  <decisionService id="svc" name="Service"><variable name="Service"/>
    <outputDecision href="#b"/><encapsulatedDecision href="#a"/><inputData href="#x"/>
  </decisionService>
</definitions>
"""


def test_decision_graph_and_service_in_threads(tmp_path):
    """A chain X -> A = Twice(X) -> B = A + 1 and a service over it, from 8 threads at once."""
    path = tmp_path / "chain.dmn"
    path.write_text(CHAIN, encoding="utf-8")
    model = load(path).all()[0]
    barrier = threading.Barrier(THREADS)

    def work(k: int):
        barrier.wait()
        for n in range(PER_THREAD // 2):
            x = D(k * 100000 + n)
            r = model.evaluate("B", {"X": x})
            assert r.value == 2 * x + 1
            assert [(t.decision_id, t.inputs, t.result) for t in r.trace] == [
                ("a", {"X": x}, 2 * x),
                ("b", {"A": 2 * x}, 2 * x + 1),
            ]
            assert model.evaluate_service("Service", {"X": x}).value == 2 * x + 1
        return k

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        done = sorted(f.result(timeout=120) for f in [pool.submit(work, k) for k in range(THREADS)])
    assert done == list(range(THREADS))
