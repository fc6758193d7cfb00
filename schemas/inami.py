"""POST /benefits/inami: the strict request (API.md) and the answer.

The loaded request is a dict keyed exactly like the model's input data, every field present (absent optional
fields are ``None``, defaults filled in), numbers as ``Decimal`` and dates as ``datetime.date``.
"""

from __future__ import annotations

import datetime

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from .base import ObjectSchema
from .evaluation import EvaluationTraceMixin
from .fields import FeelNumber, FeelTemporal, IsoDate, StrictBoolean, WholeNumber
from .outcome import OutcomeMixin

__all__ = ["InamiRequestSchema", "InamiResponseSchema", "STATUSES", "CAUSES", "MAX_PERIOD_DAYS"]

STATUSES = ("employee", "blue-collar", "unemployed", "self-employed")
CAUSES = ("illness", "accident", "work-accident", "occupational-disease")
FAMILY_CATEGORIES = ("with-dependants", "isolated", "cohabitant")
BASES = ("wage", "maximum", "minimum", "unemployment-allowance", "flat-rate")
RECOGNITIONS = ("recognised", "pending", "refused")
REASON_CODES = ("waiting-period", "duration", "activity-not-stopped", "contribution-gap", "earning-capacity",
                "invalidity-not-recognised")
MAX_PERIOD_DAYS = 366

#: API.md: a wage, allowance or income above 100,000 a day or a month is not plausible
_MONEY = validate.Range(min=0, max=100000, error="Must be between 0 and 100000.")
_EARLIEST, _LATEST = datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)
_DATE = validate.Range(min=_EARLIEST, max=_LATEST, error="Must be between 1900-01-01 and 2200-12-31.")


def _one_of(choices):
    return validate.OneOf(choices, error="Must be one of: " + ", ".join(choices) + ".")


def _date(**kwargs):
    return IsoDate(validate=_DATE, **kwargs)


def _count(maximum: int, **kwargs):
    return WholeNumber(validate=validate.Range(min=0, max=maximum, error=f"Must be between 0 and {maximum}."),
                       **kwargs)


def _money(**kwargs):
    return FeelNumber(load_default=None, allow_none=True, validate=_MONEY, **kwargs)


class SelfEmployedSchema(ObjectSchema):
    activityStopped = StrictBoolean(load_default=None, allow_none=True,
                                    metadata={"description": "the activity stopped on the first day (S2)"})
    businessCeased = StrictBoolean(load_default=None, allow_none=True,
                                   metadata={"description": "the business ceased (S1: the invalidity amount)"})
    waitingPeriodMonths = _count(1200, load_default=None, allow_none=True)
    waitingPeriodExempt = StrictBoolean(load_default=False)
    contributionGapDays = _count(36600, load_default=None, allow_none=True)


#: made once: a schema instance costs more to make than to load with
_SELF_EMPLOYED = SelfEmployedSchema()


class HouseholdSchema(ObjectSchema):
    """Every field may be left out: a field the family category needs and the request does not give makes the
    answer a manual review naming it (RULES §1), never a default category."""

    livesAlone = StrictBoolean(load_default=None, allow_none=True)
    dependentChildren = _count(30, load_default=None, allow_none=True)
    cohabitantProfessionalIncome = _money(metadata={"description": "monthly gross"})
    cohabitantReplacementIncome = _money(metadata={"description": "monthly gross"})


class PreviousIncapacitySchema(ObjectSchema):
    startDate = _date(required=True)
    endDate = _date(required=True)

    @validates_schema(skip_on_field_errors=True)
    def _ordered(self, data, **kwargs):
        if data["endDate"] < data["startDate"]:
            raise ValidationError({"endDate": ["Must not precede startDate."]})


class InamiRequestSchema(ObjectSchema):
    status = fields.String(required=True, validate=_one_of(STATUSES))
    incapacityStartDate = _date(required=True)
    referenceDate = _date(
        required=True, metadata={"description": "the day the benefit is computed for; not before the start"}
    )
    incapacityEndDate = _date(load_default=None, allow_none=True)
    grossDailyWage = _money(metadata={"description": "required unless self-employed"})
    regularWorker = StrictBoolean(load_default=True)
    unemploymentDailyAllowance = _money(metadata={"description": "required for the unemployed"})
    cause = fields.String(load_default="illness", validate=_one_of(CAUSES))
    civilServant = StrictBoolean(load_default=False)
    disabilityAllowance = StrictBoolean(load_default=False)
    workedDaysLast12Months = _count(366, load_default=None, allow_none=True)
    earningCapacityReduction = FeelNumber(
        load_default=None, allow_none=True,
        validate=validate.Range(min=0, max=100, error="Must be between 0 and 100 (percent)."),
    )
    declarationDate = _date(load_default=None, allow_none=True)
    selfEmployed = fields.Nested(
        SelfEmployedSchema, load_default=None, allow_none=True, metadata={"description": "self-employed only"}
    )
    household = fields.Nested(HouseholdSchema, required=True)
    periodStart = _date(load_default=None, allow_none=True,
                        metadata={"description": "first day to pay; default the first day of the reference month"})
    periodEnd = _date(load_default=None, allow_none=True,
                      metadata={"description": "last day to pay; at most 366 days after periodStart"})
    guaranteedWage = StrictBoolean(load_default=True)
    previousIncapacity = fields.Nested(PreviousIncapacitySchema, load_default=None, allow_none=True)
    invalidityRecognition = fields.String(load_default="recognised", validate=_one_of(RECOGNITIONS))
    lateDeclarationExcused = StrictBoolean(load_default=False)

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _consistent(self, data, original, partial=None, **kwargs):
        errors: dict[str, list[str]] = {}
        given = original if isinstance(original, dict) else {}
        start = data.get("incapacityStartDate")
        for name in ("referenceDate", "incapacityEndDate"):
            if start and data.get(name) and data[name] < start:
                errors[name] = ["Must not precede incapacityStartDate."]
        first, last = data.get("periodStart"), data.get("periodEnd")
        if (first is None) != (last is None) and not partial:
            errors["periodEnd" if first else "periodStart"] = ["Give both periodStart and periodEnd, or neither."]
        elif first and last and last < first:
            errors["periodEnd"] = ["Must not precede periodStart."]
        elif first and last and (last - first).days + 1 > MAX_PERIOD_DAYS:
            errors["periodEnd"] = [f"The period is at most {MAX_PERIOD_DAYS} days."]
        previous = data.get("previousIncapacity")
        if start and previous and previous.get("endDate") and previous["endDate"] >= start:
            errors["previousIncapacity"] = ["Must end before incapacityStartDate."]
        if not partial:
            status = data.get("status")
            if status in ("employee", "blue-collar", "unemployed") and given.get("grossDailyWage") is None:
                errors["grossDailyWage"] = [f"Required for status {status}."]
            if status == "unemployed" and given.get("unemploymentDailyAllowance") is None:
                errors["unemploymentDailyAllowance"] = ["Required for status unemployed."]
            if status and status != "self-employed" and given.get("selfEmployed") is not None:
                errors["selfEmployed"] = ["Only for status self-employed."]
        if errors:
            raise ValidationError(errors)

    @post_load
    def _self_employed_defaults(self, data, partial=None, **kwargs):
        if not partial and data["status"] == "self-employed" and data.get("selfEmployed") is None:
            data["selfEmployed"] = _SELF_EMPLOYED.load({})
        return data


class ReasonSchema(Schema):
    code = fields.String(required=True, metadata={"enum": list(REASON_CODES)})
    message = fields.String()


class TotalsSchema(Schema):
    """The totals of paid days (RULES §8.5)."""

    paidDays = WholeNumber()
    gross = FeelNumber()
    withholdingTax = FeelNumber()
    pensionRetention = FeelNumber()
    net = FeelNumber()


class MonthSchema(Schema):
    """The reference date's calendar month: its benefit days, then the totals of its paid days."""

    benefitDays = WholeNumber(metadata={"description": "days Monday-Saturday of the incapacity"})
    paidDays, gross, withholdingTax, pensionRetention, net = (WholeNumber(), FeelNumber(), FeelNumber(),
                                                              FeelNumber(), FeelNumber())


class MonthTotalsSchema(Schema):
    month = fields.String(metadata={"description": "YYYY-MM"})
    paidDays, gross, withholdingTax, pensionRetention, net = (WholeNumber(), FeelNumber(), FeelNumber(),
                                                              FeelNumber(), FeelNumber())


class SegmentSchema(Schema):
    from_ = FeelTemporal("date", data_key="from", attribute="from")
    to = FeelTemporal("date")
    days = WholeNumber()
    dailyAmount = FeelNumber()
    basis = fields.String(metadata={"enum": list(BASES)})
    phase = fields.String(metadata={"enum": ["primary", "invalidity"]})
    incapacityMonth = WholeNumber()
    gross = FeelNumber()
    lateDeclarationReduction = fields.Boolean()


class InamiAnswerSchema(Schema):
    covered = fields.Boolean(required=True)
    coveredBy = fields.String(allow_none=True)
    eligible = fields.Boolean(allow_none=True)
    reasons = fields.List(fields.Nested(ReasonSchema), allow_none=True)
    incapacityMonth = WholeNumber(allow_none=True)
    phase = fields.String(allow_none=True, metadata={"enum": ["primary", "invalidity"]})
    familyCategory = fields.String(allow_none=True, metadata={"enum": list(FAMILY_CATEGORIES)})
    rate = FeelNumber(allow_none=True)
    ceiling = FeelNumber(allow_none=True)
    cappedDailyWage = FeelNumber(allow_none=True)
    minimumDailyAmount = FeelNumber(allow_none=True)
    dailyAmount = FeelNumber(allow_none=True)
    basis = fields.String(allow_none=True, metadata={"enum": list(BASES)})
    declarationDeadline = FeelTemporal("date", allow_none=True)
    lateDeclaration = fields.Boolean(allow_none=True)
    month = fields.Nested(MonthSchema, allow_none=True)
    relapse = fields.Boolean(allow_none=True)
    schedule = fields.List(fields.Nested(SegmentSchema))
    months = fields.List(fields.Nested(MonthTotalsSchema))
    period = fields.Nested(TotalsSchema, allow_none=True)


class InamiResponseSchema(EvaluationTraceMixin, OutcomeMixin, InamiAnswerSchema):
    """The answer fields first, then the outcome, then the model and the trace."""
