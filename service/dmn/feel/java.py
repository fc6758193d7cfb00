"""External Java functions (DMN 1.5 §10.3.2.13.2): ``function(x) external {java: {class: "java.lang.Math",
method signature: "cos(double)"}}`` and the boxed function definition of kind "Java".

No Java runs and nothing is looked up by a name taken from the model: a fixed allow-list (``java_methods``)
maps a (class, method signature) pair to a Python function written with that Java method's semantics.
Arguments are converted to the Java parameter types as DMN 1.5 §10.3.2.9.4 (Table 59) maps FEEL to Java
(a number to an ``int``, ``long``, ``double``..., a string of one character to a ``char``), and the Java
result back to FEEL (a ``double`` as ``BigDecimal.valueOf(double)`` gives it, that is its shortest decimal
form; a ``float`` by its shortest ``float`` form, as jDMN and Drools do). A class or signature outside the list,
or an argument Java would refuse (a string that is no number for ``Integer.valueOf(String)``, a string of
several characters for a ``char``), is an evaluation error that says so.
"""

from __future__ import annotations

import math
import struct
from decimal import Decimal, InvalidOperation

from ..errors import EvaluationError
from .java_methods import METHODS, JavaFault
from .values import FeelFunction

__all__ = ["JavaFunction", "external_function", "known_methods", "normalize_signature"]


def normalize_signature(signature: str) -> str:
    """``max(double, double)`` as ``max(double,double)``: the allow-list's key."""
    return "".join(signature.split())


def known_methods() -> list[str]:
    """Every allowed method, as ``class.signature``."""
    return sorted(f"{cls}.{sig}" for cls, sig in METHODS)


def _class_name(name: str) -> str:
    name = name.strip()
    return name if "." in name else f"java.lang.{name}"


_INTEGRAL = {"int": 32, "long": 64, "short": 16, "byte": 8,
             "java.lang.Integer": 32, "java.lang.Long": 64, "java.lang.Short": 16, "java.lang.Byte": 8}
_FLOATING = {"double": False, "java.lang.Double": False, "float": True, "java.lang.Float": True}


def to_java(value, java_type: str):
    """A FEEL value as an argument of the Java type ``java_type`` (Python int, float, str or bool)."""
    if value is None:
        raise JavaFault(f"null is not a {java_type}")
    if java_type in _INTEGRAL:
        if type(value) is not Decimal or not value.is_finite():
            raise JavaFault(f"{value!r} is not a number for a {java_type} parameter")
        bits = _INTEGRAL[java_type]
        whole = int(value)  # BigDecimal.intValue() and the like drop the fraction
        if not -(1 << (bits - 1)) <= whole < 1 << (bits - 1):
            raise JavaFault(f"{value} does not fit a {java_type}")
        return whole
    if java_type in _FLOATING:
        if type(value) is not Decimal:
            raise JavaFault(f"{value!r} is not a number for a {java_type} parameter")
        x = float(value)
        return _to_float32(x) if _FLOATING[java_type] else x
    if java_type in ("char", "java.lang.Character"):
        if type(value) is not str or len(value) != 1:
            raise JavaFault(f"{value!r} is not one character for a char parameter")
        return value
    if java_type in ("boolean", "java.lang.Boolean"):
        if type(value) is not bool:
            raise JavaFault(f"{value!r} is not a boolean")
        return value
    if java_type == "java.lang.String":
        if type(value) is not str:
            raise JavaFault(f"{value!r} is not a string")
        return value
    if java_type == "java.lang.Object":
        return value
    raise JavaFault(f"parameter type {java_type} is not supported")


def _to_float32(x: float) -> float:
    try:
        return struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def _float32_digits(x: float) -> str:
    """The shortest decimal text that reads back as the same ``float`` (32-bit) value, as ``Float.toString``."""
    for digits in range(1, 10):
        text = f"{x:.{digits}g}"
        if _to_float32(float(text)) == x:
            return text
    return repr(x)


def to_feel(value, java_type: str):
    """A Java result of type ``java_type`` as a FEEL value; NaN and infinities (no FEEL number) are null."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        text = _float32_digits(value) if java_type in ("float", "java.lang.Float") else repr(value)
        try:
            return Decimal(text) + 0  # + 0 drops a negative zero's sign as BigDecimal does
        except InvalidOperation:
            return None
    return value


class JavaFunction(FeelFunction):
    """A FEEL function value that runs one allowed Java static method."""

    def __init__(self, params, class_name: str, signature: str):
        self.params = tuple(params)
        self.class_name = _class_name(class_name)
        self.signature = normalize_signature(signature)
        self.name = f"{self.class_name}.{self.signature}"
        self.method = METHODS.get((self.class_name, self.signature))
        _, _, rest = self.signature.partition("(")
        self.arg_types = [t for t in rest.rstrip(")").split(",") if t]

    def call(self, args: list):
        if self.method is None:
            raise EvaluationError(
                f"external Java method {self.name} is not available: only standard static methods of "
                "java.lang.Math, String, Integer, Long, Double, Float, Short, Byte, Boolean and Character "
                "with the listed signatures can be called")
        fn, result_type = self.method
        varargs = bool(self.arg_types) and self.arg_types[-1].startswith("[L")
        fixed = self.arg_types[:-1] if varargs else self.arg_types
        if len(args) < len(fixed) or (not varargs and len(args) != len(fixed)):
            raise EvaluationError(f"{self.name} takes {len(fixed)} argument(s), {len(args)} given")
        try:
            java_args = [to_java(a, t) for a, t in zip(args, fixed, strict=False)]
            if varargs:
                java_args.append(list(args[len(fixed):]))
            return to_feel(fn(*java_args), result_type)
        except JavaFault as fault:
            raise EvaluationError(f"{self.name}: {fault}") from None
        except (ArithmeticError, ValueError) as err:
            raise EvaluationError(f"{self.name}: {err}") from None


class UnsupportedExternal(FeelFunction):
    """An external function this engine cannot run (PMML, or no ``java`` mapping): calling it is an error."""

    def __init__(self, params, why: str):
        self.params = tuple(params)
        self.why = why

    def call(self, args: list):
        raise EvaluationError(self.why)


def external_function(params, definition) -> FeelFunction:
    """The function value of ``function(params) external definition``; ``definition`` is the context value,
    ``{java: {class: ..., method signature: ...}}`` (or ``{pmml: ...}``)."""
    java = definition.get("java") if isinstance(definition, dict) else None
    if isinstance(java, dict):
        cls, sig = java.get("class"), java.get("method signature")
        if isinstance(cls, str) and isinstance(sig, str):
            return JavaFunction(params, cls, sig)
        return UnsupportedExternal(params, "an external Java function needs a 'class' and a 'method signature' "
                                           "string")
    if isinstance(definition, dict) and "pmml" in definition:
        return UnsupportedExternal(params, "external PMML functions are not supported")
    return UnsupportedExternal(params, "an external function needs a {java: {class: ..., method signature: ...}} "
                                       "context")
