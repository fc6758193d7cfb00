"""``schemas.dump.dumper`` gives exactly what ``Schema.dump`` gives: same keys in the same order, same values of
the same types."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from marshmallow import Schema, fields, post_dump

from schemas.dump import dumper
from schemas.evaluation import EvaluationResponseSchema
from schemas.inami import InamiResponseSchema
from schemas.ossom import OssomResponseSchema

TRACE = [{"decisionId": "rate", "decisionName": "Rate", "result": Decimal("0.60"),
          "matchedRules": [{"ruleIndex": 2, "ruleId": "r2", "annotation": "S1, 2026-01-01"}]}]
ENVELOPE = {"model": {"name": "INAMI", "sha256": "ab" * 32, "extra": 1}, "evaluatedDecisions": TRACE,
            "messages": [{"severity": "warning", "text": "t", "decisionId": None, "extra": 2}]}

INAMI_ANSWERS = [
    {"covered": True, "coveredBy": None, "eligible": True, "reasons": [], "incapacityMonth": Decimal("3"),
     "phase": "primary", "familyCategory": "isolated", "rate": Decimal("0.60"), "ceiling": Decimal("178.69"),
     "cappedDailyWage": Decimal("150"), "minimumDailyAmount": Decimal("54.11"), "dailyAmount": Decimal("90.00"),
     "basis": "wage", "declarationDeadline": dt.date(2026, 2, 11), "lateDeclaration": None,
     "month": {"benefitDays": Decimal("26.0"), "gross": Decimal("2340.00"), "withholdingTax": Decimal("0"),
               "net": Decimal("2340.00")}, **ENVELOPE},
    # keys out of order, some missing, some unknown, nulls where nested answers go
    {"month": None, "covered": 1, "reasons": None, "basis": None, "unknown": "dropped", **ENVELOPE},
    {"covered": False, "eligible": 0, "incapacityMonth": Decimal("2.5"), "rate": Decimal("1E+2"),
     "reasons": [{"code": "duration", "message": "too long", "extra": 3}, {"code": "waiting-period"}],
     "month": {"gross": Decimal("NaN")}, "messages": [], "model": None, "evaluatedDecisions": []},
    {},
]


@pytest.mark.parametrize("answer", INAMI_ANSWERS)
def test_inami_answers_are_dumped_as_marshmallow_dumps_them(answer):
    schema = InamiResponseSchema()
    assert repr(dumper(schema)(answer)) == repr(schema.dump(answer))


def test_ossom_and_evaluation_answers():
    ossom = {"eligible": True, "reasons": ["pension", Decimal("1")], "averageContribution": Decimal("550"),
             "incapacityMonth": Decimal("1.0"), "monthlyAllowance": Decimal("483.60"), "reviewFlags": ["age-65", 5],
             **ENVELOPE}
    schema = OssomResponseSchema()
    assert repr(dumper(schema)(ossom)) == repr(schema.dump(ossom))
    evaluation = {"decision": "rate", "result": {"a": [Decimal("1.5"), dt.date(2026, 1, 1)]}, **ENVELOPE}
    schema = EvaluationResponseSchema()
    assert repr(dumper(schema)(evaluation)) == repr(schema.dump(evaluation))


def test_the_trace_is_written_as_built():
    assert dumper(InamiResponseSchema())(INAMI_ANSWERS[0])["evaluatedDecisions"] is TRACE


class Hooked(Schema):
    a = fields.Integer()

    @post_dump
    def _wrap(self, data, **kwargs):
        return {"wrapped": data}


class Renamed(Schema):
    a = fields.Integer(attribute="b", data_key="c")
    items = fields.String()
    d = fields.String(dump_default="none")


@pytest.mark.parametrize("schema, obj", [
    (Hooked(), {"a": 1}),
    (Renamed(), {"b": 2, "a": 3}),
    (InamiResponseSchema(many=True), [INAMI_ANSWERS[1]]),
    (InamiResponseSchema(), SimpleNamespace(covered=True, phase="primary")),  # not a dict
])
def test_what_the_plan_does_not_cover_goes_through_marshmallow(schema, obj):
    assert repr(dumper(schema)(obj)) == repr(schema.dump(obj))
