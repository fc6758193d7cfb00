"""POST /benefits/inami: the strict request (API.md) and the answer.

The loaded request is a dict keyed exactly like the model's input data, every field present (absent optional
fields are ``None``, defaults filled in), numbers as ``Decimal`` and dates as ``datetime.date``.
"""

from __future__ import annotations

from decimal import Decimal

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from .base import ObjectSchema
from .evaluation import EvaluationTraceMixin
from .fields import FeelNumber, FeelTemporal, IsoDate, StrictBoolean, WholeNumber

__all__ = ["InamiRequestSchema", "InamiResponseSchema", "STATUSES", "CAUSES"]

STATUSES = ("employee", "blue-collar", "unemployed", "self-employed")
CAUSES = ("illness", "accident", "work-accident", "occupational-disease")
FAMILY_CATEGORIES = ("with-dependants", "isolated", "cohabitant")
BASES = ("wage", "maximum", "minimum", "unemployment-allowance", "flat-rate")
REASON_CODES = ("waiting-period", "duration", "business-not-ceased", "contribution-gap", "earning-capacity")

_NOT_NEGATIVE = validate.Range(min=0, error="Must be ≥ 0.")
_ZERO = Decimal(0)


def _one_of(choices):
    return validate.OneOf(choices, error="Must be one of: " + ", ".join(choices) + ".")


class SelfEmployedSchema(ObjectSchema):
    businessCeased = StrictBoolean(load_default=True)
    waitingPeriodMonths = WholeNumber(load_default=None, allow_none=True, validate=_NOT_NEGATIVE)
    waitingPeriodExempt = StrictBoolean(load_default=False)
    contributionGapDays = WholeNumber(load_default=None, allow_none=True, validate=_NOT_NEGATIVE)


class HouseholdSchema(ObjectSchema):
    livesAlone = StrictBoolean(required=True)
    dependentChildren = WholeNumber(load_default=_ZERO, validate=_NOT_NEGATIVE)
    cohabitantProfessionalIncome = FeelNumber(
        load_default=None, allow_none=True, validate=_NOT_NEGATIVE, metadata={"description": "monthly gross"}
    )
    cohabitantReplacementIncome = FeelNumber(
        load_default=None, allow_none=True, validate=_NOT_NEGATIVE, metadata={"description": "monthly gross"}
    )

    @validates_schema(skip_on_field_errors=False)
    def _incomes_when_they_matter(self, data, **kwargs):
        """The cohabitant's incomes decide the family category only for a person living with someone and
        without dependent children; there both are needed (0 when there is none)."""
        if data.get("livesAlone") is False and data.get("dependentChildren") == 0:
            missing = {
                name: ["Required when livesAlone is false and dependentChildren is 0 (give 0 for no income)."]
                for name in ("cohabitantProfessionalIncome", "cohabitantReplacementIncome")
                if data.get(name) is None
            }
            if missing:
                raise ValidationError(missing)

    @post_load
    def _no_income_means_zero(self, data, **kwargs):
        for name in ("cohabitantProfessionalIncome", "cohabitantReplacementIncome"):
            if data.get(name) is None:
                data[name] = _ZERO
        return data


class InamiRequestSchema(ObjectSchema):
    status = fields.String(required=True, validate=_one_of(STATUSES))
    incapacityStartDate = IsoDate(required=True)
    referenceDate = IsoDate(
        required=True, metadata={"description": "the day the benefit is computed for; not before the start"}
    )
    incapacityEndDate = IsoDate(load_default=None, allow_none=True)
    grossDailyWage = FeelNumber(
        load_default=None, allow_none=True, validate=_NOT_NEGATIVE,
        metadata={"description": "required unless self-employed"},
    )
    regularWorker = StrictBoolean(load_default=True)
    unemploymentDailyAllowance = FeelNumber(
        load_default=None, allow_none=True, validate=_NOT_NEGATIVE,
        metadata={"description": "required for the unemployed"},
    )
    cause = fields.String(load_default="illness", validate=_one_of(CAUSES))
    civilServant = StrictBoolean(load_default=False)
    disabilityAllowance = StrictBoolean(load_default=False)
    workedDaysLast12Months = WholeNumber(load_default=None, allow_none=True, validate=_NOT_NEGATIVE)
    earningCapacityReduction = FeelNumber(
        load_default=None, allow_none=True,
        validate=validate.Range(min=0, max=100, error="Must be between 0 and 100 (percent)."),
    )
    declarationDate = IsoDate(load_default=None, allow_none=True)
    selfEmployed = fields.Nested(
        SelfEmployedSchema, load_default=None, allow_none=True, metadata={"description": "self-employed only"}
    )
    household = fields.Nested(HouseholdSchema, required=True)

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _consistent(self, data, original, **kwargs):
        errors: dict[str, list[str]] = {}
        given = original if isinstance(original, dict) else {}
        start = data.get("incapacityStartDate")
        for name in ("referenceDate", "incapacityEndDate"):
            if start and data.get(name) and data[name] < start:
                errors[name] = ["Must not precede incapacityStartDate."]
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
    def _self_employed_defaults(self, data, **kwargs):
        if data["status"] == "self-employed" and data.get("selfEmployed") is None:
            data["selfEmployed"] = SelfEmployedSchema().load({})
        return data


class ReasonSchema(Schema):
    code = fields.String(required=True, metadata={"enum": list(REASON_CODES)})
    message = fields.String()


class MonthSchema(Schema):
    benefitDays = WholeNumber()
    gross = FeelNumber()
    withholdingTax = FeelNumber()
    net = FeelNumber()


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


class InamiResponseSchema(EvaluationTraceMixin, InamiAnswerSchema):
    """The answer fields first, then the model and the trace."""
