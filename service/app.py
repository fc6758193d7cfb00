"""The Flask application factory.

``create_app(decisions_dir)`` loads the models of a folder (or takes already loaded ``models``), registers
the generic and domain blueprints, problem documents for every error, and the OpenAPI document at
``/openapi.json``. Every request goes through Flask's routing, the marshmallow schemas and the problem
handlers.
"""

from __future__ import annotations

import http
import os
from pathlib import Path

import flask_smorest
from flask import Flask
from flask_smorest.utils import prepare_response

from schemas.fields import FeelNumber, FeelTemporal, WholeNumber
from schemas.openapi import complete_document, field_properties
from schemas.problem import ProblemSchema

from .api import problems
from .api.domain import blp as domain_blp
from .api.generic import blp as generic_blp
from .api.http import ExactJSONProvider
from .api.problems import PROBLEM_MEDIA_TYPE
from .api.registry import Registry
from .api.reload import reload_state

__all__ = ["DEFAULT_DECISIONS_DIR", "create_app"]

#: the bundled rules: the repository's decisions/ folder next to the package
DEFAULT_DECISIONS_DIR = Path(__file__).resolve().parent.parent / "decisions"

DEFAULTS = {
    "API_TITLE": "Belgian sickness and invalidity benefit decisions",
    "API_VERSION": "1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "EVAL_TIMEOUT": 5.0,  # seconds an evaluation may run (None: no limit)
    "EVAL_MAX_ITEMS": 1_000_000,  # list elements and string characters it may produce (None: no limit)
    "INAMI_MODEL": ("inami-benefit.dmn", "inamiBenefit"),
    "OSSOM_MODEL": ("ossom-allowance.dmn", "ossomAllowance"),
}


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self):
        """The error responses of the OpenAPI document are problem documents."""
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_MEDIA_TYPE if status >= 400 else "application/json")
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_MEDIA_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


def default_decisions_dir() -> Path:
    """``$DECISIONS_DIR`` when set, else the bundled decisions/ folder."""
    return Path(os.environ.get("DECISIONS_DIR") or DEFAULT_DECISIONS_DIR)


def create_app(decisions_dir: str | os.PathLike | None = None, *, models=None,
               config: dict | None = None) -> Flask:
    """The app serving ``models`` (a name -> model mapping) or the models loaded from ``decisions_dir``.

    Loading raises ``service.dmn.LoadError`` when a model is broken: the caller decides (``decisions serve``
    prints every problem and stops).
    """
    app = Flask("decisions", static_folder=None)  # no /static route: nothing is served from the disk
    app.json = ExactJSONProvider(app)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    if models is None:
        registry = Registry.load(decisions_dir or default_decisions_dir())
    else:
        registry = Registry(models)
    app.extensions["decisions"] = registry
    app.config.setdefault("RELOAD_STATE", reload_state(True, [], registry.models))

    from .web import blp as web_blp  # the page at /, its files under /ui/static
    app.register_blueprint(web_blp)
    api = Api(app)
    api.register_field(FeelNumber, "number", None)
    api.register_field(WholeNumber, "integer", None)
    api.register_field(FeelTemporal, "string", None)
    api.ma_plugin.converter.add_attribute_function(field_properties)
    api.register_blueprint(generic_blp)
    api.register_blueprint(domain_blp)
    complete_document(api.spec)
    problems.register(app)  # after Api: replaces flask-smorest's HTTP error handler
    return app
