"""POST /benefits/ossom: the strict request (API.md) and the answer.

The loaded request is keyed like the model's input data, every field present (absent optional fields ``None``,
defaults filled in), numbers as ``Decimal``, dates as ``datetime.date``, country codes upper case.
"""

from __future__ import annotations

from decimal import Decimal

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .base import ObjectSchema
from .evaluation import EvaluationTraceMixin
from .fields import FeelAny, FeelNumber, IsoDate, StrictBoolean, WholeNumber

__all__ = ["OssomRequestSchema", "OssomResponseSchema"]

_NOT_NEGATIVE = validate.Range(min=0, error="Must be ≥ 0.")


class CountryCode(fields.String):
    """An ISO 3166-1 alpha-2 code (``BE``); lower case is accepted and upper-cased."""

    default_error_messages = {"country": "Not an ISO 3166 alpha-2 country code (two letters, such as BE)."}
    OPENAPI_PATTERN = "^[A-Za-z]{2}$"

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if len(text) != 2 or not text.isascii() or not text.isalpha():
            raise self.make_error("country")
        return text.upper()


class OssomRequestSchema(ObjectSchema):
    incapacityStartDate = IsoDate(required=True)
    referenceDate = IsoDate(required=True, metadata={"description": "not before the start"})
    monthlyContributions = fields.List(
        FeelNumber(validate=_NOT_NEGATIVE),
        required=True,
        validate=validate.Length(min=1, error="Must hold at least one monthly contribution."),
        metadata={"description": "oldest first"},
    )
    familyCharge = StrictBoolean(load_default=False)
    thirdPersonAssistance = StrictBoolean(load_default=False)
    nonWorkAccident = StrictBoolean(load_default=False)
    linkedScheme = StrictBoolean(load_default=False)
    exceptionalAuthorisation = StrictBoolean(load_default=False)
    ossomPension = StrictBoolean(load_default=False)
    professionalIncome = FeelNumber(load_default=Decimal(0), validate=_NOT_NEGATIVE,
                                    metadata={"description": "monthly"})
    requestDate = IsoDate(load_default=None, allow_none=True)
    insuranceMonthsBeforeIncapacity = WholeNumber(load_default=None, allow_none=True, validate=_NOT_NEGATIVE)
    residenceCountry = CountryCode(load_default=None, allow_none=True)
    nationality = CountryCode(load_default=None, allow_none=True)
    birthDate = IsoDate(load_default=None, allow_none=True)

    @validates_schema(skip_on_field_errors=False)
    def _dates_in_order(self, data, **kwargs):
        start = data.get("incapacityStartDate")
        errors = {}
        if start and data.get("referenceDate") and data["referenceDate"] < start:
            errors["referenceDate"] = ["Must not precede incapacityStartDate."]
        if start and data.get("birthDate") and data["birthDate"] > start:
            errors["birthDate"] = ["Must not follow incapacityStartDate."]
        if errors:
            raise ValidationError(errors)


class OssomAnswerSchema(Schema):
    eligible = fields.Boolean(allow_none=True)
    reasons = fields.List(
        FeelAny(), allow_none=True,
        metadata={"description": "codes among request-deadline, waiting-period, residence, pension"},
    )
    averageContribution = FeelNumber(allow_none=True)
    incapacityMonth = WholeNumber(allow_none=True)
    monthlyAllowance = FeelNumber(allow_none=True)
    payableAmount = FeelNumber(allow_none=True)
    reviewFlags = fields.List(fields.String(), allow_none=True)


class OssomResponseSchema(EvaluationTraceMixin, OssomAnswerSchema):
    """The answer fields first, then the model and the trace."""
