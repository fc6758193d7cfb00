"""Evaluation budgets: no expression of a model or value of a request can make an evaluation run or grow without
end. Past its time or size budget an evaluation stops with ``BudgetExceeded`` naming the decision; the engine and
the service go on answering.

The expressions are the ones a hostile rule author or client would write: a regular expression that backtracks
exponentially (``(a|a)+$`` on 40 "a" and a "!": 2^40 ways to fail), a range of a billion numbers turned into a
list, a doubly recursive function, strings and lists grown in loops.
"""

from __future__ import annotations

import time
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from service.app import create_app
from service.cli import main
from service.dmn import DEFAULT_BUDGET, Budget, BudgetExceeded, EvaluationError, load
from service.dmn.evalstate import evaluation
from service.dmn.feel import compile_expression
from service.jsonvalues import loads

NS = "https://www.omg.org/spec/DMN/20191111/MODEL/"
REDOS_INPUT = "a" * 40 + "!"
SMALL = Budget(seconds=0.5, max_items=100_000)


def model_text(decisions: dict[str, str]) -> str:
    parts = ['<inputData id="s" name="s"><variable name="s" typeRef="string"/></inputData>']
    for name, text in decisions.items():
        parts.append(f'<decision id="{name}" name="{name}"><variable name="{name}"/>'
                     '<informationRequirement><requiredInput href="#s"/></informationRequirement>'
                     f'<literalExpression><text>{text}</text></literalExpression></decision>')
    return f'<definitions xmlns="{NS}" id="defs" name="Budgets" namespace="http://budgets">{"".join(parts)}</definitions>'


DECISIONS = {
    "redos": 'matches(s, "(a|a)+$")',
    "billion": "count(for i in 1..1000000000 return i)",
    "fib": "{fib: function(n) if n &lt; 2 then n else fib(n - 1) + fib(n - 2), r: fib(60)}.r",
    "long text": 'string length(string join(for i in 1..200000 return "0123456789"))',
    "doubling": '{d: function(t, n) if n = 0 then t else d(t + t, n - 1), r: string length(d("ab", 40))}.r',
    "repeated": "count(flatten(for i in 1..1000 return for j in 1..1000 return j))",
    "fine": "count(for i in 1..1000 return i) + string length(s)",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("budgets")
    (folder / "budgets.dmn").write_text(model_text(DECISIONS), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def model(folder):
    return load(folder / "budgets.dmn").by_file("budgets.dmn")


def exceeded(model, decision: str, budget: Budget | None = SMALL, s: str = REDOS_INPUT) -> BudgetExceeded:
    with pytest.raises(BudgetExceeded) as info:
        model.evaluate(decision, {"s": s}, budget=budget)
    return info.value


def timed(fn):
    """``fn()``'s wall-clock and thread CPU seconds."""
    wall, cpu = time.monotonic(), time.thread_time()
    fn()
    return time.monotonic() - wall, time.thread_time() - cpu


# --- through Model.evaluate ------------------------------------------------------------------------------------


def test_catastrophic_backtracking_stops_at_the_time_budget(model):
    errors = []
    wall, cpu = timed(lambda: errors.append(exceeded(model, "redos")))
    (err,) = errors
    assert (err.budget, err.limit, err.decision_id, err.decision_name) == ("time", 0.5, "redos", "redos")
    assert "decision 'redos'" in str(err) and "time budget of 0.5 s" in str(err)
    # the regular expression's timeout is counted in CPU time: on a busy machine the wall clock runs faster
    assert cpu < 0.5 + 0.5
    assert wall < 15


def test_a_billion_item_range_is_refused_before_it_is_made(model):
    errors = []
    wall, _ = timed(lambda: errors.append(exceeded(model, "billion")))
    (err,) = errors
    assert (err.budget, err.limit, err.decision_id) == ("items", 100_000, "billion")
    assert "100,000 items" in str(err)
    assert wall < 1


def test_the_default_budget_applies_when_none_is_given(model):
    err = exceeded(model, "billion", budget=None)
    assert (err.budget, err.limit) == ("items", DEFAULT_BUDGET.max_items)
    assert DEFAULT_BUDGET == Budget(5.0, 1_000_000)


def test_recursion_stops_at_the_time_budget(model):
    errors = []
    wall, _ = timed(lambda: errors.append(exceeded(model, "fib", Budget(0.3, None))))
    assert errors[0].budget == "time" and errors[0].decision_id == "fib"
    assert wall < 0.3 + 3.0  # the clock is read at every call (the margin: a busy machine)


@pytest.mark.parametrize("decision", ["long text", "doubling", "repeated"])
def test_growing_strings_and_lists_stop_at_the_size_budget(model, decision):
    errors = []
    wall, _ = timed(lambda: errors.append(exceeded(model, decision, Budget(None, 1_000_000))))
    assert errors[0].budget == "items" and errors[0].decision_id == decision
    assert wall < 5


def test_within_the_budget_the_value_is_exact(model):
    # 1000 elements and "aaaa...!" of 41 characters
    assert model.evaluate("fine", {"s": REDOS_INPUT}, budget=SMALL).value == D(1041)
    assert model.evaluate("redos", {"s": "aaa"}, budget=SMALL).value is True


def test_each_evaluation_has_a_budget_of_its_own(model):
    exceeded(model, "billion")
    budget = Budget(30, 100_000)
    for _ in range(200):  # 200 x 1000 elements: more than the size budget in all, within it each time
        assert model.evaluate("fine", {"s": ""}, budget=budget).value == D(1000)


def test_a_budget_exceeded_is_an_evaluation_error_with_the_trace(model):
    err = exceeded(model, "billion")
    assert isinstance(err, EvaluationError)
    assert err.trace == []  # nothing was evaluated before


@pytest.mark.parametrize("seconds, items", [(-1, 10), (1, -1), (1, 1.5), (1, True), (float("nan"), 1)])
def test_a_budget_must_be_sensible(seconds, items):
    with pytest.raises(ValueError):
        Budget(seconds, items)


def test_no_limit_of_a_kind():
    f = compile_expression("count(for i in 1..200000 return i)")
    with evaluation(False, Budget(None, None)):
        assert f({}) == D(200_000)


# --- constant folding at load ----------------------------------------------------------------------------------


def test_a_constant_catastrophic_expression_loads_within_the_budget(tmp_path):
    path = tmp_path / "constant.dmn"
    constant = {"constant redos": f'matches("{REDOS_INPUT}", "(a|a)+$")', "fine": "1 + 1"}
    path.write_text(model_text(constant), encoding="utf-8")
    budget = Budget(0.5, 100_000)
    started = time.thread_time()
    model = load(path, budget=budget).by_file("constant.dmn")
    assert time.thread_time() - started < 0.5 + 1.0
    assert model.evaluate("fine", {}, budget=budget).value == D(2)
    # not folded: each evaluation meets it under its own budget
    err = exceeded(model, "constant redos", budget)
    assert (err.budget, err.decision_id) == ("time", "constant redos")


def test_a_constant_billion_item_range_loads_at_once(tmp_path):
    path = tmp_path / "billion.dmn"
    path.write_text(model_text({"billion": DECISIONS["billion"]}), encoding="utf-8")
    started = time.monotonic()
    model = load(path).by_file("billion.dmn")
    assert time.monotonic() - started < 2
    assert exceeded(model, "billion").budget == "items"


# --- through the HTTP service ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(model):
    app = create_app(models={"Budgets": model}, config={"EVAL_TIMEOUT": 0.5, "EVAL_MAX_ITEMS": 100_000})
    return app.test_client()


@pytest.mark.parametrize("decision, budget, limit", [("redos", "time", 0.5), ("billion", "items", 100_000)])
def test_the_service_answers_422_budget_exceeded_and_lives_on(client, decision, budget, limit):
    started = time.thread_time()
    response = client.post(f"/decisions/{decision}/evaluate", json={"s": REDOS_INPUT})
    assert time.thread_time() - started < 0.5 + 1.0
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = loads(response.data)
    assert problem["type"] == "/problems/budget-exceeded"
    assert (problem["decision"], problem["budget"], problem["limit"]) == (decision, budget, limit)
    assert f"decision '{decision}'" in problem["detail"]
    assert problem["model"]["name"] == "Budgets"
    assert client.get("/health").status_code == 200
    fine = client.post("/decisions/fine/evaluate", json={"s": "abc"})
    assert fine.status_code == 200 and loads(fine.data)["result"] == D(1003)


def test_the_cli_evaluates_with_the_budget_it_is_given(folder, tmp_path):
    (tmp_path / "input.json").write_text('{"s": "aaa"}', encoding="utf-8")
    runner = CliRunner()
    args = ["evaluate", "billion", "--input", str(tmp_path / "input.json"), "--decisions", str(folder)]
    result = runner.invoke(main, [*args, "--eval-max-items", "50"])
    assert result.exit_code == 1
    assert "/problems/budget-exceeded" in result.output and "50 items" in result.output
    fine = runner.invoke(main, ["evaluate", "fine", "--input", str(tmp_path / "input.json"), "--decisions",
                                str(folder), "--eval-timeout", "2", "--eval-max-items", "5000"])
    assert fine.exit_code == 0 and '"result":1003' in fine.output


def test_the_cli_refuses_a_senseless_budget(folder, tmp_path):
    (tmp_path / "input.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "fine", "--input", str(tmp_path / "input.json"),
                                       "--decisions", str(folder), "--eval-timeout", "0"])
    assert result.exit_code == 2


# --- partial: the results so far, a value of its own ----------------------------------------------------------


def test_partial_is_the_list_of_the_results_so_far():
    # DMN 1.5, 10.3.2.14: "for i in 0..4 return if i = 0 then 1 else i * partial[-1]" is [1, 1, 2, 6, 24]
    f = compile_expression("for i in 0..4 return if i = 0 then 1 else i * partial[-1]")
    with evaluation(False, SMALL):
        assert f({}) == [D(1), D(1), D(2), D(6), D(24)]
    # a result holding partial holds the results before it, never itself
    with evaluation(False, SMALL):
        assert compile_expression("for i in 1..3 return partial")({}) == [[], [[]], [[], [[]]]]


def test_copies_of_partial_count_towards_the_size_budget():
    f = compile_expression("count(for i in 1..5000 return partial)")  # 0 + 1 + ... + 4999 items copied
    with pytest.raises(BudgetExceeded) as info, evaluation(False, Budget(None, 1_000_000)):
        f({})
    assert info.value.budget == "items"


# --- regular expressions that would take ages to compile --------------------------------------------------------


@pytest.mark.parametrize("pattern", ["a{1000000000}", "(a{1000}){1000}", "((a{100}){100}){100}", "(ab){99999}"])
def test_a_pattern_too_long_once_written_out_is_refused_at_once(pattern):
    # regex.compile writes the least repetitions out (a{10000000} takes about 20 s) and has no timeout: such a
    # pattern is an invalid argument, so the call is null (DMN 1.5, 10.3.4.3)
    f = compile_expression(f'matches("aaa", "{pattern}")')
    started = time.monotonic()
    with evaluation(False, SMALL):
        assert f({}) is None
    assert time.monotonic() - started < 1


def test_a_pattern_within_the_limit_is_kept():
    f = compile_expression('[matches(s, "^a{1000}$"), matches(s, "^(a{10}){100}$"), matches(s, "^a{1,}$")]', ["s"])
    with evaluation(False, SMALL):
        assert f({"s": "a" * 1000}) == [True, True, True]


def test_partial_in_a_boxed_for_is_the_results_so_far(tmp_path):
    # DMN 1.5 boxed iterator (8.3.x): <for iteratorVariable="i"><in/><return/></for>, partial as in FEEL's for
    ns = "https://www.omg.org/spec/DMN/20230324/MODEL/"
    path = tmp_path / "boxed.dmn"
    path.write_text(f"""<definitions xmlns="{ns}" id="defs" name="Boxed" namespace="http://boxed">
      <decision id="d" name="d"><variable name="d"/>
        <for iteratorVariable="i">
          <in><literalExpression><text>[1, 2, 3]</text></literalExpression></in>
          <return><literalExpression><text>partial</text></literalExpression></return>
        </for>
      </decision>
    </definitions>""", encoding="utf-8")
    model = load(path).by_file("boxed.dmn")
    assert model.evaluate("d", {}, budget=SMALL).value == [[], [[]], [[], [[]]]]
