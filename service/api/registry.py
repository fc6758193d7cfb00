"""The loaded models as the service sees them: decisions by id or name, and their input schemas.

Built once per app (per worker) from a ``Models`` mapping; the input schema of each decision is built here, at
load time, never per request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app, has_request_context, request

from schemas.from_model import inputs_schema
from service.dmn import load

from .problems import TYPE_NOT_READY, ProblemError, load_or_problem

__all__ = ["DecisionEntry", "Registry", "current_registry", "note_for_log"]


@dataclass
class DecisionEntry:
    model: object
    info: object
    schema: object = field(repr=False)

    def load_inputs(self, body: dict) -> dict:
        """The body as FEEL values keyed by input-data name (every input present, null when absent).
        Raises a 422 ``ProblemError`` naming each bad field."""
        return load_or_problem(self.schema, body)


def file_name(model) -> str:
    return Path(str(model.file)).name


class Registry:
    def __init__(self, models):
        self.models = models
        self.by_id: dict[str, list[DecisionEntry]] = {}
        self.by_name: dict[str, list[DecisionEntry]] = {}
        self.entries: list[DecisionEntry] = []
        #: file name -> model (the first one when two folders hold the same name), found once, not per request
        self.by_file: dict[str, object] = {}
        for model in models.values():
            self.by_file.setdefault(file_name(model), model)
            for info in model.decisions:
                schema = inputs_schema(model, info.inputs, name=f"{info.id}Inputs")()
                entry = DecisionEntry(model, info, schema)
                self.entries.append(entry)
                self.by_id.setdefault(info.id, []).append(entry)
                self.by_name.setdefault(info.name, []).append(entry)

    @classmethod
    def load(cls, path) -> Registry:
        """Load a .dmn file or a folder; raises ``service.dmn.LoadError``."""
        return cls(load(str(path)))

    def model(self, name_or_file: str):
        """A model by name or by file name; 404 when there is none."""
        model = self.models.get(name_or_file)
        if model is None:
            model = self.by_file.get(name_or_file)
        if model is None:
            raise ProblemError(404, "Not Found", f"No model named {name_or_file!r} (see GET /models).")
        return model

    def domain_model(self, file: str):
        """The model a domain endpoint evaluates; 503 when it is not loaded."""
        model = self.by_file.get(file)
        if model is None:
            raise ProblemError(503, "Service Unavailable", f"The model {file} is not loaded.",
                               type=TYPE_NOT_READY)
        return model

    def decision(self, key: str, model_name: str | None = None) -> DecisionEntry:
        """A decision by id, else by name; ``model_name`` picks one when several models have it."""
        found = self.by_id.get(key) or self.by_name.get(key) or []
        if model_name is not None:
            found = [e for e in found if model_name in (e.model.name, file_name(e.model))]
        if not found:
            raise ProblemError(404, "Not Found", f"No decision {key!r} (see GET /decisions).")
        if len(found) > 1:
            names = ", ".join(sorted(e.model.name for e in found))
            raise ProblemError(
                404, "Not Found",
                f"Decision {key!r} is in several models ({names}); name one with ?model=.",
            )
        return found[0]


def current_registry() -> Registry:
    """The registry of the running app; 503 when the models did not load."""
    registry = current_app.extensions.get("decisions")
    if registry is None:
        raise ProblemError(503, "Service Unavailable", "No models are loaded.", type=TYPE_NOT_READY)
    return registry


def note_for_log(decision_id: str | None, model) -> None:
    """Record which decision and model version answered, for the request log (never case data)."""
    if has_request_context():
        request.environ["decisions.log"] = {"decision": decision_id, "model": getattr(model, "sha256", None)}
