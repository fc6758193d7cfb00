"""Build the dataclasses of ``model`` from a parsed DMN 1.1-1.5 document (``reader.parse_xml`` parses it).

Elements of other namespaces (DMNDI, Camunda, KIE, Trisotech extensions) and DMN elements the engine does not
use (text annotations, knowledge sources, ...) are skipped. Structural faults are collected as problems, each
with the file, line, nearest element id and the name of the decision, BKM or other model element holding it;
``faulty`` maps the id of each decision, BKM and decision service with a fault to its first problem.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from . import model
from .errors import Problem

__all__ = ["DMN_NAMESPACES", "FEEL_NAMESPACES", "DefinitionsReader"]

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

class DefinitionsReader:
    """Walks one parsed document and builds the model, collecting problems on the way."""

    def __init__(self, root: etree._Element, file: str | None):
        self.root = root
        self.file = file
        self.ns = etree.QName(root).namespace
        self._prefix = "{" + self.ns + "}"
        self.version = DMN_NAMESPACES[self.ns]
        self.model_ns = (root.get("namespace") or "").strip()
        self.problems: list[Problem] = []
        # dmn-js and Camunda Modeler edit a rule's annotation as its <description>; the <annotationEntry>
        # cells of other modelers count only in a model where no rule has a description
        self.rule_descriptions = bool(root.xpath("//d:rule/d:description", namespaces={"d": self.ns}))
        self.faulty: dict[str, Problem] = {}
        # the model element being read: (its id when a decision, BKM or decision service, its name)
        self.owner: tuple[str | None, str | None] = (None, None)

    # --- helpers -------------------------------------------------------------------------------

    def problem(self, message: str, el: etree._Element, element_id: str | None = None) -> None:
        drg_id, name = self.owner
        found = Problem(message, file=self.file, line=el.sourceline, element_id=element_id or _nearest_id(el),
                        element_name=name)
        self.problems.append(found)
        if drg_id is not None:
            self.faulty.setdefault(drg_id, found)

    def owned(self, el: etree._Element, read, drg: bool = True):
        """``read(el)``, its problems attributed to ``el`` (by name; by id too when ``drg``: a decision, BKM or
        decision service, which a fault makes unusable)."""
        saved = self.owner
        self.owner = ((el.get("id") or f"line {el.sourceline}") if drg else None,
                      (el.get("name") or "").strip() or None)
        try:
            return read(el)
        finally:
            self.owner = saved

    def local(self, el: etree._Element) -> str | None:
        """The local name of a DMN element, None for other namespaces (and for comments)."""
        tag = el.tag  # "{namespace}local"
        if tag.__class__ is str and tag.startswith(self._prefix):
            return tag[len(self._prefix):]
        return None

    def children(self, el: etree._Element, *names: str) -> Iterator[etree._Element]:
        return el.iterchildren(*[self._prefix + n for n in names])

    def child(self, el: etree._Element, name: str) -> etree._Element | None:
        return next(el.iterchildren(self._prefix + name), None)

    def description(self, el: etree._Element) -> str | None:
        holder = self.child(el, "description")
        return "".join(holder.itertext()).strip() or None if holder is not None else None

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
                defs.item_definitions.append(self.owned(el, lambda e: self.item_definition(e, "item definition"),
                                                        drg=False))
            elif tag == "inputData":
                defs.input_data.append(self.owned(el, lambda e: model.InputData(
                    id=e.get("id"), line=e.sourceline, name=self.name(e, "input data"),
                    type_ref=self.variable_type(e)), drg=False))
            elif tag == "decision":
                defs.decisions.append(self.owned(el, self.decision))
            elif tag == "businessKnowledgeModel":
                defs.bkms.append(self.owned(el, self.bkm))
            elif tag == "decisionService":
                defs.decision_services.append(self.owned(el, self.decision_service))
            elif tag == "import":
                defs.imports.append(model.Import(
                    id=el.get("id"), line=el.sourceline, name=(el.get("name") or "").strip(),
                    namespace=(el.get("namespace") or "").strip(),
                    location=el.get("locationURI"), import_type=el.get("importType")))
        defs.problems = self.problems
        defs.faulty = self.faulty
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
            description=self.description(el),
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
        if self.rule_descriptions:
            holder = self.child(el, "description")
            description = "".join(holder.itertext()).strip() if holder is not None else ""
            annotations = [description] if description else []
        else:
            annotations = [self.child_text(e, "text") or "" for e in notes]
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
    if len(el) == 0:
        return el.text or ""
    return "".join(el.itertext())


def _nearest_id(el: etree._Element) -> str | None:
    while el is not None:
        ident = el.get("id")
        if ident:
            return ident
        el = el.getparent()
    return None
