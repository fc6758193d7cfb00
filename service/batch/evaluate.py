"""One output row per input row: the answer of ``POST /benefits/<scheme>`` (``decide_document``) or of
``POST /decisions/{id}/evaluate`` (``answer_decision``), never a copy of their code.

An output row holds:

- ``caseId``: the row's ``caseId`` (taken out of the case before it is answered), or null;
- ``line``: the row's line number;
- ``status``: the HTTP status the endpoint gives (200, 400, 422, ...);
- ``outcome``: the answer's own ``outcome`` when it has one, else ``decided`` for an answer; ``problem`` for a
  problem document;
- ``modelSha256``: the sha256 of the model that answered (or would have);
- ``answer``: the answer document (without ``evaluatedDecisions`` unless traced), or null;
- ``problem``: the problem document, exactly as the endpoint gives it, or null.
"""

from __future__ import annotations

from dataclasses import dataclass

from service import jsonvalues
from service.api.domain import DEFAULT_TARGETS, DecidedCase, decide_document, decide_loaded
from service.api.generic import answer_decision
from service.api.http import parse_json
from service.api.problems import ProblemError
from service.api.registry import Registry

from .bundle import Bundle
from .rows import case_id_text

__all__ = ["COLUMNS", "Answered", "Evaluator", "Job", "document_rules", "parsed"]

#: the output columns, in order
COLUMNS = ("caseId", "line", "status", "outcome", "modelSha256", "answer", "problem")


def parsed(payload: bytes):
    """A row's JSON text parsed as the endpoint parses a body (to answer it more than once); the text itself
    when it is not JSON, for ``Evaluator.row`` to answer with the endpoint's problem."""
    try:
        return parse_json(bytes(payload))
    except ProblemError:
        return payload


@dataclass(frozen=True)
class Job:
    """What to evaluate: a scheme (``inami``, ``ossom``) or a decision (id or name, and the model when several
    hold it); with the trace or not; strictly or not (the generic endpoint's ``?strict=``)."""

    scheme: str | None = None
    decision: str | None = None
    model: str | None = None
    trace: bool = False
    strict: bool = False


class Evaluator:
    """The models of a bundle, loaded once, answering rows of a job."""

    def __init__(self, bundle: Bundle, job: Job):
        self.job = job
        self.registry = Registry(bundle.load())
        self.sha256 = self._target_sha256()

    def _target_sha256(self) -> str | None:
        job = self.job
        if job.scheme is not None:
            model = self.registry.by_file.get(DEFAULT_TARGETS[job.scheme][0])
            return getattr(model, "sha256", None)
        try:
            return self.registry.decision(job.decision, job.model).model.sha256
        except ProblemError:
            return None

    def answer(self, payload) -> tuple[int, dict]:
        """The endpoint's status and document for a JSON body (a JSON value, or the raw text as bytes)."""
        status, answer = self.decide(payload)
        return status, answer.document() if status == 200 and isinstance(answer, DecidedCase) else answer

    def decide(self, payload) -> tuple[int, DecidedCase | dict]:
        """``answer`` with a scheme's answer document not yet written (``DecidedCase``); a decision's answer
        and every problem come as documents."""
        job = self.job
        if job.scheme is not None:
            return decide_document(job.scheme, payload, self.registry)
        return answer_decision(job.decision, payload, self.registry, model=job.model, strict=job.strict)

    def row(self, line: int, payload) -> dict:
        """The output row of input row ``line``."""
        return self.answered(line, payload).row()

    def answered(self, line: int, payload, like: Answered | None = None) -> Answered:
        """Input row ``line`` answered: its output row is written when ``row()`` is called. ``like``: the same
        row answered by another evaluator of the same scheme (another version of the rules), whose request as
        the scheme's schema loaded it is answered instead of loading ``payload`` again."""
        scheme = self.job.scheme
        if like is not None and scheme is not None and like.evaluator.job.scheme == scheme \
                and isinstance(like.answer, DecidedCase):
            try:
                status, answer = 200, decide_loaded(scheme, like.answer.case, self.registry)
            except ProblemError as problem:
                status, answer = problem.status, problem.body()
            return Answered(self, like.case_id, line, status, answer)
        case_id = None
        if isinstance(payload, (bytes, bytearray)):
            try:
                payload = parse_json(bytes(payload))
            except ProblemError as problem:
                return Answered(self, None, line, problem.status, problem.body())
        if isinstance(payload, dict) and "caseId" in payload:
            payload = dict(payload)
            case_id = case_id_text(payload.pop("caseId"))
        status, answer = self.decide(payload)
        return Answered(self, case_id, line, status, answer)

    def _row(self, case_id, line: int, status: int, document: dict) -> dict:
        if status == 200:
            if not self.job.trace:
                document = {k: v for k, v in document.items() if k != "evaluatedDecisions"}
            model = document.get("model")
            sha256 = model.get("sha256") if isinstance(model, dict) else self.sha256
            outcome = document.get("outcome")
            return {"caseId": case_id, "line": line, "status": status,
                    "outcome": outcome if isinstance(outcome, str) else "decided",
                    "modelSha256": sha256, "answer": document, "problem": None}
        model = document.get("model")
        sha256 = model.get("sha256") if isinstance(model, dict) else self.sha256
        return {"caseId": case_id, "line": line, "status": status, "outcome": "problem",
                "modelSha256": sha256, "answer": None, "problem": document}

    def record(self, line: int, payload) -> tuple:
        """The output row as a tuple of ``COLUMNS``, its documents as JSON text (exact numbers)."""
        row = self.row(line, payload)
        return (row["caseId"], row["line"], row["status"], row["outcome"], row["modelSha256"],
                None if row["answer"] is None else jsonvalues.dumps(row["answer"]),
                None if row["problem"] is None else jsonvalues.dumps(row["problem"]))


def document_rules(document) -> dict[tuple[str, str], tuple]:
    """The table rules an answer's trace (or a problem's partial trace) says matched: (decision id, rule id) ->
    (decision name, rule index, annotation)."""
    hits = {}
    for step in (document or {}).get("evaluatedDecisions") or ():
        for rule in step.get("matchedRules") or ():
            hits[(step.get("decisionId"), rule.get("ruleId"))] = (step.get("decisionName"), rule.get("ruleIndex"),
                                                                   rule.get("annotation"))
    return hits


class Answered:
    """An input row answered by an ``Evaluator``: its ``status``, and its output row written by ``row()`` (once)
    from the endpoint's document. ``matched_rules()`` reads them from the engine's trace when the answer
    document is not written yet, as that document's ``evaluatedDecisions`` would list them."""

    __slots__ = ("evaluator", "case_id", "line", "status", "answer", "_row")

    def __init__(self, evaluator: Evaluator, case_id, line: int, status: int, answer):
        self.evaluator = evaluator
        self.case_id = case_id
        self.line = line
        self.status = status
        self.answer = answer  # a DecidedCase, or the endpoint's document
        self._row = None

    def document(self) -> dict:
        """The endpoint's document (with ``evaluatedDecisions``)."""
        answer = self.answer
        return answer.document() if isinstance(answer, DecidedCase) else answer

    def row(self) -> dict:
        if self._row is None:
            answer = self.answer
            if isinstance(answer, DecidedCase):  # the trace's JSON is written only for a traced row
                answer = answer.document(self.evaluator.job.trace)
            self._row = self.evaluator._row(self.case_id, self.line, self.status, answer)
        return self._row

    def matched_rules(self) -> dict[tuple[str, str], tuple]:
        """``document_rules`` of the answer (or the problem)."""
        answer = self.answer
        if not isinstance(answer, DecidedCase) or answer._document is not None:
            return document_rules(self.document())
        hits = {}
        for decision_id, name, rules in answer.result.decision_rules():
            if len(rules) > 1:  # a BKM invoked again matches its rules again: each rule object once
                rules = dict(zip(map(id, rules), rules, strict=True)).values()
            for rule in rules:
                hits[(decision_id, rule.id)] = (name, rule.index, rule.annotation)
        return hits
