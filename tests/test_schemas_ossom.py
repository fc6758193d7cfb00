"""The OSSOM request schema, rule set v2 (API.md): the new fields and their defaults, and plausible values only."""

from decimal import Decimal

import pytest
from marshmallow import ValidationError

from schemas.ossom import OssomRequestSchema
from schemas.problem import error_list
from service.jsonvalues import dumps, loads

BASE = {"incapacityStartDate": "2026-01-10", "referenceDate": "2026-02-01", "monthlyContributions": [500, 600]}


def load(**changes):
    return OssomRequestSchema().load(loads(dumps({**BASE, **changes})))


def errors(**changes) -> dict:
    with pytest.raises(ValidationError) as info:
        load(**changes)
    return {e["path"]: e["message"] for e in error_list(info.value.messages)}


def test_v2_fields_and_their_defaults():
    case = load()
    assert case["cause"] == "illness"  # API.md: default illness
    assert case["maternityRest"] is False
    assert case["socialSecurityBenefits"] == 0 and type(case["socialSecurityBenefits"]) is Decimal
    case = load(cause="accident", maternityRest=True, socialSecurityBenefits="250.50")
    assert (case["cause"], case["maternityRest"], case["socialSecurityBenefits"]) == ("accident", True,
                                                                                       Decimal("250.50"))


def test_cause_is_one_of_three():
    assert errors(cause="occupational-disease") == {"cause": "Must be one of: illness, accident, work-accident."}


def test_a_work_accident_is_not_a_non_work_accident():
    assert errors(cause="work-accident", nonWorkAccident=True) == {
        "nonWorkAccident": "Must not be true when cause is work-accident."}
    assert load(cause="work-accident")["nonWorkAccident"] is False


def test_amounts_above_100000_a_month_are_refused():
    assert load(monthlyContributions=[100000], professionalIncome=100000,
                socialSecurityBenefits="100000.00")["professionalIncome"] == 100000
    assert errors(monthlyContributions=[500, "100000.01"], professionalIncome=250000,
                  socialSecurityBenefits=1e6) == {
        "monthlyContributions[1]": "Must be at most 100000 a month.",
        "professionalIncome": "Must be at most 100000 a month.",
        "socialSecurityBenefits": "Must be at most 100000 a month.",
    }
    assert errors(socialSecurityBenefits=-1) == {"socialSecurityBenefits": "Must be ≥ 0."}


def test_dates_before_1900_or_after_2200_are_refused():
    assert load(incapacityStartDate="1900-01-01", birthDate="1900-01-01")["birthDate"].year == 1900
    assert load(referenceDate="2200-12-31")["referenceDate"].year == 2200
    bad = errors(incapacityStartDate="1899-12-31", referenceDate="2201-01-01", requestDate="0001-01-01",
                 birthDate="1850-06-01")
    assert bad == {name: "Must be between 1900-01-01 and 2200-12-31."
                   for name in ("incapacityStartDate", "referenceDate", "requestDate", "birthDate")}


def test_counts_are_plausible():
    assert errors(insuranceMonthsBeforeIncapacity=1201) == {
        "insuranceMonthsBeforeIncapacity": "Must be between 0 and 1200."}
    assert errors(monthlyContributions=[500] * 1201) == {
        "monthlyContributions": "Must hold at most 1200 monthly contributions."}
    assert len(load(monthlyContributions=[500] * 1200)["monthlyContributions"]) == 1200


@pytest.mark.parametrize("code", ["UK", "XX", "EU", "B1", "É1"])
def test_country_codes_are_iso_3166_alpha_2(code):
    # UK is a common slip for GB; EU is not a country; RULES §9: the codes are validated
    assert errors(residenceCountry=code) == {
        "residenceCountry": "Not an ISO 3166 alpha-2 country code (two letters, such as BE)."}


def test_country_codes_in_any_case():
    case = load(residenceCountry="gb", nationality="Gr")
    assert (case["residenceCountry"], case["nationality"]) == ("GB", "GR")
