"""FEEL parser: a recursive-descent (Pratt-style) parser over the lexer's tokens.

Names may contain spaces and a few symbols (``Monthly Salary``, ``Person's age``, ``date and
time``). The lexer yields single words; the parser joins consecutive tokens into the longest
name known in scope (``Names``), as the FEEL specification describes.
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import FeelSyntaxError
from . import ast as A
from .lexer import Token, tokenize
from .values import DECIMAL

__all__ = ["Names", "parse_expression", "parse_type", "parse_unary_tests", "split_name"]

_COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")
_STOP_WORDS = frozenset({"then", "else", "return", "satisfies", "and", "or", "in", "between", "instance",
                         "of", "if", "for", "some", "every", "function", "external"})


def split_name(name: str) -> tuple[str, ...]:
    """The token texts of a name, as the lexer splits it (``Person's age`` -> Person ' s age)."""
    try:
        return tuple(t.text for t in tokenize(name)[:-1])
    except FeelSyntaxError:
        return (name,)


class Names:
    """The multi-token names a parser may meet: variables, decisions, built-ins, properties..."""

    def __init__(self, names=(), parent: Names | None = None):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.parent = parent
        for n in names:
            self.add(n)

    def add(self, name: str) -> None:
        parts = split_name(name)
        if len(parts) <= 1:
            return  # single-token names need no joining
        bucket = self._by_first.setdefault(parts[0], [])
        if any(p == parts for p, _ in bucket):
            return
        bucket.append((parts, name))
        bucket.sort(key=lambda item: -len(item[0]))

    def candidates(self, first: str):
        names = self
        while names is not None:
            yield from names._by_first.get(first, ())
            names = names.parent

    def child(self, names=()) -> Names:
        return Names(names, self)


class _Parser:
    def __init__(self, text: str, names: Names | None):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.names = names or Names()
        self.uses_question = False
        self.in_range_end = False  # `[1..10[`: the closing `[` is no filter

    # --- token helpers -------------------------------------------------------------------------

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def advance(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def error(self, message: str, tok: Token | None = None):
        tok = tok or self.tok
        raise FeelSyntaxError(message, self.text, tok.start)

    def expect_op(self, op: str) -> Token:
        if not self.tok.is_op(op):
            found = "end of text" if self.tok.kind == "eof" else repr(self.tok.text)
            self.error(f"expected '{op}' but found {found}")
        return self.advance()

    def expect_word(self, word: str) -> Token:
        if not self.tok.is_word(word):
            found = "end of text" if self.tok.kind == "eof" else repr(self.tok.text)
            self.error(f"expected '{word}' but found {found}")
        return self.advance()

    def at_end(self) -> bool:
        return self.tok.kind == "eof"

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

    # --- expressions ---------------------------------------------------------------------------

    def expression(self) -> A.Node:
        tok = self.tok
        if tok.kind == "name" and tok.text in ("if", "for", "some", "every", "function"):
            if tok.text == "if":
                return self.if_expr()
            if tok.text == "for" and not self._known_name_here():
                return self.for_expr()
            if tok.text in ("some", "every") and not self._known_name_here():
                return self.quantified()
            if tok.text == "function" and self.peek().is_op("("):
                return self.function_def()
        return self.disjunction()

    def _known_name_here(self) -> bool:
        save = self.i
        found = self.match_name() is not None
        self.i = save
        return found

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

    def param_name(self) -> str:
        words = []
        while self.tok.kind == "name" or (words and self.tok.kind == "num"):
            words.append(self.advance().text)
        if not words:
            self.error("expected a parameter name")
        return " ".join(words)

    def disjunction(self) -> A.Node:
        left = self.conjunction()
        while self.tok.is_word("or"):
            pos = self.advance().start
            left = A.Or(pos, left, self.conjunction())
        return left

    def conjunction(self) -> A.Node:
        left = self.comparison()
        while self.tok.is_word("and"):
            pos = self.advance().start
            left = A.And(pos, left, self.comparison())
        return left

    def comparison(self) -> A.Node:
        left = self.instance_of()
        while True:
            tok = self.tok
            if tok.kind == "op" and tok.text in _COMPARISONS:
                self.advance()
                left = A.Binary(tok.start, tok.text, left, self.instance_of())
            elif tok.is_word("between"):
                self.advance()
                low = self.instance_of()
                self.expect_word("and")
                high = self.instance_of()
                left = A.Between(tok.start, left, low, high)
            elif tok.is_word("in"):
                self.advance()
                left = A.In(tok.start, left, self.in_tests())
            else:
                return left

    def in_tests(self) -> list:
        if self.tok.is_op("("):
            # `x in (1, 2)` is a list of tests; `x in (1..2)` a range; `x in (e)` an expression
            save = self.i
            self.advance()
            tests = [self.positive_unary_test(allow_open_range_start=True)]
            while self.tok.is_op(","):
                self.advance()
                tests.append(self.positive_unary_test())
            if self.tok.is_op(")") and (len(tests) > 1 or isinstance(tests[0], A.UTCompare)):
                self.advance()
                return tests
            self.i = save
        # `x in [1..10] and y`: the right side of `in` is an operand, like that of `=`
        return [self.positive_unary_test(operand_only=True)]

    def instance_of(self) -> A.Node:
        left = self.additive()
        while self.tok.is_word("instance") and self.peek().is_word("of"):
            pos = self.advance().start
            self.advance()
            left = A.InstanceOf(pos, left, self.type_spec())
        return left

    def type_spec(self) -> A.TypeSpec:
        tok = self.tok
        if tok.kind == "name" and tok.text in ("list", "range", "context", "function") and self.peek().is_op("<"):
            kind = self.advance().text
            self.advance()
            if kind == "context":
                fields = []
                while not self.tok.is_op(">"):
                    fname = self.param_name()
                    self.expect_op(":")
                    fields.append((fname, self.type_spec()))
                    if self.tok.is_op(","):
                        self.advance()
                self.advance()
                return A.TypeSpec(tok.start, "context", [], fields)
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

    def additive(self) -> A.Node:
        left = self.multiplicative()
        while self.tok.kind == "op" and self.tok.text in ("+", "-"):
            tok = self.advance()
            left = A.Binary(tok.start, tok.text, left, self.multiplicative())
        return left

    def multiplicative(self) -> A.Node:
        left = self.exponent()
        while self.tok.kind == "op" and self.tok.text in ("*", "/"):
            tok = self.advance()
            left = A.Binary(tok.start, tok.text, left, self.exponent())
        return left

    def exponent(self) -> A.Node:
        left = self.unary()
        while self.tok.is_op("**"):
            tok = self.advance()
            left = A.Binary(tok.start, "**", left, self.unary())
        return left

    def unary(self) -> A.Node:
        if self.tok.is_op("-"):
            pos = self.advance().start
            operand = self.unary()
            if isinstance(operand, A.Literal) and type(operand.value) is Decimal:
                return A.Literal(pos, -operand.value)
            return A.Negation(pos, operand)
        if self.tok.is_op("+"):
            self.advance()
            return self.unary()
        return self.postfix()

    def postfix(self) -> A.Node:
        node = self.primary()
        while True:
            tok = self.tok
            if tok.is_op("[") and not self.in_range_end:
                self.advance()
                cond = self.expression()
                self.expect_op("]")
                node = A.Filter(tok.start, node, cond)
            elif tok.is_op("."):
                self.advance()
                name = self.match_name()
                if name is None:
                    if self.tok.kind != "name":
                        self.error("expected a name after '.'")
                    words = [self.advance().text]
                    # `{monthly pay: 1}.monthly pay`: a key with spaces the scope does not know
                    while self.tok.kind == "name" and self.tok.text not in _STOP_WORDS:
                        words.append(self.advance().text)
                    name = " ".join(words)
                node = A.Path(tok.start, node, name)
            elif tok.is_op("("):
                node = self.call(node)
            else:
                return node

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
        j = self.i
        words = []
        while self.tokens[j].kind == "name" or (words and self.tokens[j].kind == "num"):
            words.append(self.tokens[j].text)
            j += 1
        if words and self.tokens[j].is_op(":"):
            self.i = j + 1
            return " ".join(words)
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
            self.advance()
            return A.Literal(tok.start, DECIMAL.create_decimal(tok.text))
        if kind == "str":
            self.advance()
            return A.Literal(tok.start, tok.text)
        if kind == "op":
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
                first = self.list_item()
                if self.tok.is_op(".."):
                    return self.range_rest(tok, first, True)
                items = [first]
                while self.tok.is_op(","):
                    self.advance()
                    items.append(self.list_item())
                self.expect_op("]")
                return A.ListLit(tok.start, items)
            if text == "]":
                self.advance()
                first = self.expression()
                return self.range_rest(tok, first, False)
            if text == "{":
                return self.context()
            if text in ("<", "<=", ">", ">="):
                # a simple positive unary test used as an expression: a range with one open end
                self.advance()
                operand = self.additive()
                if text in ("<", "<="):
                    return A.RangeLit(tok.start, None, operand, False, text == "<=")
                return A.RangeLit(tok.start, operand, None, text == ">=", False)
            self.error(f"unexpected '{text}'")
        if kind == "name":
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
            if text in ("if", "for", "some", "every", "function"):
                return self.expression()
            if text in _STOP_WORDS:
                self.error(f"unexpected keyword '{text}'")
            self.advance()
            if text == "?":
                self.uses_question = True
            return A.Name(tok.start, text)
        if kind == "eof":
            self.error("unexpected end of text")
        self.error(f"unexpected {tok.text!r}")

    def list_item(self) -> A.Node:
        # list items may be simple unary tests (`[< 5, > 10]`), which parse as open ranges
        return self.expression()

    def range_rest(self, open_tok: Token, start: A.Node, start_included: bool) -> A.Node:
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
        first = self.i
        while not self.tok.is_op(":"):
            if self.tok.kind == "eof" or self.tok.is_op("}") or self.tok.is_op(","):
                self.error("expected a key followed by ':'", tok)
            self.advance()
        if self.i == first:
            self.error("expected a context key")
        raw = self.text[self.tokens[first].start:self.tokens[self.i - 1].end]
        return " ".join(raw.split())

    # --- unary tests ---------------------------------------------------------------------------

    def unary_tests(self) -> A.UnaryTests:
        tok = self.tok
        if tok.is_op("-") and self.peek().kind == "eof":
            self.advance()
            return A.UnaryTests(tok.start, [A.UTAny(tok.start)])
        if tok.is_word("not") and self.peek().is_op("(") and not self._known_name_here():
            save = self.i
            self.advance()
            self.advance()
            try:
                tests = self.positive_unary_tests()
                self.expect_op(")")
                if self.at_end():
                    return A.UnaryTests(tok.start, [A.UTNot(tok.start, tests)])
            except FeelSyntaxError:
                pass
            self.i = save
        return A.UnaryTests(tok.start, self.positive_unary_tests())

    def positive_unary_tests(self) -> list:
        tests = [self.positive_unary_test()]
        while self.tok.is_op(","):
            self.advance()
            tests.append(self.positive_unary_test())
        return tests

    def positive_unary_test(self, allow_open_range_start: bool = False, operand_only: bool = False) -> A.Node:
        tok = self.tok
        if tok.kind == "op" and tok.text in _COMPARISONS:
            self.advance()
            return A.UTCompare(tok.start, tok.text, self.additive())
        self.uses_question = False
        expr = self.instance_of() if operand_only else self.expression()
        if allow_open_range_start and self.tok.is_op(".."):
            return A.UTExpr(tok.start, self.range_rest(tok, expr, False), False)
        if isinstance(expr, A.Literal) and expr.value is None:
            return A.UTExpr(tok.start, expr, False)
        return A.UTExpr(tok.start, expr, self.uses_question)


def parse_expression(text: str, names: Names | None = None) -> A.Node:
    """Parse a FEEL expression; raise FeelSyntaxError with the position of the fault."""
    p = _Parser(text, names)
    if p.at_end():
        p.error("empty expression")
    node = p.expression()
    if not p.at_end():
        p.error(f"unexpected {p.tok.text!r} after the end of the expression")
    return node


def parse_unary_tests(text: str, names: Names | None = None) -> A.UnaryTests:
    """Parse FEEL unary tests (a decision-table input entry, allowed values...)."""
    p = _Parser(text, names)
    if p.at_end():
        p.error("empty unary test")
    node = p.unary_tests()
    if not p.at_end():
        p.error(f"unexpected {p.tok.text!r} after the end of the unary tests")
    return node


def parse_type(text: str, names: Names | None = None) -> A.TypeSpec:
    """Parse a FEEL type (``number``, ``list<tPerson>``, ``context<a: number>``, ``function<number>->string``)."""
    p = _Parser(text, names)
    spec = p.type_spec()
    if not p.at_end():
        p.error(f"unexpected {p.tok.text!r} after the end of the type")
    return spec
