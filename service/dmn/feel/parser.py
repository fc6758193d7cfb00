"""FEEL parser: recursive descent over the lexer's tokens, with precedence climbing for the binary operators.

Names may contain spaces and a few symbols (``Monthly Salary``, ``Person's age``, ``date and
time``). The lexer yields single words; the parser joins consecutive tokens into the longest
name known in scope (``Names``), as the FEEL specification describes. Types are read by
``parse_types``, unary tests by ``parse_tests``; ``syntax`` bounds how deep a text may nest.
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import FeelSyntaxError
from . import ast as A
from .lexer import Token
from .names import Names, split_name
from .parse_tests import COMPARISONS, UnaryTestParser
from .parse_types import NAME_SYMBOLS, TypeParser
from .syntax import check_depth
from .values import DECIMAL

__all__ = ["Names", "parse_expression", "parse_type", "parse_unary_tests", "split_name"]

_STOP_WORDS = frozenset({"then", "else", "return", "satisfies", "and", "or", "in", "between", "instance",
                         "of", "if", "for", "some", "every", "function", "external"})
#: the level of each binary operator, lowest first (DMN 1.5 §10.3.1.2 and its precedence table)
_OP_LEVELS = {"=": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "+": 5, "-": 5, "*": 6, "/": 6, "**": 7}
_WORD_LEVELS = {"or": 1, "and": 2, "between": 3, "in": 3, "instance": 4}
_KEYWORD_FORMS = ("if", "for", "some", "every", "function")


class _Parser(UnaryTestParser, TypeParser):
    # --- expressions ---------------------------------------------------------------------------

    def expression(self) -> A.Node:
        self.enter()
        try:
            return self.operators()
        finally:
            self.leave()

    def keyword_form(self, tok: Token) -> A.Node | None:
        """``if``, ``for``, ``some``/``every`` and ``function`` (unless a name in scope starts so)."""
        text = tok.text
        if text == "if":
            return self.if_expr()
        if text == "function":
            if not self.peek().is_op("("):
                self.error("expected '(' after 'function'", self.peek())
            return self.function_def()
        if self.known_name_here():
            return None
        if text == "for":
            return self.for_expr()
        return self.quantified()

    def if_expr(self) -> A.Node:
        start = self.advance().start
        cond = self.expression()
        self.expect_word("then")
        then = self.expression()
        self.expect_word("else")
        else_ = self.expression()
        return A.If(start, cond, then, else_)

    def iterations(self) -> list[A.Iteration]:
        its = []
        while True:
            name = self.binder_name()
            self.expect_word("in")
            domain = self.expression()
            end = None
            if self.tok.is_op(".."):
                self.advance()
                end = self.expression()
            its.append(A.Iteration(name, domain, end))
            if self.tok.is_op(","):
                self.advance()
                continue
            return its

    def binder_name(self) -> str:
        """A name being introduced (iteration variable, parameter): words up to a keyword or symbol."""
        words = []
        while self.tok.kind == "name" and (not words or self.tok.text not in _STOP_WORDS):
            if words and self.tok.text == "in":
                break
            words.append(self.advance().text)
        if not words:
            self.error("expected a name")
        return " ".join(words)

    def for_expr(self) -> A.Node:
        start = self.advance().start
        its = self.iterations()
        self.expect_word("return")
        body = self.expression()
        return A.For(start, its, body)

    def quantified(self) -> A.Node:
        tok = self.advance()
        its = self.iterations()
        self.expect_word("satisfies")
        cond = self.expression()
        return A.Quantified(tok.start, tok.text, its, cond)

    def function_def(self) -> A.Node:
        start = self.advance().start
        self.expect_op("(")
        params = []
        while not self.tok.is_op(")"):
            name = self.param_name()
            type_ = None
            if self.tok.is_op(":"):
                self.advance()
                type_ = self.type_spec()
            params.append((name, type_))
            if self.tok.is_op(","):
                self.advance()
            elif not self.tok.is_op(")"):
                self.error("expected ',' or ')' in the parameter list")
        self.advance()
        external = False
        if self.tok.is_word("external"):
            self.advance()
            external = True
        inner = self.names.child(p for p, _ in params)
        saved, self.names = self.names, inner
        try:
            body = self.expression()
        finally:
            self.names = saved
        return A.FunctionDef(start, params, body, external)

    def operators(self, min_level: int = 1, left: A.Node | None = None) -> A.Node:
        """The binary operators of level ``min_level`` and above, by precedence climbing: or (1), and (2),
        comparisons, ``between`` and ``in`` (3), ``instance of`` (4), + - (5), * / (6), ** (7)."""
        if left is None:
            left = self.unary()
        while True:
            tok = self.tok
            if tok.kind == "op":
                level = _OP_LEVELS.get(tok.text)
            elif tok.kind == "name":
                level = _WORD_LEVELS.get(tok.text)
                if level == 4 and not self.peek().is_word("of"):
                    level = None
            else:
                level = None
            if level is None or level < min_level:
                return left
            self.advance()
            text = tok.text
            if level == 7:
                left = A.Binary(tok.start, "**", left, self.unary())
            elif level in (5, 6):
                left = A.Binary(tok.start, text, left, self.operators(level + 1))
            elif text == "or":
                left = A.Or(tok.start, left, self.operators(2))
            elif text == "and":
                left = A.And(tok.start, left, self.operators(3))
            elif text == "instance":
                self.advance()
                left = A.InstanceOf(tok.start, left, self.type_spec())
            elif text == "between":
                low = self.operators(4)
                self.expect_word("and")
                left = A.Between(tok.start, left, low, self.operators(4))
            elif text == "in":
                left = A.In(tok.start, left, self.in_tests())
            else:
                left = A.Binary(tok.start, text, left, self.operators(4))

    def unary(self) -> A.Node:
        """Arithmetic negation (rule 26), read without recursion: ``- - - x``."""
        signs = []
        while self.tok.kind == "op" and self.tok.text in ("-", "+"):
            signs.append(self.advance())
        node = self.postfix_rest(self.primary())
        for sign in reversed(signs):
            if sign.text == "+":
                continue
            if isinstance(node, A.Literal) and type(node.value) is Decimal:
                node = A.Literal(sign.start, node.value.copy_negate())  # exact: no context rounding
            else:
                node = A.Negation(sign.start, node)
        return node

    def postfix_rest(self, node: A.Node) -> A.Node:
        """Filters, paths and invocations after ``node`` (rules 40, 45, 52)."""
        while True:
            tok = self.tok
            if tok.is_op("[") and not self.in_range_end:
                self.advance()
                cond = self.expression()
                self.expect_op("]")
                node = A.Filter(tok.start, node, cond)
            elif tok.is_op("."):
                self.advance()
                node = A.Path(tok.start, node, self.path_name())
            elif tok.is_op("..."):
                self.advance()
                node = A.Descendant(tok.start, node, self.path_name())
            elif tok.is_op("("):
                node = self.call(node)
            else:
                return node

    def path_name(self) -> str:
        name = self.match_name()
        if name is None:
            if self.tok.kind != "name":
                self.error("expected a name after '.'")
            words = [self.advance().text]
            # `{monthly pay: 1}.monthly pay`: a key with spaces the scope does not know
            while self.tok.kind == "name" and self.tok.text not in _STOP_WORDS:
                words.append(self.advance().text)
            name = " ".join(words)
        return name

    def call(self, callee: A.Node) -> A.Node:
        saved, self.in_range_end = self.in_range_end, False
        try:
            return self._call(callee)
        finally:
            self.in_range_end = saved

    def _call(self, callee: A.Node) -> A.Node:
        start = self.expect_op("(").start
        args = []
        named = None
        while not self.tok.is_op(")"):
            key = self._named_arg_key()
            if key is not None:
                if named is False:
                    self.error("positional and named arguments cannot be mixed")
                named = True
                args.append((key, self.expression()))
            else:
                if named is True:
                    self.error("positional and named arguments cannot be mixed")
                named = False
                args.append(self.expression())
            if self.tok.is_op(","):
                self.advance()
            elif not self.tok.is_op(")"):
                self.error("expected ',' or ')' in the argument list")
        self.advance()
        return A.Call(start, callee, args, bool(named))

    def _named_arg_key(self) -> str | None:
        first = j = self.i
        tokens = self.tokens
        while tokens[j].kind == "name" or (j > first and (tokens[j].kind == "num" or (
                tokens[j].kind == "op" and tokens[j].text in NAME_SYMBOLS and tokens[j + 1].kind in ("name", "num")))):
            j += 1
        if j > first and tokens[j].is_op(":"):
            self.i = j + 1
            return " ".join(self.text[tokens[first].start:tokens[j - 1].end].split())
        return None

    def primary(self) -> A.Node:
        if self.in_range_end and self.tok.kind == "op" and self.tok.text in ("(", "[", "{"):
            saved, self.in_range_end = self.in_range_end, False
            try:
                return self._primary()
            finally:
                self.in_range_end = saved
        return self._primary()

    def _primary(self) -> A.Node:
        tok = self.tok
        kind = tok.kind
        if kind == "num":
            value = DECIMAL.create_decimal(tok.text)
            if not value.is_finite():
                self.error("number too large for FEEL (decimal128: up to 34 digits, exponent up to 6144)")
            self.advance()
            return A.Literal(tok.start, value)
        if kind == "str":
            self.advance()
            return A.Literal(tok.start, tok.text)
        if kind == "op":
            return self._bracketed(tok)
        if kind == "name":
            if tok.text in _KEYWORD_FORMS:
                node = self.keyword_form(tok)
                if node is not None:
                    return node
            name = self.match_name()
            if name is not None:
                return A.Name(tok.start, name)
            text = tok.text
            if text == "true" or text == "false":
                self.advance()
                return A.Literal(tok.start, text == "true")
            if text == "null":
                self.advance()
                return A.Literal(tok.start, None)
            if text in _STOP_WORDS:
                self.error(f"unexpected keyword '{text}'")
            self.advance()
            if text == "?":
                self.uses_question = True
            return A.Name(tok.start, text)
        self.error("unexpected end of text")

    def _bracketed(self, tok: Token) -> A.Node:
        """What starts with a symbol: ``@"..."``, ``(e)``, intervals, lists, contexts and the comparisons
        that are ranges (``< 10``, ``= 10``: a simple positive unary test as an expression, rule 2)."""
        text = tok.text
        if text == "@":
            self.advance()
            if self.tok.kind != "str":
                self.error("expected a string after '@'")
            return A.AtLiteral(tok.start, self.advance().text)
        if text == "(":
            self.advance()
            first = self.expression()
            if self.tok.is_op(".."):
                return self.range_rest(tok, first, False)
            self.expect_op(")")
            return first
        if text == "[":
            self.advance()
            if self.tok.is_op("]"):
                self.advance()
                return A.ListLit(tok.start, [])
            first = self.expression()
            if self.tok.is_op(".."):
                return self.range_rest(tok, first, True)
            items = [first]
            while self.tok.is_op(","):
                self.advance()
                items.append(self.expression())
            self.expect_op("]")
            return A.ListLit(tok.start, items)
        if text == "]":
            self.advance()
            return self.range_rest(tok, self.expression(), False)
        if text == "{":
            return self.context()
        if text in COMPARISONS:
            self.advance()
            self.enter()
            try:
                operand = self.operators(5)  # an endpoint: `< 10 + x` is `< (10 + x)`
            finally:
                self.leave()
            if text == "=":
                return A.RangeLit(tok.start, operand, operand, True, True)
            if text == "!=":
                return A.RangeLit(tok.start, operand, operand, False, False, True)
            if text in ("<", "<="):
                return A.RangeLit(tok.start, None, operand, False, text == "<=")
            return A.RangeLit(tok.start, operand, None, text == ">=", False)
        self.error("unexpected end of text" if tok.kind == "eof" else f"unexpected '{text}'")

    def range_rest(self, open_tok: Token, start: A.Node, start_included: bool) -> A.Node:
        """An interval's ``..``, end and closing bracket (rules 8-12)."""
        self.expect_op("..")
        saved, self.in_range_end = self.in_range_end, True
        try:
            end = self.expression()
        finally:
            self.in_range_end = saved
        close = self.tok
        if close.is_op("]"):
            end_included = True
        elif close.is_op(")") or close.is_op("["):
            end_included = False
        else:
            self.error("expected ']', ')' or '[' to close the range")
        self.advance()
        return A.RangeLit(open_tok.start, start, end, start_included, end_included)

    def context(self) -> A.Node:
        """``{key: expression, ...}`` (rules 59-61); each key is a name in scope of the entries after it."""
        start = self.expect_op("{").start
        entries = []
        inner = self.names.child()
        saved, self.names = self.names, inner
        try:
            while not self.tok.is_op("}"):
                key = self.context_key()
                self.expect_op(":")
                inner.add(key)
                entries.append((key, self.expression()))
                if self.tok.is_op(","):
                    self.advance()
                elif not self.tok.is_op("}"):
                    self.error("expected ',' or '}' in the context")
            self.advance()
        finally:
            self.names = saved
        return A.ContextLit(start, entries)

    def context_key(self) -> str:
        tok = self.tok
        if tok.kind == "str":
            self.advance()
            return tok.text
        if tok.kind != "name":  # rule 61: key = name | string literal (a name starts with no digit, rule 28)
            self.error("expected a context key: a name or a string")
        first = self.i
        while not self.tok.is_op(":"):
            if self.tok.kind == "eof" or self.tok.is_op("}") or self.tok.is_op(","):
                self.error("expected a key followed by ':'", tok)
            self.advance()
        if self.i == first:
            self.error("expected a context key")
        raw = self.text[self.tokens[first].start:self.tokens[self.i - 1].end]
        return " ".join(raw.split())


def _parse(text: str, names: Names | None, what: str, read):
    try:
        p = _Parser(text, names)
        if p.at_end():
            p.error(f"empty {what}")
        node = read(p)
        if not p.at_end():
            p.error(f"unexpected {p.tok.text!r} after the end of the {what}")
    except RecursionError:  # a backstop: the nesting bounds keep well below Python's limit
        raise FeelSyntaxError("FEEL text nested too deeply", text, 0) from None
    check_depth(node, text)
    return node


def parse_expression(text: str, names: Names | None = None) -> A.Node:
    """Parse a FEEL expression; raise FeelSyntaxError with the position of the fault."""
    return _parse(text, names, "expression", _Parser.expression)


def parse_unary_tests(text: str, names: Names | None = None) -> A.UnaryTests:
    """Parse FEEL unary tests (a decision-table input entry, allowed values...)."""
    return _parse(text, names, "unary test", _Parser.unary_tests)


def parse_type(text: str, names: Names | None = None) -> A.TypeSpec:
    """Parse a FEEL type (``number``, ``list<tPerson>``, ``context<a: number>``, ``function<number>->string``)."""
    return _parse(text, names, "type", _Parser.type_spec)
