"""Safe reading of DMN 1.1 to 1.5 XML into the dataclasses of ``model``.

The XML parser is hardened: no entity substitution, no DTD loading, no network, no huge trees, a size
limit checked before parsing, any DOCTYPE refused before parsing and every external resource refused
(``xmlsafety``). Elements of other namespaces (DMNDI, Camunda, KIE, Trisotech extensions) and DMN elements the
engine does not use (text annotations, knowledge sources, ...) are skipped. Structural faults are
collected and raised together as one ``LoadError``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from lxml import etree

from . import model
from .errors import LoadError, Problem
from .xmlsafety import locked, refuse_doctype

__all__ = [
    "DMN_NAMESPACES",
    "FEEL_NAMESPACES",
    "MAX_BYTES",
    "parse_xml",
    "read_definitions",
    "read_file",
]

MAX_BYTES = 20 * 1024 * 1024

DMN_NAMESPACES = {
    "http://www.omg.org/spec/DMN/20151101/dmn.xsd": "1.1",
    "http://www.omg.org/spec/DMN/20180521/MODEL/": "1.2",
    "https://www.omg.org/spec/DMN/20191111/MODEL/": "1.3",
    "https://www.omg.org/spec/DMN/20211108/MODEL/": "1.4",
    "https://www.omg.org/spec/DMN/20230324/MODEL/": "1.5",
}

FEEL_NAMESPACES = frozenset({
    "http://www.omg.org/spec/FEEL/20140401",
    "http://www.omg.org/spec/DMN/20180521/FEEL/",
    "https://www.omg.org/spec/DMN/20191111/FEEL/",
    "https://www.omg.org/spec/DMN/20211108/FEEL/",
    "https://www.omg.org/spec/DMN/20230324/FEEL/",
})

HIT_POLICIES = ("UNIQUE", "FIRST", "PRIORITY", "ANY", "COLLECT", "RULE ORDER", "OUTPUT ORDER")
AGGREGATIONS = ("SUM", "COUNT", "MIN", "MAX")
FUNCTION_KINDS = ("FEEL", "Java", "PMML")

EXPRESSION_TAGS = frozenset({
    "literalExpression", "decisionTable", "context", "relation", "list", "invocation",
    "functionDefinition", "conditional", "filter", "for", "some", "every",
})

_LXML_POSITION = re.compile(r",? line \d+, column \d+\s*$")


def _refuse(message: str, file: str | None, line: int | None = None) -> LoadError:
    return LoadError([Problem(message, file=file, line=line)])


def _new_parser() -> etree.XMLParser:
    # A new parser per document: lxml parsers must not be shared between threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def parse_xml(data: bytes, file: str | None = None) -> etree._Element:
    """Parse ``data`` safely and return the root ``definitions`` element of a DMN 1.1-1.5 model."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise _refuse(f"the file has {len(data)} bytes, more than the limit of {MAX_BYTES}; not parsed", file)
    refuse_doctype(data, file)
    try:
        root = etree.fromstring(data, locked(_new_parser(), file))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, None)
        message = _LXML_POSITION.sub("", exc.msg or str(exc))
        if column:
            message += f" (column {column})"
        raise _refuse(f"not well-formed XML: {message}", file, line) from None
    info = root.getroottree().docinfo
    dtd = info.internalDTD
    if dtd is not None and list(dtd.iterentities()):
        names = ", ".join(entity.name for entity in dtd.iterentities())
        raise _refuse(f"the document declares XML entities ({names}); entity declarations are refused", file)
    if info.system_url or info.public_id:
        raise _refuse("the document refers to an external DTD; DMN models must not have one", file)
    namespace = etree.QName(root).namespace
    local = etree.QName(root).localname
    if local != "definitions" or namespace not in DMN_NAMESPACES:
        known = ", ".join(DMN_NAMESPACES)
        raise _refuse(
            f"not a DMN model: the root element is <{local}> in namespace {namespace or '(none)'}; "
            f"expected <definitions> in one of the DMN 1.1-1.5 namespaces ({known})",
            file,
            root.sourceline,
        )
    return root


def read_definitions(data: bytes, file: str | None = None) -> model.Definitions:
    """Read a DMN model from ``data``; ``file`` names it in error messages."""
    return _Reader(parse_xml(data, file), file).definitions()


def read_file(path: str | os.PathLike[str]) -> model.Definitions:
    """Read the DMN model in the file at ``path``."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > MAX_BYTES:
            raise _refuse(f"the file has {size} bytes, more than the limit of {MAX_BYTES}; not read", name)
        with open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _refuse(f"cannot read the file: {exc.strerror or exc}", name) from None
    return read_definitions(data, name)


class _Reader:
    """Walks one parsed document and builds the model, collecting problems on the way."""

    def __init__(self, root: etree._Element, file: str | None):
        self.root = root
        self.file = file
        self.ns = etree.QName(root).namespace
        self.version = DMN_NAMESPACES[self.ns]
        self.model_ns = (root.get("namespace") or "").strip()
        self.problems: list[Problem] = []

    # --- helpers -------------------------------------------------------------------------------

    def problem(self, message: str, el: etree._Element, element_id: str | None = None) -> None:
        self.problems.append(Problem(message, file=self.file, line=el.sourceline,
                                     element_id=element_id or _nearest_id(el)))

    def local(self, el: etree._Element) -> str | None:
        """The local name of a DMN element, None for other namespaces."""
        if not isinstance(el.tag, str):
            return None
        qname = etree.QName(el)
        return qname.localname if qname.namespace == self.ns else None

    def children(self, el: etree._Element, *names: str) -> Iterator[etree._Element]:
        for child in el:
            if self.local(child) in names:
                yield child

    def child(self, el: etree._Element, name: str) -> etree._Element | None:
        return next(self.children(el, name), None)

    def child_text(self, el: etree._Element, name: str) -> str | None:
        """The text of ``<name><text>...</text></name>`` under ``el`` (or of ``<name>`` when
        ``name`` is ``text``)."""
        holder = self.child(el, name)
        if holder is None:
            return None
        if name != "text":
            holder = self.child(holder, "text")
            if holder is None:
                return None
        return _string(holder)

    def type_ref(self, el: etree._Element, value: str | None) -> str | None:
        """A typeRef with a prefix bound to FEEL or to the model's own namespace stripped."""
        if value is None:
            return None
        value = value.strip()
        if not value:
            return None
        prefix, colon, name = value.partition(":")
        if colon and name:
            uri = el.nsmap.get(prefix)
            if uri is not None and (uri in FEEL_NAMESPACES or uri == self.model_ns):
                return name.strip()
        return value

    def variable_type(self, el: etree._Element) -> str | None:
        variable = self.child(el, "variable")
        return None if variable is None else self.type_ref(variable, variable.get("typeRef"))

    def name(self, el: etree._Element, what: str) -> str:
        name = (el.get("name") or "").strip()
        if not name:
            self.problem(f"{what} without a name", el)
        return name

    # --- definitions ---------------------------------------------------------------------------

    def definitions(self) -> model.Definitions:
        root = self.root
        self.check_ids()
        defs = model.Definitions(
            id=root.get("id"),
            line=root.sourceline,
            name=(root.get("name") or "").strip(),
            namespace=self.model_ns,
            dmn_version=self.version,
            file=self.file,
        )
        for el in root:
            tag = self.local(el)
            if tag == "itemDefinition":
                defs.item_definitions.append(self.item_definition(el, "item definition"))
            elif tag == "inputData":
                defs.input_data.append(model.InputData(
                    id=el.get("id"), line=el.sourceline, name=self.name(el, "input data"),
                    type_ref=self.variable_type(el)))
            elif tag == "decision":
                defs.decisions.append(self.decision(el))
            elif tag == "businessKnowledgeModel":
                defs.bkms.append(self.bkm(el))
            elif tag == "decisionService":
                defs.decision_services.append(self.decision_service(el))
            elif tag == "import":
                defs.imports.append(model.Import(
                    id=el.get("id"), line=el.sourceline, name=(el.get("name") or "").strip(),
                    namespace=(el.get("namespace") or "").strip(),
                    location=el.get("locationURI"), import_type=el.get("importType")))
        if self.problems:
            raise LoadError(self.problems)
        return defs

    def check_ids(self) -> None:
        seen: dict[str, int | None] = {}
        for el in self.root.iter():
            if self.local(el) is None:
                continue
            ident = el.get("id")
            if not ident:
                continue
            if ident in seen:
                first = seen[ident]
                self.problem(f"duplicated id '{ident}' (first used on line {first})", el, ident)
            else:
                seen[ident] = el.sourceline

    def item_definition(self, el: etree._Element, what: str) -> model.ItemDefinition:
        type_el = self.child(el, "typeRef")
        if type_el is not None:
            type_ref = self.type_ref(type_el, _string(type_el))
        else:
            type_ref = self.type_ref(el, el.get("typeRef"))
        item = model.ItemDefinition(
            id=el.get("id"),
            line=el.sourceline,
            name=self.name(el, what),
            type_ref=type_ref,
            is_collection=(el.get("isCollection") or "").strip() in ("true", "1"),
            allowed_values=self.child_text(el, "allowedValues"),
            type_constraint=self.child_text(el, "typeConstraint"),
            components=[self.item_definition(c, "item component")
                        for c in self.children(el, "itemComponent")],
        )
        function = self.child(el, "functionItem")
        if function is not None:
            item.function_params = self.parameters(function, "parameters", "function item parameter")
            item.function_output = self.type_ref(function, function.get("outputTypeRef"))
        return item

    def parameters(self, el: etree._Element, tag: str, what: str) -> list[tuple[str, str | None]]:
        return [(self.name(p, what), self.type_ref(p, p.get("typeRef"))) for p in self.children(el, tag)]

    # --- DRG elements --------------------------------------------------------------------------

    def requirements(self, el: etree._Element) -> list[model.Requirement]:
        found: list[model.Requirement] = []
        kinds = {"requiredDecision": "decision", "requiredInput": "input", "requiredKnowledge": "knowledge"}
        for req in self.children(el, "informationRequirement", "knowledgeRequirement"):
            targets = list(self.children(req, *kinds))
            if not targets:
                self.problem(f"{self.local(req)} names nothing to require", req)
            for target in targets:
                href = (target.get("href") or "").strip()
                if not href:
                    self.problem(f"{self.local(target)} with an empty href", target, _nearest_id(req))
                    continue
                found.append(model.Requirement(kind=kinds[self.local(target)], href=href,
                                               line=target.sourceline))
        return found

    def decision(self, el: etree._Element) -> model.Decision:
        return model.Decision(
            id=el.get("id"),
            line=el.sourceline,
            name=self.name(el, "decision"),
            type_ref=self.variable_type(el),
            requirements=self.requirements(el),
            expression=self.expression_in(el),
        )

    def bkm(self, el: etree._Element) -> model.BusinessKnowledgeModel:
        logic = self.child(el, "encapsulatedLogic")
        return model.BusinessKnowledgeModel(
            id=el.get("id"),
            line=el.sourceline,
            name=self.name(el, "business knowledge model"),
            type_ref=self.variable_type(el),
            requirements=self.requirements(el),
            logic=None if logic is None else self.function_definition(logic),
        )

    def decision_service(self, el: etree._Element) -> model.DecisionService:
        def hrefs(tag: str) -> list[str]:
            found = []
            for ref in self.children(el, tag):
                href = (ref.get("href") or "").strip()
                if href:
                    found.append(href)
                else:
                    self.problem(f"{tag} with an empty href", ref)
            return found

        return model.DecisionService(
            id=el.get("id"),
            line=el.sourceline,
            name=self.name(el, "decision service"),
            type_ref=self.variable_type(el),
            output_decisions=hrefs("outputDecision"),
            encapsulated_decisions=hrefs("encapsulatedDecision"),
            input_decisions=hrefs("inputDecision"),
            input_data=hrefs("inputData"),
        )

    # --- expressions ---------------------------------------------------------------------------

    def expression_in(self, el: etree._Element | None) -> model.Expression | None:
        """The (first) expression element directly under ``el``, if any."""
        if el is None:
            return None
        for child in el:
            if self.local(child) in EXPRESSION_TAGS:
                return self.expression(child)
        return None

    def expression(self, el: etree._Element) -> model.Expression:
        tag = self.local(el)
        common = {"id": el.get("id"), "line": el.sourceline, "type_ref": self.type_ref(el, el.get("typeRef"))}
        if tag == "literalExpression":
            return model.LiteralExpression(**common, text=self.child_text(el, "text") or "",
                                           language=el.get("expressionLanguage"))
        if tag == "decisionTable":
            return self.decision_table(el, common)
        if tag == "context":
            entries = []
            for entry in self.children(el, "contextEntry"):
                variable = self.child(entry, "variable")
                entries.append(model.ContextEntry(
                    id=entry.get("id"),
                    line=entry.sourceline,
                    name=None if variable is None else self.name(variable, "context entry variable"),
                    type_ref=None if variable is None else self.type_ref(variable, variable.get("typeRef")),
                    expression=self.expression_in(entry),
                ))
            return model.ContextExpr(**common, entries=entries)
        if tag == "relation":
            return self.relation(el, common)
        if tag == "list":
            return model.ListExpr(**common, items=self.expressions_in(el))
        if tag == "invocation":
            bindings = []
            for binding in self.children(el, "binding"):
                parameter = self.child(binding, "parameter")
                if parameter is None:
                    self.problem("binding without a parameter", binding)
                    name = ""
                else:
                    name = self.name(parameter, "binding parameter")
                bindings.append((name, self.expression_in(binding)))
            return model.Invocation(**common, callee=self.expression_in(el), bindings=bindings)
        if tag == "functionDefinition":
            return self.function_definition(el)
        if tag == "conditional":
            return model.Conditional(**common, if_=self.expression_in(self.child(el, "if")),
                                     then=self.expression_in(self.child(el, "then")),
                                     else_=self.expression_in(self.child(el, "else")))
        if tag == "filter":
            return model.Filter(**common, in_=self.expression_in(self.child(el, "in")),
                                match=self.expression_in(self.child(el, "match")))
        variable = (el.get("iteratorVariable") or "").strip()
        if not variable:
            self.problem(f"boxed '{tag}' without an iteratorVariable", el)
        in_ = self.expression_in(self.child(el, "in"))
        if tag == "for":
            return model.Iterator(**common, variable=variable, in_=in_,
                                  body=self.expression_in(self.child(el, "return")))
        return model.Quantified(**common, kind=tag, variable=variable, in_=in_,
                                body=self.expression_in(self.child(el, "satisfies")))

    def expressions_in(self, el: etree._Element) -> list[model.Expression | None]:
        return [self.expression(c) for c in el if self.local(c) in EXPRESSION_TAGS]

    def function_definition(self, el: etree._Element) -> model.FunctionDefinition:
        kind = (el.get("kind") or "FEEL").strip()
        if kind not in FUNCTION_KINDS:
            self.problem(f"unknown function kind '{kind}' (expected one of {', '.join(FUNCTION_KINDS)})", el)
        return model.FunctionDefinition(
            id=el.get("id"),
            line=el.sourceline,
            type_ref=self.type_ref(el, el.get("typeRef")),
            params=self.parameters(el, "formalParameter", "formal parameter"),
            body=self.expression_in(el),
            kind=kind,
        )

    def relation(self, el: etree._Element, common: dict) -> model.Relation:
        columns = self.parameters(el, "column", "relation column")
        rows = []
        for row in self.children(el, "row"):
            cells = self.expressions_in(row)
            if len(cells) != len(columns):
                self.problem(f"relation row has {len(cells)} cells for {len(columns)} columns", row)
            rows.append(cells)
        return model.Relation(**common, columns=columns, rows=rows)

    def decision_table(self, el: etree._Element, common: dict) -> model.DecisionTable:
        hit_policy = (el.get("hitPolicy") or "UNIQUE").strip()
        if hit_policy not in HIT_POLICIES:
            self.problem(f"unknown hit policy '{hit_policy}' (expected one of {', '.join(HIT_POLICIES)})", el)
        aggregation = el.get("aggregation")
        if aggregation is not None:
            aggregation = aggregation.strip()
            if aggregation not in AGGREGATIONS:
                self.problem(f"unknown aggregation '{aggregation}' (expected one of "
                             f"{', '.join(AGGREGATIONS)})", el)
            elif hit_policy != "COLLECT":
                self.problem(f"aggregation {aggregation} is only allowed with hit policy COLLECT", el)
        inputs = []
        for clause in self.children(el, "input"):
            expr = self.child(clause, "inputExpression")
            if expr is None:
                self.problem("decision table input without an inputExpression", clause)
            inputs.append(model.InputClause(
                id=clause.get("id"),
                line=clause.sourceline,
                label=clause.get("label"),
                text=(self.child_text(expr, "text") or "") if expr is not None else "",
                type_ref=None if expr is None else self.type_ref(expr, expr.get("typeRef")),
                input_values=self.child_text(clause, "inputValues"),
            ))
        outputs = []
        for clause in self.children(el, "output"):
            name = (clause.get("name") or "").strip() or None
            outputs.append(model.OutputClause(
                id=clause.get("id"),
                line=clause.sourceline,
                name=name,
                label=clause.get("label"),
                type_ref=self.type_ref(clause, clause.get("typeRef")),
                output_values=self.child_text(clause, "outputValues"),
                default=self.child_text(clause, "defaultOutputEntry"),
            ))
            if name is None and len(list(self.children(el, "output"))) > 1:
                self.problem("a decision table with several outputs needs a name on each output", clause)
        if not outputs:
            self.problem("decision table without an output", el)
        annotation_names = [(a.get("name") or "").strip() for a in self.children(el, "annotation")]
        rules = [self.rule(r, len(inputs), len(outputs)) for r in self.children(el, "rule")]
        return model.DecisionTable(**common, hit_policy=hit_policy, aggregation=aggregation, inputs=inputs,
                                   outputs=outputs, annotation_names=annotation_names, rules=rules,
                                   output_label=el.get("outputLabel"))

    def rule(self, el: etree._Element, n_inputs: int, n_outputs: int) -> model.Rule:
        ins = list(self.children(el, "inputEntry"))
        outs = list(self.children(el, "outputEntry"))
        notes = list(self.children(el, "annotationEntry"))
        if len(ins) != n_inputs:
            self.problem(f"rule has {len(ins)} input entries for {n_inputs} inputs", el)
        if len(outs) != n_outputs:
            self.problem(f"rule has {len(outs)} output entries for {n_outputs} outputs", el)
        annotations = [self.child_text(e, "text") or "" for e in notes]
        # dmn-js and Camunda Modeler keep a rule's annotation in its <description>: that text is
        # the one a rule author edits, so it comes first
        holder = self.child(el, "description")
        description = "".join(holder.itertext()).strip() if holder is not None else ""
        if description:
            annotations = [description] + [a for a in annotations if a.strip() != description]
        return model.Rule(
            id=el.get("id"),
            line=el.sourceline,
            input_entries=[self.child_text(e, "text") or "" for e in ins],
            output_entries=[self.child_text(e, "text") or "" for e in outs],
            annotations=annotations,
            input_lines=[e.sourceline for e in ins],
            output_lines=[e.sourceline for e in outs],
        )


def _string(el: etree._Element) -> str:
    """All the text inside ``el`` (CDATA included)."""
    return "".join(el.itertext())


def _nearest_id(el: etree._Element) -> str | None:
    while el is not None:
        ident = el.get("id")
        if ident:
            return ident
        el = el.getparent()
    return None
