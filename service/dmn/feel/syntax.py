"""The token cursor every part of the FEEL parser stands on: the current token, expectations that fail
with a FEEL syntax error and a caret, longest-name matching, and the nesting guard.

Nesting is bounded: a text nested more than ``MAX_NESTING`` levels (parentheses, lists, contexts,
arguments, ``if``...) or whose tree is more than ``MAX_DEPTH`` levels deep (``1+1+...+1`` a thousand
times) is a syntax error at load, so that neither the parser, the compiler nor an evaluation can run out
of Python's stack.
"""

from __future__ import annotations

from ..errors import FeelSyntaxError
from . import ast as A
from .lexer import Token, tokenize
from .names import Names

__all__ = ["MAX_DEPTH", "MAX_NESTING", "TokenCursor", "check_depth"]

#: how many levels a FEEL text may nest (each parenthesis, list, context, argument list, if, for, filter...)
MAX_NESTING = 64
#: how deep a FEEL syntax tree may be (a chain of 300 additions is 300 levels deep)
MAX_DEPTH = 256


class TokenCursor:
    def __init__(self, text: str, names: Names | None):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.names = names or Names()
        self.uses_question = False
        self.in_range_end = False  # `[1..10[`: the closing `[` is no filter
        self.nesting = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def advance(self) -> Token:
        t = self.tokens[self.i]
        if t.kind != "eof":
            self.i += 1
        return t

    def error(self, message: str, tok: Token | None = None):
        tok = tok or self.tok
        raise FeelSyntaxError(message, self.text, tok.start)

    def found(self) -> str:
        return "end of text" if self.tok.kind == "eof" else repr(self.tok.text)

    def expect_op(self, op: str) -> Token:
        if not self.tok.is_op(op):
            self.error(f"expected '{op}' but found {self.found()}")
        return self.advance()

    def expect_word(self, word: str) -> Token:
        if not self.tok.is_word(word):
            self.error(f"expected '{word}' but found {self.found()}")
        return self.advance()

    def at_end(self) -> bool:
        return self.tok.kind == "eof"

    def enter(self) -> None:
        """One level deeper; past MAX_NESTING a syntax error at the token that opens the level."""
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            opener = self.tokens[self.i - 1] if self.i > 0 else self.tok
            self.error(f"FEEL text nested more than {MAX_NESTING} levels deep", opener)

    def leave(self) -> None:
        self.nesting -= 1

    def match_name(self, names: Names | None = None) -> str | None:
        """Join tokens into the longest known multi-token name starting here, if any."""
        tok = self.tok
        if tok.kind not in ("name", "num", "op", "str"):
            return None
        names = names or self.names
        for parts, name in names.candidates(tok.text):
            k = len(parts)
            window = self.tokens[self.i:self.i + k]
            if len(window) == k and all(t.text == p and t.kind != "str" and t.kind != "eof"
                                        for t, p in zip(window, parts, strict=True)):
                self.i += k
                return name
        return None

    def known_name_here(self) -> bool:
        save = self.i
        found = self.match_name() is not None
        self.i = save
        return found


def _children(node):
    if isinstance(node, A.Node | A.Iteration):
        for f in node.__dataclass_fields__:
            yield getattr(node, f)
    elif isinstance(node, list | tuple):
        yield from node


def check_depth(tree, text: str) -> None:
    """Raise a FEEL syntax error when ``tree`` is more than MAX_DEPTH levels deep (walked without recursion)."""
    stack = [(tree, 0, 0)]
    while stack:
        node, depth, pos = stack.pop()
        if isinstance(node, A.Node):
            depth += 1
            pos = node.pos
            if depth > MAX_DEPTH:
                raise FeelSyntaxError(f"FEEL expression more than {MAX_DEPTH} levels deep", text, pos)
        for child in _children(node):
            if isinstance(child, A.Node | A.Iteration | list | tuple):
                stack.append((child, depth, pos))
