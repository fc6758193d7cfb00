"""FEEL unary tests (DMN 1.5 grammar rules 7-17): ``-``, ``not(...)``, comma-separated positive unary
tests, each a comparison with an implicit input (``< 10``), an interval or an expression (with ``?``),
and the right side of ``in``."""

from __future__ import annotations

from ..errors import FeelSyntaxError
from . import ast as A
from .syntax import TokenCursor

__all__ = ["COMPARISONS", "UnaryTestParser"]

COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")
#: grammar levels of the binary operators (parser.py): ``instance of`` binds tighter than comparisons
INSTANCE_LEVEL = 4
ADDITIVE_LEVEL = 5


class UnaryTestParser(TokenCursor):
    # supplied by the expression parser
    def expression(self) -> A.Node: ...
    def operators(self, min_level: int = 1, left: A.Node | None = None) -> A.Node: ...
    def range_rest(self, open_tok, start, start_included: bool) -> A.Node: ...
    def postfix_rest(self, node: A.Node) -> A.Node: ...

    def unary_tests(self) -> A.UnaryTests:
        tok = self.tok
        if tok.is_op("-") and self.peek().kind == "eof":
            self.advance()
            return A.UnaryTests(tok.start, [A.UTAny(tok.start)])
        if tok.is_word("not") and self.peek().is_op("(") and not self.known_name_here():
            save, nesting = self.i, self.nesting
            self.advance()
            self.advance()
            try:
                tests = self.positive_unary_tests()
                self.expect_op(")")
                if self.at_end():
                    return A.UnaryTests(tok.start, [A.UTNot(tok.start, tests)])
            except FeelSyntaxError as e:
                if "nested more than" in e.message:
                    raise
            self.i, self.nesting = save, nesting
        return A.UnaryTests(tok.start, self.positive_unary_tests())

    def positive_unary_tests(self) -> list:
        tests = [self.positive_unary_test()]
        while self.tok.is_op(","):
            self.advance()
            tests.append(self.positive_unary_test())
        return tests

    def positive_unary_test(self, operand_only: bool = False) -> A.Node:
        tok = self.tok
        if tok.kind == "op" and tok.text in COMPARISONS:
            self.advance()
            return A.UTCompare(tok.start, tok.text, self.operators(ADDITIVE_LEVEL))
        self.uses_question = False
        expr = self.operators(INSTANCE_LEVEL) if operand_only else self.expression()
        return self._test_of(tok, expr)

    def _test_of(self, tok, expr: A.Node) -> A.Node:
        if isinstance(expr, A.Literal) and expr.value is None:
            return A.UTExpr(tok.start, expr, False)
        return A.UTExpr(tok.start, expr, self.uses_question)

    def in_tests(self) -> list:
        """The right side of ``in``: ``x in (1, 2)`` a list of tests; ``x in (< 2)`` a test; ``x in (1..2)`` a
        range; else an operand, like that of ``=`` (``x in [1..10] and y``). Read once, never backtracking."""
        tok = self.tok
        if not tok.is_op("("):
            return [self.positive_unary_test(operand_only=True)]
        self.advance()
        first_tok = self.tok
        if first_tok.kind == "op" and first_tok.text in COMPARISONS:
            first = self.positive_unary_test()
        else:
            self.uses_question = False
            expr = self.expression()
            if self.tok.is_op(".."):
                node = self.range_rest(tok, expr, False)  # `(1..2)`, `(1..2]`: it reads the closing bracket
                first = None
            else:
                first = self._test_of(first_tok, expr)
        if first is not None:
            tests = [first]
            while self.tok.is_op(","):
                self.advance()
                tests.append(self.positive_unary_test())
            self.expect_op(")")
            if len(tests) > 1 or isinstance(first, A.UTCompare):
                return tests
            node = first.expr  # `(e)`: a parenthesised operand
        question = self.uses_question
        node = self.operators(INSTANCE_LEVEL, self.postfix_rest(node))
        return [A.UTExpr(tok.start, node, question or self.uses_question)]
