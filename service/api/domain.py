"""The domain endpoints, the contract for case systems: strict request schemas, the top decision of the
scheme's model evaluated strictly (a case no row decides is a 422 naming the table), the answer fields of
API.md.

These are the endpoints case systems call all day: each view loads its body and writes its answer itself
(``load_body`` with a loader planned from the request schema, and a dumper planned from the response schema),
and is documented exactly as ``Blueprint.arguments`` and ``Blueprint.response`` would document it.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask.views import MethodView
from marshmallow import Schema, ValidationError

from schemas.dump import dumper
from schemas.inami import InamiRequestSchema, InamiResponseSchema
from schemas.load import Refused, loader, planned
from schemas.ossom import OssomRequestSchema, OssomResponseSchema
from schemas.problem import ProblemSchema
from service import jsonvalues

from .answers import envelope, evaluate, with_language
from .http import Blueprint, json_body, parse_json
from .problems import PROBLEM_MEDIA_TYPE, ProblemError, load_or_problem
from .registry import Registry, current_registry

__all__ = ["BY_NAME", "DEFAULT_TARGETS", "SCHEMES", "answer_case", "blp"]

#: the model file and top decision of each scheme, unless the app's config says otherwise
DEFAULT_TARGETS = {"inami": ("inami-benefit.dmn", "inamiBenefit"), "ossom": ("ossom-allowance.dmn", "ossomAllowance")}

blp = Blueprint("benefits", __name__, url_prefix="/benefits",
                description="Sickness and invalidity benefits (INAMI and OSSOM schemes)")


class _Scheme:
    """A scheme's endpoint: its request and response schemas, and the model and decision of its config key."""

    def __init__(self, name: str, request_schema: Schema, response_schema: Schema):
        self.name = name
        self.request_schema = request_schema
        self.response_schema = response_schema
        self.read = loader(request_schema)
        self.plan = planned(request_schema)
        self.write = dumper(response_schema)

    def documented(self, not_loaded: str):
        return blp.documented(
            blp.arguments(self.request_schema),
            blp.response(200, self.response_schema),
            blp.alt_response(503, schema=ProblemSchema, content_type=PROBLEM_MEDIA_TYPE, description=not_loaded),
        )

    def answer(self) -> Response:
        """The body checked first (400, 413, 415, 422), then the model (503), then the answer."""
        document = self.document(json_body(request), current_registry, current_app.config[f"{self.name}_MODEL"])
        return current_app.json.response(document)

    def document(self, body, registry, target: tuple[str, str]) -> dict:
        """The answer document to ``body`` (JSON values): the schema loads it (422), ``registry()`` gives the
        models (503), the ``target`` (file, decision) is evaluated strictly (422 when undecidable). Problems are
        raised as ``ProblemError``."""
        case = load_or_problem(self.request_schema, body, self.read)
        file, decision = target
        model = registry().domain_model(file)
        value, envelope = evaluate(model, decision, case, strict=True)
        if not isinstance(value, dict):
            raise TypeError(f"{decision} of {file} returned {type(value).__name__}, not a context")
        return self.write({**value, **envelope})

    def answer_directly(self, app: Flask, environ: dict, body: bytes) -> bytes | None:
        """The body of the 200 answer ``answer`` gives to ``body`` (a JSON object the request schema loads as
        it is, a case the rules decide, the model loaded), or None for any other body: ``answer`` then gives
        the answer, problem or not. Written as the app's JSON provider writes it when it is compact."""
        if self.plan is None or environ.get("HTTP_ACCEPT_LANGUAGE"):  # the sentences' language: answer() says
            return None
        try:
            case = self.plan(jsonvalues.loads(body))
        except (jsonvalues.JsonSyntaxError, Refused, ValidationError):
            return None
        file, decision = app.config[f"{self.name}_MODEL"]
        registry = app.extensions.get("decisions")
        model = registry.by_file.get(file) if registry is not None else None
        if model is None:
            return None
        environ["decisions.log"] = {"decision": decision, "model": getattr(model, "sha256", None)}
        try:
            result = model.evaluate(decision, with_language(model, case), strict=True)
        except Exception:  # undecidable, or failing: answer() evaluates again and says why
            return None
        if not isinstance(result.value, dict):
            return None
        return f"{jsonvalues.dumps(self.write({**result.value, **envelope(model, result)}))}\n".encode()


_INAMI = _Scheme("INAMI", InamiRequestSchema(), InamiResponseSchema())
_OSSOM = _Scheme("OSSOM", OssomRequestSchema(), OssomResponseSchema())
#: scheme name (the last part of the endpoint's path) -> scheme
BY_NAME = {"inami": _INAMI, "ossom": _OSSOM}


def answer_case(scheme: str, body, models, *, language: str | None = None,
                target: tuple[str, str] | None = None) -> tuple[int, dict]:
    """The status and JSON document ``POST /benefits/<scheme>`` answers to ``body`` (the parsed JSON body,
    numbers as Decimal, or the raw body as bytes), with the same code as the view, outside any request.

    ``models`` is a ``Registry`` (build it once for many cases) or a mapping of loaded models; ``target``
    (file, decision) defaults to the app's default for the scheme; ``language`` is the request's
    ``Accept-Language`` (the answers of these models do not depend on it yet)."""
    endpoint = BY_NAME[scheme]
    registry = models if isinstance(models, Registry) else Registry(models)
    try:
        if isinstance(body, bytes):
            body = parse_json(body)
        document = endpoint.document(body, lambda: registry, target or DEFAULT_TARGETS[scheme])
    except ProblemError as problem:
        return problem.status, problem.body()
    return 200, document


#: the endpoint of each scheme's view, for ``service.api.direct``
SCHEMES = {"benefits.Inami": _INAMI, "benefits.Ossom": _OSSOM}


@blp.route("/inami")
class Inami(MethodView):
    init_every_request = False

    @_INAMI.documented("The INAMI model is not loaded")
    def post(self):
        """The INAMI/RIZIV benefit of an employee, blue-collar worker, unemployed or self-employed person."""
        return _INAMI.answer()


@blp.route("/ossom")
class Ossom(MethodView):
    init_every_request = False

    @_OSSOM.documented("The OSSOM model is not loaded")
    def post(self):
        """The OSSOM (overseas social security) monthly sickness and invalidity allowance."""
        return _OSSOM.answer()
