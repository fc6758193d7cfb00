"""Answers of the generic endpoints: models, decisions and the evaluation envelope."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields

from .base import ObjectSchema
from .fields import BuiltList, FeelAny, WholeNumber

__all__ = [
    "DecisionSchema",
    "EvaluatedDecisionSchema",
    "EvaluationResponseSchema",
    "EvaluationTraceMixin",
    "HealthSchema",
    "InputsSchema",
    "MatchedRuleSchema",
    "MessageSchema",
    "ModelRefSchema",
    "ModelSchema",
    "ReloadSchema",
]


class ReloadProblemSchema(Schema):
    """A problem of a load: a load error, or a finding of the models' checks, with its place."""

    severity = fields.String(required=True, metadata={"enum": ["error", "warning"]})
    code = fields.String()
    message = fields.String(required=True)
    where = fields.String(allow_none=True, metadata={"description": "model › decision › rule › column"})
    file = fields.String(allow_none=True)
    line = fields.Integer(allow_none=True)
    model = fields.String(allow_none=True)
    decisionId = fields.String(allow_none=True)
    ruleId = fields.String(allow_none=True)
    ruleIndex = fields.Integer(allow_none=True)
    column = fields.String(allow_none=True)


class ServingModelSchema(Schema):
    name = fields.String(required=True)
    sha256 = fields.String(required=True)


class ReloadSchema(Schema):
    """The last load of the models (at start, then each reload): on failure the problems, while the last
    good models (``serving``) go on answering."""

    time = fields.String(required=True, metadata={"description": "ISO 8601 date and time (UTC)"})
    succeeded = fields.Boolean(required=True)
    problems = fields.List(fields.Nested(ReloadProblemSchema), required=True)
    serving = fields.List(fields.Nested(ServingModelSchema), required=True)


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})
    models = fields.Integer(metadata={"description": "number of loaded models (/ready)"})
    lastReload = fields.Nested(ReloadSchema, metadata={"description": "the last load of the models (/ready)"})


class ModelRefSchema(Schema):
    """The model an answer came from: its name and the sha256 of the file as loaded."""

    name = fields.String(required=True)
    sha256 = fields.String(required=True)


class ModelSchema(Schema):
    name = fields.String(required=True)
    namespace = fields.String(required=True)
    file = fields.String(required=True)
    sha256 = fields.String(required=True)
    decisions = fields.List(fields.String(), required=True, metadata={"description": "decision ids"})


class InputSchema(Schema):
    name = fields.String(required=True)
    type = fields.String(allow_none=True, metadata={"description": "typeRef of the input data"})


class DecisionSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    model = fields.String(required=True, metadata={"description": "name of the model holding the decision"})
    kind = fields.String(required=True, metadata={"description": "table, literal, context, invocation, ..."})
    inputs = fields.List(fields.Nested(InputSchema), required=True)
    outputType = fields.String(allow_none=True)


class MatchedRuleSchema(Schema):
    ruleIndex = WholeNumber(required=True, metadata={"description": "1-based row number"})
    ruleId = fields.String(allow_none=True)
    annotation = fields.String(allow_none=True)


class EvaluatedDecisionSchema(Schema):
    decisionId = fields.String(required=True)
    decisionName = fields.String(required=True)
    inputs = FeelAny(metadata={"description": "the input data and decisions its logic read, by name"})
    result = FeelAny(allow_none=True)
    matchedRules = fields.List(fields.Nested(MatchedRuleSchema))
    source = fields.String(metadata={"description": "a decision without a table: its description's first line"})


class MessageSchema(Schema):
    severity = fields.String(required=True)
    text = fields.String(required=True)
    decisionId = fields.String(allow_none=True)


class EvaluationTraceMixin(Schema):
    """What every evaluation answer carries beside its result: the model and the audit trail."""

    model = fields.Nested(ModelRefSchema, required=True)
    evaluatedDecisions = BuiltList(fields.Nested(EvaluatedDecisionSchema), required=True)
    messages = fields.List(fields.Nested(MessageSchema))


class EvaluationResultSchema(Schema):
    decision = fields.String(required=True, metadata={"description": "id of the evaluated decision"})
    result = FeelAny(
        allow_none=True,
        metadata={"description": "the decision's value; numbers are exact JSON numbers, dates ISO strings"},
    )


class EvaluationResponseSchema(EvaluationTraceMixin, EvaluationResultSchema):
    """The decision and its value first, then the model and the trace."""


class InputsSchema(ObjectSchema):
    """A JSON object of input values keyed by input-data name; checked against the model's types."""

    class Meta:
        unknown = INCLUDE
