"""Input data of a structured type: the components a value leaves out are null (DMN 1.5, 10.3.2.9.1: a
context lacking an entry its type names does not conform; the model reads a missing optional input as
null), then the completed value is checked against the type.

``complete_structure`` keeps a plan per type (its components, the structured ones among them); these
cases cover a plan's first and later uses and a type whose components are replaced.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from service.dmn.feel.types import BUILTIN_TYPES, ItemType, coerce, complete_structure

NUMBER, BOOLEAN, DATE, STRING = (BUILTIN_TYPES[n] for n in ("number", "boolean", "date", "string"))


def item(name, base=None, fields=None, collection=False) -> ItemType:
    t = ItemType(name)
    if base is not None:
        t.base = base
    t.fields = fields
    t.collection = collection
    t.specialize()
    return t


def household() -> ItemType:
    return item("tHousehold", fields={
        "livesAlone": item("livesAlone", BOOLEAN),
        "dependentChildren": item("dependentChildren", NUMBER),
        "cohabitantProfessionalIncome": item("cohabitantProfessionalIncome", NUMBER),
        "cohabitantReplacementIncome": item("cohabitantReplacementIncome", NUMBER),
    })


def test_missing_components_are_null_after_the_given_ones():
    t = household()
    value = {"dependentChildren": D(1), "livesAlone": True}
    for _ in range(2):  # the plan made on the first call serves the second
        completed = complete_structure(value, t)
        assert list(completed.items()) == [
            ("dependentChildren", D(1)), ("livesAlone", True),
            ("cohabitantProfessionalIncome", None), ("cohabitantReplacementIncome", None),
        ]
        assert coerce(completed, t) == (completed, True)
    assert value == {"dependentChildren": D(1), "livesAlone": True}  # the given value is left as it was


def test_a_complete_structure_is_unchanged_and_extra_components_are_kept():
    t = household()
    full = {"livesAlone": False, "dependentChildren": D(0), "cohabitantProfessionalIncome": D(100),
            "cohabitantReplacementIncome": None, "note": "x"}
    completed = complete_structure(full, t)
    assert list(completed.items()) == list(full.items())
    assert coerce(completed, t) == (completed, True)


def test_a_component_of_the_wrong_type_still_does_not_conform():
    t = household()
    completed = complete_structure({"livesAlone": "yes"}, t)
    assert completed == {"livesAlone": "yes", "dependentChildren": None, "cohabitantProfessionalIncome": None,
                         "cohabitantReplacementIncome": None}
    assert coerce(completed, t) == (None, False)
    completed = complete_structure({"livesAlone": True, "dependentChildren": True}, t)  # a boolean, not a number
    assert coerce(completed, t) == (None, False)


def test_what_is_not_a_structure_is_left_alone():
    t = household()
    assert complete_structure("alone", t) == "alone"
    assert coerce("alone", t) == (None, False)
    assert complete_structure(None, t) is None
    assert complete_structure({"a": D(1)}, None) == {"a": D(1)}
    assert complete_structure(D(1), NUMBER) == D(1)
    assert complete_structure(D(1), item("tAmount", NUMBER)) == D(1)


def test_structured_components_are_completed_in_turn():
    claim = item("tClaim", fields={"household": household(), "start": item("start", DATE)})
    completed = complete_structure({"start": dt.date(2026, 3, 1), "household": {"livesAlone": True}}, claim)
    assert completed == {"start": dt.date(2026, 3, 1), "household": {
        "livesAlone": True, "dependentChildren": None, "cohabitantProfessionalIncome": None,
        "cohabitantReplacementIncome": None}}
    assert list(completed) == ["start", "household"]
    assert coerce(completed, claim) == (completed, True)
    # a structured component left out is null, not an empty structure
    completed = complete_structure({"start": dt.date(2026, 3, 1)}, claim)
    assert completed == {"start": dt.date(2026, 3, 1), "household": None}
    assert coerce(completed, claim) == (completed, True)


def test_a_collection_of_structures_is_completed_item_by_item():
    t = item("tReasons", fields={"code": item("code", STRING), "message": item("message", STRING)},
             collection=True)
    completed = complete_structure([{"code": "A"}, None, {"message": "m", "code": "B"}], t)
    assert completed == [{"code": "A", "message": None}, None, {"message": "m", "code": "B"}]
    assert coerce(completed, t) == (completed, True)
    assert complete_structure([], t) == []
    assert complete_structure([{"code": D(1)}], t) == [{"code": D(1), "message": None}]
    assert coerce(complete_structure([{"code": D(1)}], t), t) == (None, False)


def test_a_type_whose_components_are_replaced_is_completed_by_its_new_ones():
    t = household()
    assert "livesAlone" in complete_structure({}, t)
    t.fields = {"income": item("income", NUMBER)}
    t.specialize()
    assert complete_structure({}, t) == {"income": None}
