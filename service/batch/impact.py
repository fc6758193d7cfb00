"""``decisions impact``: the same cases answered under two versions of the rules, and what changes.

Each case is answered by both versions by the endpoints' own code (``Evaluator``), in the same worker, and its
answer documents are written only where they are read (``Evaluator.answered``); where the versions differ only
in what some table rules give, a case that matched none of them before keeps its answer after (``change``: it
would be computed step by step the same). A chunk of cases (a pool task, or a Spark partition) gives a
``Tally``: the fields that changed, the per-case differences of the money fields, the table rules hit before and
after, and its largest changes; the tallies are merged into the report.

A money field missing or null on one side counts as 0 there (a case that becomes payable adds its whole
amount); a problem answer has no money fields.
"""

from __future__ import annotations

import datetime as _dt
import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from service import jsonvalues
from service.api.domain import DecidedCase
from service.dmn.feel.values import DayTimeDuration, YearMonthDuration

from .bundle import Bundle
from .change import changed_rules
from .evaluate import Answered, Evaluator, Job, parsed

__all__ = ["MONEY_FIELDS", "Tally", "compare_chunk", "name_rules", "run_impact"]

#: the money fields compared by default, per scheme (fields an answer does not have are skipped)
MONEY_FIELDS = {
    "inami": ("month.gross", "month.withholdingTax", "month.pensionRetention", "month.net", "dailyAmount",
              "period.gross", "period.withholdingTax", "period.pensionRetention", "period.net"),
    "ossom": ("payableAmount", "monthlyAllowance"),
}
_SKIPPED = {"model", "evaluatedDecisions", "messages"}
_ZERO = Decimal(0)


def flatten(document, prefix: str = "") -> dict:
    """An answer's fields by dotted path; lists are compared whole (as JSON text)."""
    flat = {}
    for name, value in document.items():
        if not prefix and name in _SKIPPED:
            continue
        path = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(flatten(value, path + "."))
        elif isinstance(value, list):
            flat[path] = jsonvalues.dumps(value)
        else:
            flat[path] = value
    return flat


def _number(value) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _steps(document) -> dict[str, tuple]:
    """Each evaluated decision's result (as JSON text) and matched rules."""
    steps = {}
    for step in (document or {}).get("evaluatedDecisions") or ():
        rules = tuple(f"{step.get('decisionId')} › {rule.get('ruleId')}" for rule in step.get("matchedRules") or ())
        steps[step.get("decisionId")] = (jsonvalues.dumps(step.get("result")), rules)
    return steps


def _fired(before_doc, after_doc) -> tuple[list[str], list[str]]:
    """The rules that fired, before and after, in the decisions whose result or matched rules changed."""
    before, after = _steps(before_doc), _steps(after_doc)
    changed = [d for d in dict.fromkeys([*before, *after]) if before.get(d) != after.get(d)]
    return ([r for d in changed for r in before.get(d, ("", ()))[1]],
            [r for d in changed for r in after.get(d, ("", ()))[1]])


@dataclass
class Tally:
    cases: int = 0
    changed: int = 0
    reused: int = 0  # cases whose answer after is their answer before (see ``change``), not computed again
    status_changed: int = 0
    fields: Counter = field(default_factory=Counter)
    money: dict[str, list[Decimal]] = field(default_factory=dict)
    hits_before: Counter = field(default_factory=Counter)
    hits_after: Counter = field(default_factory=Counter)
    rules: dict[tuple[str, str], tuple] = field(default_factory=dict)
    top: list = field(default_factory=list)  # heap of (size, order, case, the case's row)
    top_count: int = 20

    def merge(self, other: Tally) -> Tally:
        self.cases += other.cases
        self.changed += other.changed
        self.reused += other.reused
        self.status_changed += other.status_changed
        self.fields.update(other.fields)
        for name, diffs in other.money.items():
            self.money.setdefault(name, []).extend(diffs)
        self.hits_before.update(other.hits_before)
        self.hits_after.update(other.hits_after)
        self.rules.update(other.rules)
        for item in other.top:
            self._keep(item)
        return self

    def _keep(self, item) -> None:
        if len(self.top) < self.top_count:
            heapq.heappush(self.top, item)
        elif item[:2] > self.top[0][:2]:  # the larger change; between equal ones, the earlier line
            heapq.heapreplace(self.top, item)


def _note_rules(tally: Tally, hits: dict) -> None:
    """Keep each hit rule's decision name, index and annotation, once per rule."""
    known = tally.rules
    if not known.keys() >= hits.keys():
        for key in hits.keys() - known.keys():
            known[key] = hits[key]


def _same(a, b) -> bool:
    """Whether two values of an answer are written alike: the same classes throughout, numbers with the same
    digits, contexts with the same keys in the same order. False when unsure (the field is then written and
    compared)."""
    cls = a.__class__
    if cls is not b.__class__:
        return False
    if cls is dict:
        return len(a) == len(b) and all(k == j and _same(v, w) for (k, v), (j, w) in zip(a.items(), b.items(),
                                                                                        strict=True))
    if cls is list:
        return len(a) == len(b) and all(map(_same, a, b))
    if cls is Decimal:
        return a == b and str(a) == str(b)
    return cls in _PLAIN and a == b


#: classes whose equal values are written alike (not a time or date and time: equal instants in two zones differ)
_PLAIN = frozenset((str, bool, type(None), _dt.date, DayTimeDuration, YearMonthDuration))
_ABSENT = object()


def _fields(old: Answered, new: Answered) -> tuple[dict, dict]:
    """The two answers' fields by dotted path (``flatten``), or a problem's type. Of two answers, only the
    fields whose values differ are written (``DecidedCase.members``): a field written from the same value is
    the same in both documents."""
    if isinstance(old.answer, DecidedCase) and isinstance(new.answer, DecidedCase):
        ov, nv = old.answer.result.value, new.answer.result.value
        names = tuple(k for k in dict.fromkeys([*ov, *nv])
                      if k not in _SKIPPED and not _same(ov.get(k, _ABSENT), nv.get(k, _ABSENT)))
        return flatten(old.answer.members(names)), flatten(new.answer.members(names))
    return _flat(old.row()), _flat(new.row())


def _flat(row: dict) -> dict:
    return flatten(row["answer"]) if row["answer"] is not None else {"problem.type": row["problem"].get("type")}


def _compare(tally: Tally, money_fields, old: Answered, new: Answered, hits_before: dict, payload) -> None:
    """Count the case; one of the largest changes keeps its row's ``payload``, for ``name_rules`` to answer it
    again."""
    tally.cases += 1
    hits_after = new.matched_rules()
    tally.hits_before.update(hits_before.keys())
    tally.hits_after.update(hits_after.keys())
    _note_rules(tally, hits_before)
    _note_rules(tally, hits_after)
    before, after = _fields(old, new)
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p, ...) != after.get(p, ...))
    if old.status != new.status:
        tally.status_changed += 1
        changed.insert(0, "status")
    if not changed:
        return
    tally.changed += 1
    tally.fields.update(changed)
    differences = {}
    for name in money_fields or [p for p in changed if _number(before.get(p)) or _number(after.get(p))]:
        old_value, new_value = _number(before.get(name)), _number(after.get(name))
        if old_value is None and new_value is None:
            continue
        difference = (new_value or _ZERO) - (old_value or _ZERO)
        if difference:
            tally.money.setdefault(name, []).append(difference)
            differences[name] = difference
    size = max((abs(d) for d in differences.values()), default=_ZERO)
    case = {
        "caseId": old.case_id, "line": old.line, "status": [old.status, new.status],
        "fields": changed, "differences": differences,
        "before": {name: before.get(name) for name in changed if name in before},
        "after": {name: after.get(name) for name in changed if name in after},
    }
    tally._keep((size, -old.line, case, payload))


def name_rules(tally: Tally, before: Evaluator, after: Evaluator) -> None:
    """The rules that fired before and after (``_fired``, from the endpoint's documents with their
    ``evaluatedDecisions``) in each of the largest changes, their rows answered again for these alone."""
    for _, order, case, payload in tally.top:
        if isinstance(payload, (bytes, bytearray)):
            payload = parsed(payload)
        old, new = before.answered(-order, payload), after.answered(-order, payload)
        case["rulesBefore"], case["rulesAfter"] = _fired(old.document(), new.document())


def _unchanged(tally: Tally, hits: dict, both: Counter) -> None:
    """A case whose answer after the change is its answer before (see ``change``): its hits go to ``both``,
    added to both sides when the chunk is done."""
    tally.cases += 1
    tally.reused += 1
    both.update(hits.keys())
    _note_rules(tally, hits)


def compare_chunk(before: Evaluator, after: Evaluator, rows: Iterable[tuple[int, object]], money_fields,
                  top: int, changed: frozenset[str] | None = None) -> Tally:
    """The tally of ``rows`` answered under both versions. With ``changed`` (``change.changed_rules``: the
    versions differ only in what these rules give), a case answered before without matching any of them is
    not answered again: its answer after is the same."""
    tally = Tally(top_count=top)
    both: Counter = Counter()  # the hits of the cases answered once (the same before and after)
    for line, raw in rows:
        payload = parsed(raw) if isinstance(raw, (bytes, bytearray)) else raw
        old = before.answered(line, payload)
        hits = old.matched_rules()
        if changed is not None and old.status == 200 and changed.isdisjoint([rule for _, rule in hits]):
            _unchanged(tally, hits, both)  # its answer documents are never written
        else:
            _compare(tally, money_fields, old, after.answered(line, payload, old), hits, raw)
    tally.hits_before.update(both)
    tally.hits_after.update(both)
    return tally


# the pool's workers: both versions loaded once per process
_pair: tuple[Evaluator, Evaluator] | None = None
_settings: tuple = ()


def _start(old: Bundle, new: Bundle, job: Job, money_fields, top: int, changed) -> None:
    global _pair, _settings
    _pair = (Evaluator(old, job), Evaluator(new, job))
    _settings = (money_fields, top, changed)


def _chunk_tally(rows) -> Tally:
    return compare_chunk(_pair[0], _pair[1], rows, *_settings)


@dataclass
class ImpactRun:
    tally: Tally
    before: Bundle
    after: Bundle
    job: Job
    money_fields: tuple[str, ...]
    seconds: float
    models: dict = field(default_factory=dict)


def _models(bundle: Bundle) -> list[dict]:
    return [{"name": m.name, "sha256": m.sha256} for m in bundle.load().values()]


def run_impact(before: Bundle, after: Bundle, job: Job, source, *, input_format=None, workers=None, master=None,
               progress=False, top: int = 20, money: tuple[str, ...] | None = None, reuse: bool = True) -> ImpactRun:
    """Answer the cases of ``source`` under both versions; the merged ``Tally`` and what it was run on.
    ``reuse``: where the versions differ only in what some rules give, a case that matched none of them before
    keeps its answer after (``change``); else every case is answered twice."""
    import time

    started = time.perf_counter()
    # rows without evaluatedDecisions (the comparison skips them): their JSON is written only for the largest
    # changes, whose rules are named from the endpoint's whole documents (``name_rules``)
    job = Job(scheme=job.scheme, decision=job.decision, model=job.model, trace=False, strict=job.strict)
    money_fields = tuple(money) if money else MONEY_FIELDS.get(job.scheme, ())
    settings = (money_fields, top, changed_rules(before, after) if reuse else None)
    if master:
        tally = _spark_tally(before, after, job, source, input_format, master, settings)
    else:
        tally = _pool_tally(before, after, job, source, input_format, workers, progress, settings)
    name_rules(tally, Evaluator(before, job), Evaluator(after, job))
    return ImpactRun(tally, before, after, job, money_fields, time.perf_counter() - started,
                     {"before": _models(before), "after": _models(after)})


def _pool_tally(before, after, job, source, input_format, workers, progress, settings) -> Tally:
    from .pool import CHUNK, chunks, in_pool, share_models, worker_count
    from .progress import RunProgress
    from .rows import read_rows
    from .run import count_rows

    rows = read_rows(source, input_format)
    total = Tally(top_count=settings[1])
    count = worker_count(workers)
    rows_in_source = count_rows(source, input_format)
    if count == 1:
        pair = (Evaluator(before, job), Evaluator(after, job))
        tallies = (compare_chunk(*pair, chunk, *settings) for chunk in chunks(rows, CHUNK))
    else:  # the workers start before the bar's thread
        share_models(before, after)
        tallies = in_pool(count, _start, (before, after, job, *settings), _chunk_tally, chunks(rows, CHUNK),
                          ordered=False)
    with RunProgress(rows_in_source, enabled=progress) as bar:
        for tally in tallies:
            total.merge(tally)
            bar.advance(tally.cases, tally.changed)
    return total


def _spark_tally(before, after, job, source, input_format, master, settings) -> Tally:
    from .spark import executor_evaluator, read_frame_rows, session

    with session(master, "decisions impact") as spark:
        context = spark.sparkContext
        old_files = context.broadcast(dict(before.files))
        new_files = context.broadcast(dict(after.files))

        def partition(rows):
            pair = (executor_evaluator(old_files.value, job, "before"),
                    executor_evaluator(new_files.value, job, "after"))
            yield compare_chunk(*pair, rows, *settings)

        rdd = read_frame_rows(spark, source, input_format)
        total = Tally(top_count=settings[1])
        for tally in rdd.mapPartitions(partition).toLocalIterator():
            total.merge(tally)
    return total
