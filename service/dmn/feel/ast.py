"""FEEL syntax tree. Every node keeps ``pos``, its offset in the FEEL text, for error carets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Node:
    pos: int


@dataclass(slots=True)
class Literal(Node):
    value: object  # Decimal, str, bool, None


@dataclass(slots=True)
class AtLiteral(Node):
    text: str  # @"..." : a date, time, date and time or duration


@dataclass(slots=True)
class Name(Node):
    name: str


@dataclass(slots=True)
class Negation(Node):
    operand: Node


@dataclass(slots=True)
class Binary(Node):
    op: str  # + - * / ** = != < <= > >=
    left: Node
    right: Node


@dataclass(slots=True)
class And(Node):
    left: Node
    right: Node


@dataclass(slots=True)
class Or(Node):
    left: Node
    right: Node


@dataclass(slots=True)
class Between(Node):
    value: Node
    low: Node
    high: Node


@dataclass(slots=True)
class In(Node):
    value: Node
    tests: list  # of UnaryTest nodes


@dataclass(slots=True)
class TypeSpec(Node):
    """A type as written after ``instance of`` or in a function signature."""

    name: str  # "number", "list", "context", "function", "range", or an item definition name
    args: list  # list<T>: [T]; range<T>: [T]; function<A, B> -> R: [A, B, R]
    fields: list  # context<a: T>: [(name, TypeSpec)]


@dataclass(slots=True)
class InstanceOf(Node):
    value: Node
    type: TypeSpec


@dataclass(slots=True)
class If(Node):
    cond: Node
    then: Node
    else_: Node


@dataclass(slots=True)
class Iteration:
    name: str
    domain: Node
    domain_end: Node | None  # for i in a..b


@dataclass(slots=True)
class For(Node):
    iterations: list[Iteration]
    body: Node


@dataclass(slots=True)
class Quantified(Node):
    kind: str  # some | every
    iterations: list[Iteration]
    cond: Node


@dataclass(slots=True)
class FunctionDef(Node):
    params: list  # [(name, TypeSpec | None)]
    body: Node
    external: bool


@dataclass(slots=True)
class Call(Node):
    callee: Node
    args: list  # positional: [Node]; named: [(name, Node)]
    named: bool


@dataclass(slots=True)
class Filter(Node):
    target: Node
    cond: Node


@dataclass(slots=True)
class Path(Node):
    target: Node
    name: str


@dataclass(slots=True)
class Descendant(Node):
    """``target...name``: every non-null value of the key ``name`` at any depth of ``target``."""
    target: Node
    name: str


@dataclass(slots=True)
class ListLit(Node):
    items: list


@dataclass(slots=True)
class ContextLit(Node):
    entries: list  # [(key, Node)]


@dataclass(slots=True)
class RangeLit(Node):
    start: Node | None
    end: Node | None
    start_included: bool
    end_included: bool
    #: written ``(!= e)``: as a value the range (e..e) (DMN TCK 0074), as a unary test ``? != e``
    not_equal: bool = False


# --- unary tests -------------------------------------------------------------------------------


@dataclass(slots=True)
class UTAny(Node):
    """``-``: matches anything."""


@dataclass(slots=True)
class UTCompare(Node):
    op: str  # < <= > >= = !=
    operand: Node


@dataclass(slots=True)
class UTExpr(Node):
    """An expression used as a test: with ``?`` a boolean; else equality, list or range membership."""

    expr: Node
    uses_question: bool


@dataclass(slots=True)
class UTNot(Node):
    tests: list


@dataclass(slots=True)
class UnaryTests(Node):
    tests: list  # disjunction of tests
