"""The domain endpoints, the contract for case systems: strict request schemas, the top decision of the
scheme's model evaluated strictly (a case no row decides is a 422 naming the table), the answer fields of
API.md.

``answer_case`` is the whole evaluation of one case, from the JSON body (as ``service.jsonvalues.loads``
gives it) to the answer document: the request schema loads it, the scheme's model answers it, the response
schema writes it. The views call it, and so can anything that evaluates cases without HTTP:
``evaluate_document`` gives ``(status, document)`` with the problem document a view would answer.
``decide_case`` and ``decide_document`` are the same with the answer document written only when asked for
(``DecidedCase.document()``): a reader of the matched rules alone (``decisions impact``) reads the trace.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request
from flask.views import MethodView
from marshmallow import Schema

from schemas.inami import InamiRequestSchema, InamiResponseSchema
from schemas.ossom import OssomRequestSchema, OssomResponseSchema
from schemas.problem import ProblemSchema

from .answers import decide, envelope
from .http import Blueprint, json_body
from .problems import PROBLEM_MEDIA_TYPE, TYPE_NOT_READY, ProblemError, load_or_problem

__all__ = ["DEFAULT_MODELS", "DEFAULT_TARGETS", "SCHEMES", "DecidedCase", "Scheme", "answer_case", "blp",
           "decide_case", "decide_document", "decide_loaded", "evaluate_document"]

blp = Blueprint("benefits", __name__, url_prefix="/benefits",
                description="Sickness and invalidity benefits (INAMI and OSSOM schemes)")


@dataclass(frozen=True)
class Scheme:
    """A scheme's endpoint: its request and response schemas, and the config key naming its model file and
    top decision (``INAMI_MODEL`` = ``("inami-benefit.dmn", "inamiBenefit")``)."""

    name: str
    request_schema: Schema
    response_schema: Schema

    @property
    def config_key(self) -> str:
        return f"{self.name.upper()}_MODEL"


#: scheme name (the last part of its path) -> scheme
SCHEMES = {
    "inami": Scheme("inami", InamiRequestSchema(), InamiResponseSchema()),
    "ossom": Scheme("ossom", OssomRequestSchema(), OssomResponseSchema()),
}

#: where each scheme's model is when no config says otherwise
DEFAULT_MODELS = {"INAMI_MODEL": ("inami-benefit.dmn", "inamiBenefit"),
                  "OSSOM_MODEL": ("ossom-allowance.dmn", "ossomAllowance")}
#: the same by scheme name: (model file, top decision)
DEFAULT_TARGETS = {name: DEFAULT_MODELS[scheme.config_key] for name, scheme in SCHEMES.items()}


class DecidedCase:
    """A case the scheme's model has answered, before its answer document is written: ``document()`` writes it
    (the response schema over the value and the envelope), once; ``result`` is the engine's result, whose
    ``trace`` the document's ``evaluatedDecisions`` are made of. ``document(trace=False)`` is the document
    without ``evaluatedDecisions``, their JSON not written."""

    __slots__ = ("scheme", "case", "model", "result", "_document")

    def __init__(self, scheme: Scheme, case: dict, model, result):
        self.scheme = scheme
        self.case = case  # the request as its schema loaded it: the model's inputs
        self.model = model
        self.result = result
        self._document = None

    def document(self, trace: bool = True) -> dict:
        if not trace:
            if self._document is not None:
                return {k: v for k, v in self._document.items() if k != "evaluatedDecisions"}
            return self._dump(False)
        if self._document is None:
            self._document = self._dump(True)
        return self._document

    def _dump(self, trace: bool) -> dict:
        return self.scheme.response_schema.dump({**self.result.value, **envelope(self.model, self.result, trace)})

    def members(self, names: tuple[str, ...]) -> dict:
        """Only the answer fields ``names`` of the document (of the value, not of the envelope), written as
        ``document()`` writes them: the response schema writes each field from its own value alone."""
        return _schema_of(self.scheme, names).dump(self.result.value)


#: (scheme name, answer fields) -> the scheme's response schema writing only those fields
_PARTIAL: dict = {}


def _schema_of(scheme: Scheme, names: tuple[str, ...]) -> Schema:
    key = (scheme.name, names)
    schema = _PARTIAL.get(key)
    if schema is None:
        full = scheme.response_schema
        envelope_names = ("model", "evaluatedDecisions", "messages")
        schema = type(full)(only=tuple(n for n in names if n in full.fields and n not in envelope_names))
        if len(_PARTIAL) >= 256:
            _PARTIAL.clear()
        _PARTIAL[key] = schema
    return schema


def decide_case(scheme: str, body, registry, config=None) -> DecidedCase:
    """``answer_case`` up to the evaluated case: the request schema loads ``body``, the scheme's model answers
    it; the answer document is written when ``document()`` is called. Raises the same ``ProblemError``."""
    return decide_loaded(scheme, load_or_problem(SCHEMES[scheme].request_schema, body), registry, config)


def decide_loaded(scheme: str, case: dict, registry, config=None) -> DecidedCase:
    """``decide_case`` of a body the scheme's request schema has loaded already (``DecidedCase.case`` of
    another answer to it): the scheme's model answers ``case``."""
    chosen = SCHEMES[scheme]
    file, decision = (config or DEFAULT_MODELS)[chosen.config_key]
    if registry is None:
        raise ProblemError(503, "Service Unavailable", "No models are loaded.", type=TYPE_NOT_READY)
    model = registry.domain_model(file)
    result = decide(model, decision, case, strict=True)
    if not isinstance(result.value, dict):
        raise TypeError(f"{decision} of {file} returned {type(result.value).__name__}, not a context")
    return DecidedCase(chosen, case, model, result)


def answer_case(scheme: str, body, registry, config=None) -> dict:
    """The answer document (JSON values, numbers as Decimal) to the case ``body`` of ``scheme`` ("inami" or
    "ossom") with the models of ``registry`` (a ``service.api.Registry``); ``config`` maps ``INAMI_MODEL`` and
    ``OSSOM_MODEL`` to (file, decision) (default: the bundled models). Raises ``ProblemError``: 422 naming
    each bad field or the table that cannot decide, 503 when the scheme's model is not loaded."""
    return decide_case(scheme, body, registry, config).document()


def evaluate_document(scheme: str, body, registry, config=None) -> tuple[int, dict]:
    """``answer_case`` as ``(200, answer)``, or ``(status, problem document)`` as the view answers it."""
    try:
        return 200, answer_case(scheme, body, registry, config)
    except ProblemError as problem:
        return problem.status, problem.body()


def decide_document(scheme: str, body, registry, config=None) -> tuple[int, DecidedCase | dict]:
    """``evaluate_document`` with the answer not yet written: ``(200, DecidedCase)``, or ``(status, problem
    document)`` as the view answers it."""
    try:
        return 200, decide_case(scheme, body, registry, config)
    except ProblemError as problem:
        return problem.status, problem.body()


def _answer(scheme: str):
    """The view's work: the body (400, 413, 415), then ``answer_case``."""
    body = json_body(request)
    registry = current_app.extensions.get("decisions")
    return current_app.json.response(answer_case(scheme, body, registry, current_app.config))


def _documented(scheme: str, not_loaded: str):
    chosen = SCHEMES[scheme]
    return blp.documented(
        blp.arguments(chosen.request_schema),
        blp.response(200, chosen.response_schema),
        blp.alt_response(503, schema=ProblemSchema, content_type=PROBLEM_MEDIA_TYPE, description=not_loaded),
    )


@blp.route("/inami")
class Inami(MethodView):
    init_every_request = False

    @_documented("inami", "The INAMI model is not loaded")
    def post(self):
        """The INAMI/RIZIV benefit of an employee, blue-collar worker, unemployed or self-employed person."""
        return _answer("inami")


@blp.route("/ossom")
class Ossom(MethodView):
    init_every_request = False

    @_documented("ossom", "The OSSOM model is not loaded")
    def post(self):
        """The OSSOM (overseas social security) monthly sickness and invalidity allowance."""
        return _answer("ossom")

