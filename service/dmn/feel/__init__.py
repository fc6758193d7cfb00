"""FEEL: lexer, parser, compiler to closures, value types and the built-in library.

``compile_expression(text, names)`` gives a closure to call with a scope dict;
``evaluate(text, variables)`` is the one-shot form (tests, the command line).
"""

from __future__ import annotations

from .builtins import BUILTINS
from .compiler import Compiler
from .parser import Names
from .types import BUILTIN_TYPES

__all__ = ["compile_expression", "compile_unary_tests", "evaluate", "names_for"]

_PROPERTIES = ("time offset", "start included", "end included")


def names_for(variables=()) -> Names:
    """The names a FEEL text may use: the given variables, the built-ins, types and properties."""
    return Names([*variables, *BUILTINS, *BUILTIN_TYPES, *_PROPERTIES])


def compile_expression(text: str, variables=()):
    """Compile a FEEL expression once; call the result with a dict of variables."""
    return Compiler(names_for(variables), variables=variables).expression(text)


def compile_unary_tests(text: str, variables=()):
    """Compile FEEL unary tests; call the result with ``(input value, variables dict)``."""
    return Compiler(names_for(variables), variables=variables).unary_tests(text)


def evaluate(text: str, variables: dict | None = None):
    """Evaluate a FEEL expression with the given variables (FEEL values)."""
    variables = variables or {}
    return compile_expression(text, variables)(dict(variables))
