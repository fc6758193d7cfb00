"""The allow-list of Java static methods an external function may name: ``METHODS[(class, signature)]`` is
``(python function, Java result type)``. Each function takes the arguments already converted to their Java
types (``int``/``long``/``short``/``byte`` as Python int, ``double``/``float`` as Python float, ``char`` and
``String`` as str) and follows the Java method's documented semantics (Java SE 17 API); ``JavaFault`` stands
for the exception the Java method would throw.
"""

from __future__ import annotations

import math
import re

__all__ = ["METHODS", "JavaFault"]


class JavaFault(Exception):
    """What Java would throw (NumberFormatException, ArithmeticException, ...)."""


def _wrap(value: int, bits: int) -> int:
    """Two's complement overflow, as Java's int and long arithmetic."""
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


# --- java.lang.Math ------------------------------------------------------------------------------


def _round_double(x: float) -> int:
    """Math.round(double): the closest long, ties toward positive infinity; NaN is 0; saturates."""
    if math.isnan(x):
        return 0
    if math.isinf(x):
        return (1 << 63) - 1 if x > 0 else -(1 << 63)
    floor = math.floor(x)
    r = floor + 1 if x - floor >= 0.5 else floor
    return max(-(1 << 63), min((1 << 63) - 1, r))


def _rint(x: float) -> float:
    """Math.rint: the closest mathematical integer, ties to the even one."""
    if not math.isfinite(x):
        return x
    return math.copysign(float(round(x)), x)


def _signum(x: float) -> float:
    if math.isnan(x) or x == 0:
        return x
    return math.copysign(1.0, x)


def _java_max(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if a == b == 0:
        return b if math.copysign(1, a) < 0 else a  # max(-0.0, 0.0) is 0.0
    return max(a, b)


def _java_min(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if a == b == 0:
        return a if math.copysign(1, a) < 0 else b  # min(-0.0, 0.0) is -0.0
    return min(a, b)


def _unary(f):
    """A double function of the math module with Java's answers where Python raises: NaN for a domain error,
    an infinity for an overflow."""
    def call(x: float) -> float:
        try:
            return f(x)
        except ValueError:
            return math.nan
        except OverflowError:
            return math.inf
    return call


def _cbrt(x: float) -> float:
    """Math.cbrt: within one ulp, exact on the cube of a double (27.0 gives 3.0, which math.cbrt misses on some
    platforms): a Newton step after the C library's estimate."""
    if not math.isfinite(x) or x == 0:
        return x
    r = math.cbrt(x)
    refined = r - (r * r * r - x) / (3 * r * r)
    return refined if math.isfinite(refined) and abs(refined - r) <= abs(r) * 1e-15 else r


def _log(x: float) -> float:
    if x == 0:
        return -math.inf
    return _unary(math.log)(x)


def _log10(x: float) -> float:
    if x == 0:
        return -math.inf
    return _unary(math.log10)(x)


def _pow(a: float, b: float) -> float:
    try:
        return math.pow(a, b)
    except ValueError:
        return math.nan
    except OverflowError:
        return math.inf


def _floor_div(bits: int):
    def floor_div(a: int, b: int) -> int:
        if b == 0:
            raise JavaFault("division by zero")
        return _wrap(a // b, bits)
    return floor_div


def _floor_mod(a: int, b: int) -> int:
    if b == 0:
        raise JavaFault("division by zero")
    return a % b


def _exact(op, bits: int):
    def exact(*args: int) -> int:
        r = op(*args)
        if not -(1 << (bits - 1)) <= r < 1 << (bits - 1):
            raise JavaFault("integer overflow")
        return r
    return exact


# --- parsing numbers from strings ----------------------------------------------------------------

_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")
_DECIMAL_TEXT = re.compile(r"[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)")


def _parse_integer(bits: int):
    """Integer.parseInt / Long.parseLong / Short.parseShort / Byte.parseByte (radix 10)."""
    def parse(text: str) -> int:
        if not _INTEGER_TEXT.fullmatch(text):
            raise JavaFault(f'for input string: "{text}"')
        value = int(text)
        if not -(1 << (bits - 1)) <= value < 1 << (bits - 1):
            raise JavaFault(f'value out of range. Value:"{text}" Radix:10')
        return value
    return parse


def _parse_double(text: str) -> float:
    """Double.parseDouble: leading and trailing whitespace (up to U+0020) ignored, an f/F/d/D suffix allowed."""
    trimmed = text.strip("".join(chr(c) for c in range(33)))
    if not _DECIMAL_TEXT.fullmatch(trimmed):
        raise JavaFault(f'for input string: "{text}"')
    if trimmed[-1] in "fFdD":
        trimmed = trimmed[:-1]
    return float(trimmed)


def _parse_float(text: str) -> float:
    import struct
    x = _parse_double(text)
    try:
        return struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def _parse_boolean(text: str) -> bool:
    return text.lower() == "true"


# --- strings -------------------------------------------------------------------------------------


def double_to_string(x: float) -> str:
    """Double.toString: plain notation with at least one fraction digit from 10^-3 to 10^7, else
    ``d.dddE[-]n``."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0.0" if math.copysign(1, x) < 0 else "0.0"
    digits = repr(abs(x))
    sign = "-" if x < 0 else ""
    if 1e-3 <= abs(x) < 1e7:
        if "e" in digits:
            from decimal import Decimal
            digits = format(Decimal(digits), "f")
        return sign + (digits if "." in digits else digits + ".0")
    from decimal import Decimal
    shortest = Decimal(digits)  # the shortest digits that read back as x, as Java 19 and later choose them
    figures = "".join(map(str, shortest.as_tuple().digits)).rstrip("0") or "0"
    return f"{sign}{figures[0]}.{figures[1:] or '0'}E{shortest.adjusted()}"


_FORMAT = re.compile(r"%(?:(\d+)\$)?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def _format(template: str, args: list) -> str:
    """String.format(String, Object...) for the conversions %s %S %d %f %b %c %n %% (flags - and 0, width,
    precision); any other conversion is refused, as Java would refuse a mismatched argument."""
    from decimal import Decimal
    out, position, next_arg = [], 0, 0
    for m in _FORMAT.finditer(template):
        out.append(template[position:m.start()])
        position = m.end()
        index, flags, width, precision, conversion = m.groups()
        if conversion == "%":
            out.append("%")
            continue
        if conversion == "n":
            out.append("\n")
            continue
        if index:
            k = int(index) - 1
        else:
            k, next_arg = next_arg, next_arg + 1
        if k >= len(args):
            raise JavaFault(f"missing format argument for '{m.group(0)}'")
        arg = args[k]
        if conversion in "sS":
            text = "null" if arg is None else ("true" if arg is True else "false" if arg is False else str(arg))
            if precision:
                text = text[:int(precision)]
            if conversion == "S":
                text = text.upper()
        elif conversion == "b":
            text = "false" if arg is None or arg is False else "true"
        elif conversion == "c":
            if not isinstance(arg, str) or len(arg) != 1:
                raise JavaFault(f"%c needs one character, not {arg!r}")
            text = arg
        elif conversion == "d":
            if not isinstance(arg, Decimal) or arg != arg.to_integral_value():
                raise JavaFault(f"%d needs an integer, not {arg!r}")
            text = str(int(arg))
        elif conversion == "f":
            if not isinstance(arg, Decimal):
                raise JavaFault(f"%f needs a number, not {arg!r}")
            text = format(arg, f".{int(precision) if precision else 6}f")
        else:
            raise JavaFault(f"the conversion '{m.group(0)}' is not supported")
        if width and len(text) < int(width):
            pad = int(width) - len(text)
            if "-" in flags:
                text += " " * pad
            elif "0" in flags and conversion in "df":
                sign = text[0] if text[:1] in "+-" else ""
                text = sign + "0" * pad + text[len(sign):]
            else:
                text = " " * pad + text
        out.append(text)
    out.append(template[position:])
    return "".join(out)


def _char(predicate):
    return lambda c: predicate(c)


# --- the list --------------------------------------------------------------------------------------

_M, _S = "java.lang.Math", "java.lang.String"
_I, _L, _D, _F = "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float"
_SH, _B, _BO, _C = "java.lang.Short", "java.lang.Byte", "java.lang.Boolean", "java.lang.Character"
_STR = "java.lang.String"

METHODS: dict[tuple[str, str], tuple] = {}


def _add(cls: str, signature: str, fn, result: str) -> None:
    METHODS[(cls, signature)] = (fn, result)


for _t, _bits in (("int", 32), ("long", 64)):
    _add(_M, f"abs({_t})", lambda a, b=_bits: _wrap(abs(a), b), _t)
    _add(_M, f"max({_t},{_t})", max, _t)
    _add(_M, f"min({_t},{_t})", min, _t)
    _add(_M, f"floorDiv({_t},{_t})", _floor_div(_bits), _t)
    _add(_M, f"floorMod({_t},{_t})", _floor_mod, _t)
    _add(_M, f"addExact({_t},{_t})", _exact(lambda a, b: a + b, _bits), _t)
    _add(_M, f"subtractExact({_t},{_t})", _exact(lambda a, b: a - b, _bits), _t)
    _add(_M, f"multiplyExact({_t},{_t})", _exact(lambda a, b: a * b, _bits), _t)
    _add(_M, f"negateExact({_t})", _exact(lambda a: -a, _bits), _t)
for _t in ("double", "float"):
    _add(_M, f"abs({_t})", abs, _t)
    _add(_M, f"max({_t},{_t})", _java_max, _t)
    _add(_M, f"min({_t},{_t})", _java_min, _t)
    _add(_M, f"signum({_t})", _signum, _t)
_add(_M, "round(double)", _round_double, "long")
_add(_M, "round(float)", lambda x: max(-(1 << 31), min((1 << 31) - 1, _round_double(x))), "int")
for _name, _fn in (("floor", math.floor), ("ceil", math.ceil)):
    _add(_M, f"{_name}(double)", lambda x, f=_fn: x if not math.isfinite(x) else math.copysign(float(f(x)), x),
         "double")
_add(_M, "rint(double)", _rint, "double")
for _name, _fn in (("sqrt", math.sqrt), ("cbrt", _cbrt),
                   ("exp", math.exp), ("sin", math.sin), ("cos", math.cos), ("tan", math.tan),
                   ("asin", math.asin), ("acos", math.acos), ("atan", math.atan), ("sinh", math.sinh),
                   ("cosh", math.cosh), ("tanh", math.tanh), ("toRadians", math.radians),
                   ("toDegrees", math.degrees), ("expm1", math.expm1), ("log1p", math.log1p)):
    _add(_M, f"{_name}(double)", _unary(_fn), "double")
_add(_M, "log(double)", _log, "double")
_add(_M, "log10(double)", _log10, "double")
_add(_M, "pow(double,double)", _pow, "double")
_add(_M, "atan2(double,double)", math.atan2, "double")
_add(_M, "hypot(double,double)", math.hypot, "double")

for _cls, _t, _bits in ((_I, "int", 32), (_L, "long", 64), (_SH, "short", 16), (_B, "byte", 8)):
    _parse = _parse_integer(_bits)
    _add(_cls, f"valueOf({_t})", lambda a: a, _t)
    _add(_cls, f"valueOf({_STR})", _parse, _t)
    _add(_cls, f"parse{_cls.rsplit('.', 1)[1].replace('Integer', 'Int')}({_STR})", _parse, _t)
    _add(_cls, f"toString({_t})", str, _STR)
    _add(_cls, f"compare({_t},{_t})", lambda a, b: (a > b) - (a < b), "int")
for _cls, _t in ((_I, "int"), (_L, "long")):
    _add(_cls, f"max({_t},{_t})", max, _t)
    _add(_cls, f"min({_t},{_t})", min, _t)
    _add(_cls, f"sum({_t},{_t})", lambda a, b, bits=(32 if _t == "int" else 64): _wrap(a + b, bits), _t)
    _add(_cls, f"signum({_t})", lambda a: (a > 0) - (a < 0), "int")
    _add(_cls, f"abs({_t})", abs, _t)

for _cls, _t, _parse in ((_D, "double", _parse_double), (_F, "float", _parse_float)):
    _add(_cls, f"valueOf({_t})", lambda a: a, _t)
    _add(_cls, f"valueOf({_STR})", _parse, _t)
    _add(_cls, f"parse{_t.capitalize()}({_STR})", _parse, _t)
    _add(_cls, f"max({_t},{_t})", _java_max, _t)
    _add(_cls, f"min({_t},{_t})", _java_min, _t)
    _add(_cls, f"sum({_t},{_t})", lambda a, b: a + b, _t)
    _add(_cls, f"isNaN({_t})", math.isnan, "boolean")
    _add(_cls, f"isInfinite({_t})", math.isinf, "boolean")
    _add(_cls, f"isFinite({_t})", math.isfinite, "boolean")
_add(_D, "toString(double)", double_to_string, _STR)

_add(_BO, "valueOf(boolean)", lambda a: a, "boolean")
_add(_BO, f"valueOf({_STR})", _parse_boolean, "boolean")
_add(_BO, f"parseBoolean({_STR})", _parse_boolean, "boolean")
_add(_BO, "toString(boolean)", lambda a: "true" if a else "false", _STR)
_add(_BO, "logicalAnd(boolean,boolean)", lambda a, b: a and b, "boolean")
_add(_BO, "logicalOr(boolean,boolean)", lambda a, b: a or b, "boolean")
_add(_BO, "logicalXor(boolean,boolean)", lambda a, b: a != b, "boolean")

_add(_C, "valueOf(char)", lambda c: c, "char")
_add(_C, "toString(char)", lambda c: c, _STR)
_add(_C, "isDigit(char)", _char(lambda c: c.isdecimal()), "boolean")
_add(_C, "isLetter(char)", _char(str.isalpha), "boolean")
_add(_C, "isLetterOrDigit(char)", _char(lambda c: c.isalpha() or c.isdecimal()), "boolean")
_add(_C, "isUpperCase(char)", _char(str.isupper), "boolean")
_add(_C, "isLowerCase(char)", _char(str.islower), "boolean")
_add(_C, "isWhitespace(char)", _char(lambda c: c in " \t\n\x0b\f\r\x1c\x1d\x1e\x1f"), "boolean")
_add(_C, "toUpperCase(char)", _char(lambda c: c.upper() if len(c.upper()) == 1 else c), "char")
_add(_C, "toLowerCase(char)", _char(lambda c: c.lower() if len(c.lower()) == 1 else c), "char")

_add(_S, "valueOf(char)", lambda c: c, _STR)
_add(_S, "valueOf(int)", str, _STR)
_add(_S, "valueOf(long)", str, _STR)
_add(_S, "valueOf(boolean)", lambda a: "true" if a else "false", _STR)
_add(_S, "valueOf(double)", double_to_string, _STR)
_add(_S, f"format({_STR},[Ljava.lang.Object;)", _format, _STR)
