"""The strict INAMI and OSSOM request schemas (API.md) and the flattening of errors into JSON paths."""

import datetime as dt
from decimal import Decimal

import pytest
from marshmallow import ValidationError

from schemas.inami import InamiRequestSchema
from schemas.ossom import OssomRequestSchema
from schemas.problem import error_list, join_path
from service.jsonvalues import loads


def errors_of(schema, body: str) -> dict:
    with pytest.raises(ValidationError) as info:
        schema.load(loads(body))
    return {e["path"]: e["message"] for e in error_list(info.value.messages)}


EMPLOYEE = (
    '{"status": "employee", "incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20",'
    ' "grossDailyWage": 150.00, "household": {"livesAlone": true}}'
)


def test_inami_defaults_as_api_md_says():
    case = InamiRequestSchema().load(loads(EMPLOYEE))
    assert case["regularWorker"] is True
    assert case["cause"] == "illness"
    assert case["civilServant"] is False and case["disabilityAllowance"] is False
    assert case["grossDailyWage"] == Decimal("150.00") and type(case["grossDailyWage"]) is Decimal
    assert case["incapacityStartDate"] == dt.date(2026, 1, 15)
    # RULES §1 (v2): a household field not given stays null (the answer is a manual review naming it)
    assert case["household"]["dependentChildren"] is None
    # API.md v2 defaults
    assert case["guaranteedWage"] is True and case["invalidityRecognition"] == "recognised"
    assert case["lateDeclarationExcused"] is False
    # every input of the model is present, null when not given
    for name in ("incapacityEndDate", "unemploymentDailyAllowance", "workedDaysLast12Months",
                 "earningCapacityReduction", "declarationDate", "selfEmployed", "periodStart", "periodEnd",
                 "previousIncapacity"):
        assert case[name] is None


def test_inami_required_fields_and_enumerations():
    errors = errors_of(InamiRequestSchema(), '{"status": "civil", "cause": "flu"}')
    assert errors["status"].startswith("Must be one of: employee, blue-collar")
    assert errors["cause"].startswith("Must be one of: illness")
    for name in ("incapacityStartDate", "referenceDate", "household"):
        assert errors[name] == "Missing data for required field."


def test_inami_ranges_and_types_name_each_path():
    body = EMPLOYEE.replace('"grossDailyWage": 150.00',
                            '"grossDailyWage": -1, "earningCapacityReduction": 120,'
                            ' "workedDaysLast12Months": 10.5, "regularWorker": "yes"')
    body = body.replace('{"livesAlone": true}', '{"livesAlone": true, "dependentChildren": -1, "pets": 2}')
    errors = errors_of(InamiRequestSchema(), body)
    assert errors == {
        "grossDailyWage": "Must be between 0 and 100000.",
        "earningCapacityReduction": "Must be between 0 and 100 (percent).",
        "workedDaysLast12Months": "Not a valid whole number.",
        "regularWorker": "Not a boolean: use true or false.",
        "household.dependentChildren": "Must be between 0 and 30.",
        "household.pets": "Unknown field.",
    }


def test_reference_date_must_not_precede_the_start():
    errors = errors_of(InamiRequestSchema(), EMPLOYEE.replace("2026-03-20", "2026-01-14"))
    assert errors == {"referenceDate": "Must not precede incapacityStartDate."}
    # the same day is fine
    InamiRequestSchema().load(loads(EMPLOYEE.replace("2026-03-20", "2026-01-15")))


def test_fields_required_by_status():
    unemployed = EMPLOYEE.replace('"employee"', '"unemployed"').replace('"grossDailyWage": 150.00, ', "")
    assert errors_of(InamiRequestSchema(), unemployed) == {
        "grossDailyWage": "Required for status unemployed.",
        "unemploymentDailyAllowance": "Required for status unemployed.",
    }
    self_employed = EMPLOYEE.replace('"employee"', '"self-employed"')
    self_employed = self_employed.replace('"grossDailyWage": 150.00, ', "")
    case = InamiRequestSchema().load(loads(self_employed))
    assert case["grossDailyWage"] is None
    # RULES §6-7 (v2): activityStopped and businessCeased are two facts, neither defaulted (a missing condition
    # is unchecked, a missing cessation a manual review where the amount depends on it)
    assert case["selfEmployed"] == {"activityStopped": None, "businessCeased": None, "waitingPeriodMonths": None,
                                    "waitingPeriodExempt": False, "contributionGapDays": None}
    with_block = EMPLOYEE.replace('"household"', '"selfEmployed": {"businessCeased": false}, "household"')
    assert errors_of(InamiRequestSchema(), with_block) == {"selfEmployed": "Only for status self-employed."}


def test_cohabitant_incomes_not_given_stay_null():
    """RULES §1 and §11 (v2): a household field the family category needs and the request leaves out is a
    manual review naming it (the model's householdGaps table), not a 422 and never a default of 0."""
    body = EMPLOYEE.replace('{"livesAlone": true}', '{"livesAlone": false, "dependentChildren": 0}')
    household = InamiRequestSchema().load(loads(body))["household"]
    assert household["cohabitantProfessionalIncome"] is None and household["cohabitantReplacementIncome"] is None


def test_numeric_strings_are_accepted_as_numbers():
    case = InamiRequestSchema().load(loads(EMPLOYEE.replace("150.00", '"150.10"')))
    assert case["grossDailyWage"] == Decimal("150.10")
    errors = errors_of(InamiRequestSchema(), EMPLOYEE.replace("150.00", '"abc"'))
    assert errors == {"grossDailyWage": "Not a valid number."}


def test_booleans_are_not_numbers():
    errors = errors_of(InamiRequestSchema(), EMPLOYEE.replace("150.00", "true"))
    assert errors == {"grossDailyWage": "Not a valid number."}


OSSOM = (
    '{"incapacityStartDate": "2026-01-10", "referenceDate": "2026-02-01", "monthlyContributions": [500, 600]}'
)


def test_ossom_defaults():
    case = OssomRequestSchema().load(loads(OSSOM))
    assert case["monthlyContributions"] == [Decimal(500), Decimal(600)]
    for name in ("familyCharge", "thirdPersonAssistance", "nonWorkAccident", "linkedScheme",
                 "exceptionalAuthorisation", "ossomPension"):
        assert case[name] is False
    assert case["professionalIncome"] == 0
    assert case["requestDate"] is None and case["residenceCountry"] is None


def test_ossom_errors_name_list_items_and_codes():
    body = OSSOM.replace("[500, 600]", '[500, "x", -3]')[:-1]
    body += ', "residenceCountry": "BEL", "nationality": "fr"}'
    errors = errors_of(OssomRequestSchema(), body)
    assert errors == {
        "monthlyContributions[1]": "Not a valid number.",
        "monthlyContributions[2]": "Must be ≥ 0.",
        "residenceCountry": "Not an ISO 3166 alpha-2 country code (two letters, such as BE).",
    }
    assert OssomRequestSchema().load(loads(OSSOM[:-1] + ', "nationality": "fr"}'))["nationality"] == "FR"


def test_ossom_contributions_must_not_be_empty():
    errors = errors_of(OssomRequestSchema(), OSSOM.replace("[500, 600]", "[]"))
    assert errors == {"monthlyContributions": "Must hold at least one monthly contribution."}


def test_body_must_be_an_object():
    assert errors_of(OssomRequestSchema(), "[1, 2]") == {"": "Must be a JSON object."}


def test_join_path_quotes_keys_that_are_not_plain():
    assert join_path("", "household") == "household"
    assert join_path("household", "dependentChildren") == "household.dependentChildren"
    assert join_path("list", 3) == "list[3]"
    assert join_path("ctx", "a.b") == 'ctx["a.b"]'
    assert join_path("", "Monthly Salary") == "Monthly Salary"


def test_unknown_fields_are_listed_after_the_others_in_sorted_order():
    """marshmallow gives unknown keys in set order, which varies between processes: the list sorts them."""
    messages = {"zeta": ["Unknown field."], "status": ["Must be one of: employee."], "alpha": ["Unknown field."],
                "household": {"yy": ["Unknown field."], "livesAlone": ["Not a valid boolean."],
                              "bb": ["Unknown field."]}}
    assert [(e["path"], e["message"]) for e in error_list(messages)] == [
        ("status", "Must be one of: employee."),
        ("household.livesAlone", "Not a valid boolean."),
        ("household.bb", "Unknown field."),
        ("household.yy", "Unknown field."),
        ("alpha", "Unknown field."),
        ("zeta", "Unknown field."),
    ]
