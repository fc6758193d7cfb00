"""FEEL types as written after ``instance of`` and in a function's parameters (DMN 1.5 grammar rule 54):
a qualified name, ``list<T>``, ``range<T>``, ``context<k: T, ...>``, ``function<T, ...> -> T``."""

from __future__ import annotations

from . import ast as A
from .syntax import TokenCursor

NAME_SYMBOLS = frozenset((".", "/", "-", "'", "+", "*"))  # rule 30: additional name symbols

__all__ = ["TypeParser"]


class TypeParser(TokenCursor):
    def type_spec(self) -> A.TypeSpec:
        self.enter()
        try:
            return self._type_spec()
        finally:
            self.leave()

    def _type_spec(self) -> A.TypeSpec:
        tok = self.tok
        if tok.kind == "name" and tok.text in ("list", "range", "context", "function") and self.peek().is_op("<"):
            kind = self.advance().text
            self.advance()
            if kind == "context":
                return A.TypeSpec(tok.start, "context", [], self._context_fields())
            args = []
            while not self.tok.is_op(">"):
                args.append(self.type_spec())
                if self.tok.is_op(","):
                    self.advance()
                elif not self.tok.is_op(">"):
                    self.error("expected ',' or '>' in the type")
            self.advance()
            if kind == "function":
                self.expect_op("-")
                self.expect_op(">")
                args.append(self.type_spec())
            elif len(args) != 1:
                self.error(f"{kind}<...> takes one type", tok)
            return A.TypeSpec(tok.start, kind, args, [])
        name = self.match_name()
        if name is None:
            if tok.kind != "name":
                self.error("expected a type name")
            name = self.advance().text
            while self.tok.is_op(".") and self.peek().kind == "name":  # import-qualified type
                self.advance()
                name += "." + self.advance().text
        return A.TypeSpec(tok.start, name, [], [])

    def _context_fields(self) -> list:
        fields = []
        while not self.tok.is_op(">"):
            fname = self.param_name()
            self.expect_op(":")
            fields.append((fname, self.type_spec()))
            if self.tok.is_op(","):
                self.advance()
            elif not self.tok.is_op(">"):
                self.error("expected ',' or '>' in the context type")
        self.advance()
        return fields

    def param_name(self) -> str:
        """A parameter or context-type field name; rule 30's additional name symbols (``person's age``,
        ``a-b``) may join its words, as they may in a context key."""
        first = self.i
        while self.tok.kind == "name" or (self.i > first and (
                self.tok.kind == "num" or (self.tok.kind == "op" and self.tok.text in NAME_SYMBOLS
                                           and self.peek().kind in ("name", "num")))):
            self.advance()
        if self.i == first:
            self.error("expected a parameter name")
        return " ".join(self.text[self.tokens[first].start:self.tokens[self.i - 1].end].split())
