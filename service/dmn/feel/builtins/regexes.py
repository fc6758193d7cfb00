"""XPath regular expressions (XML Schema Part 2, appendix F; XQuery 1.0 and XPath 2.0 Functions, 7.6) for
``matches``, ``replace`` and ``split``.

``_XPathRegex`` translates them to the ``regex`` package's syntax (which knows ``\\p{L}``, ``\\p{IsBasicLatin}``
blocks and character class subtraction) and rejects what XPath rejects. A pattern that stands for more than
``MAX_EXPANDED_PATTERN`` characters once its repetitions are written out is refused before ``regex.compile``,
which writes them out and has no timeout.
"""

from __future__ import annotations

import regex

__all__ = ["MAX_EXPANDED_PATTERN", "compile_xpath_regex"]

_XML_WHITESPACE = " \t\n\r"
# single-character escapes of XML Schema regular expressions
_SINGLE_ESCAPES = {"n": "\\n", "r": "\\r", "t": "\\t"}
_ESCAPABLE = set("\\|.-^?*+{}()[]$")
# multi-character escapes whose XML Schema meaning differs from Python's
_CLASS_ESCAPES = {
    "s": "\\x20\\t\\n\\r",
    "i": "\\p{L}_:",
    "c": "\\p{L}\\p{Nd}.\\-_:\\p{Mn}\\p{Mc}\\p{Lm}\\p{Nl}\\u00B7",
    "d": "\\p{Nd}",
    "w": None,  # complement of \p{P}\p{Z}\p{C}: only as a nested set
}


class _XPathRegex:
    """Translate one XPath regular expression (``flags`` already checked) to ``regex`` V1 syntax."""

    def __init__(self, pattern: str, flags: str):
        self.dotall = "s" in flags
        self.multiline = "m" in flags
        self.text = self._strip_whitespace(pattern) if "x" in flags else pattern
        self.pos = 0
        self.groups = 0
        self.closed: set[int] = set()
        self.open: list[int] = []
        self.last_escape = ""

    @staticmethod
    def _strip_whitespace(pattern: str) -> str:
        """The ``x`` flag: whitespace outside character classes is removed before anything else."""
        out = []
        depth = 0
        escaped = False
        for ch in pattern:
            if escaped:
                if ch in _XML_WHITESPACE and depth == 0:
                    continue  # "\ s" is "\s" once whitespace is gone
                out.append(ch)
                escaped = False
                continue
            if ch == "\\":
                escaped = True
            elif ch == "[":
                depth += 1
            elif ch == "]" and depth:
                depth -= 1
            elif ch in _XML_WHITESPACE and depth == 0:
                continue
            out.append(ch)
        return "".join(out)

    def error(self, message: str):
        raise ValueError(f"invalid regular expression: {message}")

    def peek(self, offset: int = 0) -> str:
        i = self.pos + offset
        return self.text[i] if i < len(self.text) else ""

    def translate(self) -> str:
        out = []
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "\\":
                out.append(self.escape(in_class=False))
            elif ch == "[":
                out.append(self.char_class())
            elif ch == "(":
                if self.peek() == "?":
                    if self.peek(1) != ":":
                        self.error("only (?: groups are allowed")
                    self.pos += 2
                    self.open.append(0)
                    out.append("(?:")
                else:
                    self.groups += 1
                    self.open.append(self.groups)
                    out.append("(")
            elif ch == ")":
                if not self.open:
                    self.error("unbalanced )")
                group = self.open.pop()
                if group:
                    self.closed.add(group)
                out.append(")")
            elif ch == ".":
                out.append("." if self.dotall else "[^\\n\\r]")
            elif ch == "$":
                out.append("$" if self.multiline else "\\Z")
            elif ch == "]":
                self.error("unbalanced ]")
            elif ch == "{":
                out.append(self.quantifier())
            else:
                out.append(regex.escape(ch) if ch in "#&~ " else ch)
        if self.open:
            self.error("unbalanced (")
        return "".join(out)

    def quantifier(self) -> str:
        end = self.text.find("}", self.pos)
        body = self.text[self.pos : end] if end >= 0 else ""
        if end < 0 or not regex.fullmatch(r"\d+(,\d*)?", body):
            self.error("bad quantifier")
        self.pos = end + 1
        return "{" + body + "}"

    def escape(self, in_class: bool) -> str:
        ch = self.peek()
        if not ch:
            self.error("trailing backslash")
        self.pos += 1
        if ch in _SINGLE_ESCAPES:
            return _SINGLE_ESCAPES[ch]
        if ch in _ESCAPABLE:
            return "\\" + ch
        if ch in "pP":
            return self.property(negated=ch == "P")
        if ch.lower() in _CLASS_ESCAPES:
            return self.class_escape(ch, in_class)
        if ch.isdigit() and not in_class and ch != "0":
            return self.backreference(ch)
        self.error(f"unknown escape \\{ch}")

    def backreference(self, first: str) -> str:
        number = int(first)
        while self.peek().isdigit() and number * 10 + int(self.peek()) <= self.groups:
            number = number * 10 + int(self.peek())
            self.pos += 1
        if number not in self.closed:
            self.error(f"back-reference to group {number} that is not closed")
        return f"(?:\\{number})"

    def property(self, negated: bool) -> str:
        if self.peek() != "{":
            self.error("\\p needs {name}")
        end = self.text.find("}", self.pos)
        if end < 0:
            self.error("unterminated \\p{")
        name = self.text[self.pos + 1 : end]
        self.pos = end + 1
        if name.startswith("Is") and len(name) > 2:
            name = "Block=" + name[2:]
        elif not regex.fullmatch(r"[A-Z][a-z]?", name):
            self.error(f"unknown property {name}")
        return ("\\P{" if negated else "\\p{") + name + "}"

    def class_escape(self, ch: str, in_class: bool) -> str:
        negated = ch.isupper()
        key = ch.lower()
        if key == "w":
            body = "\\p{P}\\p{Z}\\p{C}"
            negated = not negated
        else:
            body = _CLASS_ESCAPES[key]
        return ("[^" if negated else "[") + body + "]"

    def char_class(self) -> str:
        """From after ``[`` to after its ``]``, subtraction ``-[...]`` included."""
        negated = False
        if self.peek() == "^":
            negated = True
            self.pos += 1
        items = []
        first = True
        while True:
            ch = self.peek()
            if not ch:
                self.error("unterminated [")
            if ch == "]" and not first:
                self.pos += 1
                subtraction = ""
                break
            if ch == "-" and self.peek(1) == "[" and not first:
                self.pos += 2
                subtraction = self.char_class()
                if self.peek() != "]":
                    self.error("subtraction must end the class")
                self.pos += 1
                break
            if ch == "[":
                self.error("[ inside a class must be escaped")
            low = self.class_char()
            if self.peek() == "-" and self.peek(1) not in ("]", "["):
                if low is None:
                    self.error("a range needs single characters")
                self.pos += 1
                high = self.class_char()
                if high is None or ord(high) < ord(low):
                    self.error("bad range")
                items.append(regex.escape(low) + "-" + regex.escape(high))
            elif low is None:
                items.append(self.last_escape)
            else:
                if low == "-" and not first and self.peek() != "]":
                    self.error("- must be first or last in a class")
                items.append(regex.escape(low))
            first = False
        body = "".join(items)
        base = f"[^{body}]" if negated else f"[{body}]"
        if subtraction:
            return f"[{base}--{subtraction}]"
        return base

    def class_char(self) -> str | None:
        """One character of a class; None for a multi-character escape (left in ``last_escape``)."""
        ch = self.text[self.pos]
        self.pos += 1
        if ch != "\\":
            return ch
        esc = self.peek()
        if esc in _SINGLE_ESCAPES:
            self.pos += 1
            return {"n": "\n", "r": "\r", "t": "\t"}[esc]
        if esc in _ESCAPABLE:
            self.pos += 1
            return esc
        self.last_escape = self.escape(in_class=True)
        return None


#: the most atoms a pattern may stand for once its repetitions are written out (``a{1000000}`` is a million):
#: compiling writes the least repetitions out, and ``regex.compile`` has no timeout
MAX_EXPANDED_PATTERN = 100_000


def _expanded_size(pattern: str) -> int:
    """How many atoms ``pattern`` stands for with each quantifier's least count written out (an upper bound:
    a character class or escape is one atom, ``{0,n}`` and ``?`` count as once)."""
    levels = [[0, 0]]  # per open group: [its size so far, the size of its last atom]
    i, end = 0, len(pattern)
    while i < end:
        ch = pattern[i]
        i += 1
        if ch == "\\":
            i += 1
            size = 1
        elif ch == "[":
            depth = 1
            while i < end and depth:
                if pattern[i] == "\\":
                    i += 1
                elif pattern[i] == "[":
                    depth += 1
                elif pattern[i] == "]":
                    depth -= 1
                i += 1
            size = 1
        elif ch == "(":
            levels.append([0, 0])
            continue
        elif ch == ")":
            size = levels.pop()[0] if len(levels) > 1 else 0
        elif ch == "{":
            close = pattern.find("}", i)
            digits = pattern[i:close].split(",")[0] if close >= 0 else ""
            i = close + 1 if close >= 0 else end
            least = int(digits) if digits.isdigit() and len(digits) < 12 else 1
            level = levels[-1]
            level[0] += level[1] * (max(least, 1) - 1)
            level[1] *= max(least, 1)
            if level[0] > MAX_EXPANDED_PATTERN:
                return level[0]
            continue
        elif ch in "*+?|":
            continue
        else:
            size = 1
        level = levels[-1]
        level[0] += size
        level[1] = size
    return sum(level[0] for level in levels)


_CACHE: dict[tuple[str, str], regex.Pattern] = {}


def compile_xpath_regex(pattern, flags=None) -> regex.Pattern:
    """A compiled pattern for an XPath regular expression and flags; ValueError when invalid."""
    if flags is None:
        flags = ""
    if not isinstance(pattern, str) or not isinstance(flags, str):
        raise ValueError("pattern and flags must be strings")
    key = (pattern, flags)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    if any(f not in "smixq" for f in flags):
        raise ValueError(f"unknown regular expression flag in {flags!r}")
    options = regex.V1
    if "i" in flags:
        options |= regex.IGNORECASE
    if "q" in flags:
        translated = regex.escape(pattern)
    else:
        translated = _XPathRegex(pattern, flags).translate()
        if "s" in flags:
            options |= regex.DOTALL
        if "m" in flags:
            options |= regex.MULTILINE
    if _expanded_size(translated) > MAX_EXPANDED_PATTERN:
        raise ValueError(f"the regular expression stands for more than {MAX_EXPANDED_PATTERN:,} characters "
                         "once its repetitions are written out")
    try:
        compiled = regex.compile(translated, options)
    except regex.error as exc:
        raise ValueError(str(exc)) from exc
    if len(_CACHE) > 512:
        _CACHE.clear()
    _CACHE[key] = compiled
    return compiled
