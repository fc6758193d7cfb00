"""FEEL lexer: text to tokens with positions. Names are single words here; the parser joins
words into multi-word names (``Monthly Salary``, ``date and time``) against the names in scope."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import FeelSyntaxError

__all__ = ["Token", "tokenize"]

# longest first
_OPERATORS = ("**", "..", "<=", ">=", "!=", "+", "-", "*", "/", "=", "<", ">", "(", ")", "[", "]", "{", "}",
              ",", ".", ":", "'", "@")
_VALUE_END = ("num", "str", "name")
_DIGITS = frozenset("0123456789")  # rule 38: digit = [0-9] (not every character Python calls a digit)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "num" | "str" | "name" | "op" | "eof"
    text: str  # the source text (for strings: the decoded value)
    start: int
    end: int

    def is_op(self, text: str) -> bool:
        return self.kind == "op" and self.text == text

    def is_word(self, text: str) -> bool:
        return self.kind == "name" and self.text == text


def _name_start(ch: str) -> bool:
    return ch.isalpha() or ch in "_?" or (ord(ch) > 127 and not ch.isspace() and ch not in "\u00a0")


def _name_part(ch: str) -> bool:
    return _name_start(ch) or ch.isdigit() or ch in "\u0300\u0301\u0302\u0303\u0304" or (
        ord(ch) > 127 and (ch.isalnum() or ch.isdecimal()))


_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "'": "'", "b": "\b", "f": "\f"}


def _read_string(text: str, pos: int) -> tuple[str, int]:
    """Read a string literal starting at the opening quote; return (value, end)."""
    out = []
    i = pos + 1
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            return "".join(out), i + 1
        if ch == "\\" and i + 1 < n:
            nxt = text[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            if nxt == "u" and i + 5 < n + 0 and all(c in "0123456789abcdefABCDEF" for c in text[i + 2:i + 6]):
                code = int(text[i + 2:i + 6], 16)
                i += 6
                # a surrogate pair written as two \u escapes
                if 0xD800 <= code <= 0xDBFF and text[i:i + 2] == "\\u":
                    low = text[i + 2:i + 6]
                    if len(low) == 4 and all(c in "0123456789abcdefABCDEF" for c in low):
                        lowc = int(low, 16)
                        if 0xDC00 <= lowc <= 0xDFFF:
                            code = 0x10000 + ((code - 0xD800) << 10) + (lowc - 0xDC00)
                            i += 6
                out.append(chr(code))
                continue
            if nxt == "U" and all(c in "0123456789abcdefABCDEF" for c in text[i + 2:i + 8]) and \
                    len(text[i + 2:i + 8]) == 6:
                out.append(chr(int(text[i + 2:i + 8], 16)))
                i += 8
                continue
            out.append(ch)
            i += 1
            continue
        out.append(ch)
        i += 1
    raise FeelSyntaxError("unterminated string", text, pos)


def _exponent_end(text: str, j: int) -> int:
    """Past a number's exponent (``e4``, ``E-3``, ``e+10``), if one follows at ``j`` (DMN 1.5 rule 37)."""
    if j < len(text) and text[j] in "eE":
        k = j + 1
        if k < len(text) and text[k] in "+-":
            k += 1
        if k < len(text) and text[k] in _DIGITS:
            while k < len(text) and text[k] in _DIGITS:
                k += 1
            return k
    return j


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise FeelSyntaxError("unterminated comment", text, i)
            i = j + 2
            continue
        if ch == '"':
            value, end = _read_string(text, i)
            tokens.append(Token("str", value, i, end))
            i = end
            continue
        prev_is_value = bool(tokens) and (tokens[-1].kind in _VALUE_END or tokens[-1].text in (")", "]", "}")
                                          and tokens[-1].kind == "op")
        if ch in _DIGITS or (ch == "." and i + 1 < n and text[i + 1] in _DIGITS and not prev_is_value):
            j = i
            while j < n and text[j] in _DIGITS:
                j += 1
            if j < n and text[j] == "." and j + 1 < n and text[j + 1] in _DIGITS:
                j += 1
                while j < n and text[j] in _DIGITS:
                    j += 1
            j = _exponent_end(text, j)
            tokens.append(Token("num", text[i:j], i, j))
            i = j
            continue
        if _name_start(ch):
            j = i + 1
            while j < n and _name_part(text[j]):
                j += 1
            tokens.append(Token("name", text[i:j], i, j))
            i = j
            continue
        if text.startswith("...", i) and not (i + 3 < n and text[i + 3] in _DIGITS):
            # the descendant operator `e...name` (DMN 1.6 draft, as jDMN and Drools read it); `1...5` stays
            # the range `1 .. .5`
            tokens.append(Token("op", "...", i, i + 3))
            i += 3
            continue
        for op in _OPERATORS:
            if text.startswith(op, i):
                tokens.append(Token("op", op, i, i + len(op)))
                i += len(op)
                break
        else:
            raise FeelSyntaxError(f"unexpected character {ch!r}", text, i)
    tokens.append(Token("eof", "", n, n))
    return tokens
