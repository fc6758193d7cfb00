"""The domain endpoints, the contract for case systems: strict request schemas, the top decision of the
scheme's model evaluated strictly (a case no row decides is a 422 naming the table), the answer fields of
API.md."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView

from schemas.inami import InamiRequestSchema, InamiResponseSchema
from schemas.ossom import OssomRequestSchema, OssomResponseSchema
from schemas.problem import ProblemSchema

from .answers import evaluate
from .http import Blueprint
from .problems import PROBLEM_MEDIA_TYPE
from .registry import current_registry

__all__ = ["blp"]

blp = Blueprint("benefits", __name__, url_prefix="/benefits",
                description="Sickness and invalidity benefits (INAMI and OSSOM schemes)")


def _answer(scheme: str, case: dict) -> dict:
    file, decision = current_app.config[f"{scheme}_MODEL"]
    model = current_registry().domain_model(file)
    value, envelope = evaluate(model, decision, case, strict=True)
    if not isinstance(value, dict):
        raise TypeError(f"{decision} of {file} returned {type(value).__name__}, not a context")
    return {**value, **envelope}


@blp.route("/inami")
class Inami(MethodView):
    @blp.arguments(InamiRequestSchema())  # one instance: webargs builds a schema per request from a class
    @blp.response(200, InamiResponseSchema)
    @blp.alt_response(503, schema=ProblemSchema, content_type=PROBLEM_MEDIA_TYPE,
                      description="The INAMI model is not loaded")
    def post(self, case):
        """The INAMI/RIZIV benefit of an employee, blue-collar worker, unemployed or self-employed person."""
        return _answer("INAMI", case)


@blp.route("/ossom")
class Ossom(MethodView):
    @blp.arguments(OssomRequestSchema())
    @blp.response(200, OssomResponseSchema)
    @blp.alt_response(503, schema=ProblemSchema, content_type=PROBLEM_MEDIA_TYPE,
                      description="The OSSOM model is not loaded")
    def post(self, case):
        """The OSSOM (overseas social security) monthly sickness and invalidity allowance."""
        return _answer("OSSOM", case)
