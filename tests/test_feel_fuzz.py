"""Fuzzing the FEEL lexer and parser: random texts and mutations of the FEEL texts of the DMN TCK models only
ever parse or raise the engine's FeelSyntaxError (with a position inside the text), never anything else.

CI runs a small seeded run (a few seconds). A long run, by hand:

    FEEL_FUZZ_EXAMPLES=100000 .venv/bin/pytest -q -s tests/test_feel_fuzz.py

prints how many texts it tried.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from service.dmn import FeelSyntaxError
from service.dmn.feel import names_for
from service.dmn.feel.lexer import tokenize
from service.dmn.feel.parser import parse_expression, parse_type, parse_unary_tests

ROOT = Path(__file__).parents[1]
TCK_ROOT = ROOT.parent / "shared" / "dmn-tck"
EXAMPLES = int(os.environ.get("FEEL_FUZZ_EXAMPLES", "300"))

#: pieces of FEEL a mutation inserts: every symbol and keyword of the grammar, and some troublemakers
FRAGMENTS = (
    "(", ")", "[", "]", "{", "}", "..", ",", ":", ".", "\"", "'", "\\", "\\u", "\\U", "\\uD83D", "@", "?",
    "-", "+", "*", "/", "**", "=", "!=", "<", "<=", ">", ">=", "->", "not(", "function", "function(", "external",
    "for", "in", "return", "if", "then", "else", "some", "every", "satisfies", "instance of", "between", "and",
    "or", "null", "true", "false", "list<", "context<", "range<", "function<", ">", "1", "0.5", ".5", "1e3",
    "5E-", "e", "x", "date(", "date and time", "@\"2020-01-01\"", "/*", "*/", "//", "\n", " ", "\t", "é", "\u00a0",
    "\ud800", "\U0001F600", "\x00", "item", "partial", "string length(", "?", "a b", "1..", "..2",
)


@cache
def corpus() -> tuple[str, ...]:
    """The FEEL texts of the TCK models and of the bundled decisions (expressions and unary tests)."""
    texts: set[str] = set()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    paths = list((ROOT / "decisions").glob("*.dmn"))
    if TCK_ROOT.is_dir():
        paths += sorted(TCK_ROOT.rglob("*.dmn"))
    for path in paths:
        try:
            root = etree.parse(str(path), parser).getroot()
        except etree.XMLSyntaxError:
            continue
        for el in root.iter("{*}text"):
            if el.text and el.text.strip() and len(el.text) < 2000:
                texts.add(el.text)
    return tuple(sorted(texts)) or ("1 + 2",)


def _mutate(text: str, ops: list) -> str:
    for kind, where, piece, length in ops:
        at = where % (len(text) + 1)
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + length:]
        elif kind == "replace":
            text = text[:at] + piece + text[at + length:]
        elif kind == "repeat":
            text = text[:at] + text[at:at + length] * 3 + text[at + length:]
        else:  # cut
            text = text[:at]
    return text


_OPS = st.lists(st.tuples(st.sampled_from(("insert", "delete", "replace", "repeat", "cut")),
                          st.integers(0, 10_000), st.sampled_from(FRAGMENTS) | st.characters(),
                          st.integers(1, 8)), min_size=1, max_size=6)


@st.composite
def feel_texts(draw) -> str:
    source = draw(st.sampled_from(("random", "fragments", "mutation", "mutation", "mutation", "splice")))
    if source == "random":
        return draw(st.text(max_size=60))
    if source == "fragments":
        return "".join(draw(st.lists(st.sampled_from(FRAGMENTS) | st.characters(), max_size=30)))
    texts = corpus()
    text = draw(st.sampled_from(texts))
    if source == "splice":
        other = draw(st.sampled_from(texts))
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + other[draw(st.integers(0, len(other))):]
    return _mutate(text, draw(_OPS))


NAMES = names_for(["Monthly Salary", "Person's age", "Net-Income", "a b", "x", "item"])
tried = [0]


def _only_syntax_errors(read, text: str) -> None:
    try:
        read(text)
    except FeelSyntaxError as e:
        assert 0 <= e.position <= len(text), (text, e.position)
        str(e)  # the message with its caret renders


@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(feel_texts())
def test_lexer_and_parser_only_raise_feel_syntax_errors(text):
    tried[0] += 1
    _only_syntax_errors(tokenize, text)
    _only_syntax_errors(lambda t: parse_expression(t, NAMES), text)
    _only_syntax_errors(lambda t: parse_unary_tests(t, NAMES), text)
    _only_syntax_errors(lambda t: parse_type(t, NAMES), text)


def test_report_how_many_texts_were_tried():
    if tried[0]:
        print(f"\nFEEL fuzz: {tried[0]} texts, each lexed and parsed as an expression, unary tests and a type")
    assert tried[0] == 0 or tried[0] >= min(EXAMPLES, 100)


def test_the_corpus_holds_the_tck_texts():
    if TCK_ROOT.is_dir():
        assert len(corpus()) > 1000


def random_texts(count: int, seed: int):
    """``count`` texts made as the hypothesis strategy makes them, from a seeded ``random.Random``: the long
    run (``python -m tests.test_feel_fuzz 100000``) without hypothesis's own cost per example."""
    import random

    rng = random.Random(seed)
    texts = corpus()

    def piece():
        return rng.choice(FRAGMENTS) if rng.random() < 0.7 else chr(rng.randrange(0x20, 0x3000))
    for _ in range(count):
        source = rng.choice(("random", "fragments", "mutation", "mutation", "mutation", "splice"))
        if source == "random":
            yield "".join(chr(rng.randrange(0, 0x2FFF)) for _ in range(rng.randrange(60)))
            continue
        if source == "fragments":
            yield "".join(piece() for _ in range(rng.randrange(30)))
            continue
        text = rng.choice(texts)
        if source == "splice":
            other = rng.choice(texts)
            text = text[:rng.randrange(len(text) + 1)] + other[rng.randrange(len(other) + 1):]
        ops = [(rng.choice(("insert", "delete", "replace", "repeat", "cut")), rng.randrange(10_000), piece(),
                rng.randrange(1, 9)) for _ in range(rng.randrange(1, 7))]
        yield _mutate(text, ops)


def main(argv=None) -> int:
    import sys
    import time

    args = sys.argv[1:] if argv is None else argv
    count, seed = int(args[0]) if args else 100_000, int(args[1]) if len(args) > 1 else 1
    started, errors = time.monotonic(), 0
    for text in random_texts(count, seed):
        try:
            test_lexer_and_parser_only_raise_feel_syntax_errors.hypothesis.inner_test(text)
        except Exception as e:  # noqa: BLE001 - anything but a FeelSyntaxError is what the run looks for
            errors += 1
            print(f"{type(e).__name__}: {e!r} on {text!r}")
    took = time.monotonic() - started
    print(f"FEEL fuzz: {count} texts ({tried[0]} checked, seed {seed}) in {took:.0f} s, {errors} failures")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
