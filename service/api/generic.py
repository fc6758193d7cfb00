"""The generic endpoints: health, readiness, models, decisions and the evaluation of any decision."""

from __future__ import annotations

from flask import Response, current_app
from flask.views import MethodView
from marshmallow import Schema, fields

from schemas.evaluation import (
    DecisionSchema,
    EvaluationResponseSchema,
    HealthSchema,
    InputsSchema,
    ModelSchema,
)
from schemas.problem import ProblemSchema

from .answers import evaluate
from .http import Blueprint, parse_json
from .problems import PROBLEM_MEDIA_TYPE, TYPE_NOT_READY, ProblemError, load_or_problem
from .registry import current_registry, file_name, note_for_log

__all__ = ["answer_decision", "blp", "decision_document"]

blp = Blueprint("decisions", __name__, description="Models, decisions and their evaluation")


def _decision_json(entry) -> dict:
    info = entry.info
    return {
        "id": info.id,
        "name": info.name,
        "model": entry.model.name,
        "kind": info.kind,
        "inputs": [{"name": name, "type": type_ref} for name, type_ref in info.inputs],
        "outputType": info.output_type,
    }


class EvaluateQuery(Schema):
    model = fields.String(metadata={"description": "the model's name, when several models hold the decision"})
    strict = fields.Boolean(
        load_default=False,
        metadata={"description": "a single-hit table matching no rule is a 422 instead of null"},
    )


class ModelQuery(Schema):
    model = fields.String(metadata={"description": "the model's name, when several models hold the decision"})


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    def get(self):
        """The process is up."""
        return {"status": "ok"}


@blp.route("/ready")
class Ready(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=ProblemSchema, content_type=PROBLEM_MEDIA_TYPE,
                      description="Models are not loaded")
    def get(self):
        """Models are loaded and the service can answer."""
        registry = current_app.extensions.get("decisions")
        if registry is None or not registry.models:
            raise ProblemError(503, "Service Unavailable", "No models are loaded.", type=TYPE_NOT_READY)
        return {"status": "ready", "models": len(registry.models), "lastReload": current_app.config["RELOAD_STATE"]}


_RELOAD_HEADERS = {
    "Last-Reload": {"description": "when the models were last loaded (ISO 8601, UTC)",
                    "schema": {"type": "string"}},
    "Last-Reload-Status": {"description": "succeeded or failed (GET /ready gives the problems)",
                           "schema": {"type": "string", "enum": ["succeeded", "failed"]}},
}


@blp.route("/models")
class Models(MethodView):
    @blp.response(200, ModelSchema(many=True), headers=_RELOAD_HEADERS)
    def get(self):
        """The loaded models: name, namespace, file, content hash (sha256) and decision ids. The headers tell
        the last reload: when, and whether it succeeded (the models listed are then the last good ones)."""
        state = current_app.config["RELOAD_STATE"]
        headers = {"Last-Reload": state["time"],
                   "Last-Reload-Status": "succeeded" if state["succeeded"] else "failed"}
        return [
            {
                "name": model.name,
                "namespace": model.namespace,
                "file": file_name(model),
                "sha256": model.sha256,
                "decisions": [info.id for info in model.decisions],
            }
            for model in current_registry().models.values()
        ], headers


@blp.route("/models/<string:name>/dmn")
class ModelXml(MethodView):
    @blp.doc(responses={"200": {"description": "The DMN XML, byte for byte as loaded",
                                "content": {"application/xml": {"schema": {"type": "string"}}}}})
    @blp.alt_response(404, schema=ProblemSchema, content_type=PROBLEM_MEDIA_TYPE)
    def get(self, name):
        """The DMN XML of a model (by name or file name), as loaded, for modelers."""
        model = current_registry().model(name)
        note_for_log(None, model)
        return Response(model.xml, mimetype="application/xml")


@blp.route("/decisions")
class Decisions(MethodView):
    @blp.response(200, DecisionSchema(many=True))
    def get(self):
        """Every decision: id, name, model, kind, required inputs with their types, output type."""
        return [_decision_json(entry) for entry in current_registry().entries]


@blp.route("/decisions/<string:decision_id>")
class Decision(MethodView):
    @blp.arguments(ModelQuery, location="query", as_kwargs=True)
    @blp.response(200, DecisionSchema)
    @blp.alt_response(404, schema=ProblemSchema, content_type=PROBLEM_MEDIA_TYPE)
    def get(self, decision_id, model=None):
        """One decision by id (or name)."""
        return _decision_json(current_registry().decision(decision_id, model))


@blp.route("/decisions/<string:decision_id>/evaluate")
class Evaluate(MethodView):
    @blp.arguments(EvaluateQuery, location="query", as_kwargs=True)
    @blp.arguments(InputsSchema, description="Input values keyed by input-data name")
    @blp.response(200, EvaluationResponseSchema)
    @blp.alt_response(404, schema=ProblemSchema, content_type=PROBLEM_MEDIA_TYPE)
    def post(self, body, decision_id, model=None, strict=False):
        """Evaluate a decision with the given inputs; the answer carries the trace and the model's hash."""
        return decision_document(current_registry(), decision_id, body, model, strict)


def decision_document(registry, decision_id: str, body: dict, model: str | None = None,
                      strict: bool = False) -> dict:
    """The answer to ``body`` (a JSON object) for the decision: 404, 422 raised as ``ProblemError``."""
    entry = registry.decision(decision_id, model)
    inputs = entry.load_inputs(body)
    value, envelope = evaluate(entry.model, entry.info.id, inputs, strict=strict)
    return {"decision": entry.info.id, "result": value, **envelope}


_INPUTS = InputsSchema()
_ANSWER = EvaluationResponseSchema()


def answer_decision(decision_id: str, body, registry, *, model: str | None = None,
                    strict: bool = False) -> tuple[int, dict]:
    """The status and JSON document ``POST /decisions/{decision_id}/evaluate`` answers to ``body`` (the parsed
    JSON body, or the raw body as bytes), with the same code as the view, outside any request."""
    try:
        if isinstance(body, bytes):
            body = parse_json(body)
        document = decision_document(registry, decision_id, load_or_problem(_INPUTS, body), model, strict)
    except ProblemError as problem:
        return problem.status, problem.body()
    return 200, _ANSWER.dump(document)
