"""Conversions at typed boundaries (DMN 1.5 §10.3.2.9.4 "Type conversions"): to and from a singleton list,
and date to date and time, applied where a decision's, a BKM's or a decision service's result meets its
declared type, also when that type is a function type (an item definition with a ``functionItem``) whose
``outputTypeRef`` is the result's type."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from service.dmn import load
from service.dmn.feel.calendar import WideDate, WideDateTime
from service.dmn.feel.types import BUILTIN_TYPES, coerce

NS = "https://www.omg.org/spec/DMN/20230324/MODEL/"


def definitions(body: str) -> str:
    return f'<definitions xmlns="{NS}" id="defs" name="Conversions" namespace="http://example.com/c">{body}</definitions>'


def write_and_load(tmp_path, text: str):
    (tmp_path / "model.dmn").write_text(text, encoding="utf-8")
    return load(tmp_path / "model.dmn").by_file("model.dmn")


def literal(text: str) -> str:
    return f"<literalExpression><text>{text}</text></literalExpression>"

DATE_TIME = BUILTIN_TYPES["date and time"]


def test_date_to_date_and_time_is_utc_midnight():
    # "the date is converted to a date and time value in which the time of day is UTC midnight (00:00:00)"
    assert coerce(dt.date(2000, 1, 2), DATE_TIME) == (dt.datetime(2000, 1, 2, tzinfo=dt.UTC), True)
    wide, ok = coerce(WideDate(12000, 3, 4), DATE_TIME)
    assert ok and type(wide) is WideDateTime
    assert (wide.year, wide.month, wide.day, wide.hour, wide.nanosecond, wide.tzinfo) == (12000, 3, 4, 0, 0, dt.UTC)


def test_date_and_time_is_not_narrowed_to_a_date():
    assert coerce(dt.datetime(2000, 1, 2, 10), BUILTIN_TYPES["date"]) == (None, False)


TYPES = """
<itemDefinition name="numbers" isCollection="true"><typeRef>number</typeRef></itemDefinition>
<itemDefinition name="dates" isCollection="true"><typeRef>date</typeRef></itemDefinition>
<itemDefinition name="functionGivingNumbers"><functionItem outputTypeRef="numbers"/></itemDefinition>
<itemDefinition name="functionGivingNumber"><functionItem outputTypeRef="number"/></itemDefinition>
<itemDefinition name="functionGivingDateTime"><functionItem outputTypeRef="date and time"/></itemDefinition>
<itemDefinition name="functionGivingDates"><functionItem outputTypeRef="dates"/></itemDefinition>
<itemDefinition name="functionGivingDate"><functionItem outputTypeRef="date"/></itemDefinition>
"""


def bkm(name: str, type_ref: str, text: str) -> str:
    return (f'<businessKnowledgeModel id="{name}" name="{name}"><variable name="{name}" typeRef="{type_ref}"/>'
            f'<encapsulatedLogic>{literal(text)}</encapsulatedLogic></businessKnowledgeModel>')


def service(name: str, type_ref: str, decision: str, text: str) -> str:
    return (f'<decisionService id="{name}" name="{name}"><variable name="{name}" typeRef="{type_ref}"/>'
            f'<outputDecision href="#{decision}"/></decisionService>'
            f'<decision id="{decision}" name="{decision}"><variable name="{decision}"/>{literal(text)}</decision>')


def test_results_of_bkms_and_services_typed_by_a_function_item(tmp_path):
    m = write_and_load(tmp_path, definitions(
        TYPES + bkm("one", "functionGivingNumbers", "1") + bkm("listed", "functionGivingNumber", "[1]")
        + bkm("day", "functionGivingDateTime", "date(2000, 1, 2)")
        + service("s1", "functionGivingDates", "d1", "date(2000, 1, 2)")
        + service("s2", "functionGivingDate", "d2", "[date(2000, 1, 2)]")
        + service("s3", "functionGivingDateTime", "d3", "date(2000, 1, 2)")))
    assert m.invoke("one", []).value == [D(1)]  # to singleton list
    assert m.invoke("listed", []).value == D(1)  # from singleton list
    assert m.invoke("day", []).value == dt.datetime(2000, 1, 2, tzinfo=dt.UTC)
    assert m.evaluate_service("s1", {}).value == [dt.date(2000, 1, 2)]
    assert m.evaluate_service("s2", {}).value == dt.date(2000, 1, 2)
    assert m.evaluate_service("s3", {}).value == dt.datetime(2000, 1, 2, tzinfo=dt.UTC)


def test_decision_typed_date_and_time_gets_a_date_at_midnight(tmp_path):
    m = write_and_load(tmp_path, definitions(
        '<decision id="d" name="d"><variable name="d" typeRef="date and time"/>'
        + literal("date(2000, 1, 2)") + "</decision>"))
    assert m.evaluate("d", {}).value == dt.datetime(2000, 1, 2, tzinfo=dt.UTC)
