"""The HTTP layer: blueprints, the JSON body parser, problem documents and the loaded-model registry."""

from .http import ExactJSONProvider
from .problems import ProblemError
from .registry import Registry

__all__ = ["ExactJSONProvider", "ProblemError", "Registry"]
