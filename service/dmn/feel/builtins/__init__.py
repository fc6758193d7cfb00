"""The FEEL built-in function library (DMN 1.5, 10.3.4), by name.

Each module holds one group of functions and exports them as ``FUNCTIONS``; ``BUILTINS`` maps
every function name (``"string length"``, ``"date and time"``...) to its ``Builtin``.
"""

from __future__ import annotations

from . import contexts, conversion, lists, misc, numeric, ranges, strings, temporal
from .base import Builtin, builtin

__all__ = ["BUILTINS", "Builtin", "builtin"]


def _registry() -> dict[str, Builtin]:
    registry: dict[str, Builtin] = {}
    for module in (conversion, strings, numeric, lists, contexts, ranges, misc, temporal):
        for function in module.FUNCTIONS:
            if function.name in registry:
                raise RuntimeError(f"built-in {function.name!r} is defined twice")
            registry[function.name] = function
    return registry


#: Every built-in function, by its FEEL name.
BUILTINS: dict[str, Builtin] = _registry()
