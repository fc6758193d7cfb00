"""POST /benefits/ossom: the strict request (API.md v2) and the answer.

The loaded request is keyed like the model's input data, every field present (absent optional fields ``None``,
defaults filled in), numbers as ``Decimal``, dates as ``datetime.date``, country codes upper case. Numbers and
dates must be plausible (API.md): an amount above 100,000 a month, a date before 1900 or after 2200 is refused
with the field's path.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from iso3166 import countries_by_alpha2
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .base import ObjectSchema
from .evaluation import EvaluationTraceMixin
from .fields import FeelNumber, IsoDate, StrictBoolean, WholeNumber
from .outcome import CodedSchema, OutcomeMixin

__all__ = ["CAUSES", "OssomRequestSchema", "OssomResponseSchema"]

CAUSES = ("illness", "accident", "work-accident")
#: API.md: a monthly amount above this is not plausible
MAX_MONTHLY_AMOUNT = 100000
#: a contribution history or an insurance record longer than a century is not plausible
MAX_MONTHS = 1200

_NOT_NEGATIVE = validate.Range(min=0, error="Must be ≥ 0.")
_PLAUSIBLE_AMOUNT = validate.Range(max=MAX_MONTHLY_AMOUNT, error=f"Must be at most {MAX_MONTHLY_AMOUNT} a month.")
_MONEY = [_NOT_NEGATIVE, _PLAUSIBLE_AMOUNT]
_EARLIEST, _LATEST = datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)
_DATE = validate.Range(min=_EARLIEST, max=_LATEST, error="Must be between 1900-01-01 and 2200-12-31.")


def _date(**kwargs) -> fields.Date:
    return IsoDate(validate=_DATE, **kwargs)


class CountryCode(fields.String):
    """An ISO 3166-1 alpha-2 code (``BE``); lower case is accepted and upper-cased."""

    default_error_messages = {"country": "Not an ISO 3166 alpha-2 country code (two letters, such as BE)."}
    #: every code the field takes, in either case (JSON Schema patterns have no flags)
    OPENAPI_PATTERN = "^(?:" + "|".join(
        "".join(f"[{c}{c.lower()}]" for c in code) for code in sorted(countries_by_alpha2)) + ")$"

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        code = text.upper()
        if len(code) != 2 or not code.isascii() or code not in countries_by_alpha2:
            raise self.make_error("country")
        return code


class OssomRequestSchema(ObjectSchema):
    incapacityStartDate = _date(required=True)
    referenceDate = _date(required=True, metadata={"description": "not before the start"})
    monthlyContributions = fields.List(
        FeelNumber(validate=_MONEY),
        required=True,
        validate=[validate.Length(min=1, error="Must hold at least one monthly contribution."),
                  validate.Length(max=MAX_MONTHS, error=f"Must hold at most {MAX_MONTHS} monthly contributions.")],
        metadata={"description": "oldest first"},
    )
    familyCharge = StrictBoolean(load_default=False)
    thirdPersonAssistance = StrictBoolean(load_default=False)
    cause = fields.String(
        load_default="illness",
        validate=validate.OneOf(CAUSES, error="Must be one of: " + ", ".join(CAUSES) + "."),
        metadata={"description": "work-accident is not covered by the allowance (RULES §9)"},
    )
    nonWorkAccident = StrictBoolean(load_default=False)
    linkedScheme = StrictBoolean(load_default=False)
    maternityRest = StrictBoolean(
        load_default=False, metadata={"description": "paid at most 15 weeks, without the waiting period (S4)"}
    )
    exceptionalAuthorisation = StrictBoolean(load_default=False)
    ossomPension = StrictBoolean(load_default=False)
    professionalIncome = FeelNumber(load_default=Decimal(0), validate=_MONEY, metadata={"description": "monthly"})
    socialSecurityBenefits = FeelNumber(
        load_default=Decimal(0), validate=_MONEY,
        metadata={"description": "monthly benefits under a social-security legislation; counted as income (S4)"},
    )
    requestDate = _date(load_default=None, allow_none=True)
    insuranceMonthsBeforeIncapacity = WholeNumber(
        load_default=None, allow_none=True,
        validate=validate.Range(min=0, max=MAX_MONTHS, error=f"Must be between 0 and {MAX_MONTHS}."),
    )
    residenceCountry = CountryCode(load_default=None, allow_none=True)
    nationality = CountryCode(load_default=None, allow_none=True)
    birthDate = _date(load_default=None, allow_none=True)

    @validates_schema(skip_on_field_errors=False)
    def _consistent(self, data, **kwargs):
        start = data.get("incapacityStartDate")
        errors = {}
        if start and data.get("referenceDate") and data["referenceDate"] < start:
            errors["referenceDate"] = ["Must not precede incapacityStartDate."]
        if start and data.get("birthDate") and data["birthDate"] > start:
            errors["birthDate"] = ["Must not follow incapacityStartDate."]
        if data.get("nonWorkAccident") is True and data.get("cause") == "work-accident":
            errors["nonWorkAccident"] = ["Must not be true when cause is work-accident."]
        if errors:
            raise ValidationError(errors)


class OssomAnswerSchema(Schema):
    eligible = fields.Boolean(allow_none=True)
    reasons = fields.List(
        fields.Nested(CodedSchema), allow_none=True,
        metadata={"description": "codes among work-accident, waiting-period, residence, pension (refusals) and "
                                 "late-request, maternity-rest-ended (nothing payable for the reference date)"},
    )
    averageContribution = FeelNumber(allow_none=True, metadata={"description": "rounded half up to the cent"})
    incapacityMonth = WholeNumber(allow_none=True)
    monthlyAllowance = FeelNumber(allow_none=True)
    payableAmount = FeelNumber(allow_none=True)
    reviewFlags = fields.List(fields.String(), allow_none=True, metadata={"description": "codes, such as age-65"})


class OssomResponseSchema(EvaluationTraceMixin, OutcomeMixin, OssomAnswerSchema):
    """The answer fields first, then the model and the trace."""
