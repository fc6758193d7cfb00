"""``schemas.load.loader`` gives exactly what ``Schema.load`` gives: the same dict (keys in the same order,
values of the same types) for a body the schema accepts, the same ``ValidationError`` messages for one it
refuses; a valid body of a domain request is loaded by the plan, without ``Schema.load``."""

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from marshmallow import Schema, ValidationError, fields, post_load, pre_load, validates

from schemas.inami import InamiRequestSchema
from schemas.load import Refused, loader, planned
from schemas.ossom import OssomRequestSchema
from service import jsonvalues
from service.cases import case_files, load_cases

DECISIONS = Path(__file__).resolve().parent.parent / "decisions"
SCHEMAS = {"inami-benefit.dmn": InamiRequestSchema(), "ossom-allowance.dmn": OssomRequestSchema()}


def _as_posted(inputs: dict):
    """The inputs of a case as a JSON body reaches the service: numbers as Decimal, dates as text."""
    return jsonvalues.loads(jsonvalues.dumps(inputs))


CASE_BODIES = [
    pytest.param(case.model, _as_posted(case.inputs), id=case.id)
    for file in case_files(None, str(DECISIONS))
    for case in load_cases(file)
    if case.model in SCHEMAS
]

INAMI = {"status": "employee", "incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20",
         "grossDailyWage": 150, "workedDaysLast12Months": 200, "household": {"livesAlone": True}}
OSSOM = {"incapacityStartDate": "2025-01-10", "referenceDate": "2026-02-15",
         "monthlyContributions": ["500", 550, "600.25"], "residenceCountry": "be"}


def _with(base, **changes):
    body = copy.deepcopy(base)
    for key, value in changes.items():
        if value is ...:
            body.pop(key, None)
        else:
            body[key] = value
    return jsonvalues.loads(jsonvalues.dumps(body))


INAMI_BODIES = [
    _with(INAMI),
    _with(INAMI, status="self-employed", grossDailyWage=...),
    _with(INAMI, status="self-employed", grossDailyWage=..., selfEmployed={"waitingPeriodMonths": 3}),
    _with(INAMI, status="unemployed", unemploymentDailyAllowance="62.15", incapacityEndDate=None),
    _with(INAMI, household={"livesAlone": False, "cohabitantProfessionalIncome": "1500",
                            "cohabitantReplacementIncome": 0}),
    _with(INAMI, earningCapacityReduction=66, declarationDate="2026-01-20", cause="accident"),
    # refused: each kind of error
    _with(INAMI, status="retired"),
    _with(INAMI, status=None),
    _with(INAMI, status=...),
    _with(INAMI, household=...),
    _with(INAMI, household=None),
    _with(INAMI, household=[1]),
    _with(INAMI, household={"livesAlone": "yes"}),
    _with(INAMI, household={"livesAlone": False}),
    _with(INAMI, household={"livesAlone": True, "pets": 2}),
    _with(INAMI, household={"livesAlone": True, "dependentChildren": -1}),
    _with(INAMI, household={"livesAlone": True, "dependentChildren": 1.5}),
    _with(INAMI, incapacityStartDate="2026-02-30"),
    _with(INAMI, referenceDate="2025-12-31"),
    _with(INAMI, incapacityEndDate=20260101),
    _with(INAMI, grossDailyWage=...),
    _with(INAMI, grossDailyWage=None),
    _with(INAMI, grossDailyWage="-1"),
    _with(INAMI, grossDailyWage="NaN"),
    _with(INAMI, grossDailyWage=True),
    _with(INAMI, regularWorker=1),
    _with(INAMI, earningCapacityReduction=101),
    _with(INAMI, selfEmployed={"businessCeased": True}),
    _with(INAMI, status="self-employed", grossDailyWage=..., selfEmployed={"waitingPeriodMonths": "x"}),
    _with(INAMI, status="self-employed", grossDailyWage=..., selfEmployed="no"),
    _with(INAMI, unknownField=1, otherUnknown=None),
    _with(INAMI, status="unemployed"),
    [INAMI], "a text", None, Decimal(1), {},
]

OSSOM_BODIES = [
    _with(OSSOM),
    _with(OSSOM, familyCharge=True, professionalIncome="100", nationality="fr", birthDate="1970-05-01",
          insuranceMonthsBeforeIncapacity=12, requestDate=None),
    # refused
    _with(OSSOM, monthlyContributions=[]),
    _with(OSSOM, monthlyContributions="500"),
    _with(OSSOM, monthlyContributions=None),
    _with(OSSOM, monthlyContributions=[1, None, -2, "x"]),
    _with(OSSOM, monthlyContributions={"a": 1}),
    _with(OSSOM, residenceCountry="BEL"),
    _with(OSSOM, nationality=3),
    _with(OSSOM, birthDate="2026-01-01"),
    _with(OSSOM, referenceDate="2024-01-01"),
    _with(OSSOM, incapacityStartDate=...),
    _with(OSSOM, familyCharge="true"),
    _with(OSSOM, extra=[]),
    [], None,
]


def _outcome(load, body):
    try:
        loaded = load(copy.deepcopy(body))
    except ValidationError as exc:
        return "refused", repr(exc.messages)
    return "loaded", repr(loaded)


def _same_as_schema_load(schema, body):
    expected = _outcome(schema.load, body)
    assert _outcome(loader(schema), body) == expected
    return expected


@pytest.mark.parametrize(("model", "body"), CASE_BODIES)
def test_every_regression_case_body(model, body):
    _same_as_schema_load(SCHEMAS[model], body)


@pytest.mark.parametrize("body", INAMI_BODIES)
def test_inami_bodies(body):
    _same_as_schema_load(InamiRequestSchema(), body)


@pytest.mark.parametrize("body", OSSOM_BODIES)
def test_ossom_bodies(body):
    _same_as_schema_load(OssomRequestSchema(), body)


@pytest.mark.parametrize(("schema", "body"), [(InamiRequestSchema(), b) for b in INAMI_BODIES[:6]]
                         + [(OssomRequestSchema(), b) for b in OSSOM_BODIES[:2]])
def test_valid_bodies_are_loaded_by_the_plan(schema, body):
    plan = planned(schema)
    assert plan is not None
    assert repr(plan(copy.deepcopy(body))) == repr(schema.load(copy.deepcopy(body)))


def test_the_top_regression_cases_are_loaded_by_the_plan():
    whole = [p for p in CASE_BODIES if p.id.startswith(("inamiBenefit.yaml", "ossomAllowance.yaml"))]
    planned_loads = 0
    for param in whole:
        model, body = param.values
        plan = planned(SCHEMAS[model])
        try:
            loaded = plan(copy.deepcopy(body))
        except (Refused, ValidationError):
            continue  # a case the schema refuses (Schema.load says so too, above)
        assert repr(loaded) == repr(SCHEMAS[model].load(copy.deepcopy(body)))
        planned_loads += 1
    assert planned_loads >= 10


def test_what_the_plan_does_not_cover_is_schema_load():
    class PreLoaded(Schema):
        a = fields.Integer()

        @pre_load
        def _strip(self, data, **kwargs):
            return data

    class FieldValidated(Schema):
        a = fields.Integer()

        @validates("a")
        def _check(self, value, **kwargs):
            pass

    class Attributed(Schema):
        a = fields.Integer(attribute="b")

    for schema in (PreLoaded(), FieldValidated(), Attributed(), Attributed(many=True),
                   Attributed(partial=True)):
        assert loader(schema) == schema.load


def test_defaults_hooks_and_types():
    class Inner(Schema):
        when = fields.Date(load_default=lambda: dt.date(2026, 1, 1))
        n = fields.Integer(load_default=None)

    class Outer(Schema):
        inner = fields.Nested(Inner, load_default=None)
        items = fields.List(fields.Nested(Inner), load_default=list)
        amount = fields.Decimal(load_default=Decimal("0.00"))

        @post_load
        def _mark(self, data, **kwargs):
            return {**data, "marked": True}

    for body in ({}, {"inner": {}}, {"inner": {"n": 2}, "items": [{}, {"when": "2026-05-05"}]},
                 {"amount": "1.50"}, {"items": [None]}, {"items": [{"n": "x"}]}, {"other": 1}):
        _same_as_schema_load(Outer(), body)
    assert loader(Outer())({"inner": {}})["inner"] == {"when": dt.date(2026, 1, 1), "n": None}
