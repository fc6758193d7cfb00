"""The schema built from a model's input data and item definitions."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from marshmallow import ValidationError

from schemas.from_model import allowed_values_validator, inputs_schema
from schemas.problem import error_list
from service.dmn.model import DecisionTable, Definitions, InputClause, ItemDefinition
from service.jsonvalues import loads


def item(name, type_ref=None, **kw):
    return ItemDefinition(None, None, name, type_ref=type_ref, **kw)


def fake_model(item_definitions, decisions=()):
    definitions = Definitions(None, None, "m", "urn:m", "1.3", None, item_definitions=list(item_definitions),
                              decisions=list(decisions))
    return SimpleNamespace(definitions=definitions)


MODEL = fake_model([
    item("tStatus", "string", allowed_values='"employee","blue-collar"'),
    item("tPercent", "number", allowed_values="[0..100]"),
    item("tHousehold", components=[
        item("livesAlone", "boolean"),
        item("children", "number", allowed_values=">= 0"),
        item("names", "string", is_collection=True),
    ]),
    item("tStatuses", "tStatus", is_collection=True),
])

SCHEMA = inputs_schema(MODEL, [
    ("status", "tStatus"), ("percent", "tPercent"), ("household", "tHousehold"), ("statuses", "tStatuses"),
    ("start", "date"), ("wage", "number"), ("Monthly Salary", "feel:number"), ("anything", None),
])()


def errors(body):
    with pytest.raises(ValidationError) as info:
        SCHEMA.load(loads(body))
    return {e["path"]: e["message"] for e in error_list(info.value.messages)}


def test_types_load_to_feel_values():
    value = SCHEMA.load(loads(
        '{"status": "employee", "percent": 66, "household": {"livesAlone": false, "children": 2,'
        ' "names": ["a"]}, "statuses": ["blue-collar"], "start": "2026-01-15", "wage": 170.69,'
        ' "Monthly Salary": "2500.5", "anything": [1, {"x": 2}]}'
    ))
    assert value == {
        "status": "employee", "percent": Decimal(66),
        "household": {"livesAlone": False, "children": Decimal(2), "names": ["a"]},
        "statuses": ["blue-collar"], "start": dt.date(2026, 1, 15), "wage": Decimal("170.69"),
        "Monthly Salary": Decimal("2500.5"), "anything": [Decimal(1), {"x": Decimal(2)}],
    }


def test_every_input_present_and_null_allowed():
    value = SCHEMA.load({"status": None})
    assert value["status"] is None and value["wage"] is None and value["household"] is None


def test_wrong_types_and_values_name_each_path():
    assert errors(
        '{"status": "civil", "percent": 101, "household": {"livesAlone": "no", "children": -1, "names": [3],'
        ' "pet": 1}, "statuses": ["x"], "start": "15/01/2026", "wage": "ten", "other": 1}'
    ) == {
        "status": 'Must be one of: "employee", "blue-collar".',
        "percent": "Must be in [0..100].",
        "household.livesAlone": "Not a boolean: use true or false.",
        "household.children": "Must be >= 0.",
        "household.names[0]": "Not a valid string.",
        "household.pet": "Unknown field.",
        "statuses[0]": 'Must be one of: "employee", "blue-collar".',
        "start": "Not a valid date (YYYY-MM-DD).",
        "wage": "Not a valid number.",
        "other": "Unknown field.",
    }


def test_table_input_values_apply_to_an_input_without_its_own():
    column = InputClause(None, None, "RiskCategory", "RiskCategory", "string", '"High", "Low"')
    table = DecisionTable(None, None, None, "UNIQUE", None, [column], [], [], [])
    model = fake_model([], [SimpleNamespace(expression=table)])
    schema = inputs_schema(model, [("RiskCategory", "string")])()
    assert schema.load({"RiskCategory": "Low"}) == {"RiskCategory": "Low"}
    with pytest.raises(ValidationError) as info:
        schema.load({"RiskCategory": "Extreme"})
    assert info.value.messages == {"RiskCategory": ['Must be one of: "High", "Low".']}


@pytest.mark.parametrize("text, good, bad", [
    ('"a", "b"', "a", "c"),
    ("1, 2, 3", Decimal(2), Decimal(4)),
    ("(0..10]", Decimal(10), Decimal(0)),
    ("< 5", Decimal("4.99"), Decimal(5)),
    ("> 0", Decimal("0.01"), Decimal(0)),
])
def test_simple_allowed_values(text, good, bad):
    validator = allowed_values_validator(text)
    validator(good)
    with pytest.raises(ValidationError):
        validator(bad)


def test_elaborate_allowed_values_are_left_to_the_engine():
    assert allowed_values_validator('not("a")') is None
    assert allowed_values_validator("") is None
