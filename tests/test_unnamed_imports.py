"""Unnamed imports, DMN 1.5 §6.3.3: the import's name qualifies the imported elements; an import whose name is
the empty string qualifies them with nothing, so the importing model uses the imported decisions, BKMs, input
data and item definitions by their own names, and its ``#id`` references reach them. An unnamed import of an
unnamed import brings its elements along too (as jDMN and Drools read it)."""

from __future__ import annotations

from decimal import Decimal as D

from service.dmn import load

NS = "https://www.omg.org/spec/DMN/20230324/MODEL/"


def model(ns: str, body: str, imports: tuple = ()) -> str:
    imps = "".join(f'<import namespace="{i}" name="{n}" importType="{NS}"/>' for n, i in imports)
    return f'<definitions xmlns="{NS}" id="defs" name="{ns}" namespace="urn:{ns}">{imps}{body}</definitions>'


def decision(name: str, text: str, type_ref: str = "", needs: str = "") -> str:
    t = f' typeRef="{type_ref}"' if type_ref else ""
    return (f'<decision id="_{name}" name="{name}"><variable name="{name}"{t}/>{needs}'
            f"<literalExpression><text>{text}</text></literalExpression></decision>")


LIBRARY = model("lib", '<itemDefinition name="label"><typeRef>string</typeRef></itemDefinition>'
                '<inputData id="_amount" name="amount"><variable name="amount" typeRef="number"/></inputData>'
                + decision("doubled", "amount * 2", needs='<informationRequirement><requiredInput href="#_amount"/>'
                           "</informationRequirement>")
                + '<businessKnowledgeModel id="_greet" name="greet"><variable name="greet"/><encapsulatedLogic>'
                '<formalParameter name="who" typeRef="string"/><literalExpression><text>"hello " + who</text>'
                "</literalExpression></encapsulatedLogic></businessKnowledgeModel>")
RELAY = model("relay", "", imports=(("", "urn:lib"),))
NEEDS_DOUBLED = '<informationRequirement><requiredDecision href="#_doubled"/></informationRequirement>'
MAIN = model("main", decision("total", "doubled + 1", needs=NEEDS_DOUBLED)
             + decision("hello", 'greet("you")', needs='<knowledgeRequirement><requiredKnowledge href="#_greet"/>'
                        "</knowledgeRequirement>")
             + decision("tag", "amount", type_ref="label"), imports=(("", "urn:relay"),))


def test_unnamed_import_of_an_unnamed_import(tmp_path):
    for name, text in (("lib.dmn", LIBRARY), ("relay.dmn", RELAY), ("main.dmn", MAIN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    m = load(tmp_path / "main.dmn").by_file("main.dmn")
    assert m.evaluate("total", {"amount": D(4)}).value == D(9)  # an input of the imported model, unprefixed
    assert m.evaluate("hello", {}).value == "hello you"
    assert m.evaluate("tag", {"amount": D(4)}).value is None  # the imported type `label` is a string


def test_named_import_still_needs_its_prefix(tmp_path):
    (tmp_path / "lib.dmn").write_text(LIBRARY, encoding="utf-8")
    (tmp_path / "main.dmn").write_text(model("main", decision("d", "lib.doubled"), imports=(("lib", "urn:lib"),)),
                                       encoding="utf-8")
    m = load(tmp_path / "main.dmn").by_file("main.dmn")
    assert m.evaluate("d", {"{urn:lib}amount": D(5)}).value == D(10)
