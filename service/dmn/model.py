"""The DMN model as plain dataclasses: what the reader produces and the compiler consumes.

Every element keeps its ``id`` and source ``line`` so that errors can say where they are.
FEEL texts are kept as text here; ``compiler`` turns them into closures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "BusinessKnowledgeModel",
    "Conditional",
    "ContextEntry",
    "ContextExpr",
    "Decision",
    "DecisionService",
    "DecisionTable",
    "Definitions",
    "Expression",
    "Filter",
    "FunctionDefinition",
    "Import",
    "InputClause",
    "InputData",
    "Invocation",
    "ItemDefinition",
    "Iterator",
    "ListExpr",
    "LiteralExpression",
    "OutputClause",
    "Quantified",
    "Relation",
    "Rule",
]


@dataclass
class Element:
    id: str | None
    line: int | None


# --- types -------------------------------------------------------------------------------------


@dataclass
class ItemDefinition(Element):
    """An item definition: a named base type (``type_ref``), a structure (``components``),
    a collection, with optional allowed values / type constraint (FEEL unary tests as text)."""

    name: str
    type_ref: str | None = None
    is_collection: bool = False
    allowed_values: str | None = None
    type_constraint: str | None = None
    components: list[ItemDefinition] = field(default_factory=list)
    function_params: list[tuple[str, str | None]] | None = None  # a functionItem's parameters
    function_output: str | None = None


# --- expressions -------------------------------------------------------------------------------


@dataclass
class Expression(Element):
    type_ref: str | None


@dataclass
class LiteralExpression(Expression):
    text: str
    language: str | None = None


@dataclass
class InputClause(Element):
    label: str | None
    text: str  # the input expression
    type_ref: str | None
    input_values: str | None


@dataclass
class OutputClause(Element):
    name: str | None
    label: str | None
    type_ref: str | None
    output_values: str | None
    default: str | None


@dataclass
class Rule(Element):
    input_entries: list[str]
    output_entries: list[str]
    annotations: list[str]
    # lines of each entry, parallel to the lists above (for error places)
    input_lines: list[int | None] = field(default_factory=list)
    output_lines: list[int | None] = field(default_factory=list)


@dataclass
class DecisionTable(Expression):
    hit_policy: str  # UNIQUE, ANY, PRIORITY, FIRST, RULE ORDER, OUTPUT ORDER, COLLECT
    aggregation: str | None  # SUM, COUNT, MIN, MAX (COLLECT only)
    inputs: list[InputClause]
    outputs: list[OutputClause]
    annotation_names: list[str]
    rules: list[Rule]
    output_label: str | None = None


@dataclass
class ContextEntry(Element):
    name: str | None  # None: the final result entry
    type_ref: str | None
    expression: Expression | None


@dataclass
class ContextExpr(Expression):
    entries: list[ContextEntry]


@dataclass
class Relation(Expression):
    columns: list[tuple[str, str | None]]  # (name, typeRef)
    rows: list[list[Expression | None]]


@dataclass
class ListExpr(Expression):
    items: list[Expression | None]


@dataclass
class Invocation(Expression):
    callee: Expression | None  # usually a literal expression naming a BKM
    bindings: list[tuple[str, Expression | None]]


@dataclass
class FunctionDefinition(Expression):
    params: list[tuple[str, str | None]]  # (name, typeRef)
    body: Expression | None
    kind: str = "FEEL"  # FEEL | Java | PMML


@dataclass
class Conditional(Expression):
    if_: Expression | None
    then: Expression | None
    else_: Expression | None


@dataclass
class Filter(Expression):
    in_: Expression | None
    match: Expression | None


@dataclass
class Iterator(Expression):
    """Boxed ``for``: ``for <variable> in <in_> return <body>``."""

    variable: str
    in_: Expression | None
    body: Expression | None


@dataclass
class Quantified(Expression):
    """Boxed ``some``/``every``: ``<kind> <variable> in <in_> satisfies <body>``."""

    kind: str  # "some" | "every"
    variable: str
    in_: Expression | None
    body: Expression | None


# --- DRG elements ------------------------------------------------------------------------------


@dataclass
class Requirement:
    """A reference to another element: local ``#id`` or ``namespace#id`` for imports."""

    kind: str  # "decision" | "input" | "knowledge"
    href: str
    line: int | None = None


@dataclass
class InputData(Element):
    name: str
    type_ref: str | None


@dataclass
class Decision(Element):
    name: str
    type_ref: str | None
    requirements: list[Requirement]
    expression: Expression | None
    description: str | None = None


@dataclass
class BusinessKnowledgeModel(Element):
    name: str
    type_ref: str | None
    requirements: list[Requirement]
    logic: FunctionDefinition | None


@dataclass
class DecisionService(Element):
    name: str
    type_ref: str | None
    output_decisions: list[str]  # hrefs
    encapsulated_decisions: list[str]
    input_decisions: list[str]
    input_data: list[str]


@dataclass
class Import(Element):
    name: str
    namespace: str
    location: str | None
    import_type: str | None


@dataclass
class Definitions(Element):
    name: str
    namespace: str
    dmn_version: str
    file: str | None
    item_definitions: list[ItemDefinition] = field(default_factory=list)
    input_data: list[InputData] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    bkms: list[BusinessKnowledgeModel] = field(default_factory=list)
    decision_services: list[DecisionService] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    # what the reader found wrong (read with strict=False): every problem, and the first one per decision, BKM
    # or decision service (by id) that holds it
    problems: list = field(default_factory=list, repr=False, compare=False)
    faulty: dict = field(default_factory=dict, repr=False, compare=False)
